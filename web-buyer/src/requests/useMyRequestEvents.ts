import { useSubscription } from '@apollo/client/react';
import { MyRequestEventsDocument, type MyRequestEventsSubscription } from '../gql/graphql';

export type MyRequestEvent = MyRequestEventsSubscription['myRequestEvents'];

/**
 * Calls `onEvent` for each change to the signed-in end user's requests (new match, new message,
 * delivery status, thread closed). The events carry ids only; pages refetch what they show.
 */
export function useMyRequestEvents(onEvent: (event: MyRequestEvent) => void): void {
  useSubscription(MyRequestEventsDocument, {
    ignoreResults: true,
    onData: ({ data }) => {
      const event = data.data?.myRequestEvents;
      if (event) onEvent(event);
    },
  });
}
