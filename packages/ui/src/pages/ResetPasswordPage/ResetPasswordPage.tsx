import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zodResolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { AuthCard } from '../../auth/AuthCard';
import { notifyError, notifySuccess } from '../../feedback/notify';
import { FormErrorAlert } from '../../forms/FormErrorAlert';
import { PASSWORD_MIN, passwordSchema } from '../../forms/schemas';
import { applyUserErrors } from '../../forms/userErrors';
import { PasswordResetDocument } from '../../gql/graphql';

const schema = z.object({ password: passwordSchema, confirmPassword: z.string() }).refine((v) => v.password === v.confirmPassword, {
  message: 'The passwords do not match',
  path: ['confirmPassword'],
});

/** Sets a new password from the emailed `?token=`. */
export function ResetPasswordPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token');
  const navigate = useNavigate();
  const client = useApolloClient();
  const [passwordReset, { loading }] = useMutation(PasswordResetDocument);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({
    initialValues: { password: '', confirmPassword: '' },
    validate: zodResolver(schema),
  });

  const submit = form.onSubmit(async ({ password }) => {
    if (!token) return;
    setFormErrors([]);
    try {
      const { data } = await passwordReset({ variables: { token, password } });
      const payload = data?.passwordReset;
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      notifySuccess('Your password was changed. Other sessions have been signed out.', 'Password updated');
      await client.clearStore();
      await navigate(payload.user ? '/' : '/login', { replace: true });
    } catch (error) {
      notifyError(error, 'Could not reset your password');
    }
  });

  const footer = (
    <Anchor component={Link} to="/login" size="sm">
      Back to log in
    </Anchor>
  );

  if (!token) {
    return (
      <AuthCard title="Reset your password" footer={footer}>
        <Stack>
          <Alert color="red" title="This link is incomplete">
            The reset link has no token. Open the link from the email again, or ask for a new one.
          </Alert>
          <Button component={Link} to="/forgot-password" variant="light">
            Send a new link
          </Button>
        </Stack>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Choose a new password" footer={footer}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormErrorAlert messages={formErrors} />
          <PasswordInput
            label="New password"
            description={`At least ${PASSWORD_MIN} characters`}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordInput label="Confirm new password" autoComplete="new-password" required {...form.getInputProps('confirmPassword')} />
          <Button type="submit" loading={loading} fullWidth>
            Set new password
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
