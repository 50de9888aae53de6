// The buyer's marketplace in the browser: the second demo buyer workspace's owner (Northwind Sales, so
// the Acme Growth balance other tests read stays as seeded) narrows the demo inventory with a filter,
// adds the first lead to the cart, buys it with the workspace's welcome credits, and downloads the
// purchase as CSV with the contact details revealed.
import { describe, expect, it } from 'vitest';
import { expectPurchaseCsv, login } from './support/app';

const NORTHWIND_OWNER = 'owner@northwind.test';
import { useBrowser } from './support/browser';

describe('buyer marketplace', () => {
  const b = useBrowser('buyer-marketplace');

  it('filters the marketplace, adds a lead to the cart, buys it with credits and downloads the CSV', async () => {
    const { page } = b;
    await login(page, 'buyer', NORTHWIND_OWNER);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Marketplace' }).click();
    const firstCard = page.getByRole('article').first();
    await firstCard.waitFor();

    // Filters live in the URL: "has phone" from a shared link.
    await page.goto(`${page.url().split('?')[0]}?phone=1`);
    await page.getByText(/^[\d,]+ leads$/).waitFor();
    await firstCard.waitFor();

    // Contact details are masked before the purchase.
    expect(await firstCard.innerText()).toMatch(/\*\*\*@/);
    await firstCard.getByRole('button', { name: 'Add to cart' }).click();
    await firstCard.getByText('In cart').waitFor();

    await nav.getByRole('link', { name: 'Cart' }).click();
    await page.getByRole('table', { name: 'Cart' }).waitFor();
    await page.getByRole('button', { name: 'Buy with credits' }).click();

    // The purchase is in the history, with its CSV.
    await page.getByRole('table', { name: 'Lead purchases' }).waitFor();
    const download = page.getByRole('link', { name: 'Download CSV' }).first();
    await expectPurchaseCsv(page, await download.getAttribute('href'), 1);
  });
});
