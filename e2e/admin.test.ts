// The admin console (/admin/): the platform admin (users, dev mailbox) and a provider manager (the
// provider console in the same app).
import { describe, expect, it } from 'vitest';
import { DEMO, login, logout } from './support/app';
import { useBrowser } from './support/browser';

describe('admin console', () => {
  const b = useBrowser('admin');

  it('the platform admin logs in, sees the users list, opens the dev mailbox, and logs out', async () => {
    const { page } = b;
    await login(page, 'admin', DEMO.admin);

    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).first().waitFor();
    // Seeded accounts are listed (newest first; the demo owner is on the first page).
    await page.getByRole('cell', { name: DEMO.buyerOwner }).waitFor();

    await nav.getByRole('link', { name: 'Dev mailbox' }).click();
    await page.getByRole('heading', { name: 'Dev mailbox' }).first().waitFor();
    await page.getByRole('textbox', { name: 'Search messages' }).waitFor();

    await logout(page, 'admin');
    expect(new URL(page.url()).pathname).toBe('/admin/login');
  });

  it('a provider manager logs in to the admin app and sees the provider console navigation', async () => {
    const { page } = b;
    await login(page, 'admin', DEMO.providerManager);

    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.waitFor();
    // One provider workspace (Bright Plumbing Co): its console entries under "Provider console".
    await nav.getByText('Provider console', { exact: true }).waitFor();
    await nav.getByRole('link', { name: 'Lead inbox' }).waitFor();
    await nav.getByRole('link', { name: 'Members' }).waitFor();
    // Not a platform admin: no user administration.
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
  });
});
