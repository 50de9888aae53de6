import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** One query-string parameter as state (`replace` navigation, empty removes it). */
export function useSearchParam(key: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(key) ?? '';
  const setValue = useCallback(
    (next: string) =>
      setParams(
        (previous) => {
          const updated = new URLSearchParams(previous);
          if (next) updated.set(key, next);
          else updated.delete(key);
          return updated;
        },
        { replace: true },
      ),
    [key, setParams],
  );
  return [value, setValue];
}
