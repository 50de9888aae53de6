// Buying credits in the buyer console (/buyer/) through the local sandbox payment provider: the owner
// sees the welcome credits, buys the 1,000-credit package, pays on the sandbox checkout page, comes
// back and sees the new balance in the header and on the credits page.
import { describe, expect, it } from 'vitest';
import { apiLogin, DEMO, graphql, login } from './support/app';
import { useBrowser } from './support/browser';

describe('buyer credits', () => {
  const b = useBrowser('buyer-credits');

  it('the buyer owner buys the 1,000-credit package through the sandbox checkout', async () => {
    const { page } = b;
    await login(page, 'buyer', DEMO.buyerOwner);
    await page.waitForURL(/\/buyer\/workspaces\/[^/]+$/);
    const workspacePath = new URL(page.url()).pathname;

    // Demo buyer workspaces start with 2,500 welcome credits; the header shows them and opens the page.
    const headerBalance = page.getByRole('banner').getByTestId('header-credit-balance');
    await expect.poll(() => headerBalance.textContent()).toBe('2,500 credits');
    await headerBalance.click();
    await page.waitForURL((url) => url.pathname === `${workspacePath}/credits`);
    await page.getByRole('heading', { name: 'Credits', level: 2 }).waitFor();
    const pageBalance = page.getByTestId('credit-balance');
    await expect.poll(() => pageBalance.textContent()).toBe('2,500');
    const history = page.getByRole('table', { name: 'Credit history' });
    await history.getByRole('cell', { name: 'Welcome credits' }).waitFor();

    // Buy "Starter" (1,000 credits for $75): the sandbox provider's checkout page opens.
    const starter = page.getByRole('group', { name: 'Starter' });
    expect(await starter.textContent()).toContain('1,000 credits');
    await starter.getByRole('button', { name: 'Buy Starter' }).click();
    await page.waitForURL(/\/buyer\/sandbox\/checkout\/cs_sbx_[0-9a-f]+$/);
    await page.getByText('Hotlead sandbox payments — no real money').waitFor();
    await page.getByText('1,000 Hotlead credits').waitFor();
    expect(await page.getByRole('textbox', { name: 'Card number' }).inputValue()).toBe('4242 4242 4242 4242');

    await page.getByRole('button', { name: 'Pay $75.00' }).click();

    // Back from the provider (/buyer/credits?purchase=…&result=success), on to the workspace's credits page.
    await page.waitForURL((url) => url.pathname === `${workspacePath}/credits` && url.searchParams.get('result') === 'success');
    await page.getByText('Payment received: 1,000 credits added').waitFor();
    await expect.poll(() => pageBalance.textContent()).toBe('3,500');
    await expect.poll(() => headerBalance.textContent()).toBe('3,500 credits');

    const purchases = page.getByRole('table', { name: 'Purchases' });
    const purchase = purchases.getByRole('row').nth(1);
    await purchase.getByText('Paid').waitFor();
    expect(await purchase.textContent()).toContain('Starter');
    expect(await purchase.textContent()).toContain('$75.00');
    await history.getByRole('cell', { name: 'Bought Starter (1,000 credits)' }).waitFor();
    // The card is saved for auto-reload.
    await expect.poll(() => page.getByTestId('saved-card').textContent()).toBe('Visa ending in 4242');

    // Live: a platform admin grants 100 credits; header and page follow without a reload (graphql-ws).
    const workspaceId = decodeURIComponent(workspacePath.split('/').pop()!);
    const adminToken = await apiLogin(DEMO.admin);
    await graphql(
      `
        mutation ($input: CreditAdjustInput!) {
          creditAdjust(input: $input) {
            balance
            userErrors {
              message
            }
          }
        }
      `,
      { input: { workspaceId, credits: 100, direction: 'GRANT', reason: 'e2e: live balance' } },
      adminToken,
    );
    await expect.poll(() => headerBalance.textContent()).toBe('3,600 credits');
    await expect.poll(() => pageBalance.textContent()).toBe('3,600');
    await history.getByRole('cell', { name: 'Adjustment by Hotlead: e2e: live balance' }).waitFor();
  });
});
