import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';

export interface ApiKeySecretModalProps {
  created: { name: string; secret: string } | null;
  onClose: () => void;
}

/** The new key's secret, shown exactly once. */
export function ApiKeySecretModal({ created, onClose }: ApiKeySecretModalProps) {
  return (
    <Modal opened={created !== null} onClose={onClose} title="API key created" size="lg">
      {created && (
        <Stack>
          <Alert color="yellow" title="Copy this secret now">
            This is the only time the secret of “{created.name}” is shown. Store it somewhere safe; if you lose it, revoke the key and
            create a new one.
          </Alert>
          <Code block data-testid="api-key-secret">
            {created.secret}
          </Code>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Send it as <Code>Authorization: Bearer …</Code>
            </Text>
            <Group>
              <CopyButton value={created.secret}>
                {({ copied, copy }) => (
                  <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
                    {copied ? 'Copied' : 'Copy secret'}
                  </Button>
                )}
              </CopyButton>
              <Button onClick={onClose}>Done</Button>
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
