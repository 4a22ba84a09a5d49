// Owns harvesting JSON APIs that page through a result list (DataCite REST, CKAN, HAL, ROR,
// Dataverse): each protocol is an adapter that builds the first URL, finds the items and the next
// page; the next page's URL is the checkpoint. A bad item is kept aside; the page goes on.
import { HarvestProtocolError, type Harvester, type HarvestStart } from '../harvester.js';
import type { HarvestPage, RawRecord, RecordFailure } from '../../records/index.js';
import type { PoliteHttpClient } from '../polite-http-client.js';

export interface ItemIdentity {
  id: string;
  datestamp: string | null;
  deleted?: boolean;
}

export interface JsonApiAdapter {
  readonly protocol: string;
  /** The format recorded with each raw record. */
  readonly format: string;
  firstUrl(from: string | null): string;
  /** The page's items; throws when the page is not this API's shape. */
  items(page: unknown): unknown[];
  /** The item's identity, or a reason it cannot be taken in. */
  identify(item: unknown): ItemIdentity | string;
  nextUrl(page: unknown, currentUrl: string, itemCount: number): string | null;
  /** Optional second request per item (e.g. Dataverse's full metadata export). */
  expand?(item: unknown, identity: ItemIdentity, http: PoliteHttpClient): Promise<unknown>;
}

export class JsonPagedHarvester implements Harvester {
  readonly protocol: string;

  constructor(
    private readonly http: PoliteHttpClient,
    private readonly adapter: JsonApiAdapter,
  ) {
    this.protocol = adapter.protocol;
  }

  async *pages(start: HarvestStart): AsyncGenerator<HarvestPage> {
    let url: string | null = start.cursor || this.adapter.firstUrl(start.from);
    while (url) {
      const current: string = url;
      const { body } = await this.http.get(current, 'application/json, application/vnd.api+json');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch (error) {
        throw new HarvestProtocolError(`${current} did not answer JSON: ${(error as Error).message}`);
      }
      let items: unknown[];
      try {
        items = this.adapter.items(json);
      } catch (error) {
        throw new HarvestProtocolError(`${current}: ${(error as Error).message}`);
      }
      const records: RawRecord[] = [];
      const failures: RecordFailure[] = [];
      await Promise.all(
        items.map(async (item, index) => {
          const identity = this.adapter.identify(item);
          if (typeof identity === 'string') {
            failures.push({ recordId: null, reason: `item ${index}: ${identity}`, excerpt: JSON.stringify(item)?.slice(0, 500) });
            return;
          }
          try {
            const content = this.adapter.expand && !identity.deleted ? await this.adapter.expand(item, identity, this.http) : item;
            records[index] = { ...identity, format: this.adapter.format, content: identity.deleted ? '' : JSON.stringify(content) };
          } catch (error) {
            failures.push({ recordId: identity.id, reason: (error as Error).message });
          }
        }),
      );
      url = this.adapter.nextUrl(json, current, items.length);
      yield { records: records.filter(Boolean), failures, next: url };
    }
  }
}

/** Reads a nested property, or undefined. */
export function at(value: unknown, ...path: Array<string | number>): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

export function arrayAt(value: unknown, description: string, ...path: Array<string | number>): unknown[] {
  const found = at(value, ...path);
  if (!Array.isArray(found)) throw new Error(`not ${description}: no array at ${path.join('.')}`);
  return found;
}

export const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : null);
