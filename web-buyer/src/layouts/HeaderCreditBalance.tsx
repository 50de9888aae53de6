import { useQuery } from '@apollo/client/react';
import { formatCredits } from '@hotlead/ui';
import { Button, Skeleton } from '@mantine/core';
import { IconCoins } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useLiveCreditBalance } from '../credits/useLiveCreditBalance';
import { HeaderCreditBalanceDocument } from '../gql/graphql';
import { urls } from '../urls';

/** The current buyer workspace's balance, live; opens its credits page. */
export function HeaderCreditBalance({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const { data } = useQuery(HeaderCreditBalanceDocument, { variables: { workspaceId } });
  useLiveCreditBalance(workspaceId);

  if (!data) return <Skeleton height={26} width={110} radius="xl" aria-label="Loading credit balance" />;
  const balance = data.workspace?.credits.balance;
  if (balance == null) return null;

  return (
    <Button
      component={Link}
      to={urls.workspaceCredits(workspaceId)}
      variant="light"
      size="compact-md"
      radius="xl"
      leftSection={<IconCoins size={16} />}
      title={`Credits of ${workspaceName}`}
      data-testid="header-credit-balance"
    >
      {formatCredits(balance)} credits
    </Button>
  );
}
