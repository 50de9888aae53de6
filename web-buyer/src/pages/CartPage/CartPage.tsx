import { useMutation, useQuery } from '@apollo/client/react';
import { isWorkspaceManager } from '@hotlead/domain';
import {
  ConfirmModal,
  EmptyPanel,
  formatCredits,
  formatDateTime,
  formatUsd,
  FormErrorAlert,
  notifyError,
  notifyFailure,
  notifySuccess,
  PageSkeleton,
  QueryErrorAlert,
} from '@hotlead/ui';
import { Alert, Badge, Button, Grid, Group, Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { IconCoins, IconCreditCard, IconInfoCircle, IconShoppingCart, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCartActions } from '../../cart/useCartActions';
import { browser } from '../../credits/browser';
import {
  BuyerViewerDocument,
  CartDocument,
  LeadsPurchaseDocument,
  type CartFieldsFragment,
  type LeadExportMode,
  type LeadsPurchaseMutation,
} from '../../gql/graphql';
import { buyerMemberships } from '../../layouts/buyerMemberships';
import { formatCount, leadLocation, leadName } from '../../marketplace/format';
import { urls } from '../../urls';

type CartLine = CartFieldsFragment['lines'][number];

/** A new key per checkout attempt (kept until it succeeds, so a double click or retry is one purchase). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

function isPositive(decimal: string): boolean {
  return Number(decimal) > 0;
}

/** The card pays at least this many credits (the provider's minimum charge). */
export const MIN_CARD_CREDITS = 5;

/** 1 credit = $0.10. */
const USD_PER_CREDIT = 0.1;

/** What the card pays for a shortfall: whole credits, at least 5, and their price ("$50.10"). */
export function cardPayment(shortfallCredits: string): { credits: number; usd: string } {
  const credits = Math.max(MIN_CARD_CREDITS, Math.ceil(Number(shortfallCredits)));
  return { credits, usd: formatUsd((credits * USD_PER_CREDIT).toFixed(2)) };
}

/** The signed-in person's cart: its lines, what it costs, and "Buy with credits". */
export function CartPage() {
  const { workspaceId = '' } = useParams();
  const { data, error, refetch } = useQuery(CartDocument, { variables: { workspaceId }, fetchPolicy: 'cache-and-network' });
  const { remove } = useCartActions(workspaceId);
  const [removing, setRemoving] = useState<string | null>(null);
  const [confirmEmpty, setConfirmEmpty] = useState(false);

  if (!data) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const cart = data.cart;

  const removeLines = async (key: string, leadIds?: string[]) => {
    setRemoving(key);
    try {
      const { error: refused } = await remove(leadIds);
      if (refused) notifyFailure(refused, 'Cart not changed');
    } catch (e) {
      notifyError(e, 'Cart not changed');
    } finally {
      setRemoving(null);
    }
  };

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Cart</Title>
          <Text c="dimmed" size="sm">
            Prices are the current ones; leads bought by someone else meanwhile are marked unavailable.
          </Text>
        </div>
        <Button component={Link} to={urls.marketplace(workspaceId)} variant="subtle">
          Back to the marketplace
        </Button>
      </Group>
      {cart.lines.length === 0 ? (
        <Paper>
          <EmptyPanel
            title="Your cart is empty"
            description="Find leads in the marketplace and add them to the cart."
            icon={<IconShoppingCart size={28} />}
            action={
              <Button component={Link} to={urls.marketplace(workspaceId)}>
                Browse the marketplace
              </Button>
            }
          />
        </Paper>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Paper>
              <Stack gap="sm">
                <Group justify="space-between">
                  <Title order={3} size="h4">
                    {formatCount(cart.lines.length)} {cart.lines.length === 1 ? 'lead' : 'leads'}
                  </Title>
                  <Button
                    variant="subtle"
                    color="red"
                    leftSection={<IconTrash size={16} />}
                    loading={removing === 'all'}
                    onClick={() => setConfirmEmpty(true)}
                  >
                    Empty cart
                  </Button>
                </Group>
                <Table.ScrollContainer minWidth={640}>
                  <Table aria-label="Cart">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Lead</Table.Th>
                        <Table.Th ta="right">Price</Table.Th>
                        <Table.Th ta="right">Credits</Table.Th>
                        <Table.Th />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {cart.lines.map((line) => (
                        <CartRow
                          key={line.lead.id}
                          line={line}
                          removing={removing === line.lead.id}
                          onRemove={() => void removeLines(line.lead.id, [line.lead.id])}
                        />
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <CheckoutCard workspaceId={workspaceId} cart={cart} />
          </Grid.Col>
        </Grid>
      )}
      <ConfirmModal
        opened={confirmEmpty}
        onClose={() => setConfirmEmpty(false)}
        title="Empty the cart?"
        confirmLabel="Empty cart"
        onConfirm={() => {
          setConfirmEmpty(false);
          void removeLines('all');
        }}
      >
        Every lead is removed from your cart.
      </ConfirmModal>
    </Stack>
  );
}

function CartRow({ line, removing, onRemove }: { line: CartLine; removing: boolean; onRemove: () => void }) {
  const { lead } = line;
  const name = leadName(lead);
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={2}>
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {name}
            </Text>
            {line.exclusive && (
              <Badge size="xs" color="grape">
                Exclusive
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {[lead.jobTitle, lead.companyName, lead.industry, leadLocation(lead)].filter(Boolean).join(' · ')}
          </Text>
          <Text size="xs" c="dimmed">
            Added {formatDateTime(line.addedAt)}
          </Text>
          {line.unavailable && (
            <Text size="xs" c="red" fw={500}>
              Unavailable: {line.unavailable}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td ta="right">{formatUsd(line.price)}</Table.Td>
      <Table.Td ta="right">{formatCredits(line.credits)}</Table.Td>
      <Table.Td ta="right">
        <Button
          size="xs"
          variant="subtle"
          color={line.unavailable ? 'red' : 'gray'}
          loading={removing}
          onClick={onRemove}
          aria-label={`Remove ${name}`}
        >
          Remove
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function SummaryRow({ label, value, testId, color }: { label: string; value: string; testId: string; color?: string }) {
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} c={color} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

/** The totals, the export option and "Buy with credits" (or "Buy credits" when the wallet falls short). */
function CheckoutCard({ workspaceId, cart }: { workspaceId: string; cart: CartFieldsFragment }) {
  const navigate = useNavigate();
  const [purchase] = useMutation(LeadsPurchaseDocument);
  // Like the credits page: owners and admins pay (by card); members ask one of them.
  const { data: viewer } = useQuery(BuyerViewerDocument);
  const membership = buyerMemberships(viewer?.me ?? null).find((m) => m.workspace.id === workspaceId);
  const [exportMode, setExportMode] = useState<LeadExportMode>('VALID_ONLY');
  // One key per checkout attempt: a double click or a retry after a network error sends the same one.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [buying, setBuying] = useState<'credits' | 'card' | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const shortfall = isPositive(cart.shortfallCredits);
  const nothingToBuy = cart.leadCount === 0;
  const blockedReason = nothingToBuy
    ? 'No lead in the cart can be bought now.'
    : shortfall
      ? `You need ${formatCredits(cart.shortfallCredits)} more credits to buy these leads.`
      : null;

  /** The purchase went through (credits only, or the wallet covered it after all). */
  const completed = (bought: NonNullable<LeadsPurchaseMutation['leadsPurchase']['purchase']> | null | undefined) => {
    notifySuccess(
      bought
        ? `${formatCount(bought.leadCount)} ${bought.leadCount === 1 ? 'lead' : 'leads'} bought for ${formatCredits(bought.credits)} credits.`
        : 'Your leads are bought.',
      'Purchase complete',
    );
    void navigate(urls.purchases(workspaceId));
  };

  /** Buys with credits, or (`byCard`) holds the credits and sends the browser to pay the rest by card. */
  const buy = async (byCard: boolean) => {
    if (buying) return;
    setBuying(byCard ? 'card' : 'credits');
    setErrors([]);
    let leaving = false;
    try {
      const { data } = await purchase({
        variables: { workspaceId, idempotencyKey, exportMode, payShortfallByCard: byCard },
        refetchQueries: [CartDocument],
        // The purchase history is fetched anew when it is next shown.
        update: (cache) => {
          cache.evict({ fieldName: 'leadPurchases' });
          cache.gc();
        },
      });
      const payload = data?.leadsPurchase;
      if (!payload) return;
      const bought = payload.purchase;
      if (payload.userErrors.length > 0 || bought?.status === 'FAILED') {
        setErrors(
          payload.userErrors.length > 0
            ? payload.userErrors.map((e) => e.message)
            : [bought?.failureReason ?? 'The purchase did not go through; nothing was charged.'],
        );
        // The cart or the wallet changed: the next attempt is a new checkout.
        setIdempotencyKey(newIdempotencyKey());
        return;
      }
      if (payload.checkoutUrl) {
        // The credits are held; the card pays the rest on the provider's page, which returns to /checkout/result.
        leaving = true;
        browser.assign(payload.checkoutUrl);
        return;
      }
      if (bought?.status === 'AWAITING_PAYMENT') {
        setErrors(['The payment provider did not open a checkout. Nothing was charged; please try again.']);
        return;
      }
      completed(bought);
    } catch (e) {
      // Same key on retry: if the purchase went through, the server returns it instead of charging again.
      notifyError(e, 'Purchase not completed');
    } finally {
      if (!leaving) setBuying(null);
    }
  };

  const card = cardPayment(cart.shortfallCredits);
  const heldCredits = isPositive(cart.walletBalance) ? cart.walletBalance : null;
  const cardLabel = heldCredits
    ? `Pay ${formatCredits(heldCredits)} credits with credits and the rest (${formatCount(card.credits)} credits, ${card.usd}) by card`
    : `Pay by card (${formatCount(card.credits)} credits, ${card.usd})`;

  return (
    <Paper aria-label="Order summary" component="section">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Summary
        </Title>
        <SummaryRow label="Leads" value={formatCount(cart.leadCount)} testId="summary-leads" />
        <SummaryRow label="Total" value={formatUsd(cart.totalUsd)} testId="summary-total" />
        <SummaryRow label="Credits needed" value={formatCredits(cart.credits)} testId="summary-credits" />
        <SummaryRow label="Wallet balance" value={formatCredits(cart.walletBalance)} testId="summary-balance" />
        {shortfall && (
          <SummaryRow label="Shortfall" value={`${formatCredits(cart.shortfallCredits)} credits`} testId="summary-shortfall" color="red" />
        )}
        <Radio.Group label="Export" value={exportMode} onChange={(value) => setExportMode(value as LeadExportMode)}>
          <Stack gap={6} mt={6}>
            <Radio value="VALID_ONLY" label="Valid emails only" />
            <Radio value="VALID_AND_CATCH_ALL" label="Valid + catch-all" />
          </Stack>
        </Radio.Group>
        <FormErrorAlert messages={errors} />
        {blockedReason && (
          <Text size="sm" c="red" id="buy-blocked-reason">
            {blockedReason}
          </Text>
        )}
        <Button
          size="md"
          loading={buying === 'credits'}
          disabled={blockedReason !== null || buying === 'card'}
          aria-describedby={blockedReason ? 'buy-blocked-reason' : undefined}
          onClick={() => void buy(false)}
        >
          Buy with credits
        </Button>
        {shortfall && !nothingToBuy && membership && isWorkspaceManager(membership.role) && (
          <Button
            size="md"
            variant="filled"
            color="teal"
            h="auto"
            py={8}
            styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
            leftSection={<IconCreditCard size={18} />}
            loading={buying === 'card'}
            disabled={buying === 'credits'}
            onClick={() => void buy(true)}
          >
            {cardLabel}
          </Button>
        )}
        {shortfall && membership && !isWorkspaceManager(membership.role) && (
          <Alert color="gray" role="note" icon={<IconInfoCircle size={18} />}>
            Only owners and admins of this workspace can pay by card or buy credits. Ask one of them to add credits, then buy with credits.
          </Alert>
        )}
        {shortfall && (
          <Button component={Link} to={urls.workspaceCredits(workspaceId)} variant="light" leftSection={<IconCoins size={16} />}>
            Buy credits
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
