import { useMutation, useQuery } from '@apollo/client/react';
import {
  ConfirmModal,
  EmptyPanel,
  formatCents,
  formatCredits,
  formatDateTime,
  humanizeEnum,
  QueryErrorAlert,
  reportOutcome,
  TableSkeleton,
} from '@hotlead/ui';
import { Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import {
  AdminCreditPurchasesDocument,
  CreditAdjustWorkspaceDocument,
  CreditPurchaseRefundDocument,
  type AdminCreditPurchasesQuery,
} from '../../gql/graphql';
import { FRESH_ON_OPEN } from '../fetchPolicies';

type Purchase = AdminCreditPurchasesQuery['adminCreditPurchases'][number];

const statusColor: Record<string, string> = {
  PAID: 'teal',
  PENDING: 'blue',
  REFUNDED: 'gray',
  DISPUTED: 'orange',
  FAILED: 'red',
  EXPIRED: 'gray',
};

/** A workspace's recent credit purchases; paid ones can be refunded (after a confirmation). */
export function CreditPurchasesSection({ workspaceId }: { workspaceId: string }) {
  const { data, error, refetch } = useQuery(AdminCreditPurchasesDocument, { variables: { workspaceId }, ...FRESH_ON_OPEN });
  const [refund, { loading: refunding }] = useMutation(CreditPurchaseRefundDocument, {
    refetchQueries: [AdminCreditPurchasesDocument, CreditAdjustWorkspaceDocument],
    awaitRefetchQueries: true,
  });
  const [confirming, setConfirming] = useState<Purchase | null>(null);
  const purchases = data?.adminCreditPurchases;

  const onConfirm = async (purchase: Purchase) => {
    const refunded = await reportOutcome(
      async () => (await refund({ variables: { purchaseId: purchase.id } })).data?.creditPurchaseRefund,
      {
        success: `${formatCents(purchase.amountCents)} refunded; ${formatCredits(String(purchase.credits))} credits taken back.`,
        failureTitle: 'Purchase not refunded',
      },
    );
    if (refunded) setConfirming(null);
  };

  return (
    <Paper>
      <Stack gap="sm">
        <Title order={3} size="h4">
          Credit purchases
        </Title>
        {error && !data ? (
          <QueryErrorAlert error={error} onRetry={() => void refetch()} />
        ) : !purchases ? (
          <TableSkeleton rows={3} />
        ) : purchases.length === 0 ? (
          <EmptyPanel title="No credit purchases" description="Purchases by card and auto-reload appear here." />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Credit purchases" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Package</Table.Th>
                  <Table.Th ta="right">Credits</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {purchases.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{formatDateTime(p.completedAt ?? p.createdAt)}</Table.Td>
                    <Table.Td>{p.packageName}</Table.Td>
                    <Table.Td ta="right">{formatCredits(String(p.credits))}</Table.Td>
                    <Table.Td ta="right">{formatCents(p.amountCents)}</Table.Td>
                    <Table.Td>{humanizeEnum(p.kind)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={statusColor[p.status] ?? 'gray'}>
                        {humanizeEnum(p.status)}
                      </Badge>
                      {p.failureReason && (
                        <Text size="xs" c="dimmed">
                          {p.failureReason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {p.status === 'PAID' && (
                        <Button size="xs" variant="light" color="red" onClick={() => setConfirming(p)}>
                          Refund
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming !== null}
        title="Refund this purchase?"
        confirmLabel="Refund purchase"
        loading={refunding}
        onConfirm={() => confirming && void onConfirm(confirming)}
        onClose={() => setConfirming(null)}
      >
        {confirming &&
          `${formatCents(confirming.amountCents)} goes back to the buyer’s card (${humanizeEnum(confirming.provider)}) and the ` +
            `${formatCredits(String(confirming.credits))} credits of “${confirming.packageName}” are taken from the workspace. ` +
            'This cannot be undone.'}
      </ConfirmModal>
    </Paper>
  );
}
