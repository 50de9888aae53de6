import { useMutation } from '@apollo/client/react';
import { applyUserErrors, FormErrorAlert, notifyError } from '@hotlead/ui';
import { Alert, Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { SuppressionAddDocument, SuppressionStatsDocument } from '../../gql/graphql';

interface Values {
  email: string;
  phone: string;
  reason: string;
}

const NEED_CONTACT = 'Enter an email address or a phone number (or both)';

function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : pluralForm}`;
}

/** An email and/or a phone, and why; the API hashes them onto the suppression list. */
export function SuppressionAddForm() {
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [result, setResult] = useState<{ leadsSuppressed: number; webhooksQueued: number } | null>(null);
  const [add, { loading }] = useMutation(SuppressionAddDocument, {
    refetchQueries: [SuppressionStatsDocument],
    awaitRefetchQueries: true,
  });
  const form = useForm<Values>({
    initialValues: { email: '', phone: '', reason: '' },
    validate: {
      email: (value, values) => (value.trim() || values.phone.trim() ? null : NEED_CONTACT),
      phone: (value, values) => (value.trim() || values.email.trim() ? null : NEED_CONTACT),
    },
  });

  const submit = form.onSubmit(async (values) => {
    if (loading) return;
    setFormErrors([]);
    setResult(null);
    try {
      const { data } = await add({
        variables: {
          input: {
            email: values.email.trim() || null,
            phone: values.phone.trim() || null,
            reason: values.reason.trim() || null,
          },
        },
      });
      const payload = data?.suppressionAdd;
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      setResult({ leadsSuppressed: payload.leadsSuppressed ?? 0, webhooksQueued: payload.webhooksQueued ?? 0 });
      form.reset();
    } catch (error) {
      notifyError(error, 'Contact not suppressed');
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Suppress a contact">
      <Stack gap="sm">
        {result && (
          <Alert color="teal" title="Contact suppressed" role="status">
            {plural(result.leadsSuppressed, 'lead')} suppressed, {plural(result.webhooksQueued, 'webhook')} queued.
          </Alert>
        )}
        <FormErrorAlert messages={formErrors} />
        <Group grow align="flex-start">
          <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps('email')} />
          <TextInput
            label="Phone"
            type="tel"
            autoComplete="off"
            description="With the country code, e.g. +1 415 555 0100"
            {...form.getInputProps('phone')}
          />
        </Group>
        <Textarea
          label="Reason"
          description='Kept in the audit log, e.g. "request by phone, ticket 123".'
          rows={2}
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end">
          <Button type="submit" color="red" loading={loading}>
            Suppress contact
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
