/**
 * The plain text of a message for display. Messages are shown as text only, never as HTML; when a
 * message has no text part, its (already sanitized) HTML is parsed into an inert document — nothing
 * runs, nothing loads — and only its text is kept, with line breaks where the blocks were.
 */
export function messageText(message: { text: string | null; html: string | null }): string {
  if (message.text !== null && message.text.trim() !== '') return message.text;
  if (!message.html) return '';
  const doc = new DOMParser().parseFromString(message.html, 'text/html');
  doc.querySelectorAll('script, style, head').forEach((node) => node.remove());
  doc.querySelectorAll('br').forEach((node) => node.replaceWith('\n'));
  doc.querySelectorAll('p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote').forEach((node) => node.append('\n'));
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}

/** "1.2 MB" for a byte count. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
