import { humanizeEnum } from '@hotlead/ui';

const TRANSACTION_KINDS: Record<string, string> = {
  CREDIT_PURCHASE: 'Purchase',
  CREDIT_SPEND: 'Spend',
  CREDIT_REFUND: 'Refund',
  CREDIT_BONUS: 'Bonus',
  CREDIT_ADJUSTMENT: 'Adjustment',
  CREDIT_PURCHASE_REVERSAL: 'Purchase reversed',
};

/** "Purchase" for CREDIT_PURCHASE, etc. */
export function transactionKindLabel(kind: string): string {
  return TRANSACTION_KINDS[kind] ?? humanizeEnum(kind.replace(/^CREDIT_/, ''));
}

const PURCHASE_STATUS_COLORS: Record<string, string> = {
  PENDING: 'yellow',
  PAID: 'teal',
  FAILED: 'red',
  EXPIRED: 'gray',
  REFUNDED: 'blue',
  DISPUTED: 'orange',
};

export function purchaseStatusColor(status: string): string {
  return PURCHASE_STATUS_COLORS[status] ?? 'gray';
}

/** "Visa" for "visa". */
export function cardBrandLabel(brand: string): string {
  return brand.charAt(0).toUpperCase() + brand.slice(1);
}

// Per-credit prices need more than cents: "$0.075".
const unitPrice = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

/** "$0.075" for "0.0750" (a Decimal string, formatted without going through a float). */
export function formatUnitPrice(value: string): string {
  return (unitPrice as unknown as { format(value: string): string }).format(value);
}
