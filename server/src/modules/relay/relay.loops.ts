// Mail loops between auto-responders. Two out-of-office replies answering each other through the relay
// would ping-pong forever, so machine-sent mail is always stored (admins and the thread history see it)
// but relayed at most once per thread per day: the first auto-reply still tells the other party that
// nobody is reading, and the answering auto-reply to it is kept back, which ends the exchange.

/** The window in which a thread may relay one automated message. */
export const AUTOMATED_RELAY_WINDOW_MS = 24 * 60 * 60 * 1000;

export type RelayDecision = { relay: true } | { relay: false; reason: 'AUTOMATED_RATE_LIMIT' };

/**
 * Whether to relay a message that has been stored.
 * - automatedReason: what isAutomatedMessage said about it (null for mail from a person).
 * - recentAutomatedCount: automated messages this thread relayed, in either direction, within the
 *   last AUTOMATED_RELAY_WINDOW_MS, not counting this one.
 * Mail from a person is always relayed: a loop needs two machines.
 */
export function shouldRelay(input: { automatedReason: string | null; recentAutomatedCount: number }): RelayDecision {
  if (input.automatedReason === null) return { relay: true };
  if (input.recentAutomatedCount > 0) return { relay: false, reason: 'AUTOMATED_RATE_LIMIT' };
  return { relay: true };
}
