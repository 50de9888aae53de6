import { useMutation } from '@apollo/client/react';
import { ConfirmModal, formatDateTime, FormErrorAlert, notifyFailure, notifySuccess } from '@hotlead/ui';
import { Button, Group, Modal, Paper, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFlag, IconMessageOff, IconReportAnalytics, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { actionErrorMessage } from '../../components/Conversations/apiErrors';
import { DisputeStatusBadge } from '../../components/Conversations/ConversationBadges';
import {
  ASSIGNMENT_OUTCOMES,
  DISPUTE_REASONS_LIST,
  disputeReasonLabel,
  formatDurationShort,
  outcomeLabel,
} from '../../components/Conversations/conversationWords';
import { REASON_MAX, REASON_MIN, ReasonModal } from '../../components/Conversations/ReasonModal';
import {
  AssignmentDeclineDocument,
  AssignmentDisputeDocument,
  AssignmentOutcomeReportDocument,
  ProviderAssignmentDocument,
  ThreadCloseDocument,
  type AssignmentOutcome,
  type DisputeReason,
  type ProviderAssignmentFieldsFragment,
} from '../../gql/graphql';

type Assignment = ProviderAssignmentFieldsFragment;

function reasonProblem(value: string, what: string): string | null {
  const length = value.trim().length;
  if (length < REASON_MIN) return `${what} (at least ${REASON_MIN} characters)`;
  if (length > REASON_MAX) return `Keep it to ${REASON_MAX.toLocaleString('en-US')} characters`;
  return null;
}

/** Whether a deadline (ISO) is still ahead of `now` (ms). */
function before(deadline: string | null | undefined, now: number): deadline is string {
  return !!deadline && new Date(deadline).getTime() > now;
}

function OutcomeForm({ assignment, onClose }: { assignment: Assignment; onClose: () => void }) {
  const [report, { loading }] = useMutation(AssignmentOutcomeReportDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<{ outcome: AssignmentOutcome | ''; reason: string }>({
    initialValues: { outcome: assignment.outcome ?? '', reason: assignment.outcomeReason ?? '' },
    validate: {
      outcome: (value) => (value ? null : 'Choose what came of this lead'),
      reason: (value, values) => {
        if (values.outcome === 'BAD_LEAD') return reasonProblem(value, 'Say what was wrong with the lead');
        return value.trim().length > REASON_MAX ? `Keep it to ${REASON_MAX.toLocaleString('en-US')} characters` : null;
      },
    },
  });
  const submit = form.onSubmit(async ({ outcome, reason }) => {
    if (!outcome || loading) return;
    setFailure(null);
    try {
      await report({ variables: { id: assignment.id, outcome, reason: reason.trim() || null } });
      notifySuccess(`Outcome recorded: ${outcomeLabel(outcome)}.`);
      onClose();
    } catch (error) {
      setFailure(actionErrorMessage(error));
    }
  });
  const badLead = form.values.outcome === 'BAD_LEAD';
  return (
    <form onSubmit={submit} noValidate aria-label="Report outcome">
      <Stack gap="sm">
        <FormErrorAlert messages={failure ? [failure] : []} />
        <Radio.Group label="Outcome" required {...form.getInputProps('outcome')}>
          <Stack gap={6} mt={6}>
            {ASSIGNMENT_OUTCOMES.map((o) => (
              <Radio key={o} value={o} label={outcomeLabel(o)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={badLead ? 'What was wrong with the lead' : 'Note'}
          description={badLead ? 'Required for a bad lead: admins read it.' : 'Optional.'}
          required={badLead}
          rows={2}
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" loading={loading}>
            Save outcome
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DisputeForm({ assignment, onClose }: { assignment: Assignment; onClose: () => void }) {
  const [dispute, { loading }] = useMutation(AssignmentDisputeDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<{ reason: DisputeReason | null; note: string }>({
    initialValues: { reason: null, note: '' },
    validate: {
      reason: (value) => (value ? null : 'Choose why you dispute the charge'),
      note: (value) => reasonProblem(value, 'Explain the dispute for the admin'),
    },
  });
  const submit = form.onSubmit(async ({ reason, note }) => {
    if (!reason || loading) return;
    setFailure(null);
    try {
      await dispute({ variables: { id: assignment.id, reason, note: note.trim() } });
      notifySuccess('An admin reviews the dispute with the thread as evidence.', 'Dispute sent');
      onClose();
    } catch (error) {
      setFailure(actionErrorMessage(error));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Dispute the charge">
      <Stack gap="sm">
        <Text size="sm">An admin reviews the dispute with this thread as evidence. Upheld disputes give the lead&apos;s credits back.</Text>
        <FormErrorAlert messages={failure ? [failure] : []} />
        <Select
          label="Reason"
          required
          data={DISPUTE_REASONS_LIST.map((r) => ({ value: r, label: disputeReasonLabel(r) }))}
          {...form.getInputProps('reason')}
        />
        <Textarea label="Note for the admin" required rows={3} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" color="orange" loading={loading}>
            Send dispute
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Open = 'decline' | 'outcome' | 'dispute' | 'close' | null;

/**
 * What the provider can do with a lead: decline it free within the hour, report its outcome,
 * dispute the charge within 14 days, close the thread.
 */
export function LeadActions({ assignment, now }: { assignment: Assignment; now: number }) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const [decline] = useMutation(AssignmentDeclineDocument);
  const [closeThread, { loading: closing }] = useMutation(ThreadCloseDocument, {
    refetchQueries: [{ query: ProviderAssignmentDocument, variables: { id: assignment.id } }],
    awaitRefetchQueries: true,
  });

  const active = assignment.status === 'ACTIVE';
  const canDecline = active && before(assignment.declinableUntil, now);
  const canDispute =
    !assignment.dispute && (assignment.status === 'ACTIVE' || assignment.status === 'CLOSED') && before(assignment.disputableUntil, now);
  const canReport = assignment.status !== 'DECLINED';
  const thread = assignment.thread;

  return (
    <Paper component="section" aria-label="Actions">
      <Stack gap="sm">
        <Title order={4}>Actions</Title>

        {canDecline && (
          <Stack gap={4}>
            <Button variant="light" color="gray" leftSection={<IconX size={16} />} onClick={() => setOpen('decline')}>
              Decline lead
            </Button>
            <Text size="xs" c="dimmed">
              Free until {formatDateTime(assignment.declinableUntil)} (
              {formatDurationShort((new Date(assignment.declinableUntil!).getTime() - now) / 1000)} left): the credits come back.
            </Text>
          </Stack>
        )}
        {assignment.status === 'DECLINED' && (
          <Text size="sm">
            You declined this lead{assignment.declineReason ? `: ${assignment.declineReason}` : ''}. The credits came back.
          </Text>
        )}
        {assignment.status === 'REFUNDED' && (
          <Text size="sm">
            Refunded {formatDateTime(assignment.refundedAt)}
            {assignment.refundReason ? `: ${assignment.refundReason}` : ''}.
          </Text>
        )}

        {canReport && (
          <Stack gap={4}>
            <Button variant="light" leftSection={<IconReportAnalytics size={16} />} onClick={() => setOpen('outcome')}>
              {assignment.outcome ? 'Change outcome' : 'Report outcome'}
            </Button>
            {assignment.outcome && (
              <Text size="xs">
                Outcome: {outcomeLabel(assignment.outcome)}
                {assignment.outcomeReason ? ` — ${assignment.outcomeReason}` : ''}
              </Text>
            )}
          </Stack>
        )}

        {assignment.dispute ? (
          <Stack gap={4} aria-label="Dispute" role="group">
            <Group gap="xs">
              <Text size="sm" fw={500}>
                Dispute: {disputeReasonLabel(assignment.dispute.reason)}
              </Text>
              <DisputeStatusBadge status={assignment.dispute.status} />
            </Group>
            <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {assignment.dispute.note}
            </Text>
            {assignment.dispute.resolutionNote && (
              <Text size="xs" c="dimmed">
                Admin: {assignment.dispute.resolutionNote}
              </Text>
            )}
          </Stack>
        ) : (
          canDispute && (
            <Stack gap={4}>
              <Button variant="light" color="orange" leftSection={<IconFlag size={16} />} onClick={() => setOpen('dispute')}>
                Dispute charge
              </Button>
              <Text size="xs" c="dimmed">
                Disputes are accepted until {formatDateTime(assignment.disputableUntil)}.
              </Text>
            </Stack>
          )
        )}

        {thread?.status === 'OPEN' && (
          <Button variant="subtle" color="red" leftSection={<IconMessageOff size={16} />} onClick={() => setOpen('close')}>
            Close thread
          </Button>
        )}
      </Stack>

      <ReasonModal
        opened={open === 'decline'}
        title="Decline this lead"
        label="Why you decline it"
        confirmLabel="Decline lead"
        color="red"
        onClose={close}
        onSubmit={async (reason) => {
          await decline({ variables: { id: assignment.id, reason } });
          notifySuccess('The lead was declined and its credits are back.');
        }}
      >
        Declining within the first hour is free: the credits come back and the person is routed elsewhere if possible.
      </ReasonModal>
      <Modal opened={open === 'outcome'} onClose={close} title="Report outcome">
        {open === 'outcome' && <OutcomeForm assignment={assignment} onClose={close} />}
      </Modal>
      <Modal opened={open === 'dispute'} onClose={close} title="Dispute the charge">
        {open === 'dispute' && <DisputeForm assignment={assignment} onClose={close} />}
      </Modal>
      <ConfirmModal
        opened={open === 'close'}
        title="Close this thread?"
        confirmLabel="Close thread"
        loading={closing}
        onClose={close}
        onConfirm={() => {
          if (!thread) return;
          closeThread({ variables: { id: thread.id } })
            .then(() => {
              notifySuccess('The thread is closed; it stays readable here.');
              close();
            })
            .catch((error: unknown) => notifyFailure(actionErrorMessage(error), 'Thread not closed'));
        }}
      >
        Neither side can write in a closed thread, and mail to its relay addresses is refused. It stays readable here.
      </ConfirmModal>
    </Paper>
  );
}
