// The platform admin's money console (/admin/finance…): the dashboard from the demo ledger, editing a
// credit package, a manual credit grant, a payout run, and the ledger entry the grant wrote.
// Shared demo data is left as other tests expect it: the Starter price is put back to $75.00, and the
// grant goes to Northwind Sales (the buyer tests use Acme Growth).
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiLogin, DEMO, graphql, login } from './support/app';
import { useBrowser } from './support/browser';

const STARTER_PRICE_CENTS = 7500;
const GRANT_WORKSPACE = 'Northwind Sales';

/** The first dollar amount in an element ("$1,234.56" → 1234.56). */
async function dollarsIn(locator: Locator): Promise<number> {
  const text = await locator.innerText();
  const match = /(-?)\$([\d,]+\.\d\d)/.exec(text);
  if (!match) throw new Error(`no dollar amount in "${text}"`);
  return Number(`${match[1]}${match[2]!.replace(/,/g, '')}`);
}

/** The credits of the "Current balance" figure ("2,500 credits" → 2500). */
async function balanceIn(page: Page): Promise<number> {
  const text = await page.getByRole('group', { name: 'Current balance' }).innerText();
  const match = /([\d,]+(?:\.\d+)?) credits/.exec(text);
  if (!match) throw new Error(`no balance in "${text}"`);
  return Number(match[1]!.replace(/,/g, ''));
}

/** Puts the Starter package back to its seeded price through the API (whatever the UI steps did). */
async function restoreStarterPrice(): Promise<void> {
  const token = await apiLogin(DEMO.admin);
  const { adminCreditPackages } = await graphql<{
    adminCreditPackages: { id: string; name: string; credits: number; priceCents: number; active: boolean; sortOrder: number }[];
  }>('{ adminCreditPackages { id name credits priceCents active sortOrder } }', {}, token);
  const starter = adminCreditPackages.find((p) => p.name === 'Starter');
  if (!starter || starter.priceCents === STARTER_PRICE_CENTS) return;
  await graphql(
    'mutation ($input: CreditPackageSaveInput!) { creditPackageSave(input: $input) { userErrors { message } } }',
    { input: { ...starter, priceCents: STARTER_PRICE_CENTS } },
    token,
  );
}

describe('admin finance console', () => {
  const b = useBrowser('admin-finance');

  it('the platform admin reads the dashboard, edits a package, grants credits, runs payouts and finds the grant in the ledger', async () => {
    const { page } = b;
    await login(page, 'admin', DEMO.admin);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });

    // Dashboard: the demo data has commissions on past lead sales.
    await nav.getByRole('link', { name: 'Finance dashboard' }).click();
    await page.getByRole('heading', { name: 'Finance', exact: true }).waitFor();
    const commissions = page.getByRole('group', { name: 'Commissions' });
    await commissions.getByText(/\$[\d,]+\.\d\d/).waitFor();
    expect(await dollarsIn(commissions)).toBeGreaterThan(0);
    await page.getByRole('group', { name: 'Credits outstanding' }).waitFor();

    try {
      // Credit packages: Starter from $75.00 to $79.99.
      await nav.getByRole('link', { name: 'Credit packages' }).click();
      const packages = page.getByRole('table', { name: 'Credit packages' });
      const starter = packages.getByRole('row', { name: /Starter/ });
      await starter.getByText('$75.00').waitFor();
      await starter.getByRole('button', { name: 'Edit Starter' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit Starter' });
      await dialog.getByRole('textbox', { name: 'Price (USD)' }).fill('79.99');
      await dialog.getByRole('button', { name: 'Save package' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await starter.getByText('$79.99').waitFor();

      // Put the price back through the UI as well: the buyer tests pay $75.00 for Starter.
      await starter.getByRole('button', { name: 'Edit Starter' }).click();
      await dialog.getByRole('textbox', { name: 'Price (USD)' }).fill('75');
      await dialog.getByRole('button', { name: 'Save package' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await starter.getByText('$75.00').waitFor();
    } finally {
      await restoreStarterPrice();
    }

    // Grant 100 credits, from the workspace list's "Adjust credits" action.
    await nav.getByRole('link', { name: 'Workspaces' }).click();
    await page.getByRole('textbox', { name: 'Search workspaces' }).fill('Northwind');
    await page.getByRole('link', { name: `Adjust credits of ${GRANT_WORKSPACE}` }).click();
    await page.getByRole('heading', { name: 'Credit adjustments' }).waitFor();
    await page.getByRole('heading', { name: GRANT_WORKSPACE }).waitFor();
    await page
      .getByRole('group', { name: 'Current balance' })
      .getByText(/credits$/)
      .waitFor();
    const before = await balanceIn(page);

    const form = page.getByRole('form', { name: 'Adjust credits' });
    const reason = `E2E goodwill grant ${Date.now().toString(36)}`;
    await form.getByRole('textbox', { name: 'Credits' }).fill('100');
    await form.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await form.getByRole('button', { name: 'Grant credits' }).click();
    await form
      .getByRole('status')
      .getByText(/New balance/)
      .waitFor();
    await expect.poll(() => balanceIn(page)).toBe(before + 100);

    // Payout runs: run this month's data-pack payouts now; the run is listed (and opens). (Not the
    // lead-sales stream: that would pay the demo partner whose own payout the partner test requests.)
    await nav.getByRole('link', { name: 'Payout runs' }).click();
    await page.getByRole('heading', { name: 'Payout runs' }).waitFor();
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('menuitem', { name: 'Data packs' }).click();
    const confirm = page.getByRole('dialog', { name: 'Run data packs payouts now?' });
    await confirm.getByText(/never pays anyone twice/).waitFor();
    await confirm.getByRole('button', { name: 'Run payouts' }).click();
    const drawer = page.getByRole('dialog', { name: /^Data packs payouts · \d{4}-\d{2}$/ });
    await drawer.waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    const run = page
      .getByRole('table', { name: 'Payout runs' })
      .getByRole('row')
      .filter({ hasText: 'Data packs' })
      .filter({ hasText: 'Admin' })
      .first();
    await run.getByText('Completed').waitFor();

    // Ledger: the grant is a CREDIT_ADJUSTMENT entry whose postings balance.
    await nav.getByRole('link', { name: 'Ledger' }).click();
    await page.getByRole('heading', { name: 'Ledger' }).waitFor();
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'CREDIT_ADJUSTMENT', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'CREDIT_ADJUSTMENT');
    const description = `Adjustment by Hotlead: ${reason}`;
    const entries = page.getByRole('table', { name: 'Ledger entries' });
    await entries.getByRole('cell', { name: description, exact: true }).waitFor();
    await entries.getByRole('button', { name: `Show postings of ${description}` }).click();
    const postings = page.getByRole('table', { name: `Postings of ${description}` });
    await postings.getByRole('row').filter({ hasText: 'WORKSPACE_CREDITS' }).getByText('+100').waitFor();
    await postings
      .getByRole('row', { name: /Sum of CREDITS/ })
      .getByText('Balanced')
      .waitFor();
  });
});
