import { deriveWsUrl } from '@hotlead/graphql-client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ws, type WebSocketHandler } from 'msw';
import { operationName, type WithTypename } from './graphql';

interface ActiveSubscription {
  id: string;
  operationName: string;
  send: (message: string) => void;
}

export interface SubscriptionsMock {
  /** Register with `server.use(...)` or `renderWithProviders(…, { handlers })`. */
  handler: WebSocketHandler;
  /** Resolves once the app has subscribed to `document`'s operation. */
  waitForSubscription: (document: TypedDocumentNode<unknown, never>) => Promise<void>;
  /** Pushes one `next` message to every subscriber of `document`'s operation. */
  emit: <TData>(
    document: TypedDocumentNode<TData, never> | TypedDocumentNode<TData, Record<string, never>>,
    data: WithTypename<TData>,
  ) => void;
}

/**
 * A graphql-ws (graphql-transport-ws protocol) server on the API's socket URL, so tests can push
 * subscription events to the app. Use with `renderWithProviders(…, { subscriptions: true })`.
 */
export function mockSubscriptions(url: string = deriveWsUrl('/graphql')): SubscriptionsMock {
  const active: ActiveSubscription[] = [];
  const waiters: { name: string; resolve: () => void }[] = [];

  const handler = ws.link(url).addEventListener('connection', ({ client }) => {
    client.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const message = JSON.parse(event.data) as {
        type: string;
        id?: string;
        payload?: { operationName?: string; query?: string };
      };
      switch (message.type) {
        case 'connection_init':
          client.send(JSON.stringify({ type: 'connection_ack' }));
          break;
        case 'ping':
          client.send(JSON.stringify({ type: 'pong' }));
          break;
        case 'subscribe': {
          const name = message.payload?.operationName ?? /subscription\s+(\w+)/.exec(message.payload?.query ?? '')?.[1] ?? '';
          active.push({ id: message.id ?? '', operationName: name, send: (m) => client.send(m) });
          for (const waiter of waiters.filter((w) => w.name === name)) waiter.resolve();
          break;
        }
        case 'complete': {
          const index = active.findIndex((s) => s.id === message.id);
          if (index >= 0) active.splice(index, 1);
          break;
        }
      }
    });
  });

  return {
    handler,
    waitForSubscription: (document) => {
      const name = operationName(document);
      if (active.some((s) => s.operationName === name)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ name, resolve }));
    },
    emit: (document, data) => {
      const name = operationName(document as TypedDocumentNode<unknown, never>);
      for (const subscription of active.filter((s) => s.operationName === name)) {
        subscription.send(JSON.stringify({ id: subscription.id, type: 'next', payload: { data } }));
      }
    },
  };
}
