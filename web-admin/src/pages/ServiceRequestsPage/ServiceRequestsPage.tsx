import { useMutation, useQuery } from '@apollo/client/react';
import { formatDateTime, notifyFailure, notifySuccess, QueryErrorAlert } from '@hotlead/ui';
import { Badge, Button, SegmentedControl, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { actionErrorMessage } from '../../components/Conversations/apiErrors';
import { ServiceRequestStatusBadge } from '../../components/Conversations/ConversationBadges';
import { formatLocation, serviceRequestStatusLook } from '../../components/Conversations/conversationWords';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import {
  AdminServiceRequestsDocument,
  ServiceRequestRetryRoutingDocument,
  type AdminServiceRequestFieldsFragment,
  type ServiceRequestStatus,
} from '../../gql/graphql';
import { parseServiceRequestStatus, SERVICE_REQUEST_STATUSES } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PAGE_SIZE } from '../pageSize';

type Request = AdminServiceRequestFieldsFragment;

const RETRYABLE: readonly ServiceRequestStatus[] = ['UNROUTABLE', 'ROUTING'];

function RetryButton({ request }: { request: Request }) {
  const [retry, { loading }] = useMutation(ServiceRequestRetryRoutingDocument);
  const [done, setDone] = useState(false);
  if (!RETRYABLE.includes(request.status)) return null;
  return (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconRefresh size={14} />}
      loading={loading}
      disabled={done}
      onClick={() => {
        retry({ variables: { id: request.id } })
          .then(({ data }) => {
            setDone(true);
            const status = data?.serviceRequestRetryRouting.status;
            notifySuccess(
              status === 'ROUTED'
                ? 'Routed: the matched providers have it in their inbox.'
                : `Still ${status ? serviceRequestStatusLook(status).label.toLowerCase() : 'not routed'}: no provider matches yet.`,
              'Routing retried',
            );
          })
          .catch((error: unknown) => notifyFailure(actionErrorMessage(error), 'Routing not retried'));
      }}
    >
      Retry routing
    </Button>
  );
}

const columns: Column<Request>[] = [
  { header: 'Created', cell: (r) => formatDateTime(r.createdAt) },
  {
    header: 'Request',
    cell: (r) => (
      <Stack gap={2}>
        <Text size="sm" fw={500}>
          {r.niche.name}
        </Text>
        <Text size="xs">
          {r.name} · {r.email}
        </Text>
        {r.badAddressAt && (
          <Tooltip label={`The address bounced as invalid on ${formatDateTime(r.badAddressAt)}.`}>
            <Badge size="xs" color="orange" variant="light" leftSection={<IconAlertTriangle size={10} />} w="fit-content">
              Address bounced
            </Badge>
          </Tooltip>
        )}
      </Stack>
    ),
  },
  { header: 'Location', cell: (r) => formatLocation(r) },
  {
    header: 'Status',
    cell: (r) => (
      <Stack gap={2} align="flex-start">
        <ServiceRequestStatusBadge status={r.status} />
        {r.assignments.length > 0 && (
          <Text size="xs" c="dimmed">
            {r.assignments.map((a) => a.providerName).join(', ')}
          </Text>
        )}
      </Stack>
    ),
  },
  { header: 'Attempts', cell: (r) => r.routingAttempts },
  { header: 'Next retry', cell: (r) => formatDateTime(r.nextRoutingAt) },
  { header: 'Unroutable since', cell: (r) => formatDateTime(r.unroutableAt) },
  { header: '', cell: (r) => <RetryButton request={r} /> },
];

/** Consumer requests by routing status; the ones retries gave up on can be routed again by hand. */
export function ServiceRequestsPage() {
  const [statusParam, setStatus] = useSearchParam('status');
  const status = parseServiceRequestStatus(statusParam) ?? 'UNROUTABLE';
  const { data, error, refetch, fetchMore } = useQuery(AdminServiceRequestsDocument, {
    variables: { status, first: PAGE_SIZE },
    ...FRESH_ON_OPEN,
  });
  const connection = data?.adminServiceRequests;

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Requests</Title>
        <Text c="dimmed" size="sm">
          Routing retries a request hourly for 72 hours; after that it is unroutable and waits here.
        </Text>
      </div>
      <SegmentedControl
        aria-label="Request status"
        w="fit-content"
        value={status}
        onChange={(value) => setStatus(value === 'UNROUTABLE' ? '' : value)}
        data={SERVICE_REQUEST_STATUSES.map((s) => ({ value: s, label: serviceRequestStatusLook(s).label }))}
      />
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Service requests"
          columns={columns}
          nodes={connection?.edges.map((e) => e.node)}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle={status === 'UNROUTABLE' ? 'No unroutable requests' : 'No requests with this status'}
        />
      )}
    </Stack>
  );
}
