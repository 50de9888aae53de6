/**
 * Vitest setup shared by the SPAs: jest-dom matchers, the browser APIs Mantine needs that jsdom
 * lacks, and the msw server lifecycle (unhandled requests fail the test).
 */
import '@testing-library/jest-dom/vitest';
import { notifications } from '@mantine/notifications';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './server';

// findBy* and waitFor give up after 1 s by default; on a loaded 2-core CI machine a first render with
// its mocked queries can take longer, which made correct tests fail. A miss still fails, only later.
configure({ asyncUtilTimeout: 5_000 });

if (typeof window !== 'undefined') {
  if (!window.matchMedia) {
    Object.defineProperty(window, 'matchMedia', {
      writable: true,
      configurable: true,
      value: (query: string): MediaQueryList => ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }),
    });
  }

  class ResizeObserverStub implements ResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  if (!('ResizeObserver' in window)) {
    Object.defineProperty(window, 'ResizeObserver', { writable: true, configurable: true, value: ResizeObserverStub });
    Object.defineProperty(globalThis, 'ResizeObserver', { writable: true, configurable: true, value: ResizeObserverStub });
  }

  // Mantine scrolls options and focus targets into view; jsdom has no layout.
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
  window.scrollTo = () => undefined;
}

// Every request must be answered by a handler the test declared; anything else fails the test.
const unhandled: string[] = [];
beforeAll(() =>
  server.listen({
    onUnhandledRequest: (request, print) => {
      unhandled.push(`${request.method} ${request.url}`);
      print.error();
    },
  }),
);
afterEach(() => {
  cleanup();
  notifications.clean();
  server.resetHandlers();
  const missed = unhandled.splice(0);
  if (missed.length > 0) {
    throw new Error(`Requests without an msw handler (see the [MSW] output above): ${missed.join(', ')}`);
  }
});
afterAll(() => server.close());
