/** The dashboard's periods: everything, the calendar month so far, the last 30 days, or chosen dates. */
export type Period = 'all' | 'month' | '30d' | 'custom';

export const PERIODS: readonly { value: Period; label: string }[] = [
  { value: 'all', label: 'All time' },
  { value: 'month', label: 'This month' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'custom', label: 'Custom range' },
];

export function parsePeriod(value: string | null | undefined): Period {
  return PERIODS.some((p) => p.value === value) ? (value as Period) : 'all';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a `yyyy-mm-dd` date input value; null when it is not one. */
export function parseDateInput(value: string): Date | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

export interface PeriodRange {
  /** Inclusive start (ISO); null from the beginning. */
  from: string | null;
  /** Exclusive end (ISO); null up to now. */
  to: string | null;
}

/**
 * The `financeSummary` range of a period, in whole local days (so it stays the same all day and the
 * query is not refetched on every render). A custom range includes its last day; an incomplete or
 * reversed custom range is null (nothing to ask for yet).
 */
export function periodRange(period: Period, custom: { from: string; to: string }, now: Date = new Date()): PeriodRange | null {
  switch (period) {
    case 'all':
      return { from: null, to: null };
    case 'month':
      return { from: new Date(now.getFullYear(), now.getMonth(), 1).toISOString(), to: null };
    case '30d':
      return { from: new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29).toISOString(), to: null };
    case 'custom': {
      const from = parseDateInput(custom.from);
      const to = parseDateInput(custom.to);
      if (!from || !to || to < from) return null;
      return { from: from.toISOString(), to: new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1).toISOString() };
    }
  }
}
