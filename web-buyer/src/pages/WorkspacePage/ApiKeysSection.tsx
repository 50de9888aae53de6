import { useMutation, useQuery } from '@apollo/client/react';
import {
  ConfirmModal,
  EmptyPanel,
  formatDate,
  formatDateTime,
  notifyError,
  notifyFailure,
  notifySuccess,
  TableSkeleton,
} from '@hotlead/ui';
import { Badge, Button, Code, Divider, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiKeyCreateDocument, ApiKeyRevokeDocument, WorkspaceApiKeysDocument, type WorkspaceApiKeysQuery } from '../../gql/graphql';
import { ApiKeySecretModal } from './ApiKeySecretModal';
import { CreateApiKeyForm } from './CreateApiKeyForm';

type ApiKey = NonNullable<WorkspaceApiKeysQuery['workspace']>['apiKeys'][number];

/** The workspace's API keys: create (secret shown once) and revoke. Owners and admins only. */
export function ApiKeysSection({ workspaceId }: { workspaceId: string }) {
  const { data } = useQuery(WorkspaceApiKeysDocument, { variables: { id: workspaceId } });
  const refetch = { refetchQueries: [WorkspaceApiKeysDocument], awaitRefetchQueries: true };
  const [apiKeyCreate] = useMutation(ApiKeyCreateDocument, refetch);
  const [apiKeyRevoke, { loading: revoking }] = useMutation(ApiKeyRevokeDocument, refetch);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [toRevoke, setToRevoke] = useState<ApiKey | null>(null);

  const onCreate = async ({ name, scopes }: { name: string; scopes: string[] }) => {
    try {
      const { data: result } = await apiKeyCreate({
        variables: { workspaceId, name, scopes: scopes.length > 0 ? scopes : null },
      });
      const payload = result?.apiKeyCreate;
      if (!payload) return null;
      if (payload.userErrors.length === 0 && payload.secret) setCreated({ name, secret: payload.secret });
      return payload.userErrors;
    } catch (error) {
      notifyError(error, 'API key not created');
      return null;
    }
  };

  const confirmRevoke = async () => {
    if (!toRevoke) return;
    try {
      const { data: result } = await apiKeyRevoke({ variables: { apiKeyId: toRevoke.id } });
      const firstError = result?.apiKeyRevoke.userErrors[0];
      if (firstError) notifyFailure(firstError.message, 'API key not revoked');
      else notifySuccess(`“${toRevoke.name}” can no longer be used.`, 'API key revoked');
    } catch (error) {
      notifyError(error, 'API key not revoked');
    } finally {
      setToRevoke(null);
    }
  };

  const keys = data?.workspace?.apiKeys ?? [];

  return (
    <Paper>
      <Stack gap="sm">
        <Title order={3} size="h4">
          API keys
        </Title>
        <Text size="sm" c="dimmed">
          Keys let your systems query Hotlead's GraphQL API on behalf of this workspace.
        </Text>
        {!data ? (
          <TableSkeleton rows={2} />
        ) : keys.length === 0 ? (
          <EmptyPanel
            title="No API keys yet"
            description="Create a key below to connect your CRM or scripts."
            icon={<IconKey size={28} />}
          />
        ) : (
          <ApiKeysTable keys={keys} onRevoke={setToRevoke} />
        )}
        <Divider label="Create API key" labelPosition="left" />
        <CreateApiKeyForm onCreate={onCreate} />
      </Stack>

      <ApiKeySecretModal created={created} onClose={() => setCreated(null)} />
      <ConfirmModal
        opened={toRevoke !== null}
        title="Revoke API key"
        confirmLabel="Revoke key"
        loading={revoking}
        onConfirm={() => void confirmRevoke()}
        onClose={() => setToRevoke(null)}
      >
        Requests using “{toRevoke?.name}” will be refused immediately. This cannot be undone.
      </ConfirmModal>
    </Paper>
  );
}

function ApiKeysTable({ keys, onRevoke }: { keys: readonly ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label="API keys">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Scopes</Table.Th>
            <Table.Th>Tier</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key.id}>
              <Table.Td>{key.name}</Table.Td>
              <Table.Td>
                <Code>{key.prefix}…</Code>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {key.scopes.map((scope) => (
                    <Badge key={scope} size="xs" variant="outline">
                      {scope}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{key.tier}</Table.Td>
              <Table.Td>{formatDate(key.createdAt)}</Table.Td>
              <Table.Td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</Table.Td>
              <Table.Td ta="right">
                {key.revokedAt ? (
                  <Badge color="gray" variant="light">
                    Revoked
                  </Badge>
                ) : (
                  <Button size="xs" variant="subtle" color="red" onClick={() => onRevoke(key)} aria-label={`Revoke ${key.name}`}>
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
