// A minimal SMTP client for tests that must send exactly the bytes they mean (malformed MIME, half
// messages, refusals at RCPT), which nodemailer would fix up or hide.
import net from 'node:net';

/** A minimal SMTP client: one reply per command, multi-line replies joined. */
export async function rawSmtp(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let buffer = '';
  let waiting: ((reply: string) => void) | null = null;
  const takeReply = () => {
    const match = /(^|\r\n)\d{3} [^\r\n]*\r\n/.exec(buffer);
    if (!match || !waiting) return;
    const end = match.index + match[0].length;
    const reply = buffer.slice(0, end).trim();
    buffer = buffer.slice(end);
    const resolve = waiting;
    waiting = null;
    resolve(reply);
  };
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    takeReply();
  });
  const reply = () =>
    new Promise<string>((resolve) => {
      waiting = resolve;
      takeReply();
    });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const greeting = await reply();
  return {
    greeting,
    socket,
    async command(line: string) {
      const next = reply();
      socket.write(`${line}\r\n`);
      return next;
    },
    /** The message as is (dot-stuffed by the caller if needed), then the terminating dot. */
    async data(raw: Buffer) {
      const next = reply();
      socket.write(raw);
      socket.write(raw.subarray(-2).toString('latin1') === '\r\n' ? '.\r\n' : '\r\n.\r\n');
      return next;
    },
    close: () => socket.destroy(),
  };
}
