/**
 * The HTML of an email made safe to show in an `<iframe sandbox srcdoc>`: the sandbox (no
 * `allow-scripts`, no `allow-same-origin`) stops scripts and keeps it off our origin; the CSP stops
 * anything the sandbox would not, and `<base target="_blank">` opens links in a new tab instead of
 * inside the frame.
 */
export function sandboxedHtml(html: string): string {
  const head =
    "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'; object-src 'none'; form-action 'none'\">" +
    '<base target="_blank">';
  return `<!doctype html><html><head>${head}</head><body>${html}</body></html>`;
}

/** Sandbox flags: links may open in a new, normal tab; nothing else is allowed. */
export const EMAIL_IFRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

/** http(s) links in a plain-text body, in order, without duplicates. */
export function linksIn(text: string | null | undefined): string[] {
  if (!text) return [];
  // Sentence punctuation right after a link is not part of it.
  const found = (text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? []).map((url) => url.replace(/[.,;:!?]+$/, ''));
  return [...new Set(found)];
}
