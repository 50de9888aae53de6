import { useEffect, useRef } from 'react';

/**
 * A ref for an element at the end of a list: `onVisible` runs when it scrolls near the viewport.
 * The observer is renewed whenever `key` changes (e.g. the number of loaded rows), so a sentinel
 * still in view after a page loaded asks for the next one. Without IntersectionObserver, nothing
 * happens (the "Load more" button remains).
 */
export function useSentinel<T extends Element>(onVisible: () => void, enabled: boolean, key: unknown) {
  const ref = useRef<T>(null);
  const callback = useRef(onVisible);
  useEffect(() => {
    callback.current = onVisible;
  }, [onVisible]);

  useEffect(() => {
    const element = ref.current;
    if (!enabled || !element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) callback.current();
      },
      { rootMargin: '400px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [enabled, key]);

  return ref;
}
