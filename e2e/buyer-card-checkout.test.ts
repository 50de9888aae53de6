// Paying for leads with credits and a card in the browser: a fresh buyer workspace of the Northwind
// owner holds 1 credit (granted by the platform admin through the API), so its cart has a shortfall.
// The owner pays the rest by card on the sandbox provider's checkout page, returns to the checkout
// result page, watches the purchase complete, and downloads the CSV with the contact revealed.
import { describe, it } from 'vitest';
import { apiLogin, expectPurchaseCsv, graphql, login } from './support/app';
import { useBrowser } from './support/browser';

const NORTHWIND_OWNER = 'owner@northwind.test';

describe('buyer card checkout', () => {
  const b = useBrowser('buyer-card-checkout');

  it('holds the credits, pays the rest by card on the sandbox page, and completes live', async () => {
    const { page } = b;
    const ownerToken = await apiLogin(NORTHWIND_OWNER);
    const made = await graphql<{ workspaceCreate: { workspace: { id: string } } }>(
      `
        mutation ($input: WorkspaceCreateInput!) {
          workspaceCreate(input: $input) {
            workspace {
              id
            }
          }
        }
      `,
      { input: { kind: 'BUYER', name: 'Northwind card e2e' } },
      ownerToken,
    );
    const workspaceId = made.workspaceCreate.workspace.id;
    const adminToken = await apiLogin('admin@hotlead.test');
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
      { input: { workspaceId, credits: 1, direction: 'GRANT', reason: 'e2e: partial payment' } },
      adminToken,
    );

    await login(page, 'buyer', NORTHWIND_OWNER);
    await page.goto(`/buyer/workspaces/${encodeURIComponent(workspaceId)}/marketplace`);
    const firstCard = page.getByRole('article').first();
    await firstCard.waitFor();
    await firstCard.getByRole('button', { name: 'Add to cart' }).click();
    await firstCard.getByText('In cart').waitFor();

    await page.goto(`/buyer/workspaces/${encodeURIComponent(workspaceId)}/cart`);
    await page.getByRole('table', { name: 'Cart' }).waitFor();
    await page.getByRole('button', { name: /^Pay 1 credits with credits and the rest .* by card$/ }).click();

    // The provider's page (the sandbox locally): pay.
    await page.waitForURL(/\/buyer\/sandbox\/checkout\/cs_sbx_[0-9a-f]+$/);
    await page.getByRole('button', { name: /^Pay \$/ }).click();

    // Back on the checkout result page, which follows the purchase until its CSV is ready.
    await page.waitForURL(/\/buyer\/checkout\/result\?/);
    await page.getByText(/^Purchase complete: 1 lead/).waitFor();
    const download = page.getByRole('link', { name: 'Download CSV' }).first();
    await download.waitFor();
    await expectPurchaseCsv(page, await download.getAttribute('href'), 1);
  });
});
