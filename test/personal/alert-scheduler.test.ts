// Alerts across days and restarts, on a real system of record and a real SMTP server, with the
// clock given to the scheduler: one e-mail per period at most, none for a period already sent
// (even after a restart), a period claimed but not sent (SMTP down) sent at the next tick, and
// the datasets new since the last alert listed. What arrived in the catalogue is the scheduler's
// input here (the end-to-end path through harvest and search is test/personal/personal-space-api).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { AlertScheduler, PersonalSpace, periodOf, serviceSecret, smtpMailer, UnsubscribeLinks, type FindNew } from '../../src/personal/index.js';
import { openRecordsDatabase, type RecordsDatabase } from '../../src/records/index.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';

let dir: string;
let db: RecordsDatabase;
let smtp: SmtpCapture;
let clock = new Date('2026-03-02T09:00:00Z');
const arrivals: Array<{ iri: string; title: string; at: string }> = [];
const findNew: FindNew = async (_query, since) => {
  const items = arrivals.filter((a) => a.at > since);
  return { total: items.length, items };
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'maillage-alerts-'));
  db = openRecordsDatabase(dir, { synchronous: 'NORMAL' });
  smtp = await startSmtpCapture();
});

afterAll(async () => {
  db.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A scheduler as the service makes one at each start. */
function start(smtpUrl = smtp.url) {
  const personal = new PersonalSpace(db, { now: () => clock });
  return {
    personal,
    scheduler: new AlertScheduler({ db, accounts: personal.accounts, searches: personal.searches, mailer: smtpMailer(smtpUrl, 'catalogue@example.org'), findNew, origin: 'https://catalogue.example.org', links: new UnsubscribeLinks(serviceSecret(db, 'unsubscribe')), logger: silentLogger, now: () => clock }),
  };
}

describe('the alert scheduler', () => {
  it('names periods by UTC day and ISO week', () => {
    expect(periodOf('daily', new Date('2026-03-02T23:59:00Z'))).toBe('day:2026-03-02');
    expect(periodOf('weekly', new Date('2026-01-01T12:00:00Z'))).toBe('week:2026-W01');
    expect(periodOf('weekly', new Date('2027-01-01T12:00:00Z'))).toBe('week:2026-W53');
    expect(periodOf('weekly', new Date('2024-12-30T12:00:00Z'))).toBe('week:2025-W01');
  });

  it('sends one daily e-mail per day at most, never twice across restarts, and a claimed period after SMTP comes back', async () => {
    const first = start();
    const user = first.personal.accounts.signedIn('0000-0002-1825-0097', 'Alice Martin');
    first.personal.accounts.updateProfile(user.id, { email: 'alice@example.org', lang: 'en' });
    const search = first.personal.searches.save(user, { name: 'Ocean heat', query: 'q=ocean', frequency: 'daily' });
    expect(await first.scheduler.tick()).toBe(0);

    // Two datasets arrive during day 1: that day's period is already taken, so nothing until day 2.
    arrivals.push({ iri: 'https://w3id.org/maillage/id/doi/10.1/a', title: 'Ocean heat content A', at: '2026-03-02T11:00:00.000Z' }, { iri: 'https://w3id.org/maillage/id/doi/10.1/b', title: 'Ocean heat content B', at: '2026-03-02T11:30:00.000Z' });
    clock = new Date('2026-03-02T12:00:00Z');
    expect(await first.scheduler.tick()).toBe(0);
    const restarted = start();
    expect(await restarted.scheduler.tick()).toBe(0);

    clock = new Date('2026-03-03T08:00:00Z');
    expect(await restarted.scheduler.tick()).toBe(1);
    expect(await restarted.scheduler.tick()).toBe(0);
    expect(await start().scheduler.tick()).toBe(0);
    const mail = await smtp.waitForMailTo('alice@example.org');
    expect(mail.subject).toBe('2 new datasets for “Ocean heat”');
    expect(mail.text).toContain('Ocean heat content A');
    expect(mail.text).toContain(`https://catalogue.example.org/alerts/unsubscribe?search=${search.id}&token=`);

    // Day 3: SMTP unreachable when the period is claimed; the next start sends it, once.
    arrivals.push({ iri: 'https://w3id.org/maillage/id/doi/10.1/c', title: 'Ocean heat content C', at: '2026-03-03T10:00:00.000Z' });
    clock = new Date('2026-03-04T07:00:00Z');
    await expect(start('smtp://127.0.0.1:9').scheduler.tick()).rejects.toThrow();
    expect(smtp.messages).toHaveLength(1);
    expect(await start().scheduler.tick()).toBe(1);
    expect(await start().scheduler.tick()).toBe(0);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[1]!.subject).toBe('1 new dataset for “Ocean heat”');
  });
});
