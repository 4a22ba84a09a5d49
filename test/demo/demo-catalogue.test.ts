// The demo catalogue: over 1,000 linked records in five source formats, taken in by the ingest
// path on a fresh service's first start, and only then.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoIds, orcidOf, rorOf, writeDemoCatalogue } from '../../src/demo/index.js';
import { openRecordsDatabase, RawRecordStore } from '../../src/records/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { spawnService } from '../support/service.js';

const data = temporaryDataDir('demo');
afterAll(() => data.remove());

/** ORCID's check digit (ISO 7064 MOD 11-2), computed independently of the generator. */
function orcidIsValid(orcid: string): boolean {
  const digits = orcid.replace('https://orcid.org/', '').replace(/-/g, '');
  const total = [...digits.slice(0, 15)].reduce((sum, d) => (sum + Number(d)) * 2, 0);
  const check = (12 - (total % 11)) % 11;
  return digits[15] === (check === 10 ? 'X' : String(check));
}

describe('demo catalogue', () => {
  it('generates valid ORCID and ROR identifiers', () => {
    for (let n = 0; n < 50; n += 1) expect(orcidIsValid(orcidOf(n)), orcidOf(n)).toBe(true);
    for (let n = 0; n < 50; n += 1) expect(rorOf(n)).toMatch(/^https:\/\/ror\.org\/0[0-9a-hjkmnp-tv-z]{6}\d{2}$/);
  });

  it('links its records: datasets cite publications and software that exist in the catalogue', () => {
    const folder = path.join(data.dir, 'files');
    const { files } = writeDemoCatalogue(folder);
    const hal = JSON.parse(readFileSync(path.join(folder, 'hal-publications.json'), 'utf8')) as { response: { docs: Array<{ doiId_s: string; researchData_s: string[] }> } };
    const publicationDois = new Set(hal.response.docs.map((d) => d.doiId_s));
    const oai = files.filter((f) => f.includes('oai-datacite')).map((f) => readFileSync(f, 'utf8')).join('');
    const cited = [...oai.matchAll(/relationType="IsCitedBy">([^<]+)</g)].map((m) => m[1]!);
    expect(cited.length).toBeGreaterThan(400);
    expect(cited.every((doi) => publicationDois.has(doi))).toBe(true);
    expect(hal.response.docs.every((d) => d.researchData_s.every((doi) => oai.includes(`>${doi}</identifier>`)))).toBe(true);
    expect(oai).toContain(demoIds.grant(1));
    // Each dataset's box is where its place is: Guyane between 1°N and 6°N in South America,
    // Kerguelen and Dumont d'Urville are in the southern hemisphere, the others in France.
    const boxes = [...oai.matchAll(/<geoLocationPlace>([^<]+)<\/geoLocationPlace><geoLocationBox><westBoundLongitude>([^<]+)<\/westBoundLongitude><eastBoundLongitude>[^<]+<\/eastBoundLongitude><southBoundLatitude>([^<]+)</g)];
    expect(boxes.length).toBeGreaterThan(400);
    for (const [, place, west, south] of boxes) {
      const [w, s] = [Number(west), Number(south)];
      if (place === 'Guyane') expect([place, w < -50 && s > 1 && s < 6]).toEqual([place, true]);
      else if (place === 'Kerguelen' || place === 'Dumont d’Urville') expect([place, s < -45]).toEqual([place, true]);
      else expect([place, w > -6 && w < 9 && s > 42 && s < 51]).toEqual([place, true]);
    }
  });

  it('is taken in on a fresh service’s first start, in five formats, and not again', async () => {
    const dir = path.join(data.dir, 'service');
    for (let start = 0; start < 2; start += 1) {
      const service = await spawnService(dir, { DEMO_CATALOGUE: 'true' });
      const runs = (await (await fetch(`${service.url}/harvests?source=demo`)).json()) as { runs: Array<{ status: string; new: number; failed: number }> };
      expect(runs.runs).toEqual([expect.objectContaining({ status: 'completed', new: 1030, failed: 0 })]);
      service.child.kill('SIGTERM');
      await service.exited;
    }
    const db = openRecordsDatabase(dir, { synchronous: 'NORMAL' });
    try {
      expect(new RawRecordStore(db).formats('demo')).toEqual({ 'ckan-json': 120, 'datacite-json': 120, 'hal-json': 250, oai_datacite: 500, 'ror-json': 40 });
    } finally {
      db.close();
    }
  });
});
