import '@testing-library/jest-dom/vitest';

export { connectionPage } from './connection';
export { server } from './server';
export { renderWithProviders, type RenderWithProvidersOptions } from './render';
export { mockOperation, mockOperationError, operationName, type Resolver, type WithTypename } from './graphql';
export { mockSubscriptions, type SubscriptionsMock } from './subscriptions';
export { buildAccount, buildViewer, mockAccount, mockViewer, type AccountFixture, type ViewerFixture } from './viewer';
export { screen, waitFor, within } from '@testing-library/react';
// The shared auth pages' typed documents, so app tests can answer them by name.
export * from '../gql/graphql';
