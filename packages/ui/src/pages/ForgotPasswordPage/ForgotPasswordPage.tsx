import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { zodResolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { AuthCard } from '../../auth/AuthCard';
import { notifyError } from '../../feedback/notify';
import { FormErrorAlert } from '../../forms/FormErrorAlert';
import { emailSchema } from '../../forms/schemas';
import { applyUserErrors } from '../../forms/userErrors';
import { PasswordResetRequestDocument } from '../../gql/graphql';

const schema = z.object({ email: emailSchema });

/** Asks for a reset link; the answer never says whether the account exists. */
export function ForgotPasswordPage() {
  const [passwordResetRequest, { loading }] = useMutation(PasswordResetRequestDocument);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({ initialValues: { email: '' }, validate: zodResolver(schema) });

  const submit = form.onSubmit(async ({ email }) => {
    setFormErrors([]);
    try {
      const { data } = await passwordResetRequest({ variables: { email: email.trim() } });
      const userErrors = data?.passwordResetRequest.userErrors ?? [];
      if (userErrors.length > 0) {
        setFormErrors(applyUserErrors(form, userErrors));
        return;
      }
      setSentTo(email.trim());
    } catch (error) {
      notifyError(error, 'Could not send the reset link');
    }
  });

  return (
    <AuthCard
      title="Reset your password"
      footer={
        <Anchor component={Link} to="/login" size="sm">
          Back to log in
        </Anchor>
      }
    >
      {sentTo ? (
        <Alert color="teal" icon={<IconMailCheck size={18} />} title="Check your inbox">
          If an account exists for {sentTo}, we sent it a link to choose a new password. The link expires soon, so use it shortly.
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormErrorAlert messages={formErrors} />
            <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
            <Button type="submit" loading={loading} fullWidth>
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
