import { setupServer } from 'msw/node';

/** The one msw server of a test run; the setup file starts it with `onUnhandledRequest: 'error'`. */
export const server = setupServer();
