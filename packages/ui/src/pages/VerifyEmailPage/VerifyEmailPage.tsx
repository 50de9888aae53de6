import { errorMessage } from '@hotlead/graphql-client';
import { useMutation } from '@apollo/client/react';
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AuthCard } from '../../auth/AuthCard';
import { EmailVerifyDocument } from '../../gql/graphql';

type Outcome = { kind: 'verifying' } | { kind: 'verified'; email: string } | { kind: 'failed'; message: string };

/** Confirms the emailed `?token=` as soon as the page opens. */
export function VerifyEmailPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token');
  const [emailVerify] = useMutation(EmailVerifyDocument);
  const [outcome, setOutcome] = useState<Outcome>(
    token ? { kind: 'verifying' } : { kind: 'failed', message: 'This verification link has no token.' },
  );
  const started = useRef(false);

  useEffect(() => {
    // Tokens are single-use: never send one twice (StrictMode runs effects twice in development).
    if (!token || started.current) return;
    started.current = true;
    emailVerify({ variables: { token } })
      .then(({ data }) => {
        const payload = data?.emailVerify;
        const firstError = payload?.userErrors[0];
        if (firstError || !payload?.user) {
          setOutcome({ kind: 'failed', message: firstError?.message ?? 'This link could not be used.' });
        } else {
          setOutcome({ kind: 'verified', email: payload.user.email });
        }
      })
      .catch((error: unknown) => setOutcome({ kind: 'failed', message: errorMessage(error) }));
  }, [emailVerify, token]);

  return (
    <AuthCard title="Verify your email">
      {outcome.kind === 'verifying' && (
        <Center py="md">
          <Stack align="center" gap="xs">
            <Loader />
            <Text size="sm" c="dimmed">
              Verifying your email…
            </Text>
          </Stack>
        </Center>
      )}
      {outcome.kind === 'verified' && (
        <Stack>
          <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Email verified">
            {outcome.email} is confirmed. Thank you!
          </Alert>
          <Button component={Link} to="/">
            Continue
          </Button>
        </Stack>
      )}
      {outcome.kind === 'failed' && (
        <Stack>
          <Alert color="red" title="We could not verify your email">
            {outcome.message}
          </Alert>
          <Text size="sm" c="dimmed">
            Links expire after a while. You can send a new one from your account page.
          </Text>
          <Button component={Link} to="/account" variant="light">
            Go to my account
          </Button>
        </Stack>
      )}
    </AuthCard>
  );
}
