import { useSubscription } from '@apollo/client/react';
import { CreditBalanceChangedDocument } from '../gql/graphql';

/**
 * Keeps the cached wallet of `workspaceId` up to date: every `creditBalanceChanged` event is written
 * into `CreditWallet:{workspaceId}`, so every query showing that balance re-renders with it.
 */
export function useLiveCreditBalance(workspaceId: string, onChange?: (balance: string) => void): void {
  useSubscription(CreditBalanceChangedDocument, {
    variables: { workspaceId },
    ignoreResults: true,
    onData: ({ client, data }) => {
      const event = data.data?.creditBalanceChanged;
      if (!event) return;
      client.cache.modify({
        id: client.cache.identify({ __typename: 'CreditWallet', workspaceId: event.workspaceId }),
        fields: { balance: () => event.balance },
      });
      onChange?.(event.balance);
    },
  });
}
