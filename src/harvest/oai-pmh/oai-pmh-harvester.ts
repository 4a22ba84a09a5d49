// Owns harvesting an OAI-PMH 2.0 repository: ListRecords with resumption tokens, sets, from/until
// at the repository's datestamp granularity, deleted records, and the protocol's errors
// (noRecordsMatch ends cleanly; an expired resumption token restarts the list).
import { HarvestProtocolError, startOfList, type Harvester, type HarvestStart } from '../harvester.js';
import type { HarvestPage } from '../../records/index.js';
import type { PoliteHttpClient } from '../polite-http-client.js';
import { metadataCheckFor } from './metadata-formats.js';
import { parseOaiPage } from './oai-pmh-page.js';

export interface OaiPmhSource {
  url: string;
  metadataPrefix: string;
  set?: string;
  until?: string;
}

export class OaiPmhHarvester implements Harvester {
  readonly protocol = 'oai-pmh';

  constructor(
    private readonly http: PoliteHttpClient,
    private readonly source: OaiPmhSource,
  ) {}

  private url(params: Record<string, string | undefined>): string {
    const url = new URL(this.source.url);
    for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
    return url.toString();
  }

  private async fetchPage(params: Record<string, string | undefined>) {
    const { body } = await this.http.get(this.url(params), 'text/xml, application/xml');
    return parseOaiPage(body, this.source.metadataPrefix, metadataCheckFor(this.source.metadataPrefix));
  }

  /** `from` cut to the repository's granularity (a day-granular repository refuses times). */
  private async fromParameter(from: string | null): Promise<string | undefined> {
    if (!from) return undefined;
    const identify = await this.fetchPage({ verb: 'Identify' });
    return identify.granularity === 'YYYY-MM-DD' ? from.slice(0, 10) : from;
  }

  async *pages(start: HarvestStart): AsyncGenerator<HarvestPage> {
    let cursor = start.cursor || null;
    let from: string | undefined;
    let fromResolved = false;
    // A repository that refuses every token, or sends one token again, would keep a run going
    // forever: one restart per run, and a token seen twice ends the run with the reason.
    let restarted = false;
    const tokensSeen = new Set<string>();
    for (;;) {
      const notes: string[] = [];
      if (!cursor && !fromResolved) {
        from = await this.fromParameter(start.from);
        fromResolved = true;
      }
      const params = cursor
        ? { verb: 'ListRecords', resumptionToken: cursor }
        : { verb: 'ListRecords', metadataPrefix: this.source.metadataPrefix, set: this.source.set, from, until: this.source.until };
      const page = await this.fetchPage(params);
      if (page.error) {
        if (page.error.code === 'noRecordsMatch') {
          yield { records: [], failures: [], next: null, notes: ['noRecordsMatch: nothing new'] };
          return;
        }
        if (page.error.code === 'badResumptionToken' && cursor && !restarted) {
          restarted = true;
          // Tokens expire; records are keyed and checksummed, so starting the list again is safe.
          notes.push(`resumption token ${cursor} was refused (${page.error.message || 'badResumptionToken'}); restarting the list`);
          cursor = null;
          tokensSeen.clear();
          yield { records: [], failures: [], next: startOfList, notes };
          continue;
        }
        throw new HarvestProtocolError(`OAI-PMH error ${page.error.code}: ${page.error.message}`);
      }
      cursor = page.resumptionToken;
      if (cursor !== null) {
        if (tokensSeen.has(cursor)) throw new HarvestProtocolError(`the repository sent the resumption token ${JSON.stringify(cursor.slice(0, 200))} a second time in one list; stopping rather than looping`);
        tokensSeen.add(cursor);
      }
      yield { records: page.records, failures: page.failures, next: cursor, notes };
      if (!cursor) return;
    }
  }
}
