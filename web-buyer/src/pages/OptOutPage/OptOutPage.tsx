import { useMutation } from '@apollo/client/react';
import { applyUserErrors, AuthCard, FormErrorAlert, notifyError } from '@hotlead/ui';
import { Alert, Button, List, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { OptOutDocument } from '../../gql/graphql';

export const OPT_OUT_CONFIRMATION =
  'If Hotlead held your details, they have been removed from the marketplace and will not be imported again. Companies that bought them have been told to stop using them.';

/**
 * The public opt-out page (no sign-in): an email and/or a phone number to remove from Hotlead. The
 * answer is the same whether or not Hotlead held the contact.
 */
export function OptOutPage() {
  const [optOut, { loading }] = useMutation(OptOutDocument);
  const [done, setDone] = useState(false);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({
    initialValues: { email: '', phone: '' },
    validate: {
      email: (value, values) =>
        value.trim() === '' && values.phone.trim() === '' ? 'Enter your email address, your phone number, or both' : null,
    },
  });

  const submit = form.onSubmit(async ({ email, phone }) => {
    setFormErrors([]);
    try {
      const { data } = await optOut({ variables: { email: email.trim() || null, phone: phone.trim() || null } });
      const payload = data?.optOut;
      if (!payload) return;
      if (payload.userErrors.length > 0 || !payload.done) {
        const general = applyUserErrors(form, payload.userErrors);
        setFormErrors(payload.userErrors.length > 0 ? general : ['Your request was not recorded. Please try again.']);
        return;
      }
      setDone(true);
    } catch (error) {
      notifyError(error, 'Request not sent');
    }
  });

  return (
    <AuthCard
      title="Opt out of Hotlead"
      subtitle="Ask us to remove your contact details from the Hotlead lead marketplace."
      footer="You do not need an account. We use what you enter here only to find and suppress your details."
    >
      {done ? (
        <Alert color="teal" icon={<IconCircleCheck size={20} />} title="Request received" role="status">
          {OPT_OUT_CONFIRMATION}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">When you opt out:</Text>
            <List size="sm" spacing={4}>
              <List.Item>your details are removed from the marketplace and no longer sold;</List.Item>
              <List.Item>they are never imported again, whoever uploads them;</List.Item>
              <List.Item>companies that already bought them are notified to stop using them.</List.Item>
            </List>
            <Text size="sm" c="dimmed">
              Enter the email address, the phone number, or both.
            </Text>
            <FormErrorAlert messages={formErrors} />
            <TextInput label="Email" type="email" autoComplete="email" placeholder="you@example.com" {...form.getInputProps('email')} />
            <TextInput
              label="Phone"
              type="tel"
              autoComplete="tel"
              placeholder="+1 415 555 0100"
              description="With the country code"
              {...form.getInputProps('phone')}
            />
            <Button type="submit" loading={loading}>
              Opt out
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
