// The attachment scanner (issue 6): what the built-in scanner lets through and what it refuses, and
// the clamd INSTREAM client against a fake clamd speaking the real protocol.
import { createHash } from 'node:crypto';
import net from 'node:net';
import { Readable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { EICAR } from './builtin.scanner.js';
import { createScanner, type ScanInput, type ScanVerdict } from './scanner.js';

const MAX_BYTES = 1024 * 1024;
const scanner = createScanner({ maxBytes: MAX_BYTES });

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0'),
]);
const PE = Buffer.concat([
  Buffer.from('MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0', 'latin1'),
  Buffer.alloc(48),
  Buffer.from('This program cannot be run in DOS mode.'),
]);

function scan(filename: string, contentType: string, content: ScanInput['content']): Promise<ScanVerdict> {
  return scanner.scan({ filename, contentType, content });
}

/** A minimal but well-formed zip: local headers, then the central directory, then its end record. */
function zip(entries: { name: string; data: Buffer; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const body = entry.deflate ? deflateRawSync(entry.data) : entry.data;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(entry.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(entry.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

const DOCX = zip([
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>'), deflate: true },
  {
    name: 'word/document.xml',
    data: Buffer.from('<w:document><w:body><w:p>Quarterly report</w:p></w:body></w:document>'.repeat(20)),
    deflate: true,
  },
]);

describe('built-in scanner: clean attachments pass', () => {
  it.each([
    ['report.pdf', 'application/pdf', PDF, 'application/pdf'],
    ['logo.png', 'image/png', PNG, 'image/png'],
    ['notes.txt', 'text/plain; charset=utf-8', Buffer.from('Call me back on Tuesday.\r\nThanks, Ana — café\n'), 'text/plain'],
    ['leads.csv', 'text/csv', Buffer.from('name,email\nAna,ana@example.com\n'), 'text/plain'],
    ['report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', DOCX, 'application/zip'],
    ['data.bin', 'application/octet-stream', Buffer.from([0x00, 0x13, 0x37, 0xfe, 0x01]), null],
  ])('%s', async (filename, contentType, bytes, detectedType) => {
    const verdict = await scan(filename, contentType, bytes);
    expect(verdict).toEqual({ ok: true, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, detectedType });
  });

  it('hashes a streamed attachment like the same bytes given whole', async () => {
    const verdict = await scan('report.pdf', 'application/pdf', Readable.from([PDF.subarray(0, 10), PDF.subarray(10)]));
    expect(verdict).toMatchObject({ ok: true, sha256: createHash('sha256').update(PDF).digest('hex'), size: PDF.length });
  });
});

describe('built-in scanner: EICAR', () => {
  const withEicar = Buffer.concat([Buffer.from('hello '), EICAR, Buffer.from(' bye')]);

  it('is refused as plain content', async () => {
    expect(await scan('eicar.com', 'application/octet-stream', EICAR)).toMatchObject({ ok: false, reason: 'MALWARE' });
    expect(await scan('notes.txt', 'text/plain', withEicar)).toMatchObject({ ok: false, reason: 'MALWARE', sha256: expect.any(String) });
  });

  it('is refused when split across two stream chunks at every offset', async () => {
    for (let cut = 6; cut <= 6 + EICAR.length; cut++) {
      const content = Readable.from([withEicar.subarray(0, cut), withEicar.subarray(cut)]);
      expect(await scan('notes.txt', 'text/plain', content), `cut at ${cut}`).toMatchObject({ ok: false, reason: 'MALWARE' });
    }
  });

  it('is refused inside base64 text, whatever junk precedes the encoding', async () => {
    const mime = `Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(EICAR)}\r\n`;
    expect(await scan('mail.txt', 'text/plain', Buffer.from(mime))).toMatchObject({ ok: false, reason: 'MALWARE' });
    for (const junk of ['', 'Q', 'QQ', 'QQQ']) {
      const text = Buffer.from(`${junk}${base64Lines(withEicar)}\n`);
      expect(await scan('encoded.txt', 'text/plain', text), `junk "${junk}"`).toMatchObject({ ok: false, reason: 'MALWARE' });
    }
  });

  it('is refused inside a base64-encoded zip', async () => {
    const text = Buffer.from(base64Lines(zip([{ name: 'eicar.txt', data: EICAR, deflate: true }])));
    expect(await scan('encoded.txt', 'text/plain', text)).toMatchObject({ ok: false, reason: 'MALWARE' });
  });

  it('is refused inside a zip, stored or deflated', async () => {
    for (const deflate of [false, true]) {
      const archive = zip([
        { name: 'readme.txt', data: Buffer.from('nothing here') },
        { name: 'docs/eicar.txt', data: EICAR, deflate },
      ]);
      const verdict = await scan('docs.zip', 'application/zip', archive);
      // Stored, the signature is already visible in the archive's own bytes; deflated, only in the entry.
      const where = deflate ? 'docs.zip > docs/eicar.txt' : 'docs.zip';
      expect(verdict).toMatchObject({ ok: false, reason: 'MALWARE', detail: `EICAR test signature in ${where}` });
    }
  });

  it('is refused inside a zip inside a zip inside a zip', async () => {
    const inner = zip([{ name: 'eicar.txt', data: EICAR, deflate: true }]);
    const middle = zip([{ name: 'inner.zip', data: inner, deflate: true }]);
    const outer = zip([{ name: 'middle.zip', data: middle }]);
    expect(await scan('outer.zip', 'application/zip', middle)).toMatchObject({ ok: false, reason: 'MALWARE' });
    expect(await scan('outer.zip', 'application/zip', outer)).toMatchObject({
      ok: false,
      reason: 'MALWARE',
      detail: 'EICAR test signature in outer.zip > middle.zip > inner.zip > eicar.txt',
    });
  });

  it('refuses archives nested deeper than it looks, instead of passing them unscanned', async () => {
    let archive = zip([{ name: 'clean.txt', data: Buffer.from('clean') }]);
    for (let level = 0; level < 3; level++) archive = zip([{ name: `level${level}.zip`, data: archive, deflate: true }]);
    expect(await scan('deep.zip', 'application/zip', archive)).toMatchObject({ ok: false, reason: 'TOO_LARGE' });
  });
});

describe('built-in scanner: executables', () => {
  it.each(['setup.exe', 'SETUP.EXE', 'invoice.pdf.exe', 'run.bat', 'script.PS1', 'app.js', 'evil.exe. '])(
    'refuses the name %s',
    async (name) => {
      expect(await scan(name, 'application/octet-stream', Buffer.from('whatever'))).toMatchObject({ ok: false, reason: 'EXECUTABLE' });
    },
  );

  it('refuses executable bytes under an unknown name', async () => {
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
    const machO = Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01]);
    for (const bytes of [PE, elf, machO, Buffer.from('#!/bin/sh\nrm -rf ~\n')]) {
      expect(await scan('file', 'application/octet-stream', bytes)).toMatchObject({ ok: false, reason: 'EXECUTABLE' });
    }
  });

  it('refuses PE bytes named report.pdf as EXECUTABLE (executable content wins over a type mismatch)', async () => {
    expect(await scan('report.pdf', 'application/pdf', PE)).toMatchObject({ ok: false, reason: 'EXECUTABLE' });
  });

  it('refuses an executable content type', async () => {
    expect(await scan('file', 'application/x-msdownload', Buffer.from('x'))).toMatchObject({ ok: false, reason: 'EXECUTABLE' });
  });

  it('refuses executables inside a zip, by name or by bytes', async () => {
    const byName = zip([{ name: 'tools/setup.exe', data: Buffer.from('anything'), deflate: true }]);
    const byBytes = zip([{ name: 'tools/setup.dat', data: PE, deflate: true }]);
    expect(await scan('tools.zip', 'application/zip', byName)).toMatchObject({ ok: false, reason: 'EXECUTABLE' });
    expect(await scan('tools.zip', 'application/zip', byBytes)).toMatchObject({ ok: false, reason: 'EXECUTABLE' });
  });

  it('lets text that merely starts with "MZ" through', async () => {
    expect(await scan('notes.txt', 'text/plain', Buffer.from('MZ Logistics quarterly notes\n'))).toMatchObject({ ok: true });
  });
});

describe('built-in scanner: type mismatches', () => {
  it.each([
    ['a PNG named invoice.pdf', 'invoice.pdf', 'application/pdf', PNG],
    ['a PDF named photo.jpg', 'photo.jpg', 'image/jpeg', PDF],
    ['PDF bytes declared as image/png', 'invoice.pdf', 'image/png', PDF],
    ['binary bytes named notes.txt', 'notes.txt', 'text/plain', Buffer.from([0x00, 0x01, 0x02, 0x03])],
    ['a zip named report.doc', 'report.doc', 'application/msword', DOCX],
  ])('refuses %s', async (_label, filename, contentType, bytes) => {
    expect(await scan(filename, contentType, bytes)).toMatchObject({ ok: false, reason: 'TYPE_MISMATCH' });
  });
});

describe('built-in scanner: size limits', () => {
  it('refuses content over maxBytes without reading the rest of the stream', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 16 * 1024;
        this.push(Buffer.alloc(16 * 1024, 0x61));
      },
    });
    const verdict = await scan('big.txt', 'text/plain', endless);
    expect(verdict).toMatchObject({ ok: false, reason: 'TOO_LARGE', sha256: null });
    expect(endless.destroyed).toBe(true);
    // One chunk past the limit plus what the stream buffered ahead (its 16 KiB high-water mark).
    expect(produced).toBeLessThanOrEqual(MAX_BYTES + 64 * 1024);
  });

  it('refuses a buffer over maxBytes, and accepts one exactly at it', async () => {
    expect(await scan('big.txt', 'text/plain', Buffer.alloc(MAX_BYTES + 1, 0x61))).toMatchObject({ ok: false, reason: 'TOO_LARGE' });
    expect(await scan('big.txt', 'text/plain', Buffer.alloc(MAX_BYTES, 0x61))).toMatchObject({ ok: true, size: MAX_BYTES });
  });

  it('refuses a zip bomb whose entry inflates beyond maxBytes', async () => {
    const bomb = zip([{ name: 'zeros.txt', data: Buffer.alloc(4 * MAX_BYTES), deflate: true }]);
    expect(bomb.length).toBeLessThan(MAX_BYTES / 10);
    expect(await scan('bomb.zip', 'application/zip', bomb)).toMatchObject({ ok: false, reason: 'TOO_LARGE' });
  });

  it('refuses entries that inflate beyond maxBytes only together', async () => {
    const half = Buffer.alloc(MAX_BYTES / 2 + 1, 0x61);
    const archive = zip([
      { name: 'a.txt', data: half, deflate: true },
      { name: 'b.txt', data: half, deflate: true },
    ]);
    expect(await scan('two.zip', 'application/zip', archive)).toMatchObject({ ok: false, reason: 'TOO_LARGE' });
  });
});

describe('clamd scanner', () => {
  type Mode = 'ok' | 'found' | 'limit' | 'silent';
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
  });

  /** A fake clamd that parses INSTREAM for real and records what it was sent. */
  async function fakeClamd(mode: Mode, sizeLimit = Infinity) {
    const streams: Buffer[] = [];
    const server = net.createServer((socket) => {
      sockets.add(socket);
      let pending = Buffer.alloc(0);
      let commandSeen = false;
      const chunks: Buffer[] = [];
      let total = 0;
      socket.on('error', () => {});
      socket.on('data', (data) => {
        pending = Buffer.concat([pending, data]);
        if (!commandSeen) {
          if (pending.length < 10) return;
          expect(pending.subarray(0, 10).toString()).toBe('zINSTREAM\0');
          pending = pending.subarray(10);
          commandSeen = true;
        }
        while (pending.length >= 4) {
          const length = pending.readUInt32BE(0);
          if (pending.length < 4 + length) return;
          chunks.push(pending.subarray(4, 4 + length));
          pending = pending.subarray(4 + length);
          total += length;
          if (total > sizeLimit) {
            socket.end('INSTREAM size limit exceeded. ERROR\0');
            return;
          }
          if (length > 0) continue;
          streams.push(Buffer.concat(chunks));
          if (mode === 'ok') socket.end('stream: OK\0');
          if (mode === 'found') socket.end('stream: Win.Test.EICAR_HDB-1 FOUND\0');
          return;
        }
      });
    });
    servers.push(server);
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const port = (server.address() as net.AddressInfo).port;
    return { port, streams };
  }

  function clamdScanner(port: number, timeoutMs = 2_000) {
    return createScanner({ maxBytes: MAX_BYTES, clamd: { host: '127.0.0.1', port, timeoutMs } });
  }

  it('passes what clamd reports OK, after streaming every byte in length-prefixed chunks', async () => {
    const { port, streams } = await fakeClamd('ok');
    const big = Buffer.alloc(200 * 1024, 0x61);
    const verdict = await clamdScanner(port).scan({ filename: 'big.txt', contentType: 'text/plain', content: Readable.from([big]) });
    expect(verdict).toMatchObject({ ok: true, size: big.length, detectedType: 'text/plain' });
    // Buffer.equals: vitest's deep equality walks a 200 KiB buffer byte by byte, slowly.
    expect(streams.map((stream) => stream.equals(big))).toEqual([true]);
  });

  it('refuses what clamd reports FOUND', async () => {
    const { port } = await fakeClamd('found');
    const verdict = await clamdScanner(port).scan({ filename: 'report.pdf', contentType: 'application/pdf', content: PDF });
    expect(verdict).toMatchObject({ ok: false, reason: 'MALWARE', detail: 'clamd: Win.Test.EICAR_HDB-1', sha256: expect.any(String) });
  });

  it('refuses as TOO_LARGE when clamd reports its size limit exceeded', async () => {
    const { port } = await fakeClamd('ok', 100 * 1024);
    const verdict = await clamdScanner(port).scan({
      filename: 'big.txt',
      contentType: 'text/plain',
      content: Buffer.alloc(512 * 1024, 0x61),
    });
    expect(verdict).toMatchObject({ ok: false, reason: 'TOO_LARGE', detail: 'clamd: INSTREAM size limit exceeded. ERROR' });
  });

  it('refuses as SCANNER_UNAVAILABLE when clamd never answers, within the timeout', async () => {
    const { port } = await fakeClamd('silent');
    const started = Date.now();
    const verdict = await clamdScanner(port, 200).scan({ filename: 'report.pdf', contentType: 'application/pdf', content: PDF });
    expect(verdict).toMatchObject({ ok: false, reason: 'SCANNER_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses as SCANNER_UNAVAILABLE when clamd is not listening', async () => {
    const { port } = await fakeClamd('ok');
    await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
    const verdict = await clamdScanner(port).scan({ filename: 'report.pdf', contentType: 'application/pdf', content: PDF });
    expect(verdict).toMatchObject({ ok: false, reason: 'SCANNER_UNAVAILABLE' });
  });

  it('still applies the built-in executable and type checks, without asking clamd', async () => {
    const { port, streams } = await fakeClamd('ok');
    const scanner = clamdScanner(port);
    expect(await scanner.scan({ filename: 'setup.exe', contentType: 'application/octet-stream', content: Buffer.from('x') })).toMatchObject(
      {
        ok: false,
        reason: 'EXECUTABLE',
      },
    );
    expect(await scanner.scan({ filename: 'invoice.pdf', contentType: 'application/pdf', content: PNG })).toMatchObject({
      ok: false,
      reason: 'TYPE_MISMATCH',
    });
    expect(streams).toEqual([]);
  });
});
