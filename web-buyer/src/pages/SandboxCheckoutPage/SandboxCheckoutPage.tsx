import { useMutation, useQuery } from '@apollo/client/react';
import { EmptyPanel, formatCents, FormErrorAlert, notifyError, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Alert, Anchor, Box, Button, Container, Divider, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { browser } from '../../credits/browser';
import { SandboxCheckoutCompleteDocument, SandboxCheckoutPageDocument, type SandboxOutcome } from '../../gql/graphql';
import { urls } from '../../urls';

export const TEST_CARD = { number: '4242 4242 4242 4242', expiry: '12 / 34', cvc: '123' };

/**
 * The local sandbox payment provider's checkout page (stands in for Stripe Checkout when the server
 * runs without Stripe keys): pay, or have the card declined; then on to the URL the sandbox returns.
 */
export function SandboxCheckoutPage() {
  const { sessionId = '' } = useParams();
  const { data, error, refetch } = useQuery(SandboxCheckoutPageDocument, { variables: { id: sessionId }, fetchPolicy: 'network-only' });
  const [complete] = useMutation(SandboxCheckoutCompleteDocument);
  const [submitting, setSubmitting] = useState<SandboxOutcome | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  const finish = async (outcome: SandboxOutcome) => {
    setSubmitting(outcome);
    setErrors([]);
    let leaving = false;
    try {
      const { data: result } = await complete({ variables: { sessionId, outcome } });
      const payload = result?.sandboxCheckoutComplete;
      if (!payload) return;
      if (payload.userErrors.length > 0) setErrors(payload.userErrors.map((e) => e.message));
      else if (payload.url) {
        leaving = true;
        browser.assign(payload.url);
      }
    } catch (e) {
      notifyError(e, 'Payment not completed');
    } finally {
      if (!leaving) setSubmitting(null);
    }
  };

  let content: ReactNode;
  if (!data) {
    content = error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  } else if (!data.sandboxCheckoutSession) {
    content = (
      <EmptyPanel
        title="This checkout does not exist"
        description="The link may be wrong, or payments here go through Stripe."
        action={<BackToCredits />}
      />
    );
  } else if (data.sandboxCheckoutSession.status !== 'open') {
    const { status } = data.sandboxCheckoutSession;
    content = (
      <EmptyPanel
        title={`This checkout is already ${status === 'complete' ? 'complete' : 'expired'}`}
        description={
          status === 'complete' ? 'It was paid; nothing more to do here.' : 'It can no longer be paid. Start a new purchase instead.'
        }
        action={<BackToCredits />}
      />
    );
  } else {
    const session = data.sandboxCheckoutSession;
    const amount = formatCents(session.amountCents);
    content = (
      <Stack gap="md">
        <div>
          <Text size="sm" c="dimmed">
            Pay Hotlead
          </Text>
          <Title order={2}>{amount}</Title>
          <Text fw={500}>{session.productName}</Text>
        </div>
        <Divider />
        <Stack gap="xs" aria-label="Test card" role="group">
          <Text size="sm" fw={600}>
            Test card
          </Text>
          <TextInput label="Card number" value={TEST_CARD.number} readOnly />
          <Group grow>
            <TextInput label="Expiry" value={TEST_CARD.expiry} readOnly />
            <TextInput label="CVC" value={TEST_CARD.cvc} readOnly />
          </Group>
        </Stack>
        <FormErrorAlert messages={errors} />
        <Button
          size="md"
          color="teal"
          loading={submitting === 'SUCCEED'}
          disabled={submitting === 'DECLINE'}
          onClick={() => void finish('SUCCEED')}
        >
          Pay {amount}
        </Button>
        <Button
          variant="light"
          color="red"
          loading={submitting === 'DECLINE'}
          disabled={submitting === 'SUCCEED'}
          onClick={() => void finish('DECLINE')}
        >
          Decline card
        </Button>
        <Anchor href={session.cancelUrl} size="sm" ta="center">
          Cancel and return to Hotlead
        </Anchor>
      </Stack>
    );
  }

  return (
    <Box bg="gray.1" mih="100vh" py="xl">
      <Container size={460}>
        <Stack gap="md">
          <Alert
            color="orange"
            variant="filled"
            role="note"
            icon={<IconFlask size={20} />}
            title="Hotlead sandbox payments — no real money"
          >
            This page stands in for the card payment page in local mode. Nothing is charged.
          </Alert>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            {content}
          </Paper>
        </Stack>
      </Container>
    </Box>
  );
}

function BackToCredits() {
  return (
    <Button component={Link} to={urls.creditsReturn()} variant="light">
      Back to credits
    </Button>
  );
}
