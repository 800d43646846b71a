import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it, decoded as a mail client would show it. */
export interface ReceivedMail {
  rcptTo: string[];
  messageId: string;
  from: string;
  subject: string;
  text: string;
  raw: string;
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), the way a Japanese subject travels. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, enc: string, data: string) => {
      const bytes = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
      return new TextDecoder(charset).decode(bytes);
    });
}

function decodeBody(body: string, encoding: string | undefined, charset: string): string {
  const e = (encoding ?? '7bit').toLowerCase();
  const bytes =
    e === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
    : e === 'quoted-printable' ? Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1')
    : Buffer.from(body, 'utf8');
  return new TextDecoder(charset).decode(bytes).replace(/\r\n/g, '\n');
}

/** A single-part text/plain message (what the outbox sends), parsed without a library. */
export function parseMail(raw: string, rcptTo: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const charset = /charset="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1] ?? 'utf-8';
  return {
    rcptTo,
    messageId: headers.get('message-id') ?? '',
    from: decodeWords(headers.get('from') ?? ''),
    subject: decodeWords(headers.get('subject') ?? ''),
    text: decodeBody(body, headers.get('content-transfer-encoding'), charset).replace(/\n$/, ''),
    raw,
  };
}

/**
 * A real SMTP server (npm smtp-server) on a free local port that keeps what it receives.
 * `rejectNext(address, n)` answers the next n RCPT TO for that address with a temporary 451,
 * `rejectAlways(address)` with a permanent 550: the faults an outbox must survive.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private readonly rejections = new Map<string, number>();
  private readonly server: SMTPServer;
  private port = 0;
  /** Milliseconds the server takes to accept a message (widens the window in which senders race). */
  acceptDelayMs = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      // Plain SMTP on localhost: nodemailer would otherwise upgrade to TLS and refuse the self-signed certificate.
      disabledCommands: ['STARTTLS', 'AUTH'],
      hideSTARTTLS: true,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const left = this.rejections.get(address.address) ?? 0;
        if (left === 0) return callback();
        if (left > 0) this.rejections.set(address.address, left - 1);
        const permanent = left < 0;
        callback(Object.assign(new Error(permanent ? 'mailbox unavailable' : 'mailbox busy, try again later'), { responseCode: permanent ? 550 : 451 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const rcptTo = session.envelope.rcptTo.map((a) => a.address);
          setTimeout(() => {
            this.received.push(parseMail(Buffer.concat(chunks).toString('utf8'), rcptTo));
            callback();
          }, this.acceptDelayMs);
        });
      },
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as { port: number }).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  rejectNext(address: string, times: number): void {
    this.rejections.set(address, times);
  }

  rejectAlways(address: string): void {
    this.rejections.set(address, -1);
  }

  accept(address: string): void {
    this.rejections.delete(address);
  }

  /** The messages that carried this Message-ID. */
  withMessageId(messageId: string): ReceivedMail[] {
    return this.received.filter((m) => m.messageId === messageId);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
