import { mockOperation, mockSubscriptions, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AssignmentDeclineDocument,
  AssignmentDisputeDocument,
  AssignmentOutcomeReportDocument,
  ProviderAssignmentDocument,
  ProviderInboxEventsDocument,
  ThreadCloseDocument,
  ThreadMessageSendDocument,
  type AssignmentDeclineMutationVariables,
  type AssignmentDisputeMutationVariables,
  type AssignmentOutcomeReportMutationVariables,
  type ThreadMessageSendMutationVariables,
} from '../../gql/graphql';
import { buildMessage, buildProviderAssignment, minutesAgo, type ProviderAssignmentFixture } from '../../test/conversationFixtures';
import { providerMembership, renderConsole, signedInAs } from '../../test/fixtures';

const ROUTE = '/provider/ws-prov/leads/as-1';
const member = signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' }, 'MEMBER')] });

function fileInput(): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input');
  return input;
}

describe('ProviderLeadPage', () => {
  it('shows the lead read-only with the email hidden, and the thread as plain text with delivery states', async () => {
    const assignment = buildProviderAssignment({
      lead: { ...buildProviderAssignment().lead, flaggedBadAddress: true },
      thread: {
        ...buildProviderAssignment().thread!,
        messages: [
          buildMessage('m1', { status: 'READ', readAt: minutesAgo(20), redactions: 2, createdAt: minutesAgo(40) }),
          buildMessage('m2', {
            mine: false,
            direction: 'USER_TO_PROVIDER',
            text: null,
            html: '<p>Tuesday works.</p><img src="https://tracker.example/x.gif" onerror="alert(1)"><script>alert(2)</script>',
            status: 'DELIVERED',
            createdAt: minutesAgo(20),
            attachments: [
              {
                __typename: 'RelayAttachment',
                id: 'att-1',
                filename: 'photo.jpg',
                contentType: 'image/jpeg',
                sizeBytes: 204_800,
                downloadUrl: '/relay/attachments/att-1',
              },
            ],
          }),
          buildMessage('m3', { status: 'NOT_DELIVERED', deliveredAt: null, text: 'Are you there?', createdAt: minutesAgo(5) }),
        ],
      },
    });
    renderConsole(ROUTE, [...member, mockOperation(ProviderAssignmentDocument, { providerAssignment: assignment })]);

    const lead = await screen.findByRole('region', { name: 'Lead' });
    expect(lead).toHaveTextContent('Email hidden — communicate through Hotlead');
    expect(lead).toHaveTextContent('Possibly a bad lead');
    expect(lead).toHaveTextContent('Leaking pipe under the kitchen sink.');
    expect(lead).toHaveTextContent('You can also reply by email to u-abcdefghijklmnopqrstuvwxyz234567@relay.hotlead.test');
    expect(within(lead).queryByRole('link', { name: /@/ })).not.toBeInTheDocument();

    const messages = within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');
    expect(messages).toHaveLength(3);
    const [first, reply, third] = messages as [HTMLElement, HTMLElement, HTMLElement];
    expect(first).toHaveAccessibleName('Message from your team');
    expect(first).toHaveTextContent('2 contact details removed');
    expect(first.querySelector('[data-delivery-status]')).toHaveAttribute('data-delivery-status', 'READ');
    // Line breaks are kept as text, not markup.
    expect(first.textContent).toContain('Hello Jane,\nwe can come by on Tuesday.');

    // Their HTML is shown as its text only: no element of it reaches the page.
    expect(reply).toHaveAccessibleName('Message from Jane Doe');
    expect(reply).toHaveTextContent('Tuesday works.');
    expect(reply.querySelector('img, script')).toBeNull();
    expect(reply.querySelector('[data-delivery-status]')).toBeNull();
    expect(within(reply).getByRole('link', { name: 'photo.jpg' })).toHaveAttribute('href', '/relay/attachments/att-1');

    expect(third).toHaveTextContent('Not delivered');
    expect(third.querySelector('[data-delivery-status]')).toHaveAttribute('data-delivery-status', 'NOT_DELIVERED');
  });

  it('sends a message with an uploaded attachment, and shows a refused file with its reason', async () => {
    // (jsdom's File does not reach Node's fetch as bytes, so the body itself is not checked here.)
    const uploads: { filename: string | null; contentType: string | null }[] = [];
    const sent: ThreadMessageSendMutationVariables[] = [];
    let assignment: ProviderAssignmentFixture = buildProviderAssignment();
    const { user } = renderConsole(ROUTE, [
      ...member,
      mockOperation(ProviderAssignmentDocument, () => ({ providerAssignment: assignment })),
      http.post('*/relay/uploads', async ({ request }) => {
        const url = new URL(request.url);
        const filename = url.searchParams.get('filename');
        // The relay refuses uploads without the CSRF header.
        if (request.headers.get('x-hotlead-upload') !== '1')
          return HttpResponse.json({ error: { message: 'no CSRF header' } }, { status: 400 });
        uploads.push({ filename, contentType: request.headers.get('content-type') });
        if (filename === 'virus.pdf') {
          return HttpResponse.json(
            { error: { code: 'ATTACHMENT_REFUSED', message: 'virus.pdf was refused: it contains a malware test signature.' } },
            { status: 422 },
          );
        }
        return HttpResponse.json({ token: 'tok-quote', filename, contentType: 'application/pdf', sizeBytes: 11 });
      }),
      mockOperation(ThreadMessageSendDocument, (variables) => {
        sent.push(variables);
        const message = buildMessage('m-new', {
          subject: variables.input.subject ?? 'Your Plumbing request',
          text: variables.input.text,
          status: 'QUEUED',
          deliveredAt: null,
          createdAt: new Date().toISOString(),
          attachments: [
            {
              __typename: 'RelayAttachment',
              id: 'att-q',
              filename: 'quote.pdf',
              contentType: 'application/pdf',
              sizeBytes: 11,
              downloadUrl: '/relay/attachments/att-q',
            },
          ],
        });
        assignment = { ...assignment, firstResponseAt: message.createdAt, thread: { ...assignment.thread!, messages: [message] } };
        return { threadMessageSend: message };
      }),
    ]);

    const composer = await screen.findByRole('form', { name: 'Write a message' });
    expect(composer).toHaveTextContent('Up to 10 MB per file');
    await user.upload(fileInput(), [
      new File(['%PDF-1.4 hi'], 'quote.pdf', { type: 'application/pdf' }),
      new File(['X5O!P%@AP'], 'virus.pdf', { type: 'application/pdf' }),
    ]);

    const quote = await within(composer).findByRole('group', { name: 'Attachment quote.pdf' });
    await waitFor(() => expect(within(quote).getByLabelText('Uploaded')).toBeInTheDocument());
    const virus = within(composer).getByRole('group', { name: 'Attachment virus.pdf' });
    expect(await within(virus).findByText('virus.pdf was refused: it contains a malware test signature.')).toBeInTheDocument();
    expect(uploads).toHaveLength(2);
    expect(uploads).toEqual(
      expect.arrayContaining([
        { filename: 'quote.pdf', contentType: 'application/pdf' },
        { filename: 'virus.pdf', contentType: 'application/pdf' },
      ]),
    );

    await user.type(within(composer).getByRole('textbox', { name: 'Message' }), 'Hello Jane,{Enter}here is our quote.');
    await user.click(within(composer).getByRole('button', { name: 'Send' }));
    // A refused file must be removed first: nothing is sent with it.
    expect(await within(composer).findByRole('alert')).toHaveTextContent('Remove the attachments that were refused before sending.');
    expect(sent).toHaveLength(0);

    await user.click(within(composer).getByRole('button', { name: 'Remove virus.pdf' }));
    await user.type(within(composer).getByRole('textbox', { name: 'Subject' }), 'Your quote');
    await user.click(within(composer).getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      input: { threadId: 'thread-1', text: 'Hello Jane,\nhere is our quote.', subject: 'Your quote', attachmentTokens: ['tok-quote'] },
    });
    const bubble = await screen.findByRole('listitem', { name: 'Message from your team' });
    expect(within(bubble).getByRole('link', { name: 'quote.pdf' })).toHaveAttribute('href', '/relay/attachments/att-q');
    expect(bubble).toHaveTextContent('Sent');
    // The composer is empty again, and no longer offers a subject (the thread has started).
    await waitFor(() => expect(within(composer).getByRole('textbox', { name: 'Message' })).toHaveValue(''));
    expect(within(composer).queryByRole('group', { name: /Attachment/ })).not.toBeInTheDocument();
    expect(within(composer).queryByRole('textbox', { name: 'Subject' })).not.toBeInTheDocument();
    expect(screen.getByText(/Responded in/)).toBeInTheDocument();
  });

  it('disables the composer of a closed thread and says why', async () => {
    const assignment = buildProviderAssignment({
      status: 'CLOSED',
      thread: {
        ...buildProviderAssignment().thread!,
        status: 'CLOSED',
        closedAt: '2026-03-02T10:00:00.000Z',
        messages: [buildMessage('m1')],
      },
    });
    renderConsole(ROUTE, [...member, mockOperation(ProviderAssignmentDocument, { providerAssignment: assignment })]);

    expect(await screen.findByText('You cannot write in this thread')).toBeInTheDocument();
    expect(screen.getByText(/This thread was closed on .*: no new messages can be sent\. It stays readable here\./)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Write a message' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Message' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Close thread' })).not.toBeInTheDocument();
    // Still readable.
    expect(screen.getByRole('listitem', { name: 'Message from your team' })).toBeInTheDocument();
  });

  it('explains a suspended thread', async () => {
    const assignment = buildProviderAssignment({ thread: { ...buildProviderAssignment().thread!, status: 'SUSPENDED' } });
    renderConsole(ROUTE, [...member, mockOperation(ProviderAssignmentDocument, { providerAssignment: assignment })]);
    expect(await screen.findByText(/An administrator suspended this thread/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Message' })).not.toBeInTheDocument();
  });

  it('offers the free decline within the hour only, with a reason', async () => {
    const declines: AssignmentDeclineMutationVariables[] = [];
    const { user } = renderConsole(ROUTE, [
      ...member,
      mockOperation(ProviderAssignmentDocument, { providerAssignment: buildProviderAssignment() }),
      mockOperation(AssignmentDeclineDocument, (variables) => {
        declines.push(variables);
        return { assignmentDecline: buildProviderAssignment({ status: 'DECLINED', declineReason: variables.reason }) };
      }),
    ]);

    const actions = await screen.findByRole('region', { name: 'Actions' });
    expect(actions).toHaveTextContent(/Free until .* \((49|50) min left\)/);
    await user.click(within(actions).getByRole('button', { name: 'Decline lead' }));
    const dialog = await screen.findByRole('dialog', { name: 'Decline this lead' });
    await user.click(within(dialog).getByRole('button', { name: 'Decline lead' }));
    expect(within(dialog).getByRole('textbox', { name: /Why you decline it/ })).toHaveAccessibleDescription(/at least 3 characters/);
    expect(declines).toHaveLength(0);

    await user.type(within(dialog).getByRole('textbox', { name: /Why you decline it/ }), 'Outside our service hours');
    await user.click(within(dialog).getByRole('button', { name: 'Decline lead' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(declines).toEqual([{ id: 'as-1', reason: 'Outside our service hours' }]);
    expect(await within(actions).findByText(/You declined this lead: Outside our service hours/)).toBeInTheDocument();
    expect(within(actions).queryByRole('button', { name: 'Decline lead' })).not.toBeInTheDocument();
  });

  it('offers no decline after the hour', async () => {
    const late = buildProviderAssignment({ deliveredAt: minutesAgo(61), declinableUntil: minutesAgo(1) });
    renderConsole(ROUTE, [...member, mockOperation(ProviderAssignmentDocument, { providerAssignment: late })]);
    const actions = await screen.findByRole('region', { name: 'Actions' });
    expect(within(actions).getByRole('button', { name: 'Report outcome' })).toBeInTheDocument();
    expect(within(actions).queryByRole('button', { name: 'Decline lead' })).not.toBeInTheDocument();
    expect(actions).not.toHaveTextContent('Free until');
  });

  it('needs a reason to report a bad lead, not for the other outcomes', async () => {
    const reports: AssignmentOutcomeReportMutationVariables[] = [];
    const { user } = renderConsole(ROUTE, [
      ...member,
      mockOperation(ProviderAssignmentDocument, { providerAssignment: buildProviderAssignment() }),
      mockOperation(AssignmentOutcomeReportDocument, (variables) => {
        reports.push(variables);
        return {
          assignmentOutcomeReport: buildProviderAssignment({
            outcome: variables.outcome,
            outcomeReason: variables.reason ?? null,
            outcomeAt: new Date().toISOString(),
          }),
        };
      }),
    ]);

    const actions = await screen.findByRole('region', { name: 'Actions' });
    await user.click(within(actions).getByRole('button', { name: 'Report outcome' }));
    let dialog = await screen.findByRole('dialog', { name: 'Report outcome' });
    await user.click(within(dialog).getByRole('radio', { name: 'Bad lead' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save outcome' }));
    expect(within(dialog).getByRole('textbox', { name: /What was wrong with the lead/ })).toHaveAccessibleDescription(
      /at least 3 characters/,
    );
    expect(reports).toHaveLength(0);

    await user.type(within(dialog).getByRole('textbox', { name: /What was wrong with the lead/ }), 'The phone number is fake');
    await user.click(within(dialog).getByRole('button', { name: 'Save outcome' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await within(actions).findByText('Outcome: Bad lead — The phone number is fake')).toBeInTheDocument();

    // Converted needs no reason.
    await user.click(within(actions).getByRole('button', { name: 'Change outcome' }));
    dialog = await screen.findByRole('dialog', { name: 'Report outcome' });
    await user.click(within(dialog).getByRole('radio', { name: 'Converted' }));
    await user.clear(within(dialog).getByRole('textbox', { name: /Note/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save outcome' }));
    await waitFor(() => expect(reports).toHaveLength(2));
    expect(reports).toEqual([
      { id: 'as-1', outcome: 'BAD_LEAD', reason: 'The phone number is fake' },
      { id: 'as-1', outcome: 'CONVERTED', reason: null },
    ]);
  });

  it('disputes the charge with a reason and a note, then shows the dispute', async () => {
    const disputes: AssignmentDisputeMutationVariables[] = [];
    const { user } = renderConsole(ROUTE, [
      ...member,
      mockOperation(ProviderAssignmentDocument, { providerAssignment: buildProviderAssignment() }),
      mockOperation(AssignmentDisputeDocument, (variables) => {
        disputes.push(variables);
        return {
          assignmentDispute: buildProviderAssignment({
            dispute: {
              __typename: 'AssignmentDispute',
              id: 'd-1',
              reason: variables.reason,
              note: variables.note,
              status: 'OPEN',
              resolutionNote: null,
              createdAt: new Date().toISOString(),
              resolvedAt: null,
            },
          }),
        };
      }),
    ]);

    const actions = await screen.findByRole('region', { name: 'Actions' });
    await user.click(within(actions).getByRole('button', { name: 'Dispute charge' }));
    const dialog = await screen.findByRole('dialog', { name: 'Dispute the charge' });
    await user.click(within(dialog).getByRole('button', { name: 'Send dispute' }));
    expect(within(dialog).getByRole('combobox', { name: 'Reason' })).toHaveAccessibleDescription('Choose why you dispute the charge');
    expect(disputes).toHaveLength(0);
    await user.click(within(dialog).getByRole('combobox', { name: 'Reason' }));
    await user.click(await screen.findByRole('option', { name: 'Out of our area' }));
    await user.type(within(dialog).getByRole('textbox', { name: /Note for the admin/ }), 'The address is in Nevada.');
    await user.click(within(dialog).getByRole('button', { name: 'Send dispute' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(disputes).toEqual([{ id: 'as-1', reason: 'OUT_OF_AREA', note: 'The address is in Nevada.' }]);
    const dispute = await within(actions).findByRole('group', { name: 'Dispute' });
    expect(dispute).toHaveTextContent('Dispute: Out of our area');
    expect(dispute).toHaveTextContent('Under review');
    expect(within(actions).queryByRole('button', { name: 'Dispute charge' })).not.toBeInTheDocument();
  });

  it('closes the thread after a confirmation', async () => {
    let closed = false;
    const { user } = renderConsole(ROUTE, [
      ...member,
      mockOperation(ProviderAssignmentDocument, () => ({
        providerAssignment: closed
          ? buildProviderAssignment({ status: 'CLOSED', thread: { ...buildProviderAssignment().thread!, status: 'CLOSED' } })
          : buildProviderAssignment(),
      })),
      mockOperation(ThreadCloseDocument, ({ id }) => {
        closed = true;
        return { threadClose: String(id) };
      }),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Close thread' }));
    const dialog = await screen.findByRole('dialog', { name: 'Close this thread?' });
    await user.click(within(dialog).getByRole('button', { name: 'Close thread' }));
    expect(await screen.findByText('You cannot write in this thread')).toBeInTheDocument();
    expect(closed).toBe(true);
  });

  it('reads the thread again when an event of this lead arrives', async () => {
    const socket = mockSubscriptions();
    let assignment = buildProviderAssignment({ thread: { ...buildProviderAssignment().thread!, messages: [buildMessage('m1')] } });
    renderConsole(
      ROUTE,
      [...member, socket.handler, mockOperation(ProviderAssignmentDocument, () => ({ providerAssignment: assignment }))],
      { subscriptions: true },
    );
    await screen.findByRole('listitem', { name: 'Message from your team' });
    await socket.waitForSubscription(ProviderInboxEventsDocument);

    assignment = {
      ...assignment,
      thread: {
        ...assignment.thread!,
        messages: [
          buildMessage('m1', { status: 'READ', readAt: new Date().toISOString() }),
          buildMessage('m2', { mine: false, direction: 'USER_TO_PROVIDER', text: 'Sounds good!', createdAt: new Date().toISOString() }),
        ],
      },
    };
    socket.emit(ProviderInboxEventsDocument, {
      providerInboxEvents: {
        __typename: 'ConversationEvent',
        kind: 'MESSAGE_CREATED',
        requestId: 'req-1',
        assignmentId: 'as-1',
        threadId: 'thread-1',
        messageId: 'm2',
      },
    });
    expect(await screen.findByText('Sounds good!')).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: 'Message from your team' }).querySelector('[data-delivery-status]')).toHaveAttribute(
      'data-delivery-status',
      'READ',
    );
  });
});
