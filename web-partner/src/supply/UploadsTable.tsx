import { formatDateTime } from '@hotlead/ui';
import { Anchor, Button, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { UploadListItemFragment } from '../gql/graphql';
import { urls } from '../urls';
import { formatCount } from './labels';
import { ReviewStatusBadge, UploadStatusBadge } from './UploadBadges';

export interface UploadsTableProps {
  partnerOrgId: string;
  uploads: readonly UploadListItemFragment[];
  /** The dashboard's short version: fewer columns, no downloads. */
  compact?: boolean;
}

/** Uploads, newest first; each opens its detail page. */
export function UploadsTable({ partnerOrgId, uploads, compact = false }: UploadsTableProps) {
  const counts = (u: UploadListItemFragment) =>
    compact
      ? [u.rowsRead, u.accepted, u.rejected + u.duplicates]
      : [u.rowsRead, u.accepted, u.rejected, u.duplicates, u.verified, u.probableDuplicates, u.soldLeads];
  const countHeaders = compact
    ? ['Rows read', 'Accepted', 'Refused']
    : ['Rows read', 'Accepted', 'Rejected', 'Duplicates', 'Verified', 'Probable duplicates', 'Sold'];

  return (
    <Table.ScrollContainer minWidth={compact ? 640 : 1180}>
      <Table aria-label={compact ? 'Latest uploads' : 'Uploads'} striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>Uploaded</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Review</Table.Th>
            {countHeaders.map((header) => (
              <Table.Th key={header} ta="right">
                {header}
              </Table.Th>
            ))}
            {!compact && <Table.Th>Refused rows</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {uploads.map((upload) => (
            <Table.Tr key={upload.id}>
              <Table.Td maw={280}>
                <Anchor component={Link} to={urls.upload(partnerOrgId, upload.id)} fw={500} style={{ wordBreak: 'break-all' }}>
                  {upload.fileName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(upload.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <UploadStatusBadge status={upload.status} />
              </Table.Td>
              <Table.Td>
                <ReviewStatusBadge reviewStatus={upload.reviewStatus} />
              </Table.Td>
              {counts(upload).map((count, i) => (
                <Table.Td key={countHeaders[i]} ta="right">
                  {formatCount(count)}
                </Table.Td>
              ))}
              {!compact && (
                <Table.Td>
                  {upload.rejected + upload.duplicates > 0 ? (
                    <Button
                      component="a"
                      href={upload.rejectedRowsUrl}
                      download
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconDownload size={14} />}
                      aria-label={`Rejected rows (CSV) of ${upload.fileName}`}
                    >
                      Rejected rows (CSV)
                    </Button>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
