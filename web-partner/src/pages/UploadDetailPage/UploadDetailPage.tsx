import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { errorCode } from '@hotlead/graphql-client';
import { ConfirmModal, EmptyPanel, formatDateTime, formatUsd, PageSkeleton, QueryErrorAlert, reportOutcome } from '@hotlead/ui';
import { Alert, Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconClock, IconDownload, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  LeadImportCancelDocument,
  LeadImportRetryDocument,
  UploadDetailDocument,
  UploadLeadsDocument,
  UploadProgressDocument,
  type UploadDetailQuery,
} from '../../gql/graphql';
import { delimiterLabel, encodingLabel, formatBytes, formatDuration, isImportActive, reviewReasonSentence } from '../../supply/labels';
import { ReviewStatusBadge, UploadStatusBadge } from '../../supply/UploadBadges';
import { urls } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { ImportProgressSection } from './ImportProgressSection';
import { UploadLeadsSection } from './UploadLeadsSection';

type Upload = UploadDetailQuery['leadUpload'];

/** A safety net under the live progress: a missed event (e.g. a dropped socket) is caught up this often. */
export const ACTIVE_POLL_MS = 15_000;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** Where the import is: not started, failed, canceled or being stopped. */
function StatusAlert({ upload, partnerOrgId }: { upload: Upload; partnerOrgId: string }) {
  if (upload.cancelRequested && isImportActive(upload.status)) {
    return (
      <Alert color="orange" icon={<IconPlayerStop size={18} />} title="Stopping the import">
        The import stops at its next batch of rows and removes the leads it had added.
      </Alert>
    );
  }
  switch (upload.status) {
    case 'UPLOADED':
      return (
        <Alert color="blue" title="The import has not started">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">The file is stored. Match its columns and add the import’s details to start it.</Text>
            <Button size="xs" component={Link} to={urls.uploadNew(partnerOrgId, upload.id)}>
              Match columns and start
            </Button>
          </Stack>
        </Alert>
      );
    case 'FAILED':
      return (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The import failed" role="alert">
          <Text size="sm">{upload.error ?? 'The import stopped with an error.'}</Text>
          <Text size="sm">A failed import keeps no leads. Retry it, or fix the file and upload it again.</Text>
        </Alert>
      );
    case 'CANCELED':
      return (
        <Alert color="gray" title="The import was canceled">
          A canceled import keeps no leads.
        </Alert>
      );
    default:
      return null;
  }
}

/** What the admin review means for these leads. */
function ReviewAlert({ upload }: { upload: Upload }) {
  switch (upload.reviewStatus) {
    case 'PENDING':
      return (
        <Alert color="yellow" icon={<IconClock size={18} />} title="Waiting for admin review">
          <Stack gap={6}>
            <Text size="sm">
              {upload.status === 'COMPLETED'
                ? 'These leads are not listed yet: an admin reviews this upload before buyers can see them.'
                : 'An admin reviews this upload once it has imported; until then its leads are not listed for buyers.'}
            </Text>
            {upload.reviewReasons.length > 0 && (
              <>
                <Text size="sm">It waits for review because:</Text>
                <List size="sm">
                  {upload.reviewReasons.map((reason) => (
                    <List.Item key={reason}>{reviewReasonSentence(reason)}</List.Item>
                  ))}
                </List>
              </>
            )}
          </Stack>
        </Alert>
      );
    case 'APPROVED':
      return (
        <Alert color="teal" title="Approved">
          An admin approved this upload{upload.reviewedAt ? ` on ${formatDateTime(upload.reviewedAt)}` : ''}; its leads are listed.
          {upload.reviewNote && <Text size="sm">Note: {upload.reviewNote}</Text>}
        </Alert>
      );
    case 'REJECTED':
      return (
        <Alert color="red" title="Rejected by review">
          <Text size="sm">{upload.reviewNote ?? 'An admin rejected this upload.'}</Text>
          <Text size="sm">Its unsold leads were removed.</Text>
        </Alert>
      );
    default:
      return null;
  }
}

/** One upload: its live import progress, review, file details, actions and the leads it added. */
export function UploadDetailPage() {
  const { partnerOrgId = '', uploadId = '' } = useParams();
  const client = useApolloClient();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const { data, error, refetch, startPolling, stopPolling } = useQuery(UploadDetailDocument, { variables: { uploadId }, ...FRESH_ON_OPEN });
  const upload = data?.leadUpload;
  const status = upload?.status;
  const active = status ? isImportActive(status) : false;

  // The counts and status arrive live; Apollo writes them into the cached upload this page reads.
  useSubscription(UploadProgressDocument, { variables: { uploadId }, skip: !active, ignoreResults: true });

  useEffect(() => {
    if (!active) return;
    startPolling(ACTIVE_POLL_MS);
    return () => stopPolling();
  }, [active, startPolling, stopPolling]);

  // Leads come and go with the import (added while it runs, removed when it fails or is canceled).
  const previousStatus = useRef(status);
  useEffect(() => {
    if (previousStatus.current && status && previousStatus.current !== status) {
      void client.refetchQueries({ include: [UploadLeadsDocument] });
    }
    previousStatus.current = status;
  }, [status, client]);

  const [cancel, { loading: canceling }] = useMutation(LeadImportCancelDocument);
  const [retry, { loading: retrying }] = useMutation(LeadImportRetryDocument);

  if (!upload) {
    if (error && errorCode(error) === 'NOT_FOUND') {
      return <EmptyPanel title="Upload not found" description="It may belong to another organization." />;
    }
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }

  const cancelImport = async () => {
    const notStarted = upload.status === 'UPLOADED';
    await reportOutcome(async () => (await cancel({ variables: { uploadId: upload.id } })).data?.leadImportCancel, {
      success: notStarted ? 'The file was discarded.' : 'The import is stopping; the leads it added are removed.',
      failureTitle: 'The import was not canceled',
    });
    setConfirmCancel(false);
  };
  const retryImport = () =>
    void reportOutcome(async () => (await retry({ variables: { uploadId: upload.id } })).data?.leadImportRetry, {
      success: 'The import starts again.',
      failureTitle: 'The import was not retried',
    });

  const cancellable = (upload.status === 'UPLOADED' || active) && !upload.cancelRequested;
  const refused = upload.rejected + upload.duplicates;

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm">
            <Anchor component={Link} to={urls.uploads(partnerOrgId)}>
              Upload history
            </Anchor>
          </Text>
          <Title order={2} style={{ wordBreak: 'break-all' }}>
            {upload.fileName}
          </Title>
          <Group gap="xs" mt={4} role="group" aria-label="Status">
            <UploadStatusBadge status={upload.status} stopping={upload.cancelRequested && active} />
            <ReviewStatusBadge reviewStatus={upload.reviewStatus} />
            <Text size="sm" c="dimmed">
              Uploaded {formatDateTime(upload.createdAt)}
            </Text>
          </Group>
        </div>
        <Group gap="sm">
          {refused > 0 && (
            <Button component="a" href={upload.rejectedRowsUrl} download variant="default" leftSection={<IconDownload size={16} />}>
              Download rejected rows (CSV)
            </Button>
          )}
          {upload.status === 'FAILED' && (
            <Button leftSection={<IconRefresh size={16} />} loading={retrying} onClick={retryImport}>
              Retry
            </Button>
          )}
          {cancellable && (
            <Button color="red" variant="light" leftSection={<IconPlayerStop size={16} />} onClick={() => setConfirmCancel(true)}>
              {upload.status === 'UPLOADED' ? 'Discard file' : 'Cancel import'}
            </Button>
          )}
        </Group>
      </Group>

      <StatusAlert upload={upload} partnerOrgId={partnerOrgId} />
      <ReviewAlert upload={upload} />

      {upload.status !== 'UPLOADED' && (
        <ImportProgressSection upload={upload} soldLeads={upload.status === 'COMPLETED' ? upload.soldLeads : null} />
      )}

      <Paper component="section" aria-label="File and settings">
        <Stack gap="md">
          <Title order={3} size="h4">
            File and settings
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }}>
            <Field label="Size">{formatBytes(upload.sizeBytes)}</Field>
            <Field label="Columns">{upload.headers.length}</Field>
            <Field label="Encoding">{encodingLabel(upload.encoding)}</Field>
            <Field label="Delimiter">{delimiterLabel(upload.delimiter)}</Field>
            <Field label="Industry">{upload.industry?.name ?? '—'}</Field>
            <Field label="Minimum price">{upload.minPrice ? formatUsd(upload.minPrice) : 'None'}</Field>
            <Field label="Default country">{upload.defaultCountry}</Field>
            <Field label="Attempts">{upload.attempts}</Field>
            <Field label="Started">{formatDateTime(upload.startedAt)}</Field>
            <Field label="Finished">{formatDateTime(upload.finishedAt)}</Field>
            <Field label="Duration">{formatDuration(upload.durationMs)}</Field>
          </SimpleGrid>
        </Stack>
      </Paper>

      {upload.status !== 'UPLOADED' && <UploadLeadsSection uploadId={upload.id} status={upload.status} />}

      <ConfirmModal
        opened={confirmCancel}
        title={upload.status === 'UPLOADED' ? 'Discard this file?' : 'Cancel this import?'}
        confirmLabel={upload.status === 'UPLOADED' ? 'Discard file' : 'Stop the import'}
        loading={canceling}
        onConfirm={() => void cancelImport()}
        onClose={() => setConfirmCancel(false)}
      >
        {upload.status === 'UPLOADED'
          ? 'The file will not be imported. Upload it again to import it later.'
          : 'The import stops and every lead it has added so far is removed. You can upload the file again later.'}
      </ConfirmModal>
    </Stack>
  );
}
