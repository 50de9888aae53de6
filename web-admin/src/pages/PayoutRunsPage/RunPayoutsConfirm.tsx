import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { PayoutStream } from '../../gql/graphql';
import { streamLabel } from './payoutWords';

export interface RunPayoutsConfirmProps {
  /** The stream to run; null when closed. */
  stream: PayoutStream | null;
  loading: boolean;
  onConfirm: (stream: PayoutStream) => void;
  onClose: () => void;
}

/** Asks before paying partners now, and says why running it again is safe. */
export function RunPayoutsConfirm({ stream, loading, onConfirm, onClose }: RunPayoutsConfirmProps) {
  return (
    <Modal opened={stream !== null} onClose={onClose} title={stream ? `Run ${streamLabel(stream).toLowerCase()} payouts now?` : ''}>
      <Stack>
        <Text size="sm">
          This pays every partner whose available {stream ? streamLabel(stream).toLowerCase() : ''} balance reaches the minimum, for the
          current period, through their payout account.
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>If this period already has a run, it is resumed rather than started again.</List.Item>
          <List.Item>A rerun never pays anyone twice: each partner gets at most one payout per run.</List.Item>
          <List.Item>Partners without a ready payout account or under the minimum are skipped and listed.</List.Item>
        </List>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={loading} onClick={() => stream && onConfirm(stream)}>
            Run payouts
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
