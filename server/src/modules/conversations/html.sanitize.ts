// HTML of relayed mail, made safe to show inside the consoles. Mail HTML is hostile input: it may
// carry scripts, event handlers, `javascript:` links, CSS that loads remote resources and images that
// tell the sender when (and from where) the message was opened. No sanitizer library is a dependency,
// so this is a deliberately small allow-list: every tag is rebuilt from scratch with only the
// attributes named here, everything else becomes text or disappears. It favours losing formatting
// over letting anything active through.

/** Formatting tags kept (rebuilt without their original attributes). */
const ALLOWED_TAGS = new Set([
  'a',
  'b',
  'blockquote',
  'br',
  'caption',
  'code',
  'del',
  'div',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
]);

/** Tags without a closing tag. */
const VOID_TAGS = new Set(['br', 'hr', 'img']);

/** Tags whose whole content goes with them: code, styles, embedded documents, form controls' text. */
const DROPPED_WITH_CONTENT = new Set([
  'applet',
  'audio',
  'canvas',
  'embed',
  'frame',
  'frameset',
  'head',
  'iframe',
  'math',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'script',
  'select',
  'style',
  'svg',
  'template',
  'textarea',
  'title',
  'video',
  'xmp',
]);

/** Links may only leave for the web or an email client. */
const SAFE_LINK = /^(https?:|mailto:)/i;

export interface SanitizeOptions {
  /**
   * The URL an `<img src>` may keep, or null to drop the image. The default drops every image: remote
   * images report the reader to their sender. Callers map `cid:` parts to attachment downloads and
   * keep their own origin.
   */
  imageSource?: (src: string) => string | null;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  lpar: '(',
  rpar: ')',
};

/**
 * Decodes entities in an attribute value so that its scheme can be checked as the browser would see
 * it (`jav&#x61;script:`). Unknown named entities stay literal; they are re-escaped on output, so the
 * browser shows them as written and cannot decode them into something else.
 */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Text between tags: well-formed entities stay (they are inert), everything that could open markup is escaped. */
function escapeText(text: string): string {
  return text
    .replace(/&(?!(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A URL attribute as the browser would read it: entities decoded, control characters and spaces gone. */
function urlOf(raw: string): string {
  // eslint-disable-next-line no-control-regex -- browsers ignore these inside a scheme; so must the check
  return decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
}

function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const match of source.matchAll(pattern)) {
    const name = match[1]!.toLowerCase();
    if (!attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** The rebuilt opening tag, or null when the tag is dropped (an image without an allowed source). */
function rebuildTag(name: string, attributes: Map<string, string>, options: SanitizeOptions): string | null {
  const out: string[] = [];
  const dimension = (attr: string) => {
    const value = attributes.get(attr)?.trim();
    if (value && /^\d{1,4}%?$/.test(value)) out.push(`${attr}="${value}"`);
  };
  switch (name) {
    case 'a': {
      const href = attributes.has('href') ? urlOf(attributes.get('href')!) : '';
      if (href && SAFE_LINK.test(href)) out.push(`href="${escapeHtml(href)}"`, 'rel="noopener noreferrer nofollow"', 'target="_blank"');
      break;
    }
    case 'img': {
      const src = attributes.has('src') ? urlOf(attributes.get('src')!) : '';
      const allowed = src ? (options.imageSource?.(src) ?? null) : null;
      if (!allowed) return null;
      out.push(`src="${escapeHtml(allowed)}"`);
      const alt = attributes.get('alt');
      if (alt !== undefined) out.push(`alt="${escapeHtml(decodeEntities(alt))}"`);
      dimension('width');
      dimension('height');
      break;
    }
    case 'td':
    case 'th':
      for (const attr of ['colspan', 'rowspan']) {
        const value = attributes.get(attr)?.trim();
        if (value && /^\d{1,3}$/.test(value)) out.push(`${attr}="${value}"`);
      }
      break;
    case 'ol': {
      const start = attributes.get('start')?.trim();
      if (start && /^\d{1,6}$/.test(start)) out.push(`start="${start}"`);
      break;
    }
  }
  return `<${name}${out.length ? ' ' + out.join(' ') : ''}>`;
}

/** Where the tag starting at `start` (`<`) ends: the index after its `>`, respecting quoted values. */
function tagEnd(html: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < html.length; i += 1) {
    const c = html[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    }
  }
  return html.length;
}

/** Sanitizes an HTML body for display: allow-listed tags only, no attributes but safe links and allowed images. */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  const out: string[] = [];
  const open: string[] = [];
  let i = 0;
  let text = '';
  const flushText = () => {
    if (text) out.push(escapeText(text));
    text = '';
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    // Comments, doctypes, CDATA and processing instructions: gone.
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      i = tagEnd(html, lt);
      continue;
    }
    const tag = /^<(\/?)([a-z][a-z0-9-]*)/i.exec(html.slice(lt, lt + 64));
    if (!tag) {
      // A lone `<` (e.g. "a < b"): text.
      text += '<';
      i = lt + 1;
      continue;
    }
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    const end = tagEnd(html, lt);
    i = end;
    if (!closing && DROPPED_WITH_CONTENT.has(name)) {
      // Skip to the matching close tag (or the end): nothing inside is shown, not even as text.
      const closeTag = new RegExp(`</${name}[\\s/>]`, 'i').exec(html.slice(end));
      i = closeTag ? tagEnd(html, end + closeTag.index) : html.length;
      continue;
    }
    if (!ALLOWED_TAGS.has(name)) continue;
    flushText();
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at < 0) continue;
      while (open.length > at) out.push(`</${open.pop()}>`);
      continue;
    }
    const inner = html.slice(lt + 1 + name.length, end - 1).replace(/\/$/, '');
    const rebuilt = rebuildTag(name, parseAttributes(inner), options);
    if (rebuilt === null) continue;
    out.push(rebuilt);
    if (!VOID_TAGS.has(name)) open.push(name);
  }
  flushText();
  while (open.length) out.push(`</${open.pop()}>`);
  return out.join('');
}
