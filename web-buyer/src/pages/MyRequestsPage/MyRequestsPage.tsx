import { useQuery } from '@apollo/client/react';
import { EmptyPanel, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { IconMessages, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { MyServiceRequestsDocument, type MyRequestFieldsFragment } from '../../gql/graphql';
import { useMyRequestEvents } from '../../requests/useMyRequestEvents';
import { urls } from '../../urls';
import { CloseRequestModal } from './CloseRequestModal';
import { RequestCard } from './RequestCard';

/** An end user's service requests, newest first, with their matched providers; live. */
export function MyRequestsPage() {
  // No variables: asking the network each visit keeps unread counts fresh after reading a thread.
  const { data, error, refetch } = useQuery(MyServiceRequestsDocument, { fetchPolicy: 'cache-and-network' });
  const [closing, setClosing] = useState<MyRequestFieldsFragment | null>(null);

  // The events say what changed, not how: ask again for the whole (short) list.
  useMyRequestEvents(() => void refetch());

  if (!data) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const requests = data.myServiceRequests;

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2}>My requests</Title>
        {requests.length > 0 && (
          <Button component={Link} to={urls.requestNiches()} leftSection={<IconPlus size={16} />} variant="light">
            New request
          </Button>
        )}
      </Group>
      {requests.length === 0 ? (
        <Paper>
          <EmptyPanel
            title="No requests yet"
            description="Your service requests will appear here"
            icon={<IconMessages size={28} />}
            action={
              <Button component={Link} to={urls.requestNiches()}>
                Request a service
              </Button>
            }
          />
        </Paper>
      ) : (
        requests.map((request) => <RequestCard key={request.id} request={request} onClose={() => setClosing(request)} />)
      )}
      <CloseRequestModal request={closing} onClose={() => setClosing(null)} />
    </Stack>
  );
}
