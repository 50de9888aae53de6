import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { errorMessage } from '@hotlead/graphql-client';
import { EmptyPanel, formatCredits, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClock, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { PurchaseResult } from '../../credits/purchaseReturn';
import { BuyerViewerDocument, LeadPurchaseDocument, LeadsPurchaseCancelDocument, type LeadPurchaseFieldsFragment } from '../../gql/graphql';
import { buyerMemberships } from '../../layouts/buyerMemberships';
import { formatCount } from '../../marketplace/format';
import { isPositive } from '../../purchases/labels';
import { DownloadCsv } from '../../purchases/PurchaseParts';
import { isSettling, PURCHASE_POLL_INTERVAL_MS, usePurchaseCompleted } from '../../purchases/usePurchaseUpdates';
import { urls } from '../../urls';

/** How long the page keeps asking while the card payment is unconfirmed. */
export const CHECKOUT_POLL_TIMEOUT_MS = 120_000;

/**
 * Where the card payment of a lead purchase returns (`?purchase=…&workspace=…&result=success|cancelled`).
 * Cancelled: the purchase is given up (once) and the held credits are back. Otherwise the purchase's
 * status, live: waiting for the payment, then complete (with the CSV once it is ready) or failed.
 */
export function CheckoutResultPage() {
  const [searchParams] = useSearchParams();
  const purchaseId = searchParams.get('purchase');
  const workspaceParam = searchParams.get('workspace');
  // Only an explicit `cancelled` gives the purchase up; anything else just shows its status.
  const result: PurchaseResult = searchParams.get('result') === 'cancelled' ? 'cancelled' : 'success';
  const { data: viewer } = useQuery(BuyerViewerDocument);
  // The workspace named in the URL, else the first buyer workspace (for the links).
  const workspaceId = workspaceParam ?? buyerMemberships(viewer?.me ?? null)[0]?.workspace.id ?? null;

  if (!purchaseId) {
    return (
      <EmptyPanel
        title="No purchase to show"
        description="This page shows the outcome of a card payment; the link is missing the purchase."
        action={
          workspaceId && (
            <Button component={Link} to={urls.purchases(workspaceId)}>
              Go to purchases
            </Button>
          )
        }
      />
    );
  }
  return <CheckoutResult key={purchaseId} purchaseId={purchaseId} workspaceId={workspaceId} result={result} />;
}

function CheckoutResult({ purchaseId, workspaceId, result }: { purchaseId: string; workspaceId: string | null; result: PurchaseResult }) {
  const client = useApolloClient();
  const { data, error, refetch, startPolling, stopPolling } = useQuery(LeadPurchaseDocument, {
    variables: { id: purchaseId },
    fetchPolicy: 'network-only',
  });
  const [cancel] = useMutation(LeadsPurchaseCancelDocument);
  const [cancelState, setCancelState] = useState<'idle' | 'cancelling' | 'done'>('idle');
  const [cancelErrors, setCancelErrors] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [timedOut, setTimedOut] = useState(false);
  const cancelSent = useRef(false);
  // Events of the workspace update the cached purchase (and this page) as soon as they happen.
  usePurchaseCompleted(workspaceId);

  const purchase = data?.leadPurchase ?? null;
  const status = purchase?.status;
  // The credits held while the card pays (the purchase shows 0 once it is settled either way).
  const [heldCredits, setHeldCredits] = useState<string | null>(null);
  if (status === 'AWAITING_PAYMENT' && isPositive(purchase?.reservedCredits) && heldCredits !== purchase?.reservedCredits) {
    setHeldCredits(purchase?.reservedCredits ?? null);
  }
  const waiting = result === 'success' && purchase !== null && isSettling(purchase) && !timedOut;

  // Cancelled at the provider: give the purchase up, once, if it still waits for the card.
  useEffect(() => {
    if (result !== 'cancelled' || status !== 'AWAITING_PAYMENT' || cancelSent.current) return;
    cancelSent.current = true;
    setCancelState('cancelling');
    cancel({ variables: { purchaseId } })
      .then(({ data: answer }) => {
        const errors = answer?.leadsPurchaseCancel.userErrors ?? [];
        setCancelErrors(errors.map((e) => e.message));
      })
      .catch((e: unknown) => setCancelErrors([errorMessage(e)]))
      .finally(() => setCancelState('done'));
  }, [result, status, purchaseId, cancel]);

  // Poll every 2 s while the payment or the CSV is pending (the subscription usually wins).
  useEffect(() => {
    if (!waiting) return;
    startPolling(PURCHASE_POLL_INTERVAL_MS);
    return () => stopPolling();
  }, [waiting, startPolling, stopPolling]);

  useEffect(() => {
    if (result !== 'success') return;
    const timer = setTimeout(() => setTimedOut(true), CHECKOUT_POLL_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [result, attempt]);

  // Settled: the cart, the wallet and the purchase list changed; views ask again when next shown.
  const settled = status === 'COMPLETED' || status === 'FAILED';
  useEffect(() => {
    if (!settled) return;
    client.cache.evict({ fieldName: 'leadPurchases' });
    client.cache.evict({ fieldName: 'cart' });
    client.cache.gc();
  }, [settled, client]);

  const checkAgain = () => {
    setTimedOut(false);
    setAttempt((n) => n + 1);
    void refetch();
  };

  let content: ReactNode;
  if (!purchase) {
    content = error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  } else if (result === 'cancelled' && status !== 'COMPLETED') {
    content = <Cancelled heldCredits={heldCredits} state={status === 'AWAITING_PAYMENT' ? cancelState : 'done'} errors={cancelErrors} />;
  } else {
    content = <Outcome purchase={purchase} heldCredits={heldCredits} timedOut={timedOut} onCheckAgain={checkAgain} />;
  }

  return (
    <Stack gap="lg" maw={720}>
      <Title order={2}>Checkout</Title>
      {content}
      {workspaceId && (
        <Group gap="sm">
          <Button component={Link} to={urls.purchases(workspaceId)} variant="light">
            Go to purchases
          </Button>
          <Button component={Link} to={urls.cart(workspaceId)} variant="subtle">
            Back to the cart
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** "The 2,500 credits held for this purchase are back in your wallet." */
function heldCreditsBack(heldCredits: string | null): string {
  return heldCredits
    ? `The ${formatCredits(heldCredits)} credits held for this purchase are back in your wallet.`
    : 'Any credits held for this purchase are back in your wallet.';
}

function Cancelled({ heldCredits, state, errors }: { heldCredits: string | null; state: string; errors: string[] }) {
  if (state !== 'done') {
    return (
      <Result color="blue" title="Cancelling the checkout…" icon={<Loader size={18} />}>
        Releasing the credits held for this purchase.
      </Result>
    );
  }
  if (errors.length > 0) {
    return (
      <Result color="red" title="The checkout could not be cancelled" icon={<IconAlertTriangle size={20} />}>
        {errors.join(' ')}
      </Result>
    );
  }
  return (
    <Result color="yellow" title="Checkout cancelled" icon={<IconInfoCircle size={20} />}>
      Nothing was charged to your card. {heldCreditsBack(heldCredits)} The leads are still in your cart.
    </Result>
  );
}

function Outcome({
  purchase,
  heldCredits,
  timedOut,
  onCheckAgain,
}: {
  purchase: LeadPurchaseFieldsFragment;
  heldCredits: string | null;
  timedOut: boolean;
  onCheckAgain: () => void;
}) {
  const leads = `${formatCount(purchase.leadCount)} ${purchase.leadCount === 1 ? 'lead' : 'leads'}`;
  switch (purchase.status) {
    case 'AWAITING_PAYMENT':
      return timedOut ? (
        <Result color="yellow" title="Payment not confirmed yet" icon={<IconClock size={20} />}>
          The payment provider has not confirmed the card payment yet. The purchase completes as soon as it does; the purchases page shows
          its status.
          <Group mt="sm">
            <Button size="xs" variant="white" onClick={onCheckAgain}>
              Check again
            </Button>
          </Group>
        </Result>
      ) : (
        <Result color="blue" title="Waiting for the payment…" icon={<Loader size={18} />}>
          We are waiting for the payment provider to confirm your card payment for {leads}. This usually takes a few seconds.
        </Result>
      );
    case 'COMPLETED':
      return (
        <Result color="teal" title={`Purchase complete: ${leads}`} icon={<IconCircleCheck size={20} />}>
          The leads are yours: see them under Purchases.
          <Paper mt="sm" p="sm" withBorder>
            {purchase.exportStatus === 'PREPARING' ? (
              <Group gap="xs" data-testid="export-status">
                <Loader size={14} />
                <Text size="sm">Preparing your CSV…</Text>
              </Group>
            ) : purchase.exportStatus === 'FAILED' ? (
              <Text size="sm" c="red" data-testid="export-status">
                The CSV could not be made. Try a fresh export from the purchases page.
              </Text>
            ) : (
              <Group gap="xs" data-testid="export-status">
                <Text size="sm">Your CSV is ready.</Text>
                <DownloadCsv purchase={purchase} />
              </Group>
            )}
          </Paper>
        </Result>
      );
    case 'FAILED':
      return (
        <Result color="red" title="Purchase failed" icon={<IconAlertTriangle size={20} />}>
          {purchase.failureReason ?? 'The card payment did not go through.'} {heldCreditsBack(heldCredits)}
        </Result>
      );
  }
}

function Result({ color, title, icon, children }: { color: string; title: string; icon: ReactNode; children: ReactNode }) {
  return (
    <Alert color={color} title={title} icon={icon} role="status" data-testid="checkout-result">
      <Text size="sm" component="div">
        {children}
      </Text>
    </Alert>
  );
}
