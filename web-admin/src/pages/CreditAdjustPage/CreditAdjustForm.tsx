import { useMutation } from '@apollo/client/react';
import { applyUserErrors, formatCredits, FormErrorAlert, notifyError, notifySuccess } from '@hotlead/ui';
import { Alert, Button, Group, NumberInput, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { CreditAdjustDocument, CreditAdjustWorkspaceDocument, type AdjustmentDirection } from '../../gql/graphql';

interface Values {
  direction: AdjustmentDirection;
  credits: number | string;
  reason: string;
}

const initialValues: Values = { direction: 'GRANT', credits: '', reason: '' };

/**
 * Grant or deduct whole credits with a reason. One idempotency key per adjustment: a double submit or a
 * retry after a lost response posts it once; a new key only after it went through.
 */
export function CreditAdjustForm({ workspace }: { workspace: { id: string; name: string } }) {
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [result, setResult] = useState<{ direction: AdjustmentDirection; credits: number; balance: string } | null>(null);
  const [adjust, { loading }] = useMutation(CreditAdjustDocument, {
    refetchQueries: [CreditAdjustWorkspaceDocument],
    awaitRefetchQueries: true,
  });
  const form = useForm<Values>({
    initialValues,
    validate: {
      credits: (v) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? null : 'Enter a whole number of credits above zero'),
      reason: (v) => (v.trim().length >= 3 ? null : 'Say why (at least 3 characters); it is kept in the audit log'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    if (loading) return;
    setFormErrors([]);
    setResult(null);
    const credits = Number(values.credits);
    try {
      const { data } = await adjust({
        variables: {
          input: { workspaceId: workspace.id, direction: values.direction, credits, reason: values.reason.trim(), idempotencyKey },
        },
      });
      const payload = data?.creditAdjust;
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      setResult({ direction: values.direction, credits, balance: payload.balance ?? '0' });
      notifySuccess(`${values.direction === 'GRANT' ? 'Granted' : 'Deducted'} ${formatCredits(String(credits))} credits.`);
      form.reset();
      setIdempotencyKey(crypto.randomUUID());
    } catch (error) {
      notifyError(error, 'Credits not adjusted');
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Adjust credits">
      <Stack gap="sm" maw={520}>
        {result && (
          <Alert color="teal" title="Credits adjusted" role="status">
            {result.direction === 'GRANT' ? 'Granted' : 'Deducted'} {formatCredits(String(result.credits))} credits. New balance:{' '}
            <strong>{formatCredits(result.balance)}</strong> credits.
          </Alert>
        )}
        <FormErrorAlert messages={formErrors} />
        <SegmentedControl
          aria-label="Direction"
          value={form.values.direction}
          onChange={(value) => form.setFieldValue('direction', value === 'DEDUCT' ? 'DEDUCT' : 'GRANT')}
          data={[
            { value: 'GRANT', label: 'Grant credits' },
            { value: 'DEDUCT', label: 'Deduct credits' },
          ]}
        />
        <NumberInput
          label="Credits"
          required
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=","
          {...form.getInputProps('credits')}
        />
        <Textarea
          label="Reason"
          required
          description="Kept with the ledger entry and in the audit log."
          rows={2}
          {...form.getInputProps('reason')}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {workspace.name}
          </Text>
          <Button type="submit" loading={loading} color={form.values.direction === 'DEDUCT' ? 'red' : undefined}>
            {form.values.direction === 'DEDUCT' ? 'Deduct credits' : 'Grant credits'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
