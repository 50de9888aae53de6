import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { buildSignedIn } from '../../../test/factories.js';
import { setPlatformAdmin } from './platformAdmin.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

describe('platform admin bootstrap', () => {
  it('grants the role by email (audited), which opens the admin queries; revoking closes them', async () => {
    const person = await buildSignedIn(app, { email: 'first-admin@corp.test' });
    const adminQuery = () => app.http(`{ adminUsers(first: 1) { totalCount } }`, {}, { token: person.token });
    expect((await adminQuery()).body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    expect(await setPlatformAdmin(app.prisma, ' First-Admin@Corp.test ', true)).toBe('changed');
    expect(await setPlatformAdmin(app.prisma, 'first-admin@corp.test', true)).toBe('unchanged');
    expect((await adminQuery()).body.errors).toBeUndefined();
    expect(
      await app.prisma.auditLogEntry.count({ where: { action: 'platform_admin.granted', targetId: person.user.id, actorKind: 'SYSTEM' } }),
    ).toBe(1);

    expect(await setPlatformAdmin(app.prisma, 'first-admin@corp.test', false)).toBe('changed');
    expect((await adminQuery()).body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await setPlatformAdmin(app.prisma, 'nobody@corp.test', true)).toBe('no such user');
  });
});
