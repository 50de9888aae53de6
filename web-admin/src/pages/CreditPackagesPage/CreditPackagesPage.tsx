import { useQuery } from '@apollo/client/react';
import { EmptyPanel, formatCredits, formatUsd, QueryErrorAlert, TableSkeleton } from '@hotlead/ui';
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { AdminCreditPackagesDocument, type AdminCreditPackageFieldsFragment } from '../../gql/graphql';
import { CreditPackageModal } from './CreditPackageModal';
import { FRESH_ON_OPEN } from '../fetchPolicies';

// USD per credit has up to 4 places ("0.0750"): shown in full, from the Decimal string.
const perCredit = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const formatPerCredit = (value: string) => (perCredit as unknown as { format(v: string): string }).format(value);

/** The modal's package (kept while it closes) and which opening this is (a fresh form each time). */
interface Editing {
  opened: boolean;
  package: AdminCreditPackageFieldsFragment | null;
  session: number;
}

/** The credit packages buyers can buy (and the hidden ones), edited in a modal. */
export function CreditPackagesPage() {
  const { data, error, refetch } = useQuery(AdminCreditPackagesDocument, FRESH_ON_OPEN);
  const [editing, setEditing] = useState<Editing>({ opened: false, package: null, session: 0 });
  const open = (p: AdminCreditPackageFieldsFragment | null) => setEditing((e) => ({ opened: true, package: p, session: e.session + 1 }));
  const packages = data?.adminCreditPackages;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2}>Credit packages</Title>
          <Text c="dimmed" size="sm">
            What buyers can buy. Edits are audited.
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => open(null)}>
          New package
        </Button>
      </Group>
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !packages ? (
        <TableSkeleton rows={4} />
      ) : packages.length === 0 ? (
        <EmptyPanel title="No credit packages yet" description="Buyers cannot buy credits until there is one on sale." />
      ) : (
        <Paper p={0}>
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Credit packages" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th ta="right">Credits</Table.Th>
                  <Table.Th ta="right">Price</Table.Th>
                  <Table.Th ta="right">Price / credit</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Sort order</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {packages.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td ta="right">{formatCredits(String(p.credits))}</Table.Td>
                    <Table.Td ta="right">{formatUsd(p.price)}</Table.Td>
                    <Table.Td ta="right">{formatPerCredit(p.pricePerCredit)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={p.active ? 'teal' : 'gray'}>
                        {p.active ? 'On sale' : 'Hidden'}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{p.sortOrder}</Table.Td>
                    <Table.Td ta="right">
                      <Button size="xs" variant="light" aria-label={`Edit ${p.name}`} onClick={() => open(p)}>
                        Edit
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <CreditPackageModal
        opened={editing.opened}
        creditPackage={editing.package}
        session={editing.session}
        onClose={() => setEditing((e) => ({ ...e, opened: false }))}
      />
    </Stack>
  );
}
