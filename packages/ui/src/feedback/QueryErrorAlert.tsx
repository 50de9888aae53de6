import { errorMessage } from '@hotlead/graphql-client';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

export interface QueryErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
}

/** What to show when a page's query failed: the friendly message and a retry button. */
export function QueryErrorAlert({ error, onRetry }: QueryErrorAlertProps) {
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not load this page">
      <Group justify="space-between" align="center">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}
