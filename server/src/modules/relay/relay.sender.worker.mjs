// The relay's outbound SMTP client, in a worker thread (relay.sender.ts starts it): builds each relayed
// message (nodemailer's MailComposer) and sends it through a pooled connection to SMTP_URL. Building
// and sending a 100 KB message is over a third of the relay's work per message; here it runs beside
// the event loop that receives and stores mail instead of in it. Plain JavaScript, so that it loads the
// same under tsx, vitest and plain Node.
import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

const transport = nodemailer.createTransport(workerData.transport);

async function send(message) {
  // A Buffer arrives as a Uint8Array (structured clone); nodemailer wants Buffers.
  for (const attachment of message.attachments ?? []) {
    const content = attachment.content;
    attachment.content = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  }
  // Built in one piece and sent as one: streamed from the composer, the message went out in hundreds
  // of small socket writes. Line breaks are left to the SMTP DATA stream, which writes each as CRLF.
  const raw = await new MailComposer(message).compile().build();
  await transport.sendMail({ envelope: message.envelope, raw });
}

parentPort.on('message', (request) => {
  if (request.close) {
    transport.close();
    parentPort.close();
    return;
  }
  send(request.message).then(
    () => parentPort.postMessage({ id: request.id, ok: true }),
    (error) =>
      parentPort.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        responseCode: typeof error?.responseCode === 'number' ? error.responseCode : null,
      }),
  );
});
