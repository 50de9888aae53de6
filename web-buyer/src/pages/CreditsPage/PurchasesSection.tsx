import { useQuery } from '@apollo/client/react';
import { EmptyPanel, formatCents, formatCredits, formatDateTime, humanizeEnum, QueryErrorAlert, TableSkeleton } from '@hotlead/ui';
import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { purchaseStatusColor } from '../../credits/labels';
import { CreditPurchasesDocument } from '../../gql/graphql';

/** The workspace's purchases, newest first; an unfinished checkout can be continued. */
export function PurchasesSection({ workspaceId, canPay }: { workspaceId: string; canPay: boolean }) {
  const { data, error, refetch } = useQuery(CreditPurchasesDocument, { variables: { workspaceId } });
  const purchases = data?.creditPurchases;

  return (
    <Paper>
      <Stack gap="sm">
        <Title order={3} size="h4">
          Purchases
        </Title>
        {!purchases ? (
          error ? (
            <QueryErrorAlert error={error} onRetry={() => void refetch()} />
          ) : (
            <TableSkeleton rows={3} />
          )
        ) : purchases.length === 0 ? (
          <EmptyPanel
            title="No purchases yet"
            description="Packages you buy, and automatic reloads, will be listed here."
            icon={<IconReceipt size={28} />}
          />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Purchases">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Package</Table.Th>
                  <Table.Th ta="right">Credits</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {purchases.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{formatDateTime(p.createdAt)}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm">{p.packageName}</Text>
                        {p.kind === 'AUTO_RELOAD' && (
                          <Badge size="xs" variant="outline">
                            Auto-reload
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">{formatCredits(String(p.credits))}</Table.Td>
                    <Table.Td ta="right">{formatCents(p.amountCents)}</Table.Td>
                    <Table.Td>
                      <Badge color={purchaseStatusColor(p.status)} variant="light">
                        {humanizeEnum(p.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {p.status === 'PENDING' && p.checkoutUrl && canPay ? (
                        <Anchor href={p.checkoutUrl} size="sm">
                          Continue payment
                        </Anchor>
                      ) : (
                        p.failureReason && (
                          <Text size="sm" c="red">
                            {p.failureReason}
                          </Text>
                        )
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
