// The built-in attachment scanner: no daemon and no signature database. It blocks the EICAR test
// signature (raw, in base64 text, inside zips), executables (by name, declared type and magic bytes) and
// files whose bytes are not what their name or declared type claims. It reads the content once and may
// hold up to maxBytes of it, because looking inside a zip needs the central directory at the end.
import { createHash } from 'node:crypto';
import { type Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { type AttachmentScanner, type ScanInput, type ScanRefusal, type ScanVerdict } from './scanner.js';

// Assembled from two halves so that this source file itself does not trip a developer's antivirus.
export const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR' + '-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*', 'latin1');

// Zips inside zips are followed this deep; anything deeper is refused rather than passed unscanned.
const MAX_NESTING = 3;
// Base64 shorter than this cannot hold the 68-byte EICAR string (92 characters once encoded).
const MIN_BASE64_CHARS = 88;
// Per byte: 1 for the base64 alphabet, 2 for the line breaks that MIME puts inside base64 bodies.
const BASE64_BYTE = new Uint8Array(256);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_BYTE[char.charCodeAt(0)] = 1;
BASE64_BYTE[0x0a] = BASE64_BYTE[0x0d] = 2;
const EQUALS = 0x3d;

const EXECUTABLE_EXTENSIONS = new Set([
  ...['exe', 'dll', 'com', 'bat', 'cmd', 'scr', 'msi', 'ps1', 'vbs', 'js', 'jse', 'wsf', 'jar', 'apk', 'app', 'sh', 'cpl', 'hta', 'lnk'],
  // Same family as the list above (Windows runs them on a double-click).
  ...['pif', 'vbe', 'wsh', 'msp'],
]);

const EXECUTABLE_CONTENT_TYPES = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-dosexec',
  'application/x-executable',
  'application/x-mach-binary',
  'application/x-sh',
  'application/x-shellscript',
  'text/x-shellscript',
  'application/java-archive',
  'application/vnd.android.package-archive',
  'application/x-msi',
  'application/hta',
  'application/javascript',
  'text/javascript',
]);

type Kind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'zip' | 'ole' | 'rtf' | 'text' | 'pe' | 'elf' | 'macho' | 'script';
const EXECUTABLE_KINDS: ReadonlySet<Kind> = new Set(['pe', 'elf', 'macho', 'script']);

const MIME_OF_KIND: Record<Kind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  zip: 'application/zip',
  ole: 'application/x-ole-storage',
  rtf: 'application/rtf',
  text: 'text/plain',
  pe: 'application/x-msdownload',
  elf: 'application/x-executable',
  macho: 'application/x-mach-binary',
  script: 'text/x-shellscript',
};

// What a name or declared type promises, as the kinds of bytes that keep the promise. RTF is text, and
// Word happily saves RTF under .doc, hence the extra entries.
const TEXT: Kind[] = ['text', 'rtf'];
const OFFICE_ZIP: Kind[] = ['zip'];
const KINDS_OF_EXTENSION: Record<string, Kind[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpg: ['jpeg'],
  jpeg: ['jpeg'],
  jpe: ['jpeg'],
  gif: ['gif'],
  zip: ['zip'],
  ...Object.fromEntries(['docx', 'docm', 'xlsx', 'xlsm', 'pptx', 'pptm', 'odt', 'ods', 'odp'].map((ext) => [ext, OFFICE_ZIP])),
  doc: ['ole', 'rtf'],
  xls: ['ole'],
  ppt: ['ole'],
  msg: ['ole'],
  rtf: ['rtf'],
  txt: TEXT,
  csv: TEXT,
  tsv: TEXT,
  log: TEXT,
  md: TEXT,
};
const KINDS_OF_CONTENT_TYPE: Record<string, Kind[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpeg'],
  'image/jpg': ['jpeg'],
  'image/pjpeg': ['jpeg'],
  'image/gif': ['gif'],
  'application/zip': ['zip'],
  'application/x-zip-compressed': ['zip'],
  'application/msword': ['ole', 'rtf'],
  'application/vnd.ms-excel': ['ole'],
  'application/vnd.ms-powerpoint': ['ole'],
  'application/vnd.ms-outlook': ['ole'],
  'application/rtf': ['rtf'],
  'text/rtf': ['rtf'],
  'text/plain': TEXT,
  'text/csv': TEXT,
  'text/tab-separated-values': TEXT,
};

type Finding = { reason: ScanRefusal; detail: string };
// Zip-bomb and base64 work limits, shared by every nesting level of one attachment.
interface Budget {
  inflatedLeft: number;
  decodedLeft: number;
}

export class BuiltinScanner implements AttachmentScanner {
  readonly name = 'builtin';

  constructor(private readonly maxBytes: number) {}

  async scan(input: ScanInput): Promise<ScanVerdict> {
    const read = await readAttachment(input.content, this.maxBytes);
    if (!read.ok) return read.verdict;
    return inspectAttachment(input, read.bytes, read.sha256, this.maxBytes);
  }
}

/**
 * Reads the whole attachment, hashing as it goes, and stops (destroying the stream) as soon as it passes
 * maxBytes. Stream errors reject: content that was not fully read gets no verdict at all.
 */
export async function readAttachment(
  content: Readable | Buffer,
  maxBytes: number,
): Promise<{ ok: true; bytes: Buffer; sha256: string } | { ok: false; verdict: ScanVerdict }> {
  if (Buffer.isBuffer(content)) {
    if (content.length > maxBytes) return { ok: false, verdict: tooLarge(content.length, maxBytes) };
    return { ok: true, bytes: content, sha256: createHash('sha256').update(content).digest('hex') };
  }
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string | Uint8Array);
    size += bytes.length;
    // Returning out of for-await destroys the stream, so the rest is never read, let alone buffered.
    if (size > maxBytes) return { ok: false, verdict: tooLarge(size, maxBytes) };
    hash.update(bytes);
    chunks.push(bytes);
  }
  return { ok: true, bytes: Buffer.concat(chunks, size), sha256: hash.digest('hex') };
}

/** All built-in checks on fully read content; the order decides the reason when several apply. */
export function inspectAttachment(
  input: Pick<ScanInput, 'filename' | 'contentType'>,
  bytes: Buffer,
  sha256: string,
  maxBytes: number,
): ScanVerdict {
  const refuse = (finding: Finding): ScanVerdict => ({ ok: false, ...finding, sha256, size: bytes.length });
  const budget: Budget = { inflatedLeft: maxBytes, decodedLeft: 4 * maxBytes };

  const hidden = scanBytes(bytes, [input.filename], 0, budget);
  if (hidden) return refuse(hidden);

  const kind = sniff(bytes);
  const contentType = normalizeContentType(input.contentType);
  if (hasExecutableName(input.filename)) return refuse({ reason: 'EXECUTABLE', detail: `executable file name ${input.filename}` });
  if (EXECUTABLE_CONTENT_TYPES.has(contentType)) return refuse({ reason: 'EXECUTABLE', detail: `executable content type ${contentType}` });
  // Executable bytes win over a type mismatch: "report.pdf" holding a PE is refused as EXECUTABLE.
  if (kind && EXECUTABLE_KINDS.has(kind)) return refuse({ reason: 'EXECUTABLE', detail: `executable content (${MIME_OF_KIND[kind]})` });

  const extension = extensionOf(input.filename);
  const claims: [string, Kind[] | undefined][] = [
    [`extension .${extension}`, KINDS_OF_EXTENSION[extension]],
    [`content type ${contentType}`, kindsOfContentType(contentType)],
  ];
  for (const [claim, kinds] of claims) {
    if (kinds && !(kind && kinds.includes(kind))) {
      return refuse({ reason: 'TYPE_MISMATCH', detail: `${claim} but the content is ${kind ? MIME_OF_KIND[kind] : 'not recognised'}` });
    }
  }
  return { ok: true, sha256, size: bytes.length, detectedType: kind ? MIME_OF_KIND[kind] : null };
}

/** EICAR anywhere in the bytes, in base64 runs, and inside zips (recursively). `path` names where we are. */
function scanBytes(bytes: Buffer, path: string[], depth: number, budget: Budget): Finding | null {
  if (bytes.includes(EICAR)) return { reason: 'MALWARE', detail: `EICAR test signature in ${path.join(' > ')}` };
  const zip = readZip(bytes);
  if (typeof zip === 'string') return unscannable(`${zip} in ${path.join(' > ')}`);
  if (zip) {
    if (depth >= MAX_NESTING) return { reason: 'TOO_LARGE', detail: `archives nested deeper than ${MAX_NESTING} in ${path.join(' > ')}` };
    const finding = scanZipEntries(bytes, zip, path, depth, budget);
    if (finding) return finding;
  }
  return depth <= MAX_NESTING ? scanBase64Runs(bytes, path, depth, budget) : null;
}

function scanZipEntries(bytes: Buffer, entries: ZipEntry[], path: string[], depth: number, budget: Budget): Finding | null {
  for (const entry of entries) {
    const entryPath = [...path, entry.name];
    const where = entryPath.join(' > ');
    if (hasExecutableName(entry.name)) return { reason: 'EXECUTABLE', detail: `executable file name ${where}` };
    if (entry.name.endsWith('/')) continue;
    if (entry.flags & 1) return unscannable(`encrypted entry ${where}`);
    const stored = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let data: Buffer;
    if (entry.method === 0) {
      data = stored;
    } else if (entry.method === 8) {
      try {
        // The declared sizes may lie; zlib's own output cap is what actually stops a zip bomb.
        data = inflateRawSync(stored, { maxOutputLength: Math.max(1, budget.inflatedLeft) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return zipTooLarge(where);
        return unscannable(`corrupt entry ${where}`);
      }
    } else {
      return unscannable(`unsupported compression method ${entry.method} for ${where}`);
    }
    // Stored entries count too: overlapping entries can make a small archive expand without compression.
    budget.inflatedLeft -= data.length;
    if (budget.inflatedLeft < 0) return zipTooLarge(where);
    const kind = sniff(data);
    if (kind && EXECUTABLE_KINDS.has(kind))
      return { reason: 'EXECUTABLE', detail: `executable content (${MIME_OF_KIND[kind]}) in ${where}` };
    const finding = scanBytes(data, entryPath, depth + 1, budget);
    if (finding) return finding;
  }
  return null;
}

/**
 * Decodes base64-looking runs (line breaks allowed, as in MIME bodies) and scans what they hide. A run
 * may start with a few alphabet characters that are not part of the encoding ("base64" ending a header
 * line), so each run is decoded at all four character offsets: one of them is aligned.
 */
function scanBase64Runs(bytes: Buffer, path: string[], depth: number, budget: Budget): Finding | null {
  for (const run of base64Runs(bytes)) {
    for (let offset = 0; offset < 4; offset++) {
      const decoded = Buffer.from(run.slice(offset), 'base64');
      budget.decodedLeft -= decoded.length;
      if (budget.decodedLeft < 0) return { reason: 'TOO_LARGE', detail: `too much base64 text to scan in ${path.join(' > ')}` };
      const finding = scanBytes(decoded, [...path, 'base64 text'], depth + 1, budget);
      if (finding) return finding;
    }
  }
  return null;
}

/**
 * Runs of base64 alphabet and line breaks, each ended by its padding, with the line breaks removed. A
 * byte loop rather than a regular expression: V8 overflows its stack on a multi-megabyte regex match.
 * Only runs that can hold EICAR matter, and such a run spans at least MIN_BASE64_CHARS bytes, so it
 * covers one of the probe positions MIN_BASE64_CHARS - 1, 2 × MIN_BASE64_CHARS - 1, …: the bytes are
 * looked at around probes that fall in the alphabet, not one by one (binary attachments are mostly
 * not base64, and this loop ran for every byte of every attachment).
 */
function* base64Runs(bytes: Buffer): Generator<string> {
  let scannedTo = 0;
  for (let probe = MIN_BASE64_CHARS - 1; probe < bytes.length; probe += MIN_BASE64_CHARS) {
    if (probe < scannedTo || !BASE64_BYTE[bytes[probe]!]) continue;
    let start = probe;
    while (start > scannedTo && BASE64_BYTE[bytes[start - 1]!]) start--;
    let end = probe + 1;
    while (end < bytes.length && BASE64_BYTE[bytes[end]!]) end++;
    scannedTo = end;
    let letters = 0;
    for (let at = start; at < end; at++) if (BASE64_BYTE[bytes[at]!] === 1) letters++;
    if (letters < MIN_BASE64_CHARS) continue;
    let padded = end;
    while (padded < end + 2 && bytes[padded] === EQUALS) padded++;
    yield bytes.toString('latin1', start, padded).replace(/[\r\n]/g, '');
  }
}

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  dataStart: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const MAX_ZIP_COMMENT = 0xffff;

/**
 * The entries when the bytes are a zip (also one appended to other data), null when they are not, and
 * why not when they start like a zip but cannot be read: those must not pass unscanned. A stray
 * end-of-archive signature in other binary data (a PNG, random bytes) is just data.
 */
function readZip(bytes: Buffer): ZipEntry[] | string | null {
  const startsLikeZip = startsWithZipSignature(bytes);
  if (!startsLikeZip && findEndOfCentralDirectory(bytes) < 0) return null;
  const entries = parseZip(bytes);
  return typeof entries === 'string' && !startsLikeZip ? null : entries;
}

/** Entries from the central directory (sizes there are right even when local headers defer them), or why not. */
function parseZip(bytes: Buffer): ZipEntry[] | string {
  const end = findEndOfCentralDirectory(bytes);
  if (end < 0) return 'no zip central directory';
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) return 'zip64 archive';
  // Data before the archive (self-extractors, polyglots) shifts every recorded offset by the same amount.
  const shift = end - directorySize - directoryOffset;
  if (shift < 0) return 'zip central directory out of bounds';
  const entries: ZipEntry[] = [];
  let at = directoryOffset + shift;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL_HEADER) return 'corrupt zip central directory';
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42) + shift;
    const entry = {
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      dataStart: 0,
    };
    if (entry.compressedSize === 0xffffffff) return 'zip64 archive';
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL_HEADER) return 'corrupt zip local header';
    entry.dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (entry.dataStart + entry.compressedSize > bytes.length) return 'zip entry out of bounds';
    entries.push(entry);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** The record sits in the last 22 bytes plus an optional comment; only that tail is searched. */
function findEndOfCentralDirectory(bytes: Buffer): number {
  const tailStart = Math.max(0, bytes.length - 22 - MAX_ZIP_COMMENT);
  const tail = bytes.subarray(tailStart);
  for (
    let at = tail.lastIndexOf(END_OF_CENTRAL_DIRECTORY);
    at >= 0;
    at = at > 0 ? tail.lastIndexOf(END_OF_CENTRAL_DIRECTORY, at - 1) : -1
  ) {
    if (at + 22 <= tail.length && at + 22 + tail.readUInt16LE(at + 20) <= tail.length) return tailStart + at;
  }
  return -1;
}

function startsWithZipSignature(bytes: Buffer): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes.readUInt32LE(0) === LOCAL_HEADER || bytes.readUInt32LE(0) === 0x06054b50)
  );
}

/** The real type from magic bytes; 'text' when nothing matched and the bytes read as text; else null. */
function sniff(bytes: Buffer): Kind | null {
  const startsWith = (...magic: number[]) => magic.every((byte, i) => bytes[i] === byte);
  const ascii = (text: string) => bytes.subarray(0, text.length).toString('latin1') === text;
  // PE and DOS headers are binary; "MZ" at the start of a text file is just two letters.
  if (ascii('MZ') && !isText(bytes.subarray(0, 64))) return 'pe';
  if (startsWith(0x7f, 0x45, 0x4c, 0x46)) return 'elf';
  const magic = bytes.length >= 4 ? bytes.readUInt32BE(0) : 0;
  // Thin Mach-O in both byte orders, and fat (universal) binaries, whose magic Java class files share.
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe, 0xcafebabf].includes(magic)) return 'macho';
  if (ascii('#!')) return 'script';
  // Readers accept a PDF header anywhere in the first kilobyte, so attackers put junk before it.
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (startsWith(0xff, 0xd8, 0xff)) return 'jpeg';
  if (ascii('GIF87a') || ascii('GIF89a')) return 'gif';
  if (startsWithZipSignature(bytes)) return 'zip';
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (ascii('{\\rtf')) return 'rtf';
  return isText(bytes) ? 'text' : null;
}

/** Text in any ASCII-compatible encoding (UTF-8, Windows-1252 exports), or UTF-16 with a byte order mark. */
function isText(bytes: Buffer): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  for (const byte of bytes) {
    // Tab, line feed, form feed, carriage return and escape occur in real text; other controls do not.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) return false;
  }
  return true;
}

function kindsOfContentType(contentType: string): Kind[] | undefined {
  if (contentType.startsWith('application/vnd.openxmlformats-officedocument.')) return OFFICE_ZIP;
  if (contentType.startsWith('application/vnd.oasis.opendocument.')) return OFFICE_ZIP;
  return KINDS_OF_CONTENT_TYPE[contentType];
}

function normalizeContentType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Windows ignores trailing dots and spaces, so "evil.exe. " runs as evil.exe. */
function extensionOf(name: string): string {
  const base = name.replace(/[. ]+$/, '');
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Any path segment counts, so a zipped "Tool.app/Contents/..." bundle is caught by its folder name. */
function hasExecutableName(name: string): boolean {
  return name.split(/[/\\]/).some((segment) => EXECUTABLE_EXTENSIONS.has(extensionOf(segment)));
}

function unscannable(detail: string): Finding {
  // Fail closed: what cannot be scanned is not passed.
  return { reason: 'UNSCANNABLE', detail: `cannot scan: ${detail}` };
}

function zipTooLarge(where: string): Finding {
  return { reason: 'TOO_LARGE', detail: `archive expands beyond the scan limit at ${where}` };
}

function tooLarge(size: number, maxBytes: number): ScanVerdict {
  return { ok: false, reason: 'TOO_LARGE', detail: `larger than ${maxBytes} bytes`, sha256: null, size };
}
