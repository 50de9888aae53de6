import { useQuery } from '@apollo/client/react';
import { formatDate, humanizeEnum, QueryErrorAlert } from '@hotlead/ui';
import { Anchor, Badge, Group, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { SearchField } from '../../components/SearchField/SearchField';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { AdminPartnerOrgsDocument, type AdminPartnerOrgsQuery } from '../../gql/graphql';
import { urls } from '../../urls';
import { PAGE_SIZE } from '../pageSize';

type AdminPartnerOrg = AdminPartnerOrgsQuery['adminPartnerOrgs']['edges'][number]['node'];

const columns: Column<AdminPartnerOrg>[] = [
  { header: 'Name', cell: (p) => p.name },
  { header: 'Slug', cell: (p) => p.slug },
  {
    header: 'Status',
    cell: (p) => (
      <Group gap={4} wrap="nowrap">
        <Badge variant="light" color={p.status === 'ACTIVE' ? 'teal' : 'red'}>
          {humanizeEnum(p.status)}
        </Badge>
        {p.uploadsSuspended && (
          <Badge variant="light" color="orange">
            Uploads paused
          </Badge>
        )}
      </Group>
    ),
  },
  { header: 'Members', cell: (p) => p.memberCount },
  { header: 'Created', cell: (p) => formatDate(p.createdAt) },
  {
    header: 'Supply',
    cell: (p) => (
      <Anchor component={Link} to={urls.supplyUploads({ partner: p.id })} size="sm" aria-label={`Uploads of ${p.name}`}>
        Uploads
      </Anchor>
    ),
  },
];

/** Every partner organization, searchable by name. */
export function PartnerOrgsPage() {
  const [search, setSearch] = useSearchParam('q');
  const { data, error, refetch, fetchMore } = useQuery(AdminPartnerOrgsDocument, {
    variables: { first: PAGE_SIZE, search: search || null },
  });
  const connection = data?.adminPartnerOrgs;

  return (
    <Stack gap="md">
      <Title order={2}>Partner orgs</Title>
      <SearchField label="Search partner orgs" placeholder="Search by name or slug" value={search} onSearch={setSearch} />
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Partner orgs"
          columns={columns}
          nodes={connection?.edges.map((e) => e.node)}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle={search ? `No partner orgs match “${search}”` : 'No partner orgs yet'}
        />
      )}
    </Stack>
  );
}
