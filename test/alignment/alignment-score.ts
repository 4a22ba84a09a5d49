// Scores the keyword alignment on the curator-labelled real records (alignment-evaluation-set.ts):
// recall, the share of labelled records that get at least one right theme; precision, the share of
// themed records whose themes are all right. A theme is right when it is a labelled concept, or
// broader or narrower than one. Per method: how many themes it gave, and how many were right.
import type { ConceptScheme, KeywordAligner } from '../../src/thesaurus/index.js';
import { RecordMapper } from '../../src/mapping/index.js';
import type { RealRecord } from '../support/real-records.js';
import { curatorThemes } from './alignment-evaluation-set.js';

export const thesaurusBase = 'https://w3id.org/maillage/thesaurus/';

export interface AlignmentScore {
  records: number;
  labelled: number;
  themed: number;
  recall: number;
  precision: number;
  byMethod: Record<string, { themes: number; right: number }>;
  /** Records missed (labelled, no right theme) and records with a wrong theme, for reading. */
  misses: string[];
  wrong: string[];
  /** Records read that the evaluation set does not label. */
  unlabelled: string[];
}

/** `keep` scores a part of the aligner only (a peer: whole labels alone, say). */
export function scoreAlignment(records: readonly RealRecord[], aligner: KeywordAligner, scheme: ConceptScheme, keep: (method: string) => boolean = () => true): AlignmentScore {
  const mapper = RecordMapper.load('https://w3id.org/maillage/');
  const family = (local: string) => {
    const iri = `${thesaurusBase}${local}`;
    if (!scheme.concepts.has(iri)) throw new Error(`the evaluation set names ${local}, which the thesaurus does not have`);
    return [iri, ...scheme.ancestors(iri), ...scheme.descendants(iri)];
  };
  const byMethod: AlignmentScore['byMethod'] = {};
  const misses: string[] = [];
  const wrong: string[] = [];
  const unlabelled: string[] = [];
  let labelled = 0;
  let found = 0;
  let themed = 0;
  let allRight = 0;
  for (const { key, record, file } of records) {
    const expected = curatorThemes[key];
    if (expected === undefined) {
      unlabelled.push(`${key} (${file})`);
      continue;
    }
    const mapped = mapper.map({ source: 'real', harvestedAt: '2026-11-22T00:00:00Z', ...record });
    const themes = aligner.alignRecord(mapped.resource, mapped.quads).themes.filter((a) => scheme.concepts.has(a.concept) && keep(a.method));
    const right = new Set(expected.flatMap(family));
    const rightThemes = themes.filter((a) => right.has(a.concept));
    for (const a of themes) {
      const m = (byMethod[a.method] ??= { themes: 0, right: 0 });
      m.themes += 1;
      if (right.has(a.concept)) m.right += 1;
    }
    const local = (a: { concept: string; method: string }) => `${a.concept.slice(thesaurusBase.length)}[${a.method}]`;
    if (expected.length > 0) {
      labelled += 1;
      if (rightThemes.length > 0) found += 1;
      else misses.push(`${key}: expected ${expected.join(', ')}; got ${themes.map(local).join(', ') || 'nothing'}`);
    }
    if (themes.length > 0) {
      themed += 1;
      if (rightThemes.length === themes.length) allRight += 1;
      else wrong.push(`${key}: expected ${expected.join(', ') || 'no theme'}; wrong ${themes.filter((a) => !right.has(a.concept)).map(local).join(', ')}`);
    }
  }
  return { records: records.length, labelled, themed, recall: labelled ? found / labelled : 0, precision: themed ? allRight / themed : 0, byMethod, misses, wrong, unlabelled };
}
