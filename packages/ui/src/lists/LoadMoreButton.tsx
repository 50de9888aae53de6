import { Button, Center } from '@mantine/core';

/** The "Load more" button under a keyset-paged list; renders nothing on the last page. */
export function LoadMoreButton({ hasNextPage, loading, onLoadMore }: { hasNextPage: boolean; loading: boolean; onLoadMore: () => void }) {
  if (!hasNextPage) return null;
  return (
    <Center>
      <Button variant="light" loading={loading} onClick={onLoadMore}>
        Load more
      </Button>
    </Center>
  );
}
