import { createApolloClient, type CreateApolloClientOptions } from '@hotlead/graphql-client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProviders } from './AppProviders';
import { loginPathFor } from './auth/next';

export interface StartAppOptions {
  routes: RouteObject[];
  /** Vite's `import.meta.env.BASE_URL`, e.g. `/buyer/`. */
  baseUrl: string;
  clientOptions?: Omit<CreateApolloClientOptions, 'onUnauthenticated'>;
  rootElementId?: string;
}

/**
 * Boots a console: browser router under the app's base path, the Apollo client, providers.
 * A request that comes back UNAUTHENTICATED (expired or revoked session) sends the user to log in.
 */
export function startApp({ routes, baseUrl, clientOptions, rootElementId = 'root' }: StartAppOptions): void {
  const router = createBrowserRouter(routes, { basename: baseUrl.replace(/\/+$/, '') || '/' });
  const client = createApolloClient({
    ...clientOptions,
    onUnauthenticated: () => {
      const { pathname, search } = router.state.location;
      if (pathname === '/login') return;
      void Promise.resolve(router.navigate(loginPathFor(pathname + search), { replace: true })).then(() => client.clearStore());
    },
  });

  const container = document.getElementById(rootElementId);
  if (!container) throw new Error(`#${rootElementId} is missing from index.html`);
  createRoot(container).render(
    <StrictMode>
      <AppProviders client={client}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
}
