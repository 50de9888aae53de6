import { createApolloClient, type CreateApolloClientOptions } from '@hotlead/graphql-client';
import { Text } from '@mantine/core';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestHandler, WebSocketHandler } from 'msw';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, useLocation, type RouteObject } from 'react-router';
import { AppProviders } from '../AppProviders';
import { server } from './server';

export interface RenderWithProvidersOptions {
  /** Initial in-app URL (path + query). Default `/`. */
  route?: string;
  /** Route pattern under which `ui` renders, e.g. `/invite/:token`. Default: every path. */
  path?: string;
  /** A whole route tree (e.g. the app's `routes`) instead of a single element. */
  routes?: RouteObject[];
  /** msw handlers answering this test's operations by name. */
  handlers?: (RequestHandler | WebSocketHandler)[];
  /** Open the graphql-ws transport (pair with `mockSubscriptions()`); off by default. */
  subscriptions?: boolean;
  /** Client options the app uses too (e.g. its cache type policies). */
  clientOptions?: Omit<CreateApolloClientOptions, 'wsUrl'>;
}

/** Stands in for every other page: shows where the app navigated to. */
function LocationProbe() {
  const location = useLocation();
  return <Text data-testid="location">{location.pathname + location.search}</Text>;
}

/**
 * Renders `ui` (or the given route tree) the way an app does: Mantine theme, notifications, a
 * fresh Apollo client talking to msw, and a memory router at `route`.
 */
export function renderWithProviders(ui: ReactElement | null, options: RenderWithProvidersOptions = {}) {
  const { route = '/', path, routes, handlers = [], subscriptions = false, clientOptions } = options;
  if (handlers.length > 0) server.use(...handlers);

  const client = createApolloClient({ ...clientOptions, wsUrl: subscriptions ? undefined : null });
  const tree: RouteObject[] =
    routes ??
    (path && path !== '*'
      ? [
          { path, element: ui },
          { path: '*', element: <LocationProbe /> },
        ]
      : [{ path: '*', element: ui }]);
  const router = createMemoryRouter(tree, { initialEntries: [route] });
  const user = userEvent.setup();

  const result = render(
    <AppProviders client={client} env="test">
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, user, router, client };
}
