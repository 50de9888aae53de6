import { useApolloClient, useMutation } from '@apollo/client/react';
import { Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zodResolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { AuthCard } from '../../auth/AuthCard';
import { safeNextPath } from '../../auth/next';
import { notifyError } from '../../feedback/notify';
import { FormErrorAlert } from '../../forms/FormErrorAlert';
import { emailSchema } from '../../forms/schemas';
import { applyUserErrors } from '../../forms/userErrors';
import { SessionLoginDocument } from '../../gql/graphql';

const schema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password'),
});

export interface LoginPageProps {
  /** Shown as the subtitle, e.g. "Buyer workspace". */
  appName?: string;
}

/** Email + password login; returns to `?next=` (an in-app path) afterwards. */
export function LoginPage({ appName }: LoginPageProps) {
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const navigate = useNavigate();
  const client = useApolloClient();
  const [sessionLogin, { loading }] = useMutation(SessionLoginDocument);
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const form = useForm({
    initialValues: { email: searchParams.get('email') ?? '', password: '' },
    validate: zodResolver(schema),
  });

  const submit = form.onSubmit(async (values) => {
    setFormErrors([]);
    try {
      const { data } = await sessionLogin({ variables: { email: values.email.trim(), password: values.password } });
      const payload = data?.sessionLogin;
      if (!payload) return;
      if (payload.userErrors.length > 0 || !payload.user) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      // A new session means a new viewer: drop everything cached for the previous one.
      await client.clearStore();
      await navigate(next, { replace: true });
    } catch (error) {
      notifyError(error, 'Could not log in');
    }
  });

  const signupHref = next === '/' ? '/signup' : `/signup?next=${encodeURIComponent(next)}`;

  return (
    <AuthCard
      title="Log in"
      subtitle={appName}
      footer={
        <>
          New to Hotlead?{' '}
          <Anchor component={Link} to={signupHref} size="sm">
            Create an account
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormErrorAlert messages={formErrors} />
          <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
          <Group justify="space-between">
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot password?
            </Anchor>
            <Button type="submit" loading={loading}>
              Log in
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthCard>
  );
}
