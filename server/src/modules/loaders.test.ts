import { describe, expect, it } from 'vitest';
import { lazily } from './loaders.js';

describe('lazily built loaders', () => {
  it('builds each loader on first use only, then keeps it', () => {
    let builds = 0;
    const loaders = lazily({ a: () => ({ n: ++builds }), b: () => ({ n: ++builds }) });
    expect(builds).toBe(0);
    const first = loaders.a;
    expect(loaders.a).toBe(first);
    expect(builds).toBe(1);
    expect(loaders.b.n).toBe(2);
  });
});
