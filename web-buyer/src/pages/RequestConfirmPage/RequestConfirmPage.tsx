import { useApolloClient, useMutation } from '@apollo/client/react';
import { errorCode } from '@hotlead/graphql-client';
import { applyUserErrors, AuthCard, FormErrorAlert, PASSWORD_MIN, passwordSchema, zodResolver } from '@hotlead/ui';
import { Alert, Button, Center, Loader, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { ServiceRequestConfirmDocument, SetInitialPasswordDocument } from '../../gql/graphql';
import { apiErrorMessage, inputErrorsOf } from '../../requests/serverErrors';
import { urls } from '../../urls';

export const INVALID_LINK_MESSAGE = 'This confirmation link is invalid or has expired.';

type Outcome =
  | { kind: 'confirming' }
  | { kind: 'setPassword'; nicheName: string }
  | { kind: 'signedIn' }
  | { kind: 'confirmedWithoutAccount'; nicheName: string }
  | { kind: 'failed'; message: string };

/**
 * `/requests/confirm?token=…`, the link of the confirmation email: confirms the request once, then
 * asks for a password (new account), goes to "My requests" (account ready), or just says the request
 * is confirmed (the person chose to be contacted directly, so there is no account).
 */
export function RequestConfirmPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token');
  const navigate = useNavigate();
  const client = useApolloClient();
  const [confirm] = useMutation(ServiceRequestConfirmDocument);
  const [outcome, setOutcome] = useState<Outcome>(
    token ? { kind: 'confirming' } : { kind: 'failed', message: 'This confirmation link is incomplete.' },
  );
  const started = useRef(false);

  useEffect(() => {
    // The token is single-use: never send it twice (StrictMode runs effects twice in development).
    if (!token || started.current) return;
    started.current = true;
    confirm({ variables: { token } })
      .then(async ({ data }) => {
        const payload = data?.serviceRequestConfirm;
        if (!payload) {
          setOutcome({ kind: 'failed', message: INVALID_LINK_MESSAGE });
          return;
        }
        const nicheName = payload.request.niche.name;
        if (!payload.signedIn) {
          setOutcome({ kind: 'confirmedWithoutAccount', nicheName });
          return;
        }
        // The confirmation set a session cookie: whatever was cached (e.g. "signed out") is stale.
        await client.clearStore();
        if (payload.needsPassword) {
          setOutcome({ kind: 'setPassword', nicheName });
        } else {
          setOutcome({ kind: 'signedIn' });
          await navigate(urls.endUserHome(), { replace: true });
        }
      })
      .catch((error: unknown) => {
        // A refused token (unknown, used, expired) is about the link; anything else (network, rate
        // limit) says what happened.
        const code = errorCode(error);
        const aboutTheLink = code === 'BAD_USER_INPUT' || code === 'NOT_FOUND' || inputErrorsOf(error).length > 0;
        setOutcome({ kind: 'failed', message: aboutTheLink ? INVALID_LINK_MESSAGE : apiErrorMessage(error) });
      });
  }, [client, confirm, navigate, token]);

  switch (outcome.kind) {
    case 'confirming':
    case 'signedIn':
      return (
        <AuthCard title="Confirming your request">
          <Center py="md">
            <Stack align="center" gap="xs">
              <Loader />
              <Text size="sm" c="dimmed">
                {outcome.kind === 'confirming' ? 'Confirming your request…' : 'Opening your requests…'}
              </Text>
            </Stack>
          </Center>
        </AuthCard>
      );
    case 'setPassword':
      return <SetPasswordForm nicheName={outcome.nicheName} />;
    case 'confirmedWithoutAccount':
      return (
        <AuthCard title="Request confirmed">
          <Stack>
            <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Your request is confirmed" role="status">
              Your {outcome.nicheName} request is confirmed; providers will contact you directly.
            </Alert>
            <Button component={Link} to={urls.requestNiches()} variant="light">
              Request another service
            </Button>
          </Stack>
        </AuthCard>
      );
    case 'failed':
      return (
        <AuthCard title="Confirm your request">
          <Stack>
            <Alert color="red" title="We could not confirm your request" role="alert">
              {outcome.message}
            </Alert>
            <Text size="sm" c="dimmed">
              Confirmation links work once and expire after a while. If your request was not confirmed, you can simply send it again.
            </Text>
            <Button component={Link} to={urls.requestNiches()}>
              Submit a new request
            </Button>
            <Button component={Link} to={urls.endUserHome()} variant="subtle">
              Go to my requests
            </Button>
          </Stack>
        </AuthCard>
      );
  }
}

const passwordForm = z
  .object({ password: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { message: 'The passwords do not match', path: ['confirmPassword'] });

/** The new account's first password (the person is signed in by the confirmation already). */
function SetPasswordForm({ nicheName }: { nicheName: string }) {
  const navigate = useNavigate();
  const [setInitialPassword, { loading }] = useMutation(SetInitialPasswordDocument);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({ initialValues: { password: '', confirmPassword: '' }, validate: zodResolver(passwordForm) });

  const submit = form.onSubmit(async ({ password }) => {
    setFormErrors([]);
    try {
      const { data } = await setInitialPassword({ variables: { password } });
      if (!data?.setInitialPassword) {
        setFormErrors(['Your password was not saved. Please try again.']);
        return;
      }
      await navigate(urls.endUserHome(), { replace: true });
    } catch (error) {
      const inputErrors = inputErrorsOf(error);
      setFormErrors(inputErrors.length > 0 ? applyUserErrors(form, inputErrors) : [apiErrorMessage(error)]);
    }
  });

  return (
    <AuthCard
      title="Set a password"
      subtitle={`Your ${nicheName} request is confirmed. Choose a password to see providers' replies and write to them any time.`}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormErrorAlert messages={formErrors} />
          <PasswordInput
            label="Password"
            description={`At least ${PASSWORD_MIN} characters`}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordInput label="Confirm password" autoComplete="new-password" required {...form.getInputProps('confirmPassword')} />
          <Button type="submit" loading={loading} fullWidth>
            Set password and see my requests
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
