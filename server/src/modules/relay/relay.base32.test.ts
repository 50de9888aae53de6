import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './relay.base32.js';

describe('base32', () => {
  it('matches the RFC 4648 test vectors, lower-case and unpadded', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'my'],
      ['fo', 'mzxq'],
      ['foo', 'mzxw6'],
      ['foob', 'mzxw6yq'],
      ['fooba', 'mzxw6ytb'],
      ['foobar', 'mzxw6ytboi'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(Buffer.from(base32Decode(encoded)!).toString()).toBe(plain);
    }
  });

  it('rejects foreign characters and non-canonical trailing bits', () => {
    expect(base32Decode('MZXQ')).toBeNull();
    expect(base32Decode('mzx1')).toBeNull();
    expect(base32Decode('mz')).toBeNull(); // 'z' leaves non-zero padding bits after one byte
    expect(base32Decode('m')).toBeNull(); // 5 bits cannot be a byte
  });
});
