// The buyer console (/buyer/): a workspace owner signs in, sees the workspace and its members, signs out.
import { describe, expect, it } from 'vitest';
import { DEMO, login, logout } from './support/app';
import { useBrowser } from './support/browser';

describe('buyer console', () => {
  const b = useBrowser('buyer');

  it('the buyer owner logs in, sees workspace "Acme Growth" with its members, and logs out', async () => {
    const { page } = b;
    await login(page, 'buyer', DEMO.buyerOwner);

    // Home sends a buyer to their first workspace.
    await page.waitForURL(/\/buyer\/workspaces\/[^/]+$/);
    await page.getByRole('heading', { name: 'Acme Growth', level: 2 }).waitFor();
    await page.getByRole('link', { name: 'Acme Growth' }).waitFor();

    const members = page.getByRole('table', { name: 'Members' });
    await members.waitFor();
    await members.getByRole('cell', { name: DEMO.buyerOwner }).waitFor();
    await members.getByRole('cell', { name: DEMO.buyerMember }).waitFor();
    expect(await members.getByRole('row').count()).toBe(3); // header + two members

    await logout(page, 'buyer');
    expect(new URL(page.url()).pathname).toBe('/buyer/login');

    // Signed out for real: a protected page sends back to the login page.
    await page.goto('/buyer/account');
    await page.waitForURL((url) => url.pathname === '/buyer/login');
  });
});
