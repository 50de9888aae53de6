import { useApolloClient, useMutation } from '@apollo/client/react';
import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zodResolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { AuthCard } from '../../auth/AuthCard';
import { safeNextPath } from '../../auth/next';
import { notifyError, notifySuccess } from '../../feedback/notify';
import { FormErrorAlert } from '../../forms/FormErrorAlert';
import { emailSchema, nameSchema, PASSWORD_MIN, passwordSchema } from '../../forms/schemas';
import { applyUserErrors } from '../../forms/userErrors';
import { AccountSignupDocument } from '../../gql/graphql';

const schema = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema });

/** Creates an account (signed in right away) and returns to `?next=`. */
export function SignupPage({ appName }: { appName?: string }) {
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const navigate = useNavigate();
  const client = useApolloClient();
  const [accountSignup, { loading }] = useMutation(AccountSignupDocument);
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const form = useForm({
    initialValues: { name: '', email: searchParams.get('email') ?? '', password: '' },
    validate: zodResolver(schema),
  });

  const submit = form.onSubmit(async (values) => {
    setFormErrors([]);
    try {
      const { data } = await accountSignup({
        variables: { name: values.name.trim(), email: values.email.trim(), password: values.password },
      });
      const payload = data?.accountSignup;
      if (!payload) return;
      if (payload.userErrors.length > 0 || !payload.user) {
        setFormErrors(applyUserErrors(form, payload.userErrors));
        return;
      }
      notifySuccess(`We sent a verification link to ${payload.user.email}.`, 'Welcome to Hotlead');
      await client.clearStore();
      await navigate(next, { replace: true });
    } catch (error) {
      notifyError(error, 'Could not create your account');
    }
  });

  const loginHref = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;

  return (
    <AuthCard
      title="Create your account"
      subtitle={appName}
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to={loginHref} size="sm">
            Log in
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormErrorAlert messages={formErrors} />
          <TextInput label="Name" autoComplete="name" required {...form.getInputProps('name')} />
          <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordInput
            label="Password"
            description={`At least ${PASSWORD_MIN} characters`}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={loading} fullWidth>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
