import { useState } from 'react';
import { notifyError } from '../feedback/notify';

/**
 * The state behind a "Load more" button: `loadMore` runs `load` (usually Apollo's fetchMore with the
 * end cursor), `loading` is true meanwhile, and a failure becomes a notification instead of an error.
 */
export function useLoadMore(load: () => Promise<unknown>): { loading: boolean; loadMore: () => void } {
  const [loading, setLoading] = useState(false);
  const loadMore = () => {
    setLoading(true);
    load()
      .catch((error: unknown) => notifyError(error, 'Could not load more'))
      .finally(() => setLoading(false));
  };
  return { loading, loadMore };
}
