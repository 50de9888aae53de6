import { useMutation } from '@apollo/client/react';
import { applyUserErrors, FormErrorAlert, notifyError, notifySuccess } from '@hotlead/ui';
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { LeadReportCreateDocument, type LeadReportFieldsFragment, type LeadReportKind } from '../../gql/graphql';
import { REPORT_KIND_LABELS } from '../../purchases/labels';

const KIND_OPTIONS = (Object.keys(REPORT_KIND_LABELS) as LeadReportKind[]).map((kind) => ({
  value: kind,
  label: REPORT_KIND_LABELS[kind],
}));

export interface ReportLeadModalProps {
  /** The lead being reported (null: closed). */
  lead: { id: string; name: string } | null;
  purchaseId: string;
  onClose: () => void;
  onReported: (report: LeadReportFieldsFragment) => void;
}

/** "Report a problem" with a bought lead: what is wrong (a note is required except for bounces), sent with leadReportCreate. */
export function ReportLeadModal({ lead, purchaseId, onClose, onReported }: ReportLeadModalProps) {
  const [create, { loading }] = useMutation(LeadReportCreateDocument);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<{ kind: LeadReportKind; note: string }>({
    initialValues: { kind: 'BOUNCED', note: '' },
    validate: {
      note: (value, values) =>
        values.kind !== 'BOUNCED' && value.trim() === ''
          ? 'Describe what is wrong with this lead'
          : value.length > 1000
            ? 'Use at most 1,000 characters'
            : null,
    },
  });

  const close = () => {
    form.reset();
    setFormErrors([]);
    onClose();
  };

  const submit = form.onSubmit(async ({ kind, note }) => {
    if (!lead) return;
    setFormErrors([]);
    try {
      const { data } = await create({
        variables: { input: { purchaseId, leadId: lead.id, kind, note: note.trim() || null } },
        // The reports tab asks again when it is next shown.
        update: (cache) => {
          cache.evict({ fieldName: 'leadReports' });
          cache.gc();
        },
      });
      const payload = data?.leadReportCreate;
      if (!payload) return;
      if (payload.userErrors.length > 0 || !payload.report) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      notifySuccess(
        payload.report.status === 'REFUNDED'
          ? `The bounce of ${lead.name} is confirmed and its credits are back in your wallet.`
          : `${lead.name} is reported; you can follow the report under Reports.`,
        'Report sent',
      );
      onReported(payload.report);
      close();
    } catch (error) {
      notifyError(error, 'Report not sent');
    }
  });

  return (
    <Modal opened={lead !== null} onClose={close} title={lead ? `Report a problem with ${lead.name}` : 'Report a problem'}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormErrorAlert messages={formErrors} />
          <Select label="What is wrong?" data={KIND_OPTIONS} allowDeselect={false} required {...form.getInputProps('kind')} />
          {form.values.kind === 'BOUNCED' ? (
            <Alert color="blue" icon={<IconInfoCircle size={18} />} role="note">
              Bounces reported within 30 days of the purchase are verified and, once confirmed, refunded automatically. Later reports go to
              our team for review.
            </Alert>
          ) : (
            <Text size="sm" c="dimmed">
              Our team reviews the report and refunds the lead&apos;s credits if it is confirmed.
            </Text>
          )}
          <Textarea
            label="Note"
            description={form.values.kind === 'BOUNCED' ? 'Optional: the bounce message, for example.' : 'What is wrong with this lead?'}
            required={form.values.kind !== 'BOUNCED'}
            rows={3}
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Send report
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
