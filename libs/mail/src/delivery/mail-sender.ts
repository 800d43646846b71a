/** One mail as it goes to the SMTP server. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** `<outbox-<id>@hokenshitsu>`: the same on every try of the same row. */
  messageId: string;
}

/** Hands a mail to a server; resolves once the server accepted it, rejects with its reason otherwise. */
export abstract class MailSender {
  abstract send(mail: OutgoingMail): Promise<{ messageId: string }>;
}
