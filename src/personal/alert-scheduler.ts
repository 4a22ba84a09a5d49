// Owns e-mail alerts of saved searches: at each tick, every search whose owner wants alerts gets at
// most one e-mail per period (immediately: as soon as something is new; daily; weekly, ISO weeks),
// listing the datasets new since the last alert, in the owner's language, with an unsubscribe link
// signed for that search (it works without signing in). A period is claimed in the database before
// the e-mail is sent and marked sent after: a restart never sends a period twice, and a period
// claimed but not sent (the process stopped in between) is sent at the next tick. A service that
// was down for days sends one e-mail covering all of it.
import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from '../log/index.js';
import type { RecordsDatabase } from '../records/index.js';
import { sameSecret, type Accounts } from './accounts.js';
import type { Mailer } from './mailer.js';
import type { AlertFrequency, SavedSearch, SavedSearches } from './saved-searches.js';

/** The datasets a saved search finds that reached the catalogue after `since`. */
export type FindNew = (query: string, since: string) => Promise<{ total: number; items: Array<{ iri: string; title: string | null }> }>;

/** The period an instant falls in, for a frequency: the key that makes a period's e-mail unique. */
export function periodOf(frequency: AlertFrequency, at: Date): string {
  const day = at.toISOString().slice(0, 10);
  if (frequency === 'daily') return `day:${day}`;
  if (frequency === 'weekly') {
    // ISO 8601 week: the week with the year's first Thursday is week 1.
    const date = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
    const weekday = date.getUTCDay() || 7;
    date.setUTCDate(date.getUTCDate() + 4 - weekday);
    const yearStart = new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
    const week = Math.ceil(((date.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
    return `week:${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
  }
  return `now:${at.toISOString().slice(0, 16)}`;
}

/** The key that signs unsubscribe links, made once and kept in the system of record. */
export function serviceSecret(db: RecordsDatabase, name: string): string {
  db.prepare('INSERT OR IGNORE INTO service_secrets (name, value) VALUES (?, ?)').run(name, randomBytes(32).toString('base64url'));
  return (db.prepare('SELECT value FROM service_secrets WHERE name = ?').get(name) as { value: string }).value;
}

export class UnsubscribeLinks {
  constructor(private readonly secret: string) {}
  token(searchId: string): string {
    return createHmac('sha256', this.secret).update(`unsubscribe:${searchId}`).digest('base64url');
  }
  verify(searchId: string, token: string): boolean {
    return sameSecret(this.token(searchId), token);
  }
}

const words = {
  fr: {
    subject: (n: number, name: string) => `${n} nouveau${n > 1 ? 'x' : ''} jeu${n > 1 ? 'x' : ''} de données pour « ${name} »`,
    intro: (name: string) => `Votre recherche enregistrée « ${name} » a de nouveaux résultats dans le catalogue Recherche Data Gouv :`,
    more: (n: number) => `… et ${n} autres.`,
    open: 'Voir la recherche :',
    stop: 'Ne plus recevoir ces alertes :',
  },
  en: {
    subject: (n: number, name: string) => `${n} new dataset${n > 1 ? 's' : ''} for “${name}”`,
    intro: (name: string) => `Your saved search “${name}” has new results in the Recherche Data Gouv catalogue:`,
    more: (n: number) => `… and ${n} more.`,
    open: 'Open the search:',
    stop: 'Stop these alerts:',
  },
};

export interface AlertSchedulerOptions {
  db: RecordsDatabase;
  accounts: Accounts;
  searches: SavedSearches;
  mailer: Mailer;
  findNew: FindNew;
  /** The catalogue's public origin, for the links in the e-mails. */
  origin: string;
  links: UnsubscribeLinks;
  logger: Logger;
  now?: () => Date;
}

export class AlertScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly now: () => Date;

  constructor(private readonly options: AlertSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.tick().catch((error: unknown) => this.options.logger.error({ err: error }, 'alert tick failed')), intervalMs);
    this.timer.unref();
    void this.tick().catch((error: unknown) => this.options.logger.error({ err: error }, 'alert tick failed'));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the searches with alerts; the number of e-mails sent. Passes never overlap. */
  tick(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    const { db } = this.options;
    let sent = 0;
    for (const search of this.options.searches.withAlerts()) {
      const at = this.now();
      const pending = db.prepare('SELECT period, since FROM alert_periods WHERE search_id = ? AND sent_at IS NULL').get(search.id) as { period: string; since: string } | undefined;
      const period = pending?.period ?? periodOf(search.frequency, at);
      const since = pending?.since ?? search.alertedAt;
      if (!pending) {
        // "Immediately" claims a period only when there is something new to say.
        if (search.frequency === 'immediate' && (await this.options.findNew(search.query, since)).total === 0) continue;
        const claimed = db.prepare('INSERT OR IGNORE INTO alert_periods (search_id, period, since, claimed_at) VALUES (?, ?, ?, ?)').run(search.id, period, since, at.toISOString());
        if (claimed.changes === 0) continue;
      }
      const found = await this.options.findNew(search.query, since);
      if (found.total > 0 && (await this.mail(search, found))) sent += 1;
      db.transaction(() => {
        db.prepare('UPDATE alert_periods SET sent_at = ?, datasets = ? WHERE search_id = ? AND period = ?').run(this.now().toISOString(), found.total, search.id, period);
        if (found.total > 0) db.prepare('UPDATE saved_searches SET alerted_at = ? WHERE id = ?').run(at.toISOString(), search.id);
      })();
    }
    return sent;
  }

  private async mail(search: SavedSearch, found: Awaited<ReturnType<FindNew>>): Promise<boolean> {
    const owner = this.options.accounts.byId(search.ownerId);
    if (!owner?.email) return false;
    const w = words[owner.lang];
    const origin = this.options.origin;
    const searchPath = owner.lang === 'fr' ? '/fr/recherche' : '/en/search';
    const resourcePath = owner.lang === 'fr' ? '/fr/ressource' : '/en/resource';
    const unsubscribe = `${origin}/alerts/unsubscribe?search=${encodeURIComponent(search.id)}&token=${this.options.links.token(search.id)}`;
    const lines = found.items.map((item) => `- ${item.title ?? item.iri}\n  ${origin}${resourcePath}?iri=${encodeURIComponent(item.iri)}`);
    const text = [w.intro(search.name), '', ...lines, ...(found.total > found.items.length ? [w.more(found.total - found.items.length)] : []), '', `${w.open} ${origin}${searchPath}?${search.query}`, '', `${w.stop} ${unsubscribe}`].join('\n');
    await this.options.mailer.send({ to: owner.email, subject: w.subject(found.total, search.name), text, headers: { 'List-Unsubscribe': `<${unsubscribe}>` } });
    this.options.logger.info({ search: search.id, datasets: found.total }, 'alert sent');
    return true;
  }
}
