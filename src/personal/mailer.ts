// Owns sending e-mail: nodemailer over SMTP (SMTP_URL, e.g. smtp://user:pass@mail.example.org:587),
// plain text, from MAIL_FROM. Without SMTP_URL the service sends nothing and says so once.
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.headers ? { headers: mail.headers } : {}) });
    },
    close: () => transport.close(),
  };
}
