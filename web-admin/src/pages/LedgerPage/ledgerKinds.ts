import type { LedgerEntryKind } from '../../gql/graphql';

/** The journal entry kinds the ledger records (the `kind` filter of `ledgerEntries`). */
export const LEDGER_ENTRY_KINDS = [
  'CREDIT_PURCHASE',
  'CREDIT_PURCHASE_REVERSAL',
  'CREDIT_SPEND',
  'CREDIT_REFUND',
  'CREDIT_ADJUSTMENT',
  'CREDIT_BONUS',
  'COMMISSION',
  'COMMISSION_RELEASE',
  'COMMISSION_REVERSAL',
  'PAYOUT_RESERVE',
  'PAYOUT_SETTLE',
  'PAYOUT_FAILED',
] as const satisfies readonly LedgerEntryKind[];

export function parseLedgerKind(value: string | null | undefined): LedgerEntryKind | null {
  return LEDGER_ENTRY_KINDS.find((k) => k === value) ?? null;
}
