// A real SMTP server for tests (smtp-server on a loopback port) that keeps every message it
// receives, parsed with mailparser, so a test can read the e-mails the service sent.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface SmtpCapture {
  url: string;
  messages: ParsedMail[];
  /** Waits until `count` messages have arrived (or throws after `ms`). */
  waitFor(count: number, ms?: number): Promise<ParsedMail[]>;
  /** Waits until a message to this address has arrived, and gives it (or throws after `ms`). */
  waitForMailTo(address: string, ms?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(count, ms = 20_000) {
      const until = Date.now() + ms;
      while (messages.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} e-mails, got ${messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return messages;
    },
    async waitForMailTo(address, ms = 30_000) {
      const until = Date.now() + ms;
      for (;;) {
        const found = messages.find((m) => [m.to].flat().some((to) => to?.text.includes(address)));
        if (found) return found;
        if (Date.now() > until) throw new Error(`no e-mail to ${address} (${messages.length} others)`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
