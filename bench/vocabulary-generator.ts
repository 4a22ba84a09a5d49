// Generates a large SKOS vocabulary for benchmarks: FR/EN labels made of domain words, a four-level
// hierarchy, altLabels on some concepts. Seeded, so every run gets the same vocabulary.
import { seededRandom } from '../src/demo/seeded-random.js';

const nounsFr = ['aérosol', 'pluie', 'sol', 'glacier', 'rivière', 'forêt', 'océan', 'nuage', 'vent', 'sédiment', 'lac', 'volcan', 'corail', 'plancton', 'dune', 'tourbière', 'estuaire', 'banquise', 'nappe', 'prairie'];
const nounsEn = ['aerosol', 'rain', 'soil', 'glacier', 'river', 'forest', 'ocean', 'cloud', 'wind', 'sediment', 'lake', 'volcano', 'coral', 'plankton', 'dune', 'peatland', 'estuary', 'pack ice', 'aquifer', 'grassland'];
const qualifiersFr = ['température', 'chimie', 'dynamique', 'érosion', 'pollution', 'biodiversité', 'hydrologie', 'modélisation', 'observation', 'carbone', 'salinité', 'acidité', 'turbidité', 'humidité', 'albédo'];
const qualifiersEn = ['temperature', 'chemistry', 'dynamics', 'erosion', 'pollution', 'biodiversity', 'hydrology', 'modelling', 'observation', 'carbon', 'salinity', 'acidity', 'turbidity', 'humidity', 'albedo'];
const placesFr = ['alpin', 'côtier', 'tropical', 'polaire', 'urbain', 'méditerranéen', 'profond', 'littoral', 'continental', 'insulaire'];
const placesEn = ['alpine', 'coastal', 'tropical', 'polar', 'urban', 'mediterranean', 'deep', 'littoral', 'continental', 'island'];

export interface GeneratedVocabulary {
  scheme: string;
  ntriples: string;
  concepts: number;
  labelsFr: string[];
}

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

export function generateVocabulary(concepts = 40_000, seed = 7): GeneratedVocabulary {
  const random = seededRandom(seed);
  const scheme = 'https://bench.example.org/vocabulary/';
  const lines: string[] = [`<${scheme}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2004/02/skos/core#ConceptScheme> .`, `<${scheme}> <https://w3id.org/mod#acronym> "BENCH" .`];
  const skos = (p: string) => `<http://www.w3.org/2004/02/skos/core#${p}>`;
  const labelsFr: string[] = [];
  const parents: number[] = [];
  for (let i = 0; i < concepts; i += 1) {
    const iri = `<${scheme}c${i}>`;
    const n = Math.floor(random() * nounsFr.length);
    const q = Math.floor(random() * qualifiersFr.length);
    const p = Math.floor(random() * placesFr.length);
    // Labels stay unique through a series number, as in real vocabularies of stations or taxa.
    const fr = `${qualifiersFr[q]} du ${nounsFr[n]} ${placesFr[p]} ${i}`;
    const en = `${placesEn[p]} ${nounsEn[n]} ${qualifiersEn[q]} ${i}`;
    labelsFr.push(fr);
    lines.push(`${iri} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ${skos('Concept')} .`, `${iri} ${skos('inScheme')} <${scheme}> .`);
    lines.push(`${iri} ${skos('prefLabel')} "${esc(fr)}"@fr .`, `${iri} ${skos('prefLabel')} "${esc(en)}"@en .`);
    if (i % 5 === 0) lines.push(`${iri} ${skos('altLabel')} "${esc(`${nounsFr[n]} ${qualifiersFr[q]} ${i}`)}"@fr .`);
    if (i < 40) lines.push(`${iri} ${skos('topConceptOf')} <${scheme}> .`);
    else lines.push(`${iri} ${skos('broader')} <${scheme}c${parents[Math.floor(random() * parents.length)] ?? 0}> .`);
    if (i < concepts / 4) parents.push(i);
  }
  return { scheme, ntriples: `${lines.join('\n')}\n`, concepts, labelsFr };
}

/** Abstracts of about 150 words that mention some of the vocabulary's labels among plain words. */
export function generateAbstracts(vocabulary: GeneratedVocabulary, count: number, seed = 11): string[] {
  const random = seededRandom(seed);
  const filler = 'nous présentons une série de mesures acquises pendant trois campagnes de terrain afin de mieux comprendre les processus étudiés et leur variabilité saisonnière'.split(' ');
  return Array.from({ length: count }, () => {
    const words: string[] = [];
    while (words.length < 150) {
      if (random() < 0.1) words.push(...vocabulary.labelsFr[Math.floor(random() * vocabulary.labelsFr.length)]!.split(' '));
      else words.push(filler[Math.floor(random() * filler.length)]!);
    }
    return `${words.join(' ')}.`;
  });
}
