// ClamAV through clamd's INSTREAM command over TCP. clamd decides what is malware; the built-in checks
// still run first, because executables and mismatched types are our policy, not a virus signature.
// Every failure to get a clear answer from clamd refuses the attachment: it is never passed unscanned.
import net from 'node:net';
import { inspectAttachment, readAttachment } from './builtin.scanner.js';
import { type AttachmentScanner, type ClamdConfig, type ScanInput, type ScanRefusal, type ScanVerdict } from './scanner.js';

const DEFAULT_TIMEOUT_MS = 30_000;
// clamd reads each chunk whole; 64 KiB keeps every chunk well under its StreamMaxLength.
const CHUNK_BYTES = 64 * 1024;

export type ClamdResult = { clean: true } | { clean: false; reason: ScanRefusal; detail: string };

export class ClamdScanner implements AttachmentScanner {
  readonly name = 'clamd';

  constructor(private readonly options: ClamdConfig & { maxBytes: number }) {}

  async scan(input: ScanInput): Promise<ScanVerdict> {
    const read = await readAttachment(input.content, this.options.maxBytes);
    if (!read.ok) return read.verdict;
    const local = inspectAttachment(input, read.bytes, read.sha256, this.options.maxBytes);
    if (!local.ok) return local;
    const remote = await clamdInstream(read.bytes, this.options);
    if (remote.clean) return local;
    return { ok: false, reason: remote.reason, detail: remote.detail, sha256: read.sha256, size: read.bytes.length };
  }
}

/**
 * One INSTREAM exchange: `zINSTREAM\0`, chunks each prefixed by their 4-byte big-endian length, a
 * zero-length chunk to finish, then one NUL-terminated reply. The timeout covers the whole exchange.
 */
export function clamdInstream(bytes: Buffer, options: ClamdConfig): Promise<ClamdResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    const replySoFar = () =>
      Buffer.concat(received)
        .toString('utf8')
        .replace(/\0[\s\S]*$/, '');
    let settled = false;
    const finish = (result: ClamdResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(unavailable(`no reply from clamd within ${timeoutMs} ms`)), timeoutMs);
    const socket = net.createConnection({ host: options.host, port: options.port });

    socket.on('connect', () => {
      socket.write('zINSTREAM\0');
      for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
        const chunk = bytes.subarray(start, start + CHUNK_BYTES);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(chunk.length);
        socket.write(length);
        socket.write(chunk);
      }
      socket.write(Buffer.alloc(4));
    });
    socket.on('data', (data: Buffer) => {
      received.push(data);
      if (data.includes(0)) finish(parseReply(replySoFar()));
    });
    // clamd answers "size limit exceeded" and hangs up while we may still be writing: a reply that
    // arrived before the connection broke is still the answer.
    socket.on('error', (error) => finish(received.length ? parseReply(replySoFar()) : unavailable(`clamd: ${error.message}`)));
    socket.on('close', () =>
      finish(received.length ? parseReply(replySoFar()) : unavailable('clamd closed the connection without a reply')),
    );
  });
}

function parseReply(reply: string): ClamdResult {
  const text = reply.trim();
  if (text === 'stream: OK') return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { clean: false, reason: 'MALWARE', detail: `clamd: ${found[1]}` };
  if (text.includes('size limit exceeded')) return { clean: false, reason: 'TOO_LARGE', detail: `clamd: ${text}` };
  return unavailable(`clamd: ${text || 'empty reply'}`);
}

function unavailable(detail: string): ClamdResult {
  return { clean: false, reason: 'SCANNER_UNAVAILABLE', detail };
}
