import { useQuery } from '@apollo/client/react';
import { formatDate, humanizeEnum, QueryErrorAlert } from '@hotlead/ui';
import { Badge, Button, Group, SegmentedControl, Stack, Title } from '@mantine/core';
import { IconCoins } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { SearchField } from '../../components/SearchField/SearchField';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { AdminWorkspacesDocument, type AdminWorkspacesQuery } from '../../gql/graphql';
import { parseWorkspaceKind, urls } from '../../urls';
import { PAGE_SIZE } from '../pageSize';

type AdminWorkspace = AdminWorkspacesQuery['adminWorkspaces']['edges'][number]['node'];

const columns: Column<AdminWorkspace>[] = [
  { header: 'Name', cell: (w) => w.name },
  { header: 'Slug', cell: (w) => w.slug },
  {
    header: 'Kind',
    cell: (w) => (
      <Badge variant="light" color={w.kind === 'PROVIDER' ? 'grape' : 'blue'}>
        {humanizeEnum(w.kind)}
      </Badge>
    ),
  },
  {
    header: 'Status',
    cell: (w) => (
      <Badge variant="light" color={w.status === 'ACTIVE' ? 'teal' : 'red'}>
        {humanizeEnum(w.status)}
      </Badge>
    ),
  },
  { header: 'Members', cell: (w) => w.memberCount },
  { header: 'Created', cell: (w) => formatDate(w.createdAt) },
  {
    header: 'Credits',
    // Buyer workspaces hold credits; the finance console adjusts them.
    cell: (w) =>
      w.kind === 'BUYER' ? (
        <Button
          component={Link}
          to={urls.financeAdjust({ workspace: w.id })}
          size="xs"
          variant="light"
          leftSection={<IconCoins size={14} />}
          aria-label={`Adjust credits of ${w.name}`}
        >
          Adjust credits
        </Button>
      ) : null,
  },
];

/** Every buyer and provider workspace, searchable and filterable by kind. */
export function WorkspacesPage() {
  const [search, setSearch] = useSearchParam('q');
  const [kindParam, setKindParam] = useSearchParam('kind');
  const kind = parseWorkspaceKind(kindParam);
  const { data, error, refetch, fetchMore } = useQuery(AdminWorkspacesDocument, {
    variables: { first: PAGE_SIZE, search: search || null, kind },
  });
  const connection = data?.adminWorkspaces;

  return (
    <Stack gap="md">
      <Title order={2}>Workspaces</Title>
      <Group>
        <SearchField label="Search workspaces" placeholder="Search by name or slug" value={search} onSearch={setSearch} />
        <SegmentedControl
          aria-label="Workspace kind"
          value={kind ?? 'ALL'}
          onChange={(value) => setKindParam(value === 'ALL' ? '' : value)}
          data={[
            { value: 'ALL', label: 'All' },
            { value: 'BUYER', label: 'Buyer' },
            { value: 'PROVIDER', label: 'Provider' },
          ]}
        />
      </Group>
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Workspaces"
          columns={columns}
          nodes={connection?.edges.map((e) => e.node)}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle={search || kind ? 'No workspaces match these filters' : 'No workspaces yet'}
        />
      )}
    </Stack>
  );
}
