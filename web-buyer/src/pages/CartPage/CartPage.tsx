import { useMutation, useQuery } from '@apollo/client/react';
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
import { Badge, Button, Grid, Group, Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { IconCoins, IconShoppingCart, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCartActions } from '../../cart/useCartActions';
import { CartDocument, LeadsPurchaseDocument, type CartFieldsFragment, type LeadExportMode } from '../../gql/graphql';
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
  const [exportMode, setExportMode] = useState<LeadExportMode>('VALID_ONLY');
  // One key per checkout attempt: a double click or a retry after a network error sends the same one.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [buying, setBuying] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const shortfall = isPositive(cart.shortfallCredits);
  const nothingToBuy = cart.leadCount === 0;
  const blockedReason = nothingToBuy
    ? 'No lead in the cart can be bought now.'
    : shortfall
      ? `You need ${formatCredits(cart.shortfallCredits)} more credits to buy these leads.`
      : null;

  const buy = async () => {
    if (buying) return;
    setBuying(true);
    setErrors([]);
    try {
      const { data } = await purchase({
        variables: { workspaceId, idempotencyKey, exportMode },
        refetchQueries: [CartDocument],
        // The purchase history is fetched anew when it is next shown.
        update: (cache) => {
          cache.evict({ fieldName: 'leadPurchases' });
          cache.gc();
        },
      });
      const payload = data?.leadsPurchase;
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        setErrors(payload.userErrors.map((e) => e.message));
        // The cart or the wallet changed: the next attempt is a new checkout.
        setIdempotencyKey(newIdempotencyKey());
        return;
      }
      const bought = payload.purchase;
      notifySuccess(
        bought
          ? `${formatCount(bought.leadCount)} ${bought.leadCount === 1 ? 'lead' : 'leads'} bought for ${formatCredits(bought.credits)} credits.`
          : 'Your leads are bought.',
        'Purchase complete',
      );
      void navigate(urls.purchases(workspaceId));
    } catch (e) {
      // Same key on retry: if the purchase went through, the server returns it instead of charging again.
      notifyError(e, 'Purchase not completed');
    } finally {
      setBuying(false);
    }
  };

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
          loading={buying}
          disabled={blockedReason !== null}
          aria-describedby={blockedReason ? 'buy-blocked-reason' : undefined}
          onClick={() => void buy()}
        >
          Buy with credits
        </Button>
        {shortfall && (
          <Button component={Link} to={urls.workspaceCredits(workspaceId)} variant="light" leftSection={<IconCoins size={16} />}>
            Buy credits
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
