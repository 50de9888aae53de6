const BLOCKS = 'p,div,br,li,tr,h1,h2,h3,h4,h5,h6,blockquote,pre';

/**
 * The text of an HTML body, for showing it as plain text: parsed into an inert document (no script
 * runs, nothing loads) and read back as text, with block elements as line breaks. The console never
 * puts a message's HTML into its own page.
 */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script,style,head').forEach((node) => node.remove());
  doc.querySelectorAll(BLOCKS).forEach((node) => node.after(doc.createTextNode('\n')));
  return (doc.body.textContent ?? '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What a message says, as plain text: its text part, else the text of its HTML part. */
export function messageText(message: { text?: string | null; html?: string | null }): string {
  if (message.text != null && message.text.trim() !== '') return message.text;
  if (message.html) return htmlToText(message.html);
  return '';
}
