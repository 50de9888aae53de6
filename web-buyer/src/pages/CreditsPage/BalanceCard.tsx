import { formatCredits } from '@hotlead/ui';
import { Group, Paper, Stack, Text } from '@mantine/core';
import { IconCreditCard } from '@tabler/icons-react';
import { cardBrandLabel } from '../../credits/labels';
import type { Wallet } from './types';

/** The balance, big, and the card auto-reload would charge. */
export function BalanceCard({ wallet }: { wallet: Wallet }) {
  return (
    <Paper>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={0}>
          <Text size="sm" c="dimmed" fw={500} id="credit-balance-label">
            Balance
          </Text>
          <Group gap={8} align="baseline">
            <Text fz={44} fw={800} lh={1.1} aria-labelledby="credit-balance-label" data-testid="credit-balance">
              {formatCredits(wallet.balance)}
            </Text>
            <Text c="dimmed">credits</Text>
          </Group>
        </Stack>
        <Group gap={6} c="dimmed">
          <IconCreditCard size={18} />
          <Text size="sm" data-testid="saved-card">
            {wallet.savedCard
              ? `${cardBrandLabel(wallet.savedCard.brand)} ending in ${wallet.savedCard.last4}`
              : 'No saved card yet: your first card purchase saves one.'}
          </Text>
        </Group>
      </Group>
    </Paper>
  );
}
