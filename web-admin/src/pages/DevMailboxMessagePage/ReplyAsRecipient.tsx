import { useMutation } from '@apollo/client/react';
import { FormErrorAlert, notifySuccess } from '@hotlead/ui';
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { actionErrorMessage } from '../../components/Conversations/apiErrors';
import { DevMailboxReplyDocument } from '../../gql/graphql';

/** Mail the relay sent comes from a relay address (`u-…@relay.<domain>` / `p-…@relay.<domain>`). */
export function isFromRelay(from: string): boolean {
  return from.toLowerCase().includes('@relay.');
}

/**
 * Local mode: answer a relayed email as its recipient would from their mail app. The API sends the
 * reply over real SMTP to the platform's inbound server, so it takes the same path as real mail.
 */
export function ReplyAsRecipient({ messageId, recipients }: { messageId: string; recipients: readonly string[] }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [reply, { loading }] = useMutation(DevMailboxReplyDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    if (!text.trim()) {
      setProblem('Write the reply first.');
      return;
    }
    setProblem(null);
    try {
      await reply({ variables: { messageId, text: text.trim() } });
      notifySuccess('Sent to the inbound relay over SMTP');
      setText('');
    } catch (error) {
      setProblem(actionErrorMessage(error));
    }
  };

  return (
    <Paper component="form" onSubmit={(e: FormEvent) => void submit(e)} noValidate aria-label="Reply as recipient">
      <Stack gap="sm">
        <div>
          <Title order={4}>Reply as recipient</Title>
          <Text size="sm" c="dimmed">
            Answers this relayed email as {recipients.join(', ') || 'its recipient'}, over SMTP to the platform&apos;s inbound server.
          </Text>
        </div>
        <FormErrorAlert messages={problem ? [problem] : []} />
        <Textarea label="Reply" rows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconArrowBackUp size={16} />} loading={loading}>
            Send reply
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
