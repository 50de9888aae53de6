import { useApolloClient, useQuery } from '@apollo/client/react';
import { errorMessage } from '@hotlead/graphql-client';
import { formatCredits } from '@hotlead/ui';
import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClock, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PurchaseResult } from '../../credits/purchaseReturn';
import {
  CreditPurchaseResultDocument,
  CreditPurchasesDocument,
  CreditsPageDocument,
  CreditTransactionsDocument,
  type CreditPurchaseResultQuery,
} from '../../gql/graphql';
import { PACKAGES_ANCHOR } from './types';

/** While the provider's confirmation is pending: ask again every 2 s, for up to 30 s. */
export const POLL_INTERVAL_MS = 2_000;
export const POLL_TIMEOUT_MS = 30_000;

type Purchase = NonNullable<CreditPurchaseResultQuery['creditPurchase']>;

export interface PurchaseResultAlertProps {
  /** The `purchase` parameter of the return URL. */
  purchaseParam: string;
  result: PurchaseResult;
  onDismiss: () => void;
}

/** The outcome of the checkout the payment provider just sent the buyer back from. */
export function PurchaseResultAlert({ purchaseParam, result, onDismiss }: PurchaseResultAlertProps) {
  const client = useApolloClient();
  const { data, error, refetch, startPolling, stopPolling } = useQuery(CreditPurchaseResultDocument, {
    variables: { id: purchaseParam },
    fetchPolicy: 'network-only',
  });
  const [attempt, setAttempt] = useState(0);
  const [timedOut, setTimedOut] = useState(false);
  const purchase = data?.creditPurchase ?? null;
  const status = purchase?.status;
  const waiting = result === 'success' && status === 'PENDING' && !timedOut;

  useEffect(() => {
    if (result !== 'success') return;
    const timer = setTimeout(() => setTimedOut(true), POLL_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [result, attempt]);

  useEffect(() => {
    if (!waiting) return;
    startPolling(POLL_INTERVAL_MS);
    return () => stopPolling();
  }, [waiting, startPolling, stopPolling]);

  // Paid while we watched: show the new balance, purchase and history line.
  const sawPending = useRef(false);
  useEffect(() => {
    if (status === 'PENDING') sawPending.current = true;
    if (status === 'PAID' && sawPending.current) {
      sawPending.current = false;
      void client.refetchQueries({ include: [CreditsPageDocument, CreditPurchasesDocument, CreditTransactionsDocument] });
    }
  }, [status, client]);

  const checkAgain = () => {
    setTimedOut(false);
    setAttempt((n) => n + 1);
    void refetch();
  };

  if (!data) {
    if (error) {
      return (
        <ResultAlert color="red" title="We couldn't check this payment" onDismiss={onDismiss}>
          <Text size="sm">{errorMessage(error)}</Text>
          <Actions>
            <Button size="xs" variant="white" color="red" onClick={() => void refetch()}>
              Try again
            </Button>
          </Actions>
        </ResultAlert>
      );
    }
    return (
      <ResultAlert color="blue" title="Checking your payment…" icon={<Loader size={18} />} onDismiss={onDismiss}>
        <Text size="sm">One moment.</Text>
      </ResultAlert>
    );
  }

  if (!purchase) {
    return (
      <ResultAlert color="gray" title="We couldn't find this purchase" onDismiss={onDismiss}>
        <Text size="sm">It may belong to another workspace. Your purchases are listed below.</Text>
      </ResultAlert>
    );
  }

  return <PurchaseOutcome purchase={purchase} result={result} waiting={waiting} onCheckAgain={checkAgain} onDismiss={onDismiss} />;
}

function PurchaseOutcome({
  purchase,
  result,
  waiting,
  onCheckAgain,
  onDismiss,
}: {
  purchase: Purchase;
  result: PurchaseResult;
  waiting: boolean;
  onCheckAgain: () => void;
  onDismiss: () => void;
}) {
  const credits = formatCredits(String(purchase.credits));
  const tryAgain = (
    <Button size="xs" variant="white" onClick={scrollToPackages}>
      Try again
    </Button>
  );

  switch (purchase.status) {
    case 'PAID':
      return (
        <ResultAlert
          color="teal"
          title={`Payment received: ${credits} credits added`}
          icon={<IconCircleCheck size={20} />}
          onDismiss={onDismiss}
        >
          <Text size="sm">{purchase.packageName} is paid and its credits are in your balance. Thank you!</Text>
        </ResultAlert>
      );
    case 'PENDING':
      if (result === 'cancelled') {
        return (
          <ResultAlert color="yellow" title="Checkout cancelled" onDismiss={onDismiss}>
            <Text size="sm">Nothing was charged. You can go back to the checkout, or choose a package again.</Text>
            <Actions>
              {purchase.checkoutUrl && (
                <Button size="xs" variant="white" component="a" href={purchase.checkoutUrl}>
                  Continue payment
                </Button>
              )}
              {tryAgain}
            </Actions>
          </ResultAlert>
        );
      }
      if (waiting) {
        return (
          <ResultAlert color="blue" title="Confirming your payment…" icon={<Loader size={18} />} onDismiss={onDismiss}>
            <Text size="sm">
              We are waiting for the payment provider to confirm {purchase.packageName} ({credits} credits). This usually takes a few
              seconds.
            </Text>
          </ResultAlert>
        );
      }
      return (
        <ResultAlert color="yellow" title="Payment not confirmed yet" icon={<IconClock size={20} />} onDismiss={onDismiss}>
          <Text size="sm">
            The payment provider has not confirmed {purchase.packageName} yet. The {credits} credits are added as soon as it does; the
            purchase list below shows its status.
          </Text>
          <Actions>
            <Button size="xs" variant="white" onClick={onCheckAgain}>
              Check again
            </Button>
          </Actions>
        </ResultAlert>
      );
    case 'FAILED':
    case 'EXPIRED':
      return (
        <ResultAlert
          color="red"
          title={purchase.status === 'FAILED' ? 'Payment failed' : 'Checkout expired'}
          icon={<IconAlertTriangle size={20} />}
          onDismiss={onDismiss}
        >
          <Text size="sm">
            {purchase.failureReason ?? 'The checkout was not completed.'} Nothing was charged and no credits were added.
          </Text>
          <Actions>{tryAgain}</Actions>
        </ResultAlert>
      );
    default:
      return (
        <ResultAlert color="gray" title={`This purchase was ${purchase.status.toLowerCase()}`} onDismiss={onDismiss}>
          <Text size="sm">Its credits were taken back. Your purchases are listed below.</Text>
        </ResultAlert>
      );
  }
}

function scrollToPackages() {
  document.getElementById(PACKAGES_ANCHOR)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function ResultAlert({
  color,
  title,
  icon,
  onDismiss,
  children,
}: {
  color: string;
  title: string;
  icon?: ReactNode;
  onDismiss: () => void;
  children: ReactNode;
}) {
  return (
    <Alert
      color={color}
      title={title}
      icon={icon ?? <IconInfoCircle size={20} />}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onDismiss}
      role="status"
      data-testid="purchase-result"
    >
      {children}
    </Alert>
  );
}

function Actions({ children }: { children: ReactNode }) {
  return (
    <Group gap="xs" mt="sm">
      {children}
    </Group>
  );
}
