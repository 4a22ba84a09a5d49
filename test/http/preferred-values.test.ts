// One dataset (one DOI) described by four repositories that disagree: GraphQL shows one value per
// property by the documented rules (language, source priority, agreement, stable tie-break),
// while every statement keeps its source.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileHarvester, runHarvest } from '../../src/harvest/index.js';
import type { RunningServer } from '../../src/http/index.js';
import { openRecordsDatabase, RawRecordStore } from '../../src/records/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { startTestServer } from '../support/service.js';

const data = temporaryDataDir('preferred-values');
const doi = '10.99999/preferred-values-demo';
let server: RunningServer;

interface Claims {
  titles: Array<{ title: string; lang?: string }>;
  year?: string;
  licence?: string;
}

/** A DataCite REST record of the shared DOI, as one repository states it. */
function dataciteRecord({ titles, year, licence }: Claims): unknown {
  return {
    data: [
      {
        id: doi,
        type: 'dois',
        attributes: {
          doi,
          titles,
          creators: [{ name: 'Durand, Claire', nameType: 'Personal' }],
          publisher: 'Recherche Data Gouv',
          ...(year ? { publicationYear: year } : {}),
          types: { resourceTypeGeneral: 'Dataset' },
          url: 'https://entrepot.example.org/dataset/preferred',
          ...(licence ? { rightsList: [{ rightsUri: licence }] } : {}),
          updated: '2026-01-01T00:00:00Z',
        },
      },
    ],
  };
}

const repositories: Array<{ name: string; priority: number; claims: Claims }> = [
  // The repository that holds the data: its English title wins, but it has no French one.
  { name: 'home-repository', priority: 2, claims: { titles: [{ title: 'Glacier mass balance, Alps', lang: 'en' }] } },
  // Two aggregators agree on the year; a third says otherwise.
  { name: 'aggregator-a', priority: 1, claims: { titles: [{ title: 'Alpine glacier mass balance', lang: 'en' }, { title: 'Bilan de masse des glaciers alpins', lang: 'fr' }], year: '2021', licence: 'https://creativecommons.org/licenses/by/4.0/' } },
  { name: 'aggregator-b', priority: 1, claims: { titles: [{ title: 'Glaciers: mass balance', lang: 'en' }], year: '2021' } },
  { name: 'aggregator-c', priority: 1, claims: { titles: [{ title: 'Mass balance', lang: 'en' }], year: '2020', licence: 'https://creativecommons.org/publicdomain/zero/1.0/' } },
];

beforeAll(async () => {
  const db = openRecordsDatabase(data.dir, { synchronous: 'NORMAL' });
  const records = new RawRecordStore(db);
  for (const repository of repositories) {
    const file = path.join(data.dir, `${repository.name}.json`);
    writeFileSync(file, JSON.stringify(dataciteRecord(repository.claims)));
    const run = await runHarvest(records, repository.name, new FileHarvester([file]), { full: true });
    expect(run.status).toBe('completed');
  }
  db.close();
  const sources = {
    sources: repositories.map((r) => ({ name: r.name, protocol: 'datacite', url: 'https://api.datacite.org', priority: r.priority })),
  };
  writeFileSync(path.join(data.dir, 'sources.json'), JSON.stringify(sources));
  server = await startTestServer(data.dir, { MAILLAGE_SOURCES: path.join(data.dir, 'sources.json') });
}, 90_000);

afterAll(async () => {
  await server?.close();
  data.remove();
});

async function dataset(): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ dataset(doi: "${doi}") { en: title(lang: en) fr: title(lang: fr) issued licence sources } }` }),
  });
  const answer = (await response.json()) as { data: { dataset: Record<string, unknown> }; errors?: unknown };
  expect(answer.errors).toBeUndefined();
  return answer.data.dataset;
}

describe('one value per property when sources disagree', () => {
  it('is one resource that every source keeps stating', async () => {
    expect(((await dataset()).sources as string[]).sort()).toEqual(repositories.map((r) => r.name).sort());
  });

  it('takes the language asked for first, then the source with the highest priority', async () => {
    const shown = await dataset();
    expect(shown.en).toBe('Glacier mass balance, Alps');
    // Only an aggregator has a French title: the language comes before the priority.
    expect(shown.fr).toBe('Bilan de masse des glaciers alpins');
  });

  it('takes among equal priorities the value most records state, then the smallest', async () => {
    const shown = await dataset();
    expect(shown.issued).toBe('2021');
    // One record each for two licences at the same priority (mapped to the EU licence table): the
    // smallest IRI, CC0 before CC_BY_4_0, on every request.
    expect(shown.licence).toBe('http://publications.europa.eu/resource/authority/licence/CC0');
    expect((await dataset()).licence).toBe(shown.licence);
  });
});
