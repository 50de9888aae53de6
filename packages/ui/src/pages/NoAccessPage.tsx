import { Center } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { EmptyPanel } from '../feedback/EmptyPanel';

/** Shown to a signed-in user whose roles give them nothing to do in this console. */
export function NoAccessPage({
  title = "You don't have access to this console",
  description,
}: {
  title?: string;
  description?: ReactNode;
}) {
  return (
    <Center mih="60vh">
      <EmptyPanel title={title} description={description} icon={<IconLock size={28} />} />
    </Center>
  );
}
