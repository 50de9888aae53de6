import { describe, expect, it } from 'vitest';
import { RELAY_TOKEN_LENGTH, isRelayToken, newRelayToken, parseRelayAddress, relayAddress, relayTokensEqual } from './relay.addresses.js';

const DOMAIN = 'hotlead.test';
const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567';

describe('newRelayToken', () => {
  it('is 32 lower-case base32 characters (160 bits) and different every time', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newRelayToken()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(/^[a-z2-7]{32}$/);
      expect(isRelayToken(token)).toBe(true);
    }
    expect(RELAY_TOKEN_LENGTH).toBe(32);
  });
});

describe('relayAddress / parseRelayAddress', () => {
  it('builds addresses on the relay host and parses them back', () => {
    expect(relayAddress('u', TOKEN, DOMAIN)).toBe(`u-${TOKEN}@relay.hotlead.test`);
    expect(relayAddress('p', TOKEN, 'Hotlead.Test')).toBe(`p-${TOKEN}@relay.hotlead.test`);
    const token = newRelayToken();
    expect(parseRelayAddress(relayAddress('p', token, DOMAIN), DOMAIN)).toEqual({ party: 'p', token });
  });

  it('refuses to build an address from something that is not a token', () => {
    expect(() => relayAddress('u', 'short', DOMAIN)).toThrow();
    expect(() => relayAddress('u', TOKEN.toUpperCase(), DOMAIN)).toThrow();
  });

  it('accepts any letter case and angle brackets', () => {
    expect(parseRelayAddress(`U-${TOKEN.toUpperCase()}@RELAY.Hotlead.TEST`, DOMAIN)).toEqual({ party: 'u', token: TOKEN });
    expect(parseRelayAddress(` <p-${TOKEN}@relay.hotlead.test> `, DOMAIN)).toEqual({ party: 'p', token: TOKEN });
  });

  it.each([
    ['another party letter', `x-${TOKEN}@relay.hotlead.test`],
    ['a subaddress', `u-${TOKEN}+tag@relay.hotlead.test`],
    ['a short token', `u-${TOKEN.slice(1)}@relay.hotlead.test`],
    ['a long token', `u-${TOKEN}a@relay.hotlead.test`],
    ['characters outside the alphabet', `u-${TOKEN.slice(0, -1)}1@relay.hotlead.test`],
    ['the platform host itself', `u-${TOKEN}@hotlead.test`],
    ['a host that only ends like ours', `u-${TOKEN}@evil-relay.hotlead.test`],
    ['a host that only starts like ours', `u-${TOKEN}@relay.hotlead.test.evil.com`],
    ['a trailing dot', `u-${TOKEN}@relay.hotlead.test.`],
    ['a quoted local part', `"u-${TOKEN}"@relay.hotlead.test`],
    ['two @', `u-${TOKEN}@x@relay.hotlead.test`],
    ['a display name', `Jane <u-${TOKEN}@relay.hotlead.test>`],
    ['no local part', '@relay.hotlead.test'],
    ['nothing', ''],
    ['a huge string', `u-${TOKEN}@relay.hotlead.test`.padStart(10_000, 'a')],
  ])('rejects %s', (_label, address) => {
    expect(parseRelayAddress(address, DOMAIN)).toBeNull();
  });

  it('never throws on junk', () => {
    for (const junk of [null, undefined, 42, {}, [], '\u0000@\uffff', '@', '<>', '<<@>>']) {
      expect(parseRelayAddress(junk, DOMAIN)).toBeNull();
    }
  });
});

describe('relayTokensEqual', () => {
  it('compares exactly, including length', () => {
    expect(relayTokensEqual(TOKEN, TOKEN)).toBe(true);
    expect(relayTokensEqual(TOKEN, `${TOKEN.slice(0, -1)}2`)).toBe(false);
    expect(relayTokensEqual(TOKEN, TOKEN.slice(1))).toBe(false);
    expect(relayTokensEqual('', '')).toBe(true);
  });
});
