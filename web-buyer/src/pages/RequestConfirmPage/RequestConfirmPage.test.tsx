import { createApolloClient } from '@hotlead/graphql-client';
import { AppProviders } from '@hotlead/ui';
import { buildViewer, MeDocument, mockOperation, screen, server, waitFor } from '@hotlead/ui/test-utils';
import { render } from '@testing-library/react';
import { StrictMode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { buyerTypePolicies } from '../../apollo';
import { routes } from '../../routes';
import {
  BuyerViewerDocument,
  MyServiceRequestsDocument,
  ServiceRequestConfirmDocument,
  SetInitialPasswordDocument,
  type ServiceRequestConfirmMutation,
} from '../../gql/graphql';
import { buildMyRequest, mockOperationErrors, renderConsole } from '../../test/fixtures';
import { INVALID_LINK_MESSAGE } from './RequestConfirmPage';

const TOKEN = 'tok_abc123';

function confirmed(overrides: Partial<ServiceRequestConfirmMutation['serviceRequestConfirm']>) {
  return {
    serviceRequestConfirm: {
      __typename: 'ServiceRequestConfirmPayload',
      needsPassword: false,
      signedIn: false,
      request: {
        __typename: 'ServiceRequest',
        id: 'req-1',
        status: 'ROUTED' as const,
        niche: { __typename: 'Niche', id: 'niche-plumbing', name: 'Plumbing' },
      },
      ...overrides,
    },
  };
}

/** The signed-in end user the confirmation creates: `me` answers once the session exists. */
function endUserSession(isSignedIn: () => boolean) {
  const viewer = buildViewer({ id: 'user-jane', name: 'Jane Doe', email: 'jane@example.com', isEndUser: true });
  return [
    mockOperation(MeDocument, () => ({ me: isSignedIn() ? viewer : null })),
    mockOperation(BuyerViewerDocument, () => ({
      me: isSignedIn() ? { __typename: 'User', id: viewer.id, isEndUser: true, workspaceMemberships: [] } : null,
    })),
    mockOperation(MyServiceRequestsDocument, { myServiceRequests: [buildMyRequest()] }),
  ];
}

describe('the confirmation link', () => {
  it('confirms once, asks for a password, and lands on My requests signed in', async () => {
    let signedIn = false;
    const tokens: string[] = [];
    const passwords: string[] = [];
    const { user, router } = renderConsole(`/requests/confirm?token=${TOKEN}`, [
      mockOperation(ServiceRequestConfirmDocument, ({ token }) => {
        tokens.push(token);
        signedIn = true;
        return confirmed({ needsPassword: true, signedIn: true });
      }),
      mockOperation(SetInitialPasswordDocument, ({ password }) => {
        passwords.push(password);
        return { setInitialPassword: true };
      }),
      ...endUserSession(() => signedIn),
    ]);

    expect(await screen.findByRole('heading', { name: 'Set a password' })).toBeInTheDocument();
    expect(screen.getByText(/Your Plumbing request is confirmed/)).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Password/), 'short');
    await user.click(screen.getByRole('button', { name: 'Set password and see my requests' }));
    expect(await screen.findByText('Use at least 10 characters')).toBeInTheDocument();

    await user.clear(screen.getByLabelText(/^Password/));
    await user.type(screen.getByLabelText(/^Password/), 'a long enough secret');
    await user.type(screen.getByLabelText(/^Confirm password/), 'a different secret!!');
    await user.click(screen.getByRole('button', { name: 'Set password and see my requests' }));
    expect(await screen.findByText('The passwords do not match')).toBeInTheDocument();
    expect(passwords).toHaveLength(0);

    await user.clear(screen.getByLabelText(/^Confirm password/));
    await user.type(screen.getByLabelText(/^Confirm password/), 'a long enough secret');
    await user.click(screen.getByRole('button', { name: 'Set password and see my requests' }));

    expect(await screen.findByRole('heading', { name: 'My requests' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/me');
    expect(await screen.findByRole('article', { name: 'Plumbing' })).toBeInTheDocument();
    expect(passwords).toEqual(['a long enough secret']);
    // The single-use token went to the server exactly once.
    expect(tokens).toEqual([TOKEN]);
  });

  it('goes straight to My requests when the account already has a password', async () => {
    let signedIn = false;
    const { router } = renderConsole(`/requests/confirm?token=${TOKEN}`, [
      mockOperation(ServiceRequestConfirmDocument, () => {
        signedIn = true;
        return confirmed({ needsPassword: false, signedIn: true });
      }),
      ...endUserSession(() => signedIn),
    ]);

    expect(await screen.findByRole('heading', { name: 'My requests' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/me');
  });

  it('says providers will get in touch directly when the person kept their email visible', async () => {
    renderConsole(`/requests/confirm?token=${TOKEN}`, [mockOperation(ServiceRequestConfirmDocument, confirmed({ signedIn: false }))]);

    expect(await screen.findByRole('status')).toHaveTextContent('Your Plumbing request is confirmed; providers will contact you directly.');
    expect(screen.queryByRole('heading', { name: 'Set a password' })).not.toBeInTheDocument();
  });

  it('explains an invalid or expired link and offers to submit again', async () => {
    const calls: string[] = [];
    renderConsole(`/requests/confirm?token=${TOKEN}`, [
      mockOperationErrors(
        ServiceRequestConfirmDocument,
        [{ message: 'This link has expired.', extensions: { code: 'BAD_USER_INPUT', field: ['token'] } }],
        ({ token }) => calls.push(token),
      ),
    ]);

    expect(await screen.findByRole('alert')).toHaveTextContent(INVALID_LINK_MESSAGE);
    expect(screen.getByRole('link', { name: 'Submit a new request' })).toHaveAttribute('href', '/request');
    await waitFor(() => expect(calls).toEqual([TOKEN]));
  });

  it('sends the single-use token once under StrictMode too', async () => {
    const tokens: string[] = [];
    server.use(
      mockOperation(ServiceRequestConfirmDocument, ({ token }) => {
        tokens.push(token);
        return confirmed({ signedIn: false });
      }),
    );
    // StrictMode runs effects twice in development: the page must not confirm twice.
    render(
      <StrictMode>
        <AppProviders client={createApolloClient({ wsUrl: null, typePolicies: buyerTypePolicies })} env="test">
          <RouterProvider router={createMemoryRouter(routes, { initialEntries: [`/requests/confirm?token=${TOKEN}`] })} />
        </AppProviders>
      </StrictMode>,
    );

    expect(await screen.findByRole('status')).toHaveTextContent('providers will contact you directly');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tokens).toEqual([TOKEN]);
  });

  it('needs a token', async () => {
    renderConsole('/requests/confirm', []);
    expect(await screen.findByRole('alert')).toHaveTextContent('This confirmation link is incomplete.');
    expect(screen.getByRole('link', { name: 'Submit a new request' })).toBeInTheDocument();
  });
});
