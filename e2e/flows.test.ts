// Cross-app flows through real email delivery (job queue → dev mailbox): sign-up with email
// verification, and "forgot password".
import { describe, expect, it } from 'vitest';
import { apiLogin, DEMO, graphqlAs, linkIn, login, uniqueEmail, waitForMail } from './support/app';
import { useBrowser } from './support/browser';

describe('flows', () => {
  const b = useBrowser('flows');

  it('a new person signs up in /buyer/, and the link from the verification email (read in the admin dev mailbox) verifies the address', async () => {
    const { page } = b;
    const email = uniqueEmail('newbuyer');
    const name = 'Nina Newcomer';

    await page.goto('/buyer/signup');
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('a-brand-new-password-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    // Signed in at once; someone with no workspace is asked to create one.
    await page.waitForURL((url) => url.pathname.startsWith('/buyer/') && !url.pathname.endsWith('/signup'));

    const before = await graphqlAs<{ me: { email: string; emailVerified: boolean } | null }>(
      page.request,
      '{ me { email emailVerified } }',
    );
    expect(before.me).toEqual({ email, emailVerified: false });

    // Delivery goes through the job queue: wait for the message (as the admin, through the API)…
    const adminToken = await apiLogin(DEMO.admin);
    const message = await waitForMail(adminToken, email, /confirm your email/i);
    const linkFromApi = linkIn(message, '/buyer/verify-email');

    // …then the admin finds it in the dev mailbox of the admin app and reads the link there.
    const admin = await b.newContext();
    await login(admin.page, 'admin', DEMO.admin);
    await admin.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Dev mailbox' }).click();
    await admin.page.getByRole('heading', { name: 'Dev mailbox' }).waitFor();
    await admin.page.getByRole('textbox', { name: 'Search messages' }).fill(email);
    const messages = admin.page.getByRole('table', { name: 'Messages' });
    await messages.getByRole('row').filter({ hasText: email }).getByRole('link', { name: message.subject }).click();
    await admin.page.getByRole('heading', { name: message.subject }).waitFor();
    await admin.page.getByRole('table', { name: 'Message headers' }).getByText(email).waitFor();
    const linkInUi = admin.page.getByRole('link', { name: /\/buyer\/verify-email\?token=/ });
    const link = await linkInUi.getAttribute('href');
    expect(link).toBe(linkFromApi);

    // The link verifies the address (opened by the new person, in their browser).
    await page.goto(link!);
    await page.getByText('Email verified').waitFor();

    const after = await graphqlAs<{ me: { emailVerified: boolean } | null }>(page.request, '{ me { emailVerified } }');
    expect(after.me?.emailVerified).toBe(true);
  });

  it('forgot password: the buyer member asks for a reset, sets a new password from the emailed link, and logs in with it', async () => {
    const { page } = b;
    const newPassword = 'member-new-password-2026';
    const requestedAt = new Date(Date.now() - 1_000);

    await page.goto('/buyer/login');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL((url) => url.pathname === '/buyer/forgot-password');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO.buyerMember);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText('Check your inbox').waitFor();

    const adminToken = await apiLogin(DEMO.admin);
    const message = await waitForMail(adminToken, DEMO.buyerMember, /reset/i, { after: requestedAt });
    const link = linkIn(message, '/buyer/reset-password');
    expect(new URL(link).pathname).toBe('/buyer/reset-password');

    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill(newPassword);
    await page.getByRole('textbox', { name: 'Confirm new password', exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/buyer/') && url.pathname !== '/buyer/reset-password');

    // A fresh browser: the old password is refused, the new one works.
    const fresh = await b.newContext();
    await fresh.page.goto('/buyer/login');
    await fresh.page.getByRole('textbox', { name: 'Email', exact: true }).fill(DEMO.buyerMember);
    await fresh.page.getByRole('textbox', { name: 'Password', exact: true }).fill('hotlead-demo-2026');
    await fresh.page.getByRole('button', { name: 'Log in' }).click();
    await fresh.page.getByText('Email or password is incorrect.').first().waitFor();

    await login(fresh.page, 'buyer', DEMO.buyerMember, newPassword);
    await fresh.page.getByRole('heading', { name: 'Acme Growth', level: 2 }).waitFor();
  });
});
