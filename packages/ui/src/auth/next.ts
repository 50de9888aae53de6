/**
 * The in-app path to return to after logging in: only same-app absolute paths are accepted, so a
 * crafted `?next=https://evil.example` or `//evil.example` cannot send the user elsewhere.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

/** `/login?next=<path>` for the given in-app location. */
export function loginPathFor(next: string): string {
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
