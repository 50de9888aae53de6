import { useQuery, useSubscription } from '@apollo/client/react';
import { LeadPurchaseDocument, PurchaseCompletedDocument, type LeadPurchaseFieldsFragment } from '../gql/graphql';

/** How often a purchase waiting for its card or its CSV is asked about again. */
export const PURCHASE_POLL_INTERVAL_MS = 2_000;

/**
 * Keeps the cached purchases of `workspaceId` live: each `purchaseCompleted` event (completed,
 * failed, CSV ready) is written over the cached `LeadPurchase`, so every view of it re-renders.
 */
export function usePurchaseCompleted(
  workspaceId: string | null | undefined,
  onEvent?: (purchase: LeadPurchaseFieldsFragment) => void,
): void {
  useSubscription(PurchaseCompletedDocument, {
    variables: { workspaceId: workspaceId ?? '' },
    skip: !workspaceId,
    ignoreResults: true,
    onData: ({ data }) => {
      const purchase = data.data?.purchaseCompleted;
      if (purchase) onEvent?.(purchase);
    },
  });
}

/** Whether the purchase will still change by itself (card pending, CSV being made). */
export function isSettling(purchase: Pick<LeadPurchaseFieldsFragment, 'status' | 'exportStatus'>): boolean {
  return purchase.status === 'AWAITING_PAYMENT' || (purchase.status === 'COMPLETED' && purchase.exportStatus === 'PREPARING');
}

/**
 * Asks about a purchase already in the cache again every `intervalMs` while `active` (in case the
 * subscription is not connected); each answer updates the cached `LeadPurchase`.
 */
export function usePurchasePolling(purchaseId: string, active: boolean, intervalMs = PURCHASE_POLL_INTERVAL_MS): void {
  useQuery(LeadPurchaseDocument, {
    variables: { id: purchaseId },
    skip: !active,
    pollInterval: active ? intervalMs : 0,
    // The purchase is cached already: no request now, one per interval.
    fetchPolicy: 'cache-first',
  });
}
