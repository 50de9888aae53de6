// After a purchase, in the browser: the Northwind owner reports a bought lead as the wrong person from
// the purchase's page; the platform admin refunds it from the bad-lead review in the admin app; then
// the person behind the lead opts out on the public page and the suppression list grows. The purchase
// itself is set up through the API in a fresh workspace, so other tests' balances stay as seeded.
import { describe, expect, it } from 'vitest';
import { apiLogin, graphql, login } from './support/app';
import { useBrowser } from './support/browser';

const NORTHWIND_OWNER = 'owner@northwind.test';

describe('bad leads and opting out', () => {
  const b = useBrowser('bad-leads');

  it('a buyer reports a lead, the admin refunds it, and the person opts out', async () => {
    const { page } = b;
    const owner = await apiLogin(NORTHWIND_OWNER);
    const admin = await apiLogin('admin@hotlead.test');
    const { workspaceCreate } = await graphql<{ workspaceCreate: { workspace: { id: string } } }>(
      `
        mutation ($input: WorkspaceCreateInput!) {
          workspaceCreate(input: $input) {
            workspace {
              id
            }
          }
        }
      `,
      { input: { kind: 'BUYER', name: 'Northwind reports e2e' } },
      owner,
    );
    const workspaceId = workspaceCreate.workspace.id;
    await graphql(
      `
        mutation ($input: CreditAdjustInput!) {
          creditAdjust(input: $input) {
            userErrors {
              message
            }
          }
        }
      `,
      { input: { workspaceId, credits: 500, direction: 'GRANT', reason: 'e2e: bad leads' } },
      admin,
    );
    const found = await graphql<{ leadSearch: { leads: { nodes: { id: string }[] } } }>(
      `
        query ($w: ID!) {
          leadSearch(workspaceId: $w, first: 1, filter: { priceMax: "5" }) {
            leads {
              nodes {
                id
              }
            }
          }
        }
      `,
      { w: workspaceId },
      owner,
    );
    await graphql(
      `
        mutation ($input: CartAddInput!) {
          cartAdd(input: $input) {
            userErrors {
              message
            }
          }
        }
      `,
      {
        input: { workspaceId, leadIds: [found.leadSearch.leads.nodes[0]!.id] },
      },
      owner,
    );
    const bought = await graphql<{ leadsPurchase: { purchase: { id: string } } }>(
      `
        mutation ($input: LeadsPurchaseInput!) {
          leadsPurchase(input: $input) {
            purchase {
              id
            }
            userErrors {
              message
            }
          }
        }
      `,
      { input: { workspaceId, idempotencyKey: `e2e-bad-leads-${Date.now()}` } },
      owner,
    );
    const purchaseId = bought.leadsPurchase.purchase.id;
    const detail = await graphql<{
      leadPurchase: { items: { nodes: { lead: { email: string; firstName: string; lastName: string } }[] } };
    }>(
      `
        query ($id: ID!) {
          leadPurchase(id: $id) {
            items(first: 1) {
              nodes {
                lead {
                  email
                  firstName
                  lastName
                }
              }
            }
          }
        }
      `,
      { id: purchaseId },
      owner,
    );
    const lead = detail.leadPurchase.items.nodes[0]!.lead;

    // The buyer reports it from the purchase's page.
    await login(page, 'buyer', NORTHWIND_OWNER);
    await page.goto(`/buyer/workspaces/${encodeURIComponent(workspaceId)}/purchases/${encodeURIComponent(purchaseId)}`);
    await page
      .getByRole('button', { name: /^Report a problem with/ })
      .first()
      .click();
    await page.getByRole('combobox', { name: 'What is wrong?' }).click();
    await page.getByRole('option', { name: 'Wrong person' }).click();
    await page.getByRole('textbox', { name: 'Note' }).fill('This person left the company last year.');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByRole('button', { name: 'Send report' }).waitFor({ state: 'detached' });
    const reports = await graphql<{ leadReports: { id: string; status: string }[] }>(
      `
        query ($w: ID!) {
          leadReports(workspaceId: $w) {
            id
            status
          }
        }
      `,
      { w: workspaceId },
      owner,
    );
    expect(reports.leadReports).toEqual([expect.objectContaining({ status: 'OPEN' })]);

    // The platform admin refunds it from the review page.
    await login(page, 'admin', 'admin@hotlead.test');
    await page.goto('/admin/marketplace/reports');
    const table = page.getByRole('table', { name: 'Bad-lead reports' });
    const row = table.getByRole('row').filter({ hasText: lead.email });
    await row.getByRole('button', { name: 'Refund' }).click();
    await page.getByRole('textbox', { name: 'Note to the buyer' }).fill('Confirmed with the supplier; credits refunded.');
    await page.getByRole('button', { name: 'Refund credits' }).click();
    // Decided: it leaves the list of open reports.
    await row.waitFor({ state: 'detached' });
    const after = await graphql<{ leadReports: { status: string }[] }>(
      `
        query ($w: ID!) {
          leadReports(workspaceId: $w) {
            status
          }
        }
      `,
      { w: workspaceId },
      owner,
    );
    expect(after.leadReports[0]!.status).toBe('REFUNDED');

    // The person opts out on the public page.
    const before = await graphql<{ suppressionStats: { total: number } }>(
      `
        {
          suppressionStats {
            total
          }
        }
      `,
      {},
      admin,
    );
    await page.goto('/buyer/opt-out');
    await page.getByRole('textbox', { name: 'Email' }).fill(lead.email);
    await page.getByRole('button', { name: 'Opt out' }).click();
    await page.getByText(/If Hotlead held your details, they have been removed/).waitFor();
    const stats = await graphql<{ suppressionStats: { total: number } }>(
      `
        {
          suppressionStats {
            total
          }
        }
      `,
      {},
      admin,
    );
    expect(stats.suppressionStats.total).toBe(before.suppressionStats.total + 1);
  });
});
