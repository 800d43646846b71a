import type { OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { MailSender, type OutgoingMail } from './mail-sender.js';

/**
 * Every wait is bounded well inside the outbox's claim (CLAIM_MS in outbox-delivery.service.ts):
 * a send that hangs past its claim could be taken and sent again by another sender.
 */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 };

/**
 * Sends over SMTP with nodemailer (SMTP_URL: smtp:// with STARTTLS when offered, smtps:// for
 * implicit TLS). Made by MailWorkerModule's factory from SMTP_URL; closed with the worker.
 */
export class SmtpSender extends MailSender implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(smtpUrl: string) {
    super();
    // One pooled connection reused between mails; nodemailer reconnects after an error.
    this.transport = createTransport({ url: smtpUrl, pool: true, maxConnections: 1, ...TIMEOUTS });
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      // Japanese text: UTF-8, quoted-printable or base64 as nodemailer judges; no HTML part to keep in step.
      textEncoding: 'base64',
    });
    return { messageId: (info as { messageId?: string }).messageId ?? mail.messageId };
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
