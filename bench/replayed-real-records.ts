// Replays the real records of ../shared/data as a harvest source, many times over with their DOIs
// changed (copy k of 10.5072/abc is 10.5072/abc-r{k}), so a scaled catalogue carries the weight of
// real records: the thousand-author physics papers, the hundreds of keywords. Only records with a
// DOI are replayed: it is what tells their copies apart. People, organisations and licences stay as
// they are, as in a real catalogue where the same people publish many datasets.
import type { Harvester, HarvestStart } from '../src/harvest/index.js';
import type { HarvestPage, RawRecord } from '../src/records/index.js';
import { readRealRecords } from '../test/support/real-records.js';

const doi = /\b(10\.\d{4,9}\/[^\s"'<>&\\]+?)(?=[\s"'<>&\\]|$)/g;
const hasDoi = /\b10\.\d{4,9}\//;

export async function realRecordsWithDoi(): Promise<RawRecord[]> {
  return (await readRealRecords()).map((r) => r.record).filter((record) => hasDoi.test(record.content));
}

export class ReplayedRealRecords implements Harvester {
  readonly protocol = 'file';

  constructor(
    private readonly records: readonly RawRecord[],
    private readonly count: number,
    private readonly perPage = 200,
  ) {}

  async *pages(start: HarvestStart): AsyncGenerator<HarvestPage> {
    for (let first = Number(start.cursor || 0); first < this.count; first += this.perPage) {
      const records = Array.from({ length: Math.min(this.perPage, this.count - first) }, (_, i) => this.copy(first + i));
      const next = first + this.perPage < this.count ? String(first + this.perPage) : null;
      yield { records, failures: [], next };
    }
  }

  private copy(n: number): RawRecord {
    const original = this.records[n % this.records.length]!;
    const k = Math.floor(n / this.records.length);
    return { ...original, id: `${original.id}#r${k}`, content: original.content.replace(doi, (_, value: string) => `${value}-r${k}`) };
  }
}
