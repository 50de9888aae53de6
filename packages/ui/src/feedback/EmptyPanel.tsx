import { EmptyState } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface EmptyPanelProps {
  title: string;
  description?: ReactNode;
  icon?: ReactNode;
  /** What to do next (usually a button). */
  action?: ReactNode;
}

/** An empty state that says what will appear here and what to do next. */
export function EmptyPanel({ title, description, icon, action }: EmptyPanelProps) {
  return (
    <EmptyState title={title} description={description} icon={icon ?? <IconInbox size={28} />} py="xl">
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}
