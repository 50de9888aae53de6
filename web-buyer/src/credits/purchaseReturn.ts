// The payment provider sends the buyer back to
// /buyer/credits?purchase=<purchase id>&workspace=<workspace id>&result=success|cancelled, outside any
// workspace's URL; the ids are the API's, so the return page needs nothing remembered in the browser.

export type PurchaseResult = 'success' | 'cancelled';

export function parsePurchaseResult(value: string | null): PurchaseResult {
  return value === 'success' ? 'success' : 'cancelled';
}
