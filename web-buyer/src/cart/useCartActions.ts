import type { ApolloCache } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { CartAddDocument, CartDocument, CartRemoveDocument, type CartFieldsFragment } from '../gql/graphql';

export interface CartActionResult {
  /** The first user error's message, when the change was refused. */
  error: string | null;
}

/** The cart has no id: each answer of a cart mutation is written over the workspace's `cart` query. */
function writeCart(cache: ApolloCache, workspaceId: string, cart: CartFieldsFragment | null | undefined) {
  if (cart) cache.writeQuery({ query: CartDocument, variables: { workspaceId }, data: { cart } });
}

/** Adds and removes leads, keeping every view of the workspace's cart up to date. */
export function useCartActions(workspaceId: string) {
  const [addMutation] = useMutation(CartAddDocument);
  const [removeMutation] = useMutation(CartRemoveDocument);

  const add = useCallback(
    async (leadIds: string[], exclusive = false): Promise<CartActionResult> => {
      const { data } = await addMutation({
        variables: { workspaceId, leadIds, exclusive },
        update: (cache, { data: result }) => writeCart(cache, workspaceId, result?.cartAdd.cart),
      });
      return { error: data?.cartAdd.userErrors[0]?.message ?? null };
    },
    [addMutation, workspaceId],
  );

  /** Removes the given leads, or empties the cart when none are given. */
  const remove = useCallback(
    async (leadIds?: string[]): Promise<CartActionResult> => {
      const { data } = await removeMutation({
        variables: { workspaceId, leadIds: leadIds ?? null },
        update: (cache, { data: result }) => writeCart(cache, workspaceId, result?.cartRemove.cart),
      });
      return { error: data?.cartRemove.userErrors[0]?.message ?? null };
    },
    [removeMutation, workspaceId],
  );

  return { add, remove };
}
