import { useQuery } from '@apollo/client/react';
import { errorCode } from '@hotlead/graphql-client';
import { EmptyPanel, LoadMoreButton, notifyError, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { UploadHistoryDocument } from '../../gql/graphql';
import { formatCount } from '../../supply/labels';
import { UploadsTable } from '../../supply/UploadsTable';
import { urls } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';

export const UPLOADS_PAGE_SIZE = 25;

/** Every upload of the org, newest first: status, review and counts; each opens its page. */
export function UploadHistoryPage() {
  const { partnerOrgId = '' } = useParams();
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, error, refetch, fetchMore } = useQuery(UploadHistoryDocument, {
    variables: { partnerOrgId, first: UPLOADS_PAGE_SIZE },
    ...FRESH_ON_OPEN,
  });

  if (!data) {
    if (error && errorCode(error) === 'NOT_FOUND') return <OrgNotFound />;
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const partnerOrg = data.partnerOrg;
  if (!partnerOrg) return <OrgNotFound />;
  const connection = data.leadUploads;
  const uploads = connection.edges.map((e) => e.node);

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after: connection.pageInfo.endCursor } });
    } catch (loadError) {
      notifyError(loadError, 'Could not load more uploads');
    } finally {
      setLoadingMore(false);
    }
  };

  const uploadButton = (
    <Button component={Link} to={urls.uploadNew(partnerOrg.id)} leftSection={<IconUpload size={16} />}>
      Upload leads
    </Button>
  );

  return (
    <Stack gap="lg" maw={1300}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Upload history</Title>
          <Text c="dimmed" size="sm">
            <Anchor component={Link} to={urls.supply(partnerOrg.id)}>
              {partnerOrg.name}
            </Anchor>{' '}
            · Every CSV upload and its import, newest first. Rejected and duplicate rows can be downloaded as CSV.
          </Text>
        </div>
        {uploads.length > 0 && uploadButton}
      </Group>
      <Paper component="section" aria-label="Uploads">
        {uploads.length === 0 ? (
          <EmptyPanel
            icon={<IconFileUpload size={28} />}
            title="No uploads yet"
            description="Upload a CSV to start supplying leads."
            action={uploadButton}
          />
        ) : (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {connection.totalCountIsEstimate ? 'More than ' : ''}
              {formatCount(connection.totalCount)} {connection.totalCount === 1 ? 'upload' : 'uploads'} · showing {uploads.length}
            </Text>
            <UploadsTable partnerOrgId={partnerOrg.id} uploads={uploads} />
            <LoadMoreButton hasNextPage={connection.pageInfo.hasNextPage} loading={loadingMore} onLoadMore={() => void loadMore()} />
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

function OrgNotFound() {
  return <EmptyPanel title="Organization not found" description="It may have been removed, or you are no longer a member." />;
}
