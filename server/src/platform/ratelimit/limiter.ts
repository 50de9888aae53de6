// Fixed-window rate limits. In memory for one instance; Redis (one INCR + PEXPIRE script) when
// REDIS_URL is set, so every API instance counts against the same window.
import type { Redis } from 'ioredis';

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetAt: Date;
}

export interface RateLimitRule {
  /** Distinguishes rules sharing a key space, e.g. "login:ip". */
  name: string;
  limit: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Counts one hit of `key` under `rule`. */
  hit(rule: RateLimitRule, key: string): Promise<RateLimitResult>;
  /** Forgets the hits of `key` (e.g. after a successful login). */
  reset(rule: RateLimitRule, key: string): Promise<void>;
  close(): Promise<void>;
}

export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const sweep = setInterval(() => {
    const t = now();
    for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
  }, 60_000);
  sweep.unref();
  return {
    async hit(rule, key) {
      const id = `${rule.name}:${key}`;
      const t = now();
      let w = windows.get(id);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + rule.windowMs };
        windows.set(id, w);
      }
      w.count += 1;
      return {
        allowed: w.count <= rule.limit,
        limit: rule.limit,
        remaining: Math.max(0, rule.limit - w.count),
        resetAt: new Date(w.resetAt),
      };
    },
    async reset(rule, key) {
      windows.delete(`${rule.name}:${key}`);
    },
    async close() {
      clearInterval(sweep);
    },
  };
}

const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

export function redisRateLimiter(redis: Redis, prefix = 'hotlead:rl:'): RateLimiter {
  return {
    async hit(rule, key) {
      const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, `${prefix}${rule.name}:${key}`, rule.windowMs)) as [number, number];
      return {
        allowed: count <= rule.limit,
        limit: rule.limit,
        remaining: Math.max(0, rule.limit - count),
        resetAt: new Date(Date.now() + Math.max(ttl, 0)),
      };
    },
    async reset(rule, key) {
      await redis.del(`${prefix}${rule.name}:${key}`);
    },
    async close() {},
  };
}
