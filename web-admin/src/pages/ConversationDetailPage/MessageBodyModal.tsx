import { errorMessage } from '@hotlead/graphql-client';
import { Alert, Box, Code, Loader, Modal, ScrollArea, Stack, Tabs, Text } from '@mantine/core';
import { IconAlertTriangle, IconEye } from '@tabler/icons-react';
import type { AdminMessageBodyReadMutation } from '../../gql/graphql';

type Body = AdminMessageBodyReadMutation['adminMessageBodyRead'];

/**
 * An email's HTML for an `<iframe sandbox srcdoc>` that loads nothing at all: no scripts, and no
 * remote images either — the relayed copy carries the read pixel, and an admin's look must not
 * count as the recipient reading it.
 */
export function inertHtml(html: string): string {
  const csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'";
  return `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}"><base target="_blank"></head><body>${html}</body></html>`;
}

function Version({ text, html, label }: { text: string | null | undefined; html: string | null | undefined; label: string }) {
  if (!text && !html) return <Text size="sm">No body.</Text>;
  return (
    <Stack gap="sm">
      {text && (
        <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap', margin: 0, overflowWrap: 'anywhere' }}>
          {text}
        </Text>
      )}
      {html && (
        <>
          <Text size="xs" c="dimmed">
            HTML part (remote images blocked):
          </Text>
          <Box
            component="iframe"
            title={`${label} HTML`}
            sandbox=""
            referrerPolicy="no-referrer"
            srcDoc={inertHtml(html)}
            w="100%"
            h={320}
            bd="1px solid var(--mantine-color-gray-3)"
            bg="white"
          />
        </>
      )}
    </Stack>
  );
}

export interface MessageBodyModalProps {
  opened: boolean;
  onClose: () => void;
  loading: boolean;
  error: unknown;
  body: Body | null | undefined;
}

/** An audited read of one message: as written (original), as relayed (redacted), and the raw MIME. */
export function MessageBodyModal({ opened, onClose, loading, error, body }: MessageBodyModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Message body" size="xl">
      <Stack gap="sm">
        <Alert color="yellow" icon={<IconEye size={18} />}>
          This read is recorded in the audit log.
        </Alert>
        {loading ? (
          <Loader aria-label="Reading the message" />
        ) : error ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not read the message">
            {errorMessage(error)}
          </Alert>
        ) : body ? (
          <Tabs defaultValue="original" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="original">Original</Tabs.Tab>
              <Tabs.Tab value="relayed">Relayed</Tabs.Tab>
              <Tabs.Tab value="raw">Raw MIME</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="original" pt="sm">
              <Version label="Original" text={body.originalText} html={body.originalHtml} />
            </Tabs.Panel>
            <Tabs.Panel value="relayed" pt="sm">
              <Version label="Relayed" text={body.relayedText} html={body.relayedHtml} />
            </Tabs.Panel>
            <Tabs.Panel value="raw" pt="sm">
              <ScrollArea h={420} type="auto">
                <Code block aria-label="Raw MIME source" style={{ whiteSpace: 'pre', fontFamily: 'monospace' }}>
                  {body.rawMime}
                </Code>
              </ScrollArea>
            </Tabs.Panel>
          </Tabs>
        ) : null}
      </Stack>
    </Modal>
  );
}
