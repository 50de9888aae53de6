import { useMutation } from '@apollo/client/react';
import { applyUserErrors, FormErrorAlert, notifyError, notifySuccess } from '@hotlead/ui';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import {
  AdminLeadReportResolveDocument,
  AdminLeadReportsDocument,
  type AdminLeadReportFieldsFragment,
  type LeadReportDecision,
} from '../../gql/graphql';
import { leadName } from './leadName';

/** The note to the buyer: what the server accepts (trimmed). */
export const RESOLUTION_MIN = 3;
export const RESOLUTION_MAX = 1000;

export interface ResolveReportModalProps {
  /** The report and the decision being made; the modal is closed without one. */
  target: { report: AdminLeadReportFieldsFragment; decision: LeadReportDecision } | null;
  onClose: () => void;
}

const WORDS = {
  REFUND: {
    title: 'Refund this lead',
    explain:
      "The buyer gets the lead's credits back, and the partner's commission on it is reversed in the same ledger entry. The buyer sees your note.",
    confirm: 'Refund credits',
    done: 'Report refunded',
    failed: 'Report not refunded',
  },
  REJECT: {
    title: 'Reject this report',
    explain: 'The buyer keeps the lead and gets no credits back. They see your note, so say why.',
    confirm: 'Reject report',
    done: 'Report rejected',
    failed: 'Report not rejected',
  },
} as const;

function ResolveReportForm({
  report,
  decision,
  onClose,
}: {
  report: AdminLeadReportFieldsFragment;
  decision: LeadReportDecision;
  onClose: () => void;
}) {
  const words = WORDS[decision];
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [resolve, { loading }] = useMutation(AdminLeadReportResolveDocument, {
    refetchQueries: [AdminLeadReportsDocument],
    awaitRefetchQueries: true,
    update: (cache, { data }) => {
      // A refund changes the purchase's refunded credits: the purchases list is fetched afresh when shown.
      if (decision === 'REFUND' && data?.leadReportResolve.report) {
        cache.evict({ id: 'ROOT_QUERY', fieldName: 'adminLeadPurchases' });
        cache.gc();
      }
    },
  });
  const form = useForm({
    initialValues: { resolution: '' },
    validate: {
      resolution: (value) => {
        const length = value.trim().length;
        if (length < RESOLUTION_MIN) return `Write a note for the buyer (at least ${RESOLUTION_MIN} characters)`;
        if (length > RESOLUTION_MAX) return `Keep the note to ${RESOLUTION_MAX.toLocaleString('en-US')} characters`;
        return null;
      },
    },
  });

  const submit = form.onSubmit(async (values) => {
    if (loading) return;
    setFormErrors([]);
    try {
      const { data } = await resolve({
        variables: { input: { reportId: report.id, decision, resolution: values.resolution.trim() } },
      });
      const payload = data?.leadReportResolve;
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      notifySuccess(`${leadName(report.lead)}: the buyer sees your note.`, words.done);
      onClose();
    } catch (error) {
      notifyError(error, words.failed);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={words.title}>
      <Stack gap="sm">
        <Text size="sm">{words.explain}</Text>
        <FormErrorAlert messages={formErrors} />
        <Textarea
          label="Note to the buyer"
          description={`${RESOLUTION_MIN}–${RESOLUTION_MAX.toLocaleString('en-US')} characters.`}
          required
          rows={4}
          data-autofocus
          {...form.getInputProps('resolution')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" color={decision === 'REJECT' ? 'red' : undefined} loading={loading}>
            {words.confirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Asks for the note the buyer reads, then refunds or rejects the report; user errors stay in the modal. */
export function ResolveReportModal({ target, onClose }: ResolveReportModalProps) {
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target ? `${WORDS[target.decision].title}: ${leadName(target.report.lead)}` : ''}
    >
      {target && (
        <ResolveReportForm
          key={`${target.report.id}-${target.decision}`}
          report={target.report}
          decision={target.decision}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}
