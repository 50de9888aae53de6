// The relay's refusal, shared by postMessage, the inbound SMTP server (which maps it to a reply code)
// and the GraphQL layer (which maps `code` to an error code).

/** Why the relay refused a message; `code` is stable (GraphQL error code / SMTP reply mapping). */
export class RelayRefusal extends Error {
  constructor(
    readonly code:
      | 'THREAD_NOT_FOUND'
      | 'THREAD_CLOSED'
      | 'THREAD_SUSPENDED'
      | 'NOT_A_PARTY'
      | 'PROVIDER_FIRST'
      | 'RATE_LIMITED'
      | 'ATTACHMENT_REFUSED'
      | 'TOO_LARGE'
      | 'INVALID_INPUT',
    message: string,
  ) {
    super(message);
    this.name = 'RelayRefusal';
  }
}

/** The SMTP reply for a refusal: 451 (try again later) for limits, 552 for size, 550 otherwise. */
export function smtpReplyFor(refusal: RelayRefusal): { ok: false; code: number; message: string } {
  return { ok: false, ...smtpReply(refusal) };
}

function smtpReply(refusal: RelayRefusal): { code: number; message: string } {
  switch (refusal.code) {
    case 'RATE_LIMITED':
      return { code: 451, message: `4.7.1 ${refusal.message}` };
    case 'TOO_LARGE':
      return { code: 552, message: `5.3.4 ${refusal.message}` };
    case 'THREAD_NOT_FOUND':
      return { code: 550, message: `5.1.1 ${refusal.message}` };
    case 'INVALID_INPUT':
      return { code: 550, message: `5.6.0 ${refusal.message}` };
    default:
      return { code: 550, message: `5.7.1 ${refusal.message}` };
  }
}
