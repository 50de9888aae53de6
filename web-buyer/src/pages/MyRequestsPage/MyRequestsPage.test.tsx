import { mockAccount, mockOperation, mockSubscriptions, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  MyRequestEventsDocument,
  MyServiceRequestsDocument,
  ServiceRequestCloseDocument,
  type ServiceRequestCloseMutationVariables,
} from '../../gql/graphql';
import { buildMatch, buildMyRequest, renderConsole, signedInAs, type MyRequestFixture } from '../../test/fixtures';

function withUnread(unread: number) {
  return buildMatch({
    thread: {
      __typename: 'EndUserThread',
      id: 'thread-1',
      status: 'OPEN',
      canReply: true,
      unread,
      closedAt: null,
      messages: [{ __typename: 'ThreadMessage', id: 'msg-1', createdAt: '2026-11-20T11:00:00.000Z' }],
    },
  });
}

describe('MyRequestsPage', () => {
  it('shows the end-user layout with an empty state linking to the request form', async () => {
    renderConsole('/me', [...signedInAs({ isEndUser: true }), mockOperation(MyServiceRequestsDocument, { myServiceRequests: [] })]);

    expect(await screen.findByRole('heading', { name: 'My requests' })).toBeInTheDocument();
    expect(await screen.findByText('Your service requests will appear here')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Request a service' })).toHaveAttribute('href', '/request');
    const tabs = screen.getByRole('tablist', { name: 'My area' });
    expect(within(tabs).getByRole('tab', { name: 'Account' })).toBeInTheDocument();
    expect(within(tabs).getByRole('tab', { name: 'Privacy' })).toBeInTheDocument();
    // None of the buyer console's navigation.
    expect(screen.queryByText('New workspace')).not.toBeInTheDocument();
  });

  it("opens the end user's account from the tabs", async () => {
    const { user, router } = renderConsole('/me', [
      ...signedInAs({ isEndUser: true }),
      mockAccount(),
      mockOperation(MyServiceRequestsDocument, { myServiceRequests: [] }),
    ]);
    await user.click(await screen.findByRole('tab', { name: 'Account' }));
    expect(await screen.findByRole('heading', { name: 'Account' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/me/account');
    expect(screen.getByRole('tab', { name: 'Account' })).toHaveAttribute('aria-selected', 'true');
  });

  it('shows each request with its status and matched providers, unread counts and links to their threads', async () => {
    renderConsole('/me', [
      ...signedInAs({ isEndUser: true }),
      mockOperation(MyServiceRequestsDocument, {
        myServiceRequests: [
          buildMyRequest({
            matches: [
              withUnread(2),
              buildMatch({ assignmentId: 'asg-2', providerName: 'Slow Drains Co', status: 'DECLINED', thread: null }),
            ],
          }),
          buildMyRequest({
            id: 'req-2',
            status: 'PENDING_CONFIRMATION',
            niche: { __typename: 'Niche', id: 'niche-roof', slug: 'roofing', name: 'Roofing' },
            matches: [],
          }),
        ],
      }),
    ]);

    const plumbing = await screen.findByRole('article', { name: 'Plumbing' });
    expect(within(plumbing).getByText('Matched')).toBeInTheDocument();
    expect(within(plumbing).getByText(/The kitchen sink leaks/)).toBeInTheDocument();
    expect(within(plumbing).getByText(/Oakland, CA, 94607, United States/)).toBeInTheDocument();
    const providers = within(plumbing).getByRole('list', { name: 'Providers for Plumbing' });
    const [rapid, slow] = within(providers).getAllByRole('listitem');
    expect(within(rapid!).getByRole('link', { name: 'Rapid Plumbers' })).toHaveAttribute('href', '/me/threads/thread-1');
    expect(within(rapid!).getByText('2 unread')).toBeInTheDocument();
    expect(rapid).toHaveTextContent(/Active · Open · Last activity/);
    expect(within(slow!).queryByRole('link')).not.toBeInTheDocument();
    expect(slow).toHaveTextContent('Declined your request');

    const roofing = screen.getByRole('article', { name: 'Roofing' });
    expect(within(roofing).getByText('Waiting for confirmation')).toBeInTheDocument();
    expect(within(roofing).getByText(/Open the link we emailed you/)).toBeInTheDocument();
  });

  it('closes a request with feedback and shows the feedback given', async () => {
    let request: MyRequestFixture = buildMyRequest();
    const closes: ServiceRequestCloseMutationVariables[] = [];
    const { user } = renderConsole('/me', [
      ...signedInAs({ isEndUser: true }),
      mockOperation(MyServiceRequestsDocument, () => ({ myServiceRequests: [request] })),
      mockOperation(ServiceRequestCloseDocument, (variables) => {
        closes.push(variables);
        request = {
          ...request,
          status: 'CLOSED',
          closedAt: '2026-11-21T09:00:00.000Z',
          feedback: variables.feedback ?? null,
          feedbackNote: variables.note ?? null,
          matches: request.matches.map((m) => ({ ...m, status: 'CLOSED' as const })),
        };
        return { serviceRequestClose: request };
      }),
    ]);

    const card = await screen.findByRole('article', { name: 'Plumbing' });
    await user.click(within(card).getByRole('button', { name: 'Close request' }));
    const dialog = await screen.findByRole('dialog', { name: 'Close your Plumbing request?' });
    expect(within(dialog).getByText(/Closing stops all communication/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: 'I chose a provider elsewhere' }));
    await user.type(within(dialog).getByRole('textbox', { name: /Anything else/ }), '  Found a neighbour who fixed it.  ');
    await user.click(within(dialog).getByRole('button', { name: 'Close request' }));

    await waitFor(() => expect(within(card).getByText('Closed')).toBeInTheDocument());
    expect(closes).toEqual([{ id: 'req-1', feedback: 'CHOSE_PROVIDER_OFF_PLATFORM', note: 'Found a neighbour who fixed it.' }]);
    expect(within(card).getByText('Your feedback: I chose a provider elsewhere')).toBeInTheDocument();
    expect(within(card).getByText(/Found a neighbour who fixed it/)).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: 'Close request' })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('closes a request without feedback', async () => {
    const closes: ServiceRequestCloseMutationVariables[] = [];
    const { user } = renderConsole('/me', [
      ...signedInAs({ isEndUser: true }),
      mockOperation(MyServiceRequestsDocument, { myServiceRequests: [buildMyRequest()] }),
      mockOperation(ServiceRequestCloseDocument, (variables) => {
        closes.push(variables);
        return { serviceRequestClose: buildMyRequest({ status: 'CLOSED', closedAt: '2026-11-21T09:00:00.000Z' }) };
      }),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Close request' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Close request' }));
    await waitFor(() => expect(closes).toEqual([{ id: 'req-1', feedback: null, note: null }]));
  });

  it('refetches when one of the requests changes', async () => {
    const socket = mockSubscriptions();
    let unread = 0;
    renderConsole(
      '/me',
      [
        ...signedInAs({ isEndUser: true }),
        mockOperation(MyServiceRequestsDocument, () => ({ myServiceRequests: [buildMyRequest({ matches: [withUnread(unread)] })] })),
        socket.handler,
      ],
      { subscriptions: true },
    );

    const card = await screen.findByRole('article', { name: 'Plumbing' });
    expect(within(card).queryByText(/unread/)).not.toBeInTheDocument();
    await socket.waitForSubscription(MyRequestEventsDocument);

    unread = 1;
    socket.emit(MyRequestEventsDocument, {
      myRequestEvents: {
        __typename: 'ConversationEvent',
        kind: 'MESSAGE_CREATED',
        requestId: 'req-1',
        assignmentId: 'asg-1',
        threadId: 'thread-1',
        messageId: 'msg-2',
      },
    });
    expect(await within(card).findByText('1 unread')).toBeInTheDocument();
  });
});
