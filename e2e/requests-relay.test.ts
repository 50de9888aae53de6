// A consumer request from the public form to a closed conversation, in the browser, over the real
// mail path: the confirmation email creates the account, routing charges Bright Plumbing, the sales
// user writes first with a PDF from the provider console, the relayed email reaches the dev mailbox
// from a relay address, the admin replies as the recipient over real SMTP to the inbound relay
// server, the reply appears live in the provider's thread, the end user closes the thread (mail to
// its address then bounces at RCPT) and the request, the admin reads a body (audited), and the end
// user's deletion leaves the provider with "Anonymized user".
import net from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { apiLogin, graphql, linkIn, login, uniqueEmail, waitForMail } from './support/app';
import { useBrowser } from './support/browser';

const SALES = 'sales@brightplumbing.test';
const MANAGER = 'manager@brightplumbing.test';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** One SMTP transaction up to RCPT TO; resolves the server's answer to RCPT (e.g. "550 5.7.1 …"). */
async function smtpRcpt(port: number, from: string, to: string): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  const reply = () =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        // A reply ends with a line "NNN text" (no dash after the code).
        const lines = buffer.split('\r\n');
        const last = lines.findIndex((l) => /^\d{3} /.test(l));
        if (last >= 0) {
          const text = lines.slice(0, last + 1).join('\n');
          buffer = lines.slice(last + 1).join('\r\n');
          socket.off('data', onData);
          resolve(text);
        }
      };
      const onData = (chunk: string) => {
        buffer += chunk;
        check();
      };
      socket.on('data', onData);
      socket.once('error', reject);
      check();
    });
  try {
    await reply();
    socket.write('EHLO e2e.example.test\r\n');
    await reply();
    socket.write(`MAIL FROM:<${from}>\r\n`);
    await reply();
    socket.write(`RCPT TO:<${to}>\r\n`);
    return await reply();
  } finally {
    socket.end('QUIT\r\n');
  }
}

describe('consumer requests and the masked relay', () => {
  const b = useBrowser('requests-relay');

  it('routes a request, relays both ways with statuses, closes, audits and forgets', async () => {
    const admin = await apiLogin('admin@hotlead.test');
    const consumerEmail = uniqueEmail('consumer');
    const { page: consumer } = b;

    // 1. The public form, with the opt-in.
    await consumer.goto('/buyer/request/plumbing');
    await consumer.getByRole('heading', { name: 'Plumbing' }).waitFor();
    await consumer.getByRole('textbox', { name: 'Your name' }).fill('Robin Homeowner');
    await consumer.getByRole('textbox', { name: 'Email' }).fill(consumerEmail);
    await consumer.getByRole('textbox', { name: 'State / region' }).fill('CA');
    await consumer.getByRole('textbox', { name: 'City' }).fill('San Francisco');
    await consumer.getByRole('textbox', { name: 'Postal code' }).fill('94110');
    await consumer.getByRole('textbox', { name: 'Details' }).fill('The water heater leaks; call me at 415-555-0199 please.');
    await consumer.getByRole('checkbox', { name: /Hide my email from service providers/ }).check();
    await consumer.getByRole('button', { name: /Send|Submit/ }).click();
    await consumer.getByRole('heading', { name: 'Check your email' }).waitFor();

    // 2. The confirmation email creates the account and asks for a password.
    const confirmation = await waitForMail(admin, consumerEmail, /Confirm your Plumbing request/);
    await consumer.goto(linkIn(confirmation, '/buyer/requests/confirm'));
    await consumer.getByLabel(/^Password/).fill('consumer-pass-2026');
    await consumer.getByLabel(/^Confirm password/).fill('consumer-pass-2026');
    await consumer.getByRole('button', { name: 'Set password and see my requests' }).click();
    await consumer.waitForURL((url) => url.pathname === '/buyer/me');
    await consumer.getByRole('heading', { name: 'My requests' }).waitFor();
    // Routing runs as a job: Bright Plumbing appears among the matched providers (live or on reload).
    await consumer.getByText('Bright Plumbing').first().waitFor({ timeout: 20_000 });

    // 3. The sales user sees the lead in the inbox and opens it: no real email address anywhere.
    const { page: provider } = await b.newContext();
    await login(provider, 'admin', SALES);
    await provider.getByRole('link', { name: 'Lead inbox' }).click();
    await provider.getByRole('heading', { name: 'Lead inbox' }).waitFor();
    await provider.getByRole('link', { name: 'Robin Homeowner' }).first().click();
    await provider.getByRole('heading', { name: 'Robin Homeowner' }).waitFor();
    const leadPanel = provider.getByRole('region', { name: 'Lead' });
    await leadPanel.filter({ hasText: 'Plumbing' }).waitFor();
    expect(await provider.locator('body').textContent()).not.toContain(consumerEmail);

    // 4. The provider writes first, with a PDF.
    const composer = provider.getByRole('form', { name: 'Write a message' });
    await composer.getByRole('textbox', { name: 'Message' }).fill('Hello Robin, we can come on Tuesday. Our quote is attached.');
    await composer.locator('input[type=file]').setInputFiles({ name: 'quote.pdf', mimeType: 'application/pdf', buffer: PDF });
    await composer.getByRole('group', { name: 'Attachment quote.pdf' }).getByLabel('Uploaded').waitFor();
    const sentAt = new Date(Date.now() - 1_000);
    await composer.getByRole('button', { name: /Send/ }).click();
    const messages = provider.getByRole('list', { name: 'Messages' });
    await messages.filter({ hasText: 'we can come on Tuesday' }).waitFor();
    await messages.filter({ hasText: 'quote.pdf' }).waitFor();
    await messages
      .getByText(/^(Sent|Delivered|Read)$/)
      .first()
      .waitFor({ timeout: 20_000 });

    // 5. The relayed email reaches the end user from the provider's relay address, with the abuse link.
    const relayed = await waitForMail(admin, consumerEmail, /Plumbing/, { after: sentAt, timeoutMs: 20_000 });
    expect(relayed.from).toMatch(/via Hotlead|p-[a-z2-7]{32}@relay\./);
    expect(relayed.textBody).toContain('we can come on Tuesday');
    expect(relayed.textBody ?? '').toMatch(/abuse/i);
    expect(relayed.textBody).not.toContain(SALES);

    // 6. The end user reads it in "My requests" (read status) and sees the attachment.
    await consumer
      .getByRole('link', { name: /Bright Plumbing/ })
      .first()
      .click();
    await consumer.getByRole('heading', { name: 'Bright Plumbing' }).waitFor();
    await consumer.getByRole('list', { name: 'Messages' }).filter({ hasText: 'we can come on Tuesday' }).waitFor();
    await consumer.getByRole('link', { name: /quote\.pdf/ }).waitFor();
    await messages.getByText('Read', { exact: true }).first().waitFor({ timeout: 20_000 });

    // 7. The end user replies from their mail client: the admin replies as the recipient from the dev
    //    mailbox, which sends a real SMTP message to the inbound relay server.
    const { page: adminPage } = await b.newContext();
    await login(adminPage, 'admin', 'admin@hotlead.test');
    await adminPage.goto(`/admin/dev-mailbox/${encodeURIComponent(relayed.id)}`);
    const reply = adminPage.getByRole('form', { name: 'Reply as recipient' });
    await reply.getByRole('textbox', { name: 'Reply' }).fill('Tuesday works. Write to me at robin.private@example.test.');
    await reply.getByRole('button', { name: 'Send reply' }).click();
    await adminPage.getByText(/inbound relay/i).waitFor();

    // 8. The reply appears live in the provider's thread, with the address redacted.
    await messages.filter({ hasText: 'Tuesday works' }).waitFor({ timeout: 20_000 });
    expect(await messages.textContent()).not.toContain('robin.private@example.test');

    // 9. The end user closes this provider's thread: it stays readable, and its relay address refuses mail.
    await consumer.reload();
    await consumer.getByRole('list', { name: 'Messages' }).filter({ hasText: 'Tuesday works' }).waitFor();
    await consumer.getByRole('button', { name: 'Close this conversation' }).click();
    await consumer.getByRole('dialog').getByRole('button', { name: /Close/ }).click();
    await consumer.getByText(/this provider can no longer message you/).waitFor();
    const fromAddress = /p-[a-z2-7]{32}@relay\.[a-z.]+/.exec(relayed.from)?.[0];
    expect(fromAddress).toBeTruthy();
    const bounce = await smtpRcpt(inject('relaySmtpPort'), consumerEmail, fromAddress!);
    expect(bounce).toMatch(/^55\d/m);
    expect(bounce).toMatch(/closed/i);
    await provider.reload();
    await provider.getByRole('list', { name: 'Messages' }).filter({ hasText: 'Tuesday works' }).waitFor();
    await provider.getByText('You cannot write in this thread').waitFor();

    // 10. … then the whole request, with feedback.
    await consumer.goto('/buyer/me');
    await consumer.getByRole('button', { name: 'Close request' }).first().click();
    const dialog = consumer.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'I chose a provider elsewhere' }).check();
    await dialog.getByRole('button', { name: /Close request/ }).click();
    await consumer.getByText('Closed').first().waitFor();

    // 11. The manager's team view counts the sales user's thread; the provider reports the outcome.
    const workspaceId = decodeURIComponent(/\/provider\/([^/]+)\//.exec(new URL(provider.url()).pathname)![1]!);
    const { providerTeamStats } = await graphql<{
      providerTeamStats: { assignments: number; members: { email: string; threads: number }[] };
    }>(
      `
        query ($w: ID!) {
          providerTeamStats(workspaceId: $w, days: 7) {
            assignments
            members {
              email
              threads
            }
          }
        }
      `,
      { w: workspaceId },
      await apiLogin(MANAGER),
    );
    expect(providerTeamStats.assignments).toBeGreaterThan(0);
    expect(providerTeamStats.members.find((m) => m.email === SALES)?.threads).toBeGreaterThan(0);
    await provider.getByRole('button', { name: 'Report outcome' }).click();
    const outcome = provider.getByRole('form', { name: 'Report outcome' });
    await outcome.getByRole('radio', { name: 'Converted' }).check();
    await outcome.getByRole('button', { name: /Save|Report/ }).click();
    await provider.getByRole('region', { name: 'Actions' }).filter({ hasText: 'Converted' }).waitFor();

    // 12. The admin sees the conversation with its diagnostics and reads a body (audited: the server
    //     tests check the entry; here the admin is told).
    await adminPage.goto('/admin/conversations');
    await adminPage
      .getByRole('link', { name: /Bright Plumbing|Robin Homeowner/ })
      .first()
      .click();
    const diagnostics = adminPage.getByRole('table', { name: 'Message diagnostics' });
    await diagnostics.filter({ hasText: /Delivered|Read/ }).waitFor();
    await diagnostics.getByRole('button', { name: 'Read body' }).first().click();
    await adminPage
      .getByText(/audit log/i)
      .first()
      .waitFor();

    // 13. The end user deletes the account; the provider then sees "Anonymized user".
    await consumer.goto('/buyer/me/privacy');
    await consumer.getByLabel(/^Your password/).fill('consumer-pass-2026');
    await consumer.getByRole('button', { name: /Delete my account/ }).click();
    await consumer.getByRole('button', { name: 'Yes, delete my account' }).click();
    await consumer.waitForURL((url) => url.pathname === '/buyer/goodbye');
    await provider.reload();
    await provider.getByRole('heading', { name: 'Anonymized user' }).waitFor();
    await provider.getByRole('list', { name: 'Messages' }).filter({ hasText: 'Tuesday works' }).waitFor();
  });
});
