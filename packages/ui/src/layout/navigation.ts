import type { ReactNode } from 'react';

/** One entry of a console's navigation; `group` puts it under a small heading. */
export interface NavItem {
  label: string;
  to: string;
  icon?: ReactNode;
  group?: string;
  /** Only active on an exact path match (otherwise sub-paths count too). */
  end?: boolean;
}

export function isNavItemActive(pathname: string, item: Pick<NavItem, 'to' | 'end'>): boolean {
  if (pathname === item.to) return true;
  return !item.end && pathname.startsWith(item.to.endsWith('/') ? item.to : `${item.to}/`);
}

/** Items in display order, grouped by `group` (ungrouped first). */
export function groupNavItems(items: readonly NavItem[]): { group: string | null; items: NavItem[] }[] {
  const groups: { group: string | null; items: NavItem[] }[] = [];
  for (const item of items) {
    const key = item.group ?? null;
    let bucket = groups.find((g) => g.group === key);
    if (!bucket) {
      bucket = { group: key, items: [] };
      groups.push(bucket);
    }
    bucket.items.push(item);
  }
  return groups;
}
