// The partner console's money (/partner/orgs/:id/payouts): the first demo partner org has an active
// sandbox payout account and commissions from past sales, some still in the 14-day holdback and some
// available. Its owner sees both and reads the earnings breakdown; then requests a payout and follows it
// until the background job has paid it through the sandbox (this needs the $50 minimum available).
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, graphqlAs, login } from './support/app';
import { useBrowser } from './support/browser';

const PAID_WITHIN_MS = 30_000;

/** The dollar amount a balance card shows ("$1,234.56" → 1234.56; "-$3.10" → -3.1). */
async function amountIn(card: Locator): Promise<number> {
  const text = await card.innerText();
  const match = /(-?)\$([\d,]+\.\d\d)/.exec(text);
  if (!match) throw new Error(`no amount in "${text}"`);
  return Number(`${match[1]}${match[2]!.replace(/,/g, '')}`);
}

async function openPayouts(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Earnings & payouts' }).click();
  await page.getByRole('heading', { name: 'Earnings & payouts' }).waitFor();
}

describe('partner payouts', () => {
  const b = useBrowser('partner-payouts');

  it('the partner owner sees the payout account, pending and available earnings, and the earnings breakdown', async () => {
    const { page } = b;
    await login(page, 'partner', DEMO.partnerOwner);
    await page.getByRole('heading', { name: 'LeadSource Data' }).first().waitFor();
    await openPayouts(page);
    expect(new URL(page.url()).pathname).toMatch(/^\/partner\/orgs\/[^/]+\/payouts$/);

    // The demo payout account: the sandbox's, ready for payouts.
    const account = page.getByRole('region', { name: 'Payout account' });
    await account.getByText('Payouts enabled').waitFor();
    await account.getByText('Sandbox').waitFor();

    // Balances: recent sales wait in the holdback, older ones are available.
    expect(await amountIn(page.getByRole('group', { name: 'Pending' }))).toBeGreaterThan(0);
    expect(await amountIn(page.getByRole('group', { name: 'Available' }))).toBeGreaterThan(0);
    const leadSales = page.getByRole('table', { name: 'Balances by stream' }).getByRole('row', { name: /Lead sales/ });
    await leadSales.getByText(/weekly, Monday/).waitFor();
    expect(await amountIn(leadSales.getByRole('cell').nth(3))).toBe(50);

    // The breakdown, newest first: the latest sales are in holdback; the older, available ones show
    // under the status filter.
    const earnings = page.getByRole('table', { name: 'Earnings' });
    await earnings
      .getByText(/^In holdback until /)
      .first()
      .waitFor();
    expect(await earnings.getByRole('row').count()).toBeGreaterThan(2);
    await page.getByRole('combobox', { name: 'Earning status' }).click();
    await page.getByRole('option', { name: 'Available' }).click();
    const availableRows = earnings.getByRole('row').filter({ hasText: 'Commission on a lead sale' }).filter({ hasText: 'Available' });
    await availableRows
      .first()
      .getByText(/^\d+(\.\d+)?%$/)
      .waitFor();
  });

  it('the partner owner requests a payout and follows it until it is paid', async () => {
    const { page } = b;
    await login(page, 'partner', DEMO.partnerOwner);
    await openPayouts(page);
    await page.getByRole('region', { name: 'Payout account' }).getByText('Payouts enabled').waitFor();

    const available = await amountIn(page.getByRole('group', { name: 'Available' }));
    const paidBefore = await amountIn(page.getByRole('group', { name: 'Paid' }));
    expect(
      available,
      'demo data: the first partner org needs at least $50 of available lead-sale earnings (server/src/seed/money.ts)',
    ).toBeGreaterThanOrEqual(50);

    // Request the available balance now.
    const payouts = page.getByRole('region', { name: 'Payouts' });
    await payouts.getByText('No payouts yet').waitFor();
    await page.getByRole('button', { name: 'Request payout' }).click();
    await page.getByText(/is on its way to your payout account\./).waitFor();
    const row = payouts.getByRole('table', { name: 'Payouts list' }).getByRole('row').nth(1);
    await row.getByText(/^(On the way|Paid)$/).waitFor();
    await row.getByText('Requested').waitFor();
    const payoutAmount = await amountIn(row);
    // The whole available balance in cents (sub-cent remainders stay available); earnings that left the
    // holdback since the page loaded may add a few cents.
    // Compared in whole cents: 58.77 - 0.01 in floating point is 58.760000000000005.
    const cents = (usd: number) => Math.round(usd * 100);
    expect(cents(payoutAmount)).toBeGreaterThanOrEqual(cents(available) - 1);
    expect(cents(payoutAmount) - cents(available)).toBeLessThan(100);

    // The transfer runs in the background: reload until the payout reads Paid.
    const deadline = Date.now() + PAID_WITHIN_MS;
    while (!(await row.getByText('Paid', { exact: true }).isVisible())) {
      if (Date.now() > deadline) throw new Error(`the payout was not paid within ${PAID_WITHIN_MS / 1000}s: "${await row.innerText()}"`);
      await page.waitForTimeout(1_000);
      await page.reload();
      await page.getByRole('heading', { name: 'Earnings & payouts' }).waitFor();
      await row.waitFor();
    }
    await row.getByText(/^tr_sbx_/).waitFor();

    // Paid out: (nearly) nothing left available — new earnings may leave the holdback meanwhile — and
    // the Paid total grew by the payout.
    expect(await amountIn(page.getByRole('group', { name: 'Available' }))).toBeLessThan(1);
    expect(await amountIn(page.getByRole('group', { name: 'On the way' }))).toBe(0);
    expect(await amountIn(page.getByRole('group', { name: 'Paid' }))).toBeCloseTo(paidBefore + payoutAmount, 2);
    expect(await page.getByRole('button', { name: 'Request payout' }).isDisabled()).toBe(true);

    // The API agrees.
    const orgId = decodeURIComponent(new URL(page.url()).pathname.split('/')[3]!);
    const data = await graphqlAs<{ partnerPayouts: { status: string; requested: boolean; transferId: string | null }[] }>(
      page.request,
      'query ($id: ID!) { partnerPayouts(partnerOrgId: $id) { status requested transferId } }',
      { id: orgId },
    );
    expect(data.partnerPayouts).toHaveLength(1);
    expect(data.partnerPayouts[0]).toMatchObject({ status: 'PAID', requested: true, transferId: expect.stringMatching(/^tr_sbx_/) });
  });
});
