import { describe, expect, it } from 'vitest';
import { parseVerp, verpReturnPath } from './relay.verp.js';

const SECRET = 'test-secret';
const DOMAIN = 'hotlead.test';
const MESSAGE_ID = '0b7e5d1c-2f4a-4c8e-9a1b-3d5f7e9a1c2e';
const NOW = new Date('2026-11-21T12:00:00Z');
const IN_A_WEEK = new Date('2026-11-28T12:00:00Z');

const issue = (messageId = MESSAGE_ID, expiresAt = IN_A_WEEK) => verpReturnPath({ messageId, expiresAt }, SECRET, DOMAIN);

describe('verpReturnPath', () => {
  it('has the documented shape, fits a local part and round-trips', () => {
    const address = issue();
    expect(address).toMatch(/^b-[a-z2-7]{26}-[0-9a-z]+-[a-z2-7]{16}@relay\.hotlead\.test$/);
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(parseVerp(address, SECRET, DOMAIN, NOW)).toEqual({ ok: true, messageId: MESSAGE_ID });
  });

  it('returns the message id lower-case whatever case it was given in', () => {
    expect(parseVerp(issue(MESSAGE_ID.toUpperCase()), SECRET, DOMAIN, NOW)).toEqual({ ok: true, messageId: MESSAGE_ID });
  });

  it('survives servers that upper-case the local part, and angle brackets', () => {
    expect(parseVerp(`<${issue().toUpperCase()}>`, SECRET, DOMAIN, NOW)).toEqual({ ok: true, messageId: MESSAGE_ID });
  });

  it('refuses a message id that is not a UUID and an empty secret', () => {
    expect(() => issue('not-a-uuid')).toThrow();
    expect(() => verpReturnPath({ messageId: MESSAGE_ID, expiresAt: IN_A_WEEK }, '', DOMAIN)).toThrow();
  });
});

describe('parseVerp', () => {
  it('is EXPIRED from the expiry on, but only for addresses we issued', () => {
    expect(parseVerp(issue(), SECRET, DOMAIN, IN_A_WEEK)).toEqual({ ok: false, reason: 'EXPIRED' });
    expect(parseVerp(issue(), SECRET, DOMAIN, new Date(IN_A_WEEK.getTime() - 1000))).toMatchObject({ ok: true });
  });

  it('is FORGED when any part was changed or another secret or host signed it', () => {
    const address = issue();
    const [local, host] = address.split('@') as [string, string];
    const [, id, expiry, mac] = local.split('-') as [string, string, string, string];
    const otherId = issue('11111111-2222-4333-8444-555555555555').split('-')[1]!;
    const flip = (s: string) => (s[0] === 'a' ? 'b' : 'a') + s.slice(1);
    const later = (Number.parseInt(expiry, 36) + 86_400 * 365).toString(36);
    for (const forged of [
      `b-${otherId}-${expiry}-${mac}@${host}`,
      `b-${id}-${later}-${mac}@${host}`,
      `b-${id}-${expiry}-${flip(mac)}@${host}`,
    ]) {
      expect(parseVerp(forged, SECRET, DOMAIN, NOW)).toEqual({ ok: false, reason: 'FORGED' });
    }
    expect(parseVerp(address, 'other-secret', DOMAIN, NOW)).toEqual({ ok: false, reason: 'FORGED' });
    const staging = verpReturnPath({ messageId: MESSAGE_ID, expiresAt: IN_A_WEEK }, SECRET, 'staging.hotlead.test');
    const [stagingLocal] = staging.split('@');
    expect(parseVerp(`${stagingLocal}@relay.hotlead.test`, SECRET, DOMAIN, NOW)).toEqual({ ok: false, reason: 'FORGED' });
  });

  it('is FORGED, not EXPIRED, for a forged address that is also past its expiry', () => {
    const [local, host] = issue(MESSAGE_ID, new Date('2020-01-01T00:00:00Z')).split('@') as [string, string];
    expect(parseVerp(`${local.slice(0, -1)}${local.endsWith('a') ? 'b' : 'a'}@${host}`, SECRET, DOMAIN, NOW)).toEqual({
      ok: false,
      reason: 'FORGED',
    });
  });

  it.each([
    ['another host', () => issue().replace('@relay.hotlead.test', '@relay.evil.test')],
    ['a relay party address', () => 'u-abcdefghijklmnopqrstuvwxyz234567@relay.hotlead.test'],
    ['a missing part', () => issue().replace(/-[0-9a-z]+-/, '-')],
    ['an expiry with a leading zero', () => issue().replace(/^(b-[a-z2-7]{26}-)/, '$10')],
    ['a short mac', () => issue().replace(/[a-z2-7]@/, '@')],
    ['a non-canonical id', () => issue().replace(/^b-([a-z2-7]{25})[a-z2-7]/, '$17')],
    ['a subaddress', () => issue().replace('@', '+x@')],
    ['junk', () => 'not an address'],
    ['nothing', () => ''],
  ])('is MALFORMED for %s', (_label, make) => {
    expect(parseVerp(make(), SECRET, DOMAIN, NOW)).toEqual({ ok: false, reason: 'MALFORMED' });
  });

  it('never throws on junk', () => {
    for (const junk of [null, undefined, 1, {}, 'b-@relay.hotlead.test', '@', 'x'.repeat(100_000)]) {
      expect(parseVerp(junk, SECRET, DOMAIN, NOW)).toEqual({ ok: false, reason: 'MALFORMED' });
    }
  });
});
