import { useQuery } from '@apollo/client/react';
import { formatDate, formatDateTime, humanizeEnum, QueryErrorAlert } from '@hotlead/ui';
import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { SearchField } from '../../components/SearchField/SearchField';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { AdminUsersDocument, type AdminUsersQuery } from '../../gql/graphql';
import { PAGE_SIZE } from '../pageSize';

type AdminUser = AdminUsersQuery['adminUsers']['edges'][number]['node'];

const columns: Column<AdminUser>[] = [
  {
    header: 'Name',
    cell: (u) => (
      <Group gap={6} wrap="nowrap">
        <Text size="sm">{u.name}</Text>
        {u.platformRole && (
          <Badge size="xs" color="orange">
            {humanizeEnum(u.platformRole)}
          </Badge>
        )}
      </Group>
    ),
  },
  {
    header: 'Email',
    cell: (u) => (
      <Group gap={6} wrap="nowrap">
        <Text size="sm">{u.email}</Text>
        {!u.emailVerified && (
          <Badge size="xs" color="yellow" variant="light">
            Unverified
          </Badge>
        )}
      </Group>
    ),
  },
  { header: 'Status', cell: (u) => humanizeEnum(u.status) },
  { header: 'Workspaces', cell: (u) => u.workspaceCount },
  { header: 'Partner orgs', cell: (u) => u.partnerOrgCount },
  { header: 'Joined', cell: (u) => formatDate(u.createdAt) },
  { header: 'Last login', cell: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Never') },
];

/** Every account on the platform, searchable by name or email. */
export function UsersPage() {
  const [search, setSearch] = useSearchParam('q');
  const { data, error, refetch, fetchMore } = useQuery(AdminUsersDocument, {
    variables: { first: PAGE_SIZE, search: search || null },
  });
  const connection = data?.adminUsers;

  return (
    <Stack gap="md">
      <Title order={2}>Users</Title>
      <SearchField label="Search users" placeholder="Search by name or email" value={search} onSearch={setSearch} />
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Users"
          columns={columns}
          nodes={connection?.edges.map((e) => e.node)}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle={search ? `No users match “${search}”` : 'No users yet'}
          emptyDescription={search ? 'Try part of a name or email address.' : undefined}
        />
      )}
    </Stack>
  );
}
