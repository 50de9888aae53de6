import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmModal, formatDateTime, formatUsd, PageSkeleton, QueryErrorAlert, reportOutcome } from '@hotlead/ui';
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconDownload, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Fact } from '../../components/Supply/Fact';
import { ReviewStatusBadge, UploadStatusBadge } from '../../components/Supply/SupplyBadges';
import { countText, formatBytes, formatCount, formatDuration, reviewReasonLabel } from '../../components/Supply/supplyWords';
import {
  UploadDetailDocument,
  UploadImportCancelDocument,
  UploadImportRetryDocument,
  type UploadDetailFieldsFragment,
  type UploadDetailQuery,
} from '../../gql/graphql';
import { urls } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PartnerSupplyCard } from './PartnerSupplyCard';
import { UploadLeadsSection } from './UploadLeadsSection';
import { UploadReviewCard } from './UploadReviewCard';

/** How often a running import's counts refresh. */
const POLL_MS = 3000;

function ImportActions({ upload }: { upload: UploadDetailFieldsFragment }) {
  const [retry, { loading: retrying }] = useMutation(UploadImportRetryDocument);
  const [cancel, { loading: canceling }] = useMutation(UploadImportCancelDocument);
  const [confirmingCancel, setConfirmingCancel] = useState(false);

  if (upload.status === 'FAILED') {
    return (
      <Alert color="red" title="The import failed" role="alert">
        <Stack gap="xs">
          <Text size="sm">{upload.error || 'No reason was recorded.'}</Text>
          <Text size="xs" c="dimmed">
            A failed import keeps no leads. Retrying runs it again from the start (attempt {upload.attempts + 1}).
          </Text>
          <Group>
            <Button
              size="xs"
              color="red"
              variant="white"
              leftSection={<IconRefresh size={14} />}
              loading={retrying}
              onClick={() =>
                void reportOutcome(async () => (await retry({ variables: { uploadId: upload.id } })).data?.leadImportRetry, {
                  success: 'The import is queued again.',
                  failureTitle: 'Import not retried',
                })
              }
            >
              Retry
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  if (upload.status === 'QUEUED' || upload.status === 'PROCESSING') {
    return (
      <Alert color="blue" title={upload.status === 'QUEUED' ? 'Waiting to import' : 'Importing'} role="status">
        <Group justify="space-between">
          <Text size="sm">
            {formatCount(upload.rowsRead)} rows read so far{upload.cancelRequested ? ' · cancel requested' : ''}.
          </Text>
          <Button
            size="xs"
            color="red"
            variant="white"
            leftSection={<IconPlayerStop size={14} />}
            disabled={upload.cancelRequested}
            onClick={() => setConfirmingCancel(true)}
          >
            Cancel import
          </Button>
        </Group>
        <ConfirmModal
          opened={confirmingCancel}
          title="Cancel this import?"
          confirmLabel="Cancel import"
          loading={canceling}
          onClose={() => setConfirmingCancel(false)}
          onConfirm={() =>
            void reportOutcome(async () => (await cancel({ variables: { uploadId: upload.id } })).data?.leadImportCancel, {
              success: 'The import is canceled; the leads it had added are removed.',
              failureTitle: 'Import not canceled',
            }).then(() => setConfirmingCancel(false))
          }
        >
          The leads it has added so far are removed. The partner can upload the file again.
        </ConfirmModal>
      </Alert>
    );
  }
  return null;
}

function ReviewOutcome({ upload }: { upload: UploadDetailFieldsFragment }) {
  if (upload.reviewStatus !== 'APPROVED' && upload.reviewStatus !== 'REJECTED') return null;
  const approved = upload.reviewStatus === 'APPROVED';
  return (
    <Alert
      color={approved ? 'teal' : 'red'}
      title={approved ? 'Approved: its leads are listed' : 'Rejected: its unsold leads were removed'}
      role="status"
    >
      <Text size="sm">{upload.reviewNote ? `Note to the partner: ${upload.reviewNote}` : 'No note.'}</Text>
      <Text size="xs" c="dimmed">
        Reviewed {formatDateTime(upload.reviewedAt)}
      </Text>
    </Alert>
  );
}

function ImportFacts({
  upload,
  openDuplicates,
}: {
  upload: UploadDetailFieldsFragment;
  openDuplicates: UploadDetailQuery['openDuplicates'];
}) {
  const refused = upload.rejected + upload.duplicates;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="upload-import-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="upload-import-title">
          Import
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4, lg: 6 }}>
          <Fact label="Rows read">{formatCount(upload.rowsRead)}</Fact>
          <Fact label="Accepted">{formatCount(upload.accepted)}</Fact>
          <Fact label="Rejected">{formatCount(upload.rejected)}</Fact>
          <Fact label="Duplicates">{formatCount(upload.duplicates)}</Fact>
          <Fact label="Verified">{formatCount(upload.verified)}</Fact>
          <Fact label="Probable duplicates">{formatCount(upload.probableDuplicates)}</Fact>
          <Fact label="Leads sold">{formatCount(upload.soldLeads)}</Fact>
          <Fact label="Duration">{formatDuration(upload.durationMs)}</Fact>
          <Fact label="Attempts">{upload.attempts}</Fact>
          <Fact label="Uploaded">{formatDateTime(upload.createdAt)}</Fact>
          <Fact label="Started">{formatDateTime(upload.startedAt)}</Fact>
          <Fact label="Finished">{formatDateTime(upload.finishedAt)}</Fact>
          <Fact label="Industry">{upload.industry?.name ?? '—'}</Fact>
          <Fact label="Minimum price">{formatUsd(upload.minPrice)}</Fact>
          <Fact label="Default country">{upload.defaultCountry}</Fact>
          <Fact label="File size">{formatBytes(upload.sizeBytes)}</Fact>
          <Fact label="Encoding">{upload.encoding}</Fact>
          <Fact label="Delimiter">{upload.delimiter === '\t' ? 'Tab' : upload.delimiter}</Fact>
        </SimpleGrid>
        {upload.reviewReasons.length > 0 && (
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              Review reasons:{' '}
            </Text>
            {upload.reviewReasons.map(reviewReasonLabel).join('; ')}
          </Text>
        )}
        <Group gap="md">
          {refused > 0 && (
            <Button component="a" href={upload.rejectedRowsUrl} download variant="light" leftSection={<IconDownload size={16} />}>
              Download rejected rows
            </Button>
          )}
          <Group gap="xs">
            <Text size="sm">
              {openDuplicates.totalCount === 0
                ? 'No open probable duplicates.'
                : `${countText(openDuplicates.totalCount, openDuplicates.totalCountIsEstimate, 'open probable duplicate')}.`}
            </Text>
            {openDuplicates.totalCount > 0 && (
              <Anchor component={Link} to={urls.supplyDuplicates({ upload: upload.id })} size="sm">
                Review duplicates
              </Anchor>
            )}
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}

/** One upload: its import, its review, its leads and its partner's supply. */
export function UploadDetailPage() {
  const { uploadId = '' } = useParams();
  const { data, error, refetch, startPolling, stopPolling } = useQuery(UploadDetailDocument, {
    variables: { id: uploadId },
    ...FRESH_ON_OPEN,
  });
  const upload = data?.leadUpload;
  const running = upload?.status === 'QUEUED' || upload?.status === 'PROCESSING';

  useEffect(() => {
    if (!running) return undefined;
    startPolling(POLL_MS);
    return () => stopPolling();
  }, [running, startPolling, stopPolling]);

  const back = (
    <Button component={Link} to={urls.supplyUploads()} variant="subtle" leftSection={<IconArrowLeft size={16} />} w="fit-content">
      All uploads
    </Button>
  );

  if (!data || !upload) {
    return (
      <Stack>
        {back}
        {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      {back}
      <div>
        <Group gap="sm">
          <Title order={2}>{upload.fileName}</Title>
          <UploadStatusBadge status={upload.status} />
          <ReviewStatusBadge status={upload.reviewStatus} />
        </Group>
        <Text c="dimmed" size="sm">
          Uploaded by{' '}
          <Anchor component={Link} to={urls.supplyUploads({ partner: upload.partnerOrg.id })} size="sm">
            {upload.partnerOrg.name}
          </Anchor>{' '}
          on {formatDateTime(upload.createdAt)}
        </Text>
      </div>
      <ImportActions upload={upload} />
      {upload.reviewStatus === 'PENDING' && upload.status === 'COMPLETED' && <UploadReviewCard upload={upload} />}
      <ReviewOutcome upload={upload} />
      <ImportFacts upload={upload} openDuplicates={data.openDuplicates} />
      <PartnerSupplyCard partnerOrg={upload.partnerOrg} />
      <UploadLeadsSection uploadId={upload.id} />
    </Stack>
  );
}
