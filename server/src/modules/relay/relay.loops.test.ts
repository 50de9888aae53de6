import { describe, expect, it } from 'vitest';
import { isAutomatedMessage } from './relay.headers.js';
import { AUTOMATED_RELAY_WINDOW_MS, shouldRelay } from './relay.loops.js';

describe('shouldRelay', () => {
  it('always relays mail from a person', () => {
    expect(shouldRelay({ automatedReason: null, recentAutomatedCount: 0 })).toEqual({ relay: true });
    expect(shouldRelay({ automatedReason: null, recentAutomatedCount: 50 })).toEqual({ relay: true });
  });

  it('relays the first automated message of the window and holds back the rest', () => {
    expect(shouldRelay({ automatedReason: 'Auto-Submitted: auto-replied', recentAutomatedCount: 0 })).toEqual({ relay: true });
    expect(shouldRelay({ automatedReason: 'Auto-Submitted: auto-replied', recentAutomatedCount: 1 })).toEqual({
      relay: false,
      reason: 'AUTOMATED_RATE_LIMIT',
    });
    expect(AUTOMATED_RELAY_WINDOW_MS).toBe(86_400_000);
  });

  it('stops two auto-responders after one relayed reply', () => {
    // Each out-of-office answers whatever it receives; count what the thread relayed.
    let relayedAutomated = 0;
    let hops = 0;
    for (let i = 0; i < 100; i++) {
      const reason = isAutomatedMessage([['Subject', 'Automatic reply: Roof quote']]);
      if (!shouldRelay({ automatedReason: reason, recentAutomatedCount: relayedAutomated }).relay) break;
      relayedAutomated++;
      hops++;
    }
    expect(hops).toBe(1);
  });
});
