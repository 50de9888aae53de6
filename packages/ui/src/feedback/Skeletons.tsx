import { Paper, Skeleton, Stack } from '@mantine/core';

/** Placeholder for a page whose query is loading: a title and a few blocks. */
export function PageSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading">
      <Skeleton height={28} width="40%" />
      <Skeleton height={14} width="60%" />
      <Paper>
        <Stack gap="sm">
          <Skeleton height={16} />
          <Skeleton height={16} />
          <Skeleton height={16} width="80%" />
        </Stack>
      </Paper>
    </Stack>
  );
}

/** Placeholder rows for a table whose data is loading. */
export function TableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={32} />
      ))}
    </Stack>
  );
}
