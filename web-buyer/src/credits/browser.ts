/**
 * Leaving the SPA for another page (Stripe Checkout, the sandbox checkout, the return URL). An object
 * so tests can replace `assign` with `vi.spyOn(browser, 'assign')` (jsdom cannot navigate).
 */
export const browser = {
  assign(url: string): void {
    window.location.assign(url);
  },
};
