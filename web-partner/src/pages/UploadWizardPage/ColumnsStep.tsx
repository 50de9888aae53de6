import { useQuery } from '@apollo/client/react';
import { QueryErrorAlert, TableSkeleton } from '@hotlead/ui';
import { Alert, Button, Group, List, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { UploadColumnsPreviewDocument, type LeadField, type UploadColumnsPreviewQuery } from '../../gql/graphql';
import { LEAD_FIELD_LABELS, LEAD_FIELDS } from '../../supply/labels';

export type Mapping = (LeadField | null)[];

type PreviewRow = UploadColumnsPreviewQuery['leadUploadPreview']['rows'][number];

const IGNORE = 'IGNORE';
const FIELD_OPTIONS = [
  { value: IGNORE, label: 'Ignore this column' },
  ...LEAD_FIELDS.map((f) => ({ value: f, label: LEAD_FIELD_LABELS[f] })),
];

function columnName(header: string, index: number): string {
  return header.trim() === '' ? `Column ${index + 1}` : header;
}

function PreviewTable({ rows }: { rows: readonly PreviewRow[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table aria-label="Import preview" striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th ta="right">Row</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Phone</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Company</Table.Th>
            <Table.Th>Country</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.row}>
              <Table.Td ta="right">{row.row}</Table.Td>
              <Table.Td>
                {row.accepted ? (
                  <Group gap={4} wrap="nowrap" c="teal">
                    <IconCircleCheck size={16} aria-hidden />
                    <Text size="sm">Accepted</Text>
                  </Group>
                ) : (
                  <Group gap={4} wrap="nowrap" c="red" align="flex-start">
                    <IconCircleX size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                    <Text size="sm">Rejected: {row.message ?? row.rejectCode ?? 'not valid'}</Text>
                  </Group>
                )}
              </Table.Td>
              <Table.Td>{row.lead?.email ?? '—'}</Table.Td>
              <Table.Td>{row.lead?.phone ?? '—'}</Table.Td>
              <Table.Td>{row.lead ? `${row.lead.firstName} ${row.lead.lastName}`.trim() || '—' : '—'}</Table.Td>
              <Table.Td>{row.lead?.companyName ?? '—'}</Table.Td>
              <Table.Td>{row.lead?.country ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export interface ColumnsStepProps {
  uploadId: string;
  /** The partner's choices so far; null: the server's (saved from the last import, or guessed from the headers). */
  mapping: Mapping | null;
  onMappingChange: (mapping: Mapping) => void;
  onBack: () => void;
  onNext: (mapping: Mapping) => void;
}

/** Step 2: a field for every column, and the first rows as they would import with that mapping. */
export function ColumnsStep({ uploadId, mapping, onMappingChange, onBack, onNext }: ColumnsStepProps) {
  const { data, previousData, loading, error, refetch } = useQuery(UploadColumnsPreviewDocument, {
    variables: { uploadId, mapping },
  });
  // While a new mapping is previewed, keep showing the last preview.
  const preview = data?.leadUploadPreview ?? previousData?.leadUploadPreview;

  if (!preview) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <TableSkeleton rows={6} />;
  }

  const current: Mapping = mapping ?? [...preview.mapping];
  const problems = data ? data.leadUploadPreview.mappingProblems : [];
  const firstRow = preview.rows[0];
  const accepted = preview.rows.filter((r) => r.accepted).length;
  const canContinue = Boolean(data) && problems.length === 0;

  const choose = (index: number, value: string | null) => {
    const next = [...current];
    next[index] = value === null || value === IGNORE ? null : (value as LeadField);
    onMappingChange(next);
  };

  return (
    <Stack gap="lg">
      <Paper component="section" aria-label="Columns">
        <Stack gap="sm">
          <Title order={3} size="h4">
            Match your columns
          </Title>
          <Text size="sm" c="dimmed">
            Choose the lead field each column holds. Email, Company and a name (First and Last name, or Full name) are required; we remember
            your choices for your next upload.
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Column mapping" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Column in your file</Table.Th>
                  <Table.Th>First value</Table.Th>
                  <Table.Th w={260}>Imports as</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.headers.map((header, index) => (
                  <Table.Tr key={index}>
                    <Table.Td fw={500}>{columnName(header, index)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed" lineClamp={1} maw={280}>
                        {firstRow?.fields[index] || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`Field for ${columnName(header, index)}`}
                        data={FIELD_OPTIONS}
                        value={current[index] ?? IGNORE}
                        onChange={(value) => choose(index, value)}
                        allowDeselect={false}
                        size="sm"
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {problems.length > 0 && (
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Fix the column mapping to continue" role="alert">
              {problems.length === 1 ? (
                problems[0]
              ) : (
                <List size="sm">
                  {problems.map((p) => (
                    <List.Item key={p}>{p}</List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
        </Stack>
      </Paper>

      <Paper component="section" aria-label="Preview">
        <Stack gap="sm">
          <Group justify="space-between" align="center">
            <Title order={3} size="h4">
              Preview
            </Title>
            {loading && (
              <Group gap={6}>
                <Loader size="xs" />
                <Text size="sm" c="dimmed">
                  Updating the preview…
                </Text>
              </Group>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            The first {preview.rows.length} rows as they would import: {accepted} accepted, {preview.rows.length - accepted} rejected. Rows
            are checked again during the import; rejected rows can be downloaded afterwards.
          </Text>
          {error && <QueryErrorAlert error={error} onRetry={() => void refetch()} />}
          <PreviewTable rows={preview.rows} />
        </Stack>
      </Paper>

      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          Choose another file
        </Button>
        <Button onClick={() => onNext(current)} disabled={!canContinue}>
          Next: details
        </Button>
      </Group>
    </Stack>
  );
}
