import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { IconAlertTriangle, IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { formatBytes } from '../../supply/labels';
import {
  UPLOAD_ABORTED,
  UPLOAD_MAX_BYTES,
  UploadError,
  uploadLeadsFile,
  type UploadedFile,
  type UploadHandle,
} from '../../supply/uploadLeadsFile';

/** CSV files as browsers and operating systems label them (Windows often says Excel for .csv). */
const ACCEPT = {
  'text/csv': ['.csv'],
  'text/plain': ['.csv', '.txt'],
  'application/vnd.ms-excel': ['.csv'],
};

type Sending = { fileName: string; loaded: number; total: number };

/** What a file the dropzone refused before sending it is wrong with. */
function rejectionMessage(rejections: FileRejection[]): string {
  if (rejections.length > 1) return 'Choose one file at a time.';
  const error = rejections[0]?.errors[0];
  switch (error?.code) {
    case 'file-too-large':
      return `The file is larger than ${formatBytes(UPLOAD_MAX_BYTES)}. Split it into smaller CSV files.`;
    case 'file-invalid-type':
      return 'Choose a CSV file (.csv or .txt). From Excel, choose File → Save As → “CSV UTF-8” first.';
    case 'too-many-files':
      return 'Choose one file at a time.';
    default:
      return error?.message ?? 'This file cannot be uploaded.';
  }
}

export interface FileStepProps {
  partnerOrgId: string;
  /** Why uploads are closed (suspension); null when the partner may upload. */
  suspendedReason: string | null;
  onUploaded: (file: UploadedFile) => void;
}

/** Step 1: drop or choose a CSV; it is sent with a progress bar, then checked by the server. */
export function FileStep({ partnerOrgId, suspendedReason, onUploaded }: FileStepProps) {
  const [sending, setSending] = useState<Sending | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useRef<UploadHandle | null>(null);

  // Leaving the page stops a transfer still under way.
  useEffect(() => () => upload.current?.abort(), []);

  const send = async (file: File) => {
    setProblem(null);
    setSending({ fileName: file.name, loaded: 0, total: file.size });
    const handle = uploadLeadsFile(partnerOrgId, file, ({ loaded, total }) => setSending({ fileName: file.name, loaded, total }));
    upload.current = handle;
    try {
      const stored = await handle.done;
      onUploaded(stored);
    } catch (error) {
      if (!(error instanceof UploadError && error.code === UPLOAD_ABORTED)) {
        setProblem(error instanceof Error ? error.message : 'The upload failed. Please try again.');
      }
    } finally {
      if (upload.current === handle) upload.current = null;
      setSending(null);
    }
  };

  if (suspendedReason !== null) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Uploads are suspended" role="alert">
        {suspendedReason}
      </Alert>
    );
  }

  const sentAll = sending !== null && sending.total > 0 && sending.loaded >= sending.total;
  const percent = sending && sending.total > 0 ? Math.min(100, Math.round((sending.loaded / sending.total) * 100)) : 0;

  return (
    <Stack gap="md">
      {problem && (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          title="The file was not accepted"
          role="alert"
          withCloseButton
          onClose={() => setProblem(null)}
        >
          {problem}
        </Alert>
      )}
      <Dropzone
        onDrop={(files) => {
          const [file] = files;
          if (file) void send(file);
        }}
        onReject={(rejections) => setProblem(rejectionMessage(rejections))}
        accept={ACCEPT}
        maxSize={UPLOAD_MAX_BYTES}
        multiple={false}
        loading={sending !== null}
        disabled={sending !== null}
        inputProps={{ 'aria-label': 'CSV file of leads' }}
      >
        <Group justify="center" gap="xl" mih={160} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={48} stroke={1.5} />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={48} stroke={1.5} />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileSpreadsheet size={48} stroke={1.5} />
          </Dropzone.Idle>
          <div>
            <Text size="lg" inline>
              Drag a CSV file here or click to choose one
            </Text>
            <Text size="sm" c="dimmed" mt={7}>
              One file up to {formatBytes(UPLOAD_MAX_BYTES)}: a header row naming the columns, then one lead per row.
            </Text>
          </div>
        </Group>
      </Dropzone>
      {sending && (
        <Stack gap={6}>
          <Group justify="space-between" gap="xs">
            <Text size="sm">
              {sentAll ? `Checking ${sending.fileName}…` : `Uploading ${sending.fileName}: ${percent}% of ${formatBytes(sending.total)}`}
            </Text>
            {!sentAll && (
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => upload.current?.abort()}>
                Stop upload
              </Button>
            )}
          </Group>
          <Progress value={sentAll ? 100 : percent} striped={sentAll} animated={sentAll} aria-label="Upload progress" />
        </Stack>
      )}
    </Stack>
  );
}
