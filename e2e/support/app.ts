// What the end-to-end tests know about Hotlead: the demo logins, logging in and out through the UI,
// GraphQL calls from Node, and reading links out of the dev mailbox.
import type { APIRequestContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const DEMO_PASSWORD = 'hotlead-demo-2026';
export const DEMO = {
  admin: 'admin@hotlead.test',
  buyerOwner: 'owner@acme-growth.test',
  buyerMember: 'member@acme-growth.test',
  partnerOwner: 'owner@leadsource.test',
  providerManager: 'manager@brightplumbing.test',
} as const;

export type App = 'buyer' | 'partner' | 'admin';

/** Fills the shared login page of an SPA and waits until it has left it. */
export async function login(page: Page, app: App, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`/${app}/login`);
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname.startsWith(`/${app}/`) && !url.pathname.endsWith('/login'));
}

/** Logs out through the user menu in the header and waits for the login page. */
export async function logout(page: Page, app: App): Promise<void> {
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await page.waitForURL((url) => url.pathname === `/${app}/login`);
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
}

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A GraphQL request from Node (Bearer session token when given). */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(`${inject('apiUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GraphQLResponse<T>;
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed (${res.status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A GraphQL request with a browser context's cookies (the person signed in there). */
export async function graphqlAs<T>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await request.post('/graphql', { data: { query, variables }, headers: { 'content-type': 'application/json' } });
  const body = (await res.json()) as GraphQLResponse<T>;
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed (${res.status()}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Signs in through the API and returns the session token (from the session cookie). */
export async function apiLogin(email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${inject('apiUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($input: SessionLoginInput!) { sessionLogin(input: $input) { user { id } userErrors { code message } } }',
      variables: { input: { email, password } },
    }),
  });
  const body = (await res.json()) as GraphQLResponse<{ sessionLogin: { user: { id: string } | null; userErrors: { message: string }[] } }>;
  if (!body.data?.sessionLogin.user)
    throw new Error(`API login of ${email} failed: ${JSON.stringify(body.errors ?? body.data?.sessionLogin.userErrors)}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hotlead_session='));
  const token = cookie?.split(';')[0]?.split('=')[1];
  if (!token) throw new Error('no session cookie in the login response');
  return decodeURIComponent(token);
}

export interface MailboxMessage {
  id: string;
  subject: string;
  from: string;
  to: string[];
  textBody: string | null;
  htmlBody: string | null;
  receivedAt: string;
}

const DEV_MAILBOX = `query ($search: String) {
  devMailbox(search: $search, first: 25) { nodes { id subject from to textBody htmlBody receivedAt } }
}`;

/**
 * Waits (up to 20 s: delivery goes through the job queue) for a message to `to` whose subject matches,
 * read through the admin-only `devMailbox` query with the given admin token.
 */
export async function waitForMail(
  adminToken: string,
  to: string,
  subject: RegExp,
  options: { after?: Date; timeoutMs?: number } = {},
): Promise<MailboxMessage> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const data = await graphql<{ devMailbox: { nodes: MailboxMessage[] } }>(DEV_MAILBOX, { search: to }, adminToken);
    const found = data.devMailbox.nodes.find(
      (m) =>
        m.to.map((a) => a.toLowerCase()).includes(to.toLowerCase()) &&
        subject.test(m.subject) &&
        (!options.after || new Date(m.receivedAt) >= options.after),
    );
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no email to ${to} matching ${subject} in the dev mailbox within ${(options.timeoutMs ?? 20_000) / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The first link in a message that points at `path` (e.g. "/buyer/verify-email"). */
export function linkIn(message: MailboxMessage, path: string): string {
  const bodies = [message.textBody ?? '', (message.htmlBody ?? '').replace(/&amp;/g, '&')];
  const pattern = new RegExp(`https?://[^\\s"'<>]+${path.replace(/[/.]/g, '\\$&')}\\?token=[^\\s"'<>]+`);
  for (const body of bodies) {
    const match = pattern.exec(body);
    if (match) return match[0];
  }
  throw new Error(`no ${path} link in "${message.subject}"`);
}

/** A unique address for a person created by a test. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.test`;
}

/**
 * Downloads a purchase's CSV through the page's session and checks it: the export's header, one row
 * per bought lead, and the contacts revealed (no masked `***`).
 */
export async function expectPurchaseCsv(page: Page, href: string | null, leads: number): Promise<void> {
  expect(href).toMatch(/^\/purchases\/[^/]+\/leads\.csv$/);
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toMatch(/^lead_id,first_name,last_name,email,phone,/);
  expect(lines).toHaveLength(1 + leads);
  for (const line of lines.slice(1)) expect(line).not.toContain('***');
}
