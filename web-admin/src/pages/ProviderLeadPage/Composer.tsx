import { useMutation } from '@apollo/client/react';
import { FormErrorAlert } from '@hotlead/ui';
import { ActionIcon, Alert, Button, FileButton, Group, Loader, Paper, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconLock, IconPaperclip, IconSend, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { actionErrorMessage } from '../../components/Conversations/apiErrors';
import { formatBytes } from '../../components/Supply/supplyWords';
import { ProviderAssignmentDocument, ThreadMessageSendDocument } from '../../gql/graphql';
import { ATTACHMENT_LIMIT_HINT, uploadRelayAttachment, UploadRefusedError, type UploadedAttachment } from './relayUploads';

/** The longest message the composer sends; the relay's own size limit applies to the whole email. */
export const MESSAGE_MAX = 20_000;

interface PendingFile {
  key: number;
  file: File;
  state: 'uploading' | 'ready' | 'refused';
  upload?: UploadedAttachment;
  error?: string;
}

export interface ComposerProps {
  assignmentId: string;
  threadId: string;
  /** Why nothing can be sent now (closed, suspended, …); the composer is enabled without one. */
  disabledReason: string | null;
  /** The first message may carry a subject line; the relay picks one otherwise. */
  firstMessage: boolean;
}

function FileRow({ item, onRemove }: { item: PendingFile; onRemove: () => void }) {
  return (
    <Group gap="xs" wrap="nowrap" aria-label={`Attachment ${item.file.name}`} role="group">
      {item.state === 'uploading' ? (
        <Loader size={14} aria-label="Uploading" />
      ) : item.state === 'ready' ? (
        <IconCheck size={14} color="var(--mantine-color-teal-6)" aria-label="Uploaded" />
      ) : (
        <IconX size={14} color="var(--mantine-color-red-6)" aria-label="Refused" />
      )}
      <Text size="sm" truncate maw={260}>
        {item.file.name}
      </Text>
      <Text size="xs" c="dimmed">
        {formatBytes(item.file.size)}
      </Text>
      {item.state === 'uploading' && (
        <Text size="xs" c="dimmed">
          Uploading and scanning…
        </Text>
      )}
      {item.error && (
        <Text size="xs" c="red">
          {item.error}
        </Text>
      )}
      <Tooltip label="Remove">
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Remove ${item.file.name}`} onClick={onRemove}>
          <IconX size={14} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/**
 * Writes to the end user through the relay: text plus attachments, each uploaded (and scanned) as
 * soon as it is chosen, their tokens sent with the message.
 */
export function Composer({ assignmentId, threadId, disabledReason, firstMessage }: ComposerProps) {
  const [text, setText] = useState('');
  const [subject, setSubject] = useState('');
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const nextKey = useRef(0);
  const aborts = useRef(new Map<number, AbortController>());
  const [send, { loading }] = useMutation(ThreadMessageSendDocument, {
    refetchQueries: [{ query: ProviderAssignmentDocument, variables: { id: assignmentId } }],
    awaitRefetchQueries: true,
  });

  useEffect(() => {
    const pending = aborts.current;
    return () => pending.forEach((controller) => controller.abort());
  }, []);

  const update = (key: number, change: Partial<PendingFile>) =>
    setFiles((current) => current.map((f) => (f.key === key ? { ...f, ...change } : f)));

  const addFiles = (chosen: File[]) => {
    for (const file of chosen) {
      const key = nextKey.current++;
      const controller = new AbortController();
      aborts.current.set(key, controller);
      setFiles((current) => [...current, { key, file, state: 'uploading' }]);
      uploadRelayAttachment(file, controller.signal)
        .then((upload) => update(key, { state: 'ready', upload }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          update(key, {
            state: 'refused',
            error: error instanceof UploadRefusedError ? error.message : 'The upload failed. Please try again.',
          });
        })
        .finally(() => aborts.current.delete(key));
    }
  };

  const remove = (key: number) => {
    aborts.current.get(key)?.abort();
    setFiles((current) => current.filter((f) => f.key !== key));
  };

  if (disabledReason) {
    return (
      <Alert color="gray" icon={<IconLock size={18} />} title="You cannot write in this thread">
        {disabledReason}
      </Alert>
    );
  }

  const uploading = files.some((f) => f.state === 'uploading');
  const refused = files.some((f) => f.state === 'refused');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    const body = text.trim();
    if (!body) {
      setProblem('Write a message first.');
      return;
    }
    if (body.length > MESSAGE_MAX) {
      setProblem(`Keep the message to ${MESSAGE_MAX.toLocaleString('en-US')} characters.`);
      return;
    }
    if (uploading) {
      setProblem('Wait for the attachments to finish uploading.');
      return;
    }
    if (refused) {
      setProblem('Remove the attachments that were refused before sending.');
      return;
    }
    setProblem(null);
    try {
      const tokens = files.flatMap((f) => (f.upload ? [f.upload.token] : []));
      await send({
        variables: {
          input: {
            threadId,
            text: body,
            ...(firstMessage && subject.trim() ? { subject: subject.trim() } : {}),
            ...(tokens.length > 0 ? { attachmentTokens: tokens } : {}),
          },
        },
      });
      setText('');
      setSubject('');
      setFiles([]);
    } catch (error) {
      setProblem(actionErrorMessage(error));
    }
  };

  return (
    <Paper component="form" onSubmit={(e: FormEvent) => void submit(e)} noValidate aria-label="Write a message">
      <Stack gap="sm">
        <FormErrorAlert messages={problem ? [problem] : []} />
        {firstMessage && (
          <TextInput
            label="Subject"
            description="Optional: the subject line of the email the person receives."
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            maxLength={200}
          />
        )}
        <Textarea
          label="Message"
          placeholder="Write to the person. Phone numbers and email addresses are removed before relay."
          rows={5}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {files.length > 0 && (
          <Stack gap={4}>
            {files.map((item) => (
              <FileRow key={item.key} item={item} onRemove={() => remove(item.key)} />
            ))}
          </Stack>
        )}
        <Group justify="space-between">
          <Group gap="xs">
            <FileButton onChange={addFiles} multiple>
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconPaperclip size={16} />}>
                  Attach files
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              Up to {ATTACHMENT_LIMIT_HINT} per file; each file is scanned.
            </Text>
          </Group>
          <Button type="submit" leftSection={<IconSend size={16} />} loading={loading} disabled={uploading}>
            Send
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
