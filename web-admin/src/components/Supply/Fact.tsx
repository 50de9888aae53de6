import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled figure of a detail page (label above, value below). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </div>
  );
}
