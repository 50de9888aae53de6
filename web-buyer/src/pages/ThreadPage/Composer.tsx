import { useMutation } from '@apollo/client/react';
import { FormErrorAlert } from '@hotlead/ui';
import { ActionIcon, Button, FileButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPaperclip, IconSend, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { ThreadMessageSendDocument } from '../../gql/graphql';
import { apiErrorMessage, inputErrorsOf } from '../../requests/serverErrors';
import { uploadAttachment, UploadRefusedError } from '../../requests/upload';
import { formatBytes } from './messageText';

const TEXT_MAX = 20_000;

export interface ComposerProps {
  threadId: string;
  /** Before the provider's first message the person cannot write yet. */
  disabled?: boolean;
  onSent: () => void;
}

/** Writing to the provider: text and attachments (uploaded, scanned, then sent with the message). */
export function Composer({ threadId, disabled = false, onSent }: ComposerProps) {
  const [send] = useMutation(ThreadMessageSendDocument);
  const [files, setFiles] = useState<File[]>([]);
  const [sending, setSending] = useState(false);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm({
    initialValues: { text: '' },
    validate: {
      text: (value) => (value.trim() === '' ? 'Write a message' : value.length > TEXT_MAX ? `Use at most ${TEXT_MAX} characters` : null),
    },
  });

  const addFiles = (picked: File[]) => {
    // The same file picked twice is attached once.
    setFiles((current) => [...current, ...picked.filter((f) => !current.some((c) => c.name === f.name && c.size === f.size))]);
  };

  const submit = form.onSubmit(async ({ text }) => {
    setFormErrors([]);
    setSending(true);
    try {
      const attachmentTokens: string[] = [];
      for (const file of files) attachmentTokens.push(await uploadAttachment(file));
      await send({ variables: { input: { threadId, text, attachmentTokens: attachmentTokens.length > 0 ? attachmentTokens : null } } });
      form.reset();
      setFiles([]);
      onSent();
    } catch (error) {
      if (error instanceof UploadRefusedError) {
        setFormErrors([error.message]);
      } else {
        const inputErrors = inputErrorsOf(error);
        setFormErrors(inputErrors.length > 0 ? inputErrors.map((e) => e.message) : [apiErrorMessage(error)]);
      }
    } finally {
      setSending(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Reply">
      <Stack gap="xs">
        <FormErrorAlert messages={formErrors} />
        <Textarea label="Your message" rows={4} maxLength={TEXT_MAX} disabled={disabled} {...form.getInputProps('text')} />
        {files.length > 0 && (
          <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Attachments to send">
            {files.map((file) => (
              <Group key={`${file.name}-${file.size}`} gap={4} component="li">
                <IconPaperclip size={14} aria-hidden />
                <Text size="sm">{file.name}</Text>
                <Text size="xs" c="dimmed">
                  {formatBytes(file.size)}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={`Remove ${file.name}`}
                  onClick={() => setFiles((current) => current.filter((f) => f !== file))}
                >
                  <IconX size={14} />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        )}
        <Group justify="space-between">
          <FileButton onChange={addFiles} multiple disabled={disabled || sending}>
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconPaperclip size={16} />} disabled={disabled || sending}>
                Attach files
              </Button>
            )}
          </FileButton>
          <Button type="submit" loading={sending} disabled={disabled} leftSection={<IconSend size={16} />}>
            Send
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
