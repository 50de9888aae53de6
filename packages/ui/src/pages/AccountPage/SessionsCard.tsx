import { useMutation } from '@apollo/client/react';
import { Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifyError, notifyFailure, notifySuccess } from '../../feedback/notify';
import { formatDateTime } from '../../format/date';
import { AccountPageDocument, SessionRevokeDocument, type AccountPageQuery } from '../../gql/graphql';

type Session = NonNullable<AccountPageQuery['me']>['sessions'][number];

/** A short device description from a user agent string. */
export function describeUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? userAgent.slice(0, 60);
}

/** Every signed-in session of the viewer; any but the current one can be revoked. */
export function SessionsCard({ sessions }: { sessions: readonly Session[] }) {
  const [sessionRevoke, { loading }] = useMutation(SessionRevokeDocument, {
    refetchQueries: [AccountPageDocument],
    awaitRefetchQueries: true,
  });

  const revoke = async (session: Session) => {
    try {
      const { data } = await sessionRevoke({ variables: { sessionId: session.id } });
      const firstError = data?.sessionRevoke.userErrors[0];
      if (firstError) notifyFailure(firstError.message);
      else notifySuccess(`${describeUserAgent(session.userAgent)} was signed out.`, 'Session revoked');
    } catch (error) {
      notifyError(error, 'Could not revoke the session');
    }
  };

  return (
    <Paper>
      <Stack gap="sm">
        <Title order={3} size="h4">
          Sessions
        </Title>
        <Text size="sm" c="dimmed">
          Devices signed in to your account. Revoke any you do not recognise.
        </Text>
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>IP address</Table.Th>
                <Table.Th>Last active</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    {describeUserAgent(session.userAgent)}{' '}
                    {session.current && (
                      <Badge size="sm" variant="light" color="orange">
                        This device
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{session.ipAddress ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
                  <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                  <Table.Td ta="right">
                    {!session.current && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        disabled={loading}
                        onClick={() => void revoke(session)}
                        aria-label={`Revoke ${describeUserAgent(session.userAgent)} session`}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
