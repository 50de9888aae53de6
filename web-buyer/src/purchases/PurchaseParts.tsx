import { useMutation } from '@apollo/client/react';
import { formatCredits, formatDate, notifyError, notifyFailure, notifySuccess } from '@hotlead/ui';
import { Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconDownload, IconRefresh } from '@tabler/icons-react';
import { useState, type MouseEvent } from 'react';
import { LeadPurchaseExportRefreshDocument, type LeadPurchaseFieldsFragment } from '../gql/graphql';
import { downloadPurchaseCsv, DownloadRefusedError } from './download';
import { exportIsStale, isDownloadable, isPositive, PURCHASE_STATUS } from './labels';

type Purchase = LeadPurchaseFieldsFragment;

/** The purchase's status badge, with why it failed and the credits given back since. */
export function PurchaseStatusCell({ purchase }: { purchase: Purchase }) {
  const status = PURCHASE_STATUS[purchase.status];
  return (
    <Stack gap={2}>
      <Badge size="sm" variant="light" color={status.color}>
        {status.label}
      </Badge>
      {purchase.status === 'AWAITING_PAYMENT' && isPositive(purchase.reservedCredits) && (
        <Text size="xs" c="dimmed">
          {formatCredits(purchase.reservedCredits)} credits held
        </Text>
      )}
      {purchase.status === 'FAILED' && purchase.failureReason && (
        <Text size="xs" c="red">
          {purchase.failureReason}
        </Text>
      )}
      {isPositive(purchase.refundedCredits) && (
        <Text size="xs" c="teal" data-testid="refunded-credits">
          {formatCredits(purchase.refundedCredits)} credits refunded
        </Text>
      )}
    </Stack>
  );
}

/**
 * "Download CSV" once the export is ready (fetched, then saved, so a refusal such as the daily limit
 * is a notification rather than a JSON page); "Preparing…" or "Export failed" before.
 */
export function DownloadCsv({ purchase }: { purchase: Purchase }) {
  const [downloading, setDownloading] = useState(false);

  if (purchase.status !== 'COMPLETED') {
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  }
  if (!isDownloadable(purchase.downloadableUntil)) {
    return (
      <Text size="xs" c="dimmed">
        Expired
      </Text>
    );
  }
  if (purchase.exportStatus === 'PREPARING') {
    return (
      <Group gap={6} wrap="nowrap">
        <Loader size={12} />
        <Text size="xs" c="dimmed">
          Preparing…
        </Text>
      </Group>
    );
  }
  if (purchase.exportStatus === 'FAILED') {
    return (
      <Text size="xs" c="red">
        Export failed
      </Text>
    );
  }

  const download = async (event: MouseEvent) => {
    event.preventDefault();
    if (downloading) return;
    setDownloading(true);
    try {
      await downloadPurchaseCsv(purchase.downloadUrl);
    } catch (error) {
      if (error instanceof DownloadRefusedError) {
        notifyFailure(error.message, error.status === 409 ? 'The CSV is not ready yet' : 'Download not started');
      } else {
        notifyError(error, 'Download not started');
      }
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Button
      component="a"
      href={purchase.downloadUrl}
      download
      size="compact-xs"
      variant="light"
      leftSection={<IconDownload size={14} />}
      loading={downloading}
      onClick={(event: MouseEvent) => void download(event)}
    >
      Download CSV
    </Button>
  );
}

/** Whether "Fresh export" is offered: the CSV is older than 30 days, or making it failed. */
export function canRefreshExport(purchase: Purchase, now: Date = new Date()): boolean {
  return (
    purchase.status === 'COMPLETED' &&
    purchase.exportStatus !== 'PREPARING' &&
    isDownloadable(purchase.downloadableUntil, now) &&
    (purchase.exportStatus === 'FAILED' || exportIsStale(purchase.exportedAt, now))
  );
}

/** "Fresh export": a new CSV with emails verified over 30 days ago re-checked (10 exports a day). */
export function FreshExportButton({ purchase }: { purchase: Purchase }) {
  const [refresh, { loading }] = useMutation(LeadPurchaseExportRefreshDocument);

  const run = async () => {
    try {
      const { data } = await refresh({ variables: { purchaseId: purchase.id } });
      const payload = data?.leadPurchaseExportRefresh;
      if (!payload) return;
      const [first] = payload.userErrors;
      if (first) {
        notifyFailure(first.message, 'Fresh export not started');
        return;
      }
      notifySuccess('The emails are re-checked and a new CSV is made; it is ready in a few moments.', 'Fresh export started');
    } catch (error) {
      notifyError(error, 'Fresh export not started');
    }
  };

  return (
    <Button
      size="compact-xs"
      variant="subtle"
      leftSection={<IconRefresh size={14} />}
      loading={loading}
      onClick={() => void run()}
      title={`Exported ${formatDate(purchase.exportedAt)}: re-checks emails verified more than 30 days ago`}
    >
      Fresh export
    </Button>
  );
}
