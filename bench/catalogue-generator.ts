// Generates catalogue-shaped RDF for benchmarks: one named graph per dataset record (DCAT-AP:
// titles FR/EN, descriptions, keywords, EU data themes, publisher, ORCID creators, dates,
// temporal coverage, a distribution, licence, a related publication), plus organisations.
// Seeded, so two runs (and two backends) get the same data.
import { seededRandom } from '../src/demo/seeded-random.js';

export interface CatalogueShape {
  datasets: number;
  organisations: number;
  seed?: number;
}

const dcat = 'http://www.w3.org/ns/dcat#';
const dct = 'http://purl.org/dc/terms/';
const foaf = 'http://xmlns.com/foaf/0.1/';
const xsd = 'http://www.w3.org/2001/XMLSchema#';
const base = 'https://catalogue.example.org/';
const themes = ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN'];
const licences = ['CC-BY-4.0', 'CC0-1.0', 'etalab-2.0', 'CC-BY-SA-4.0', 'ODbL-1.0'];
const wordsFr = ['océan', 'atmosphère', 'climat', 'biodiversité', 'sol', 'aérosols', 'précipitations', 'glacier', 'forêt', 'rivière', 'génome', 'santé', 'énergie', 'ville', 'mobilité', 'agriculture'];
const wordsEn = ['ocean', 'atmosphere', 'climate', 'biodiversity', 'soil', 'aerosols', 'precipitation', 'glacier', 'forest', 'river', 'genome', 'health', 'energy', 'city', 'mobility', 'agriculture'];

export const catalogueIris = {
  dataset: (i: number) => `${base}dataset/${i}`,
  graph: (i: number) => `${base}record/${i}`,
  organisation: (i: number) => `${base}organisation/${i}`,
  person: (i: number) => `https://orcid.org/0000-0002-${String(1000 + (i % 9000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`,
  theme: (code: string) => `http://publications.europa.eu/resource/authority/data-theme/${code}`,
  keywordFr: (i: number) => wordsFr[i % wordsFr.length]!,
  organisationsGraph: `${base}graph/organisations`,
};

function literal(value: string, lang?: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"${lang ? `@${lang}` : ''}`;
}

/** Yields N-Quads text in chunks of about `datasetsPerChunk` records. */
export function* generateCatalogue(shape: CatalogueShape, datasetsPerChunk = 2000): Generator<{ nquads: string; quads: number }> {
  const next = seededRandom(shape.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  let lines: string[] = [];
  const emit = (s: string, p: string, o: string, g: string) => lines.push(`<${s}> <${p}> ${o} <${g}> .`);
  const flush = function* () {
    if (lines.length === 0) return;
    yield { nquads: `${lines.join('\n')}\n`, quads: lines.length };
    lines = [];
  };

  const orgGraph = catalogueIris.organisationsGraph;
  for (let o = 0; o < shape.organisations; o += 1) {
    const org = catalogueIris.organisation(o);
    emit(org, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', `<${foaf}Organization>`, orgGraph);
    emit(org, `${foaf}name`, literal(`Laboratoire ${o}`, 'fr'), orgGraph);
    emit(org, `${foaf}name`, literal(`Laboratory ${o}`, 'en'), orgGraph);
    emit(org, 'http://www.w3.org/ns/adms#identifier', `<https://ror.org/0${(o * 7919).toString(36).padStart(8, '0')}>`, orgGraph);
  }
  yield* flush();

  for (let i = 0; i < shape.datasets; i += 1) {
    const d = catalogueIris.dataset(i);
    const g = catalogueIris.graph(i);
    const w1 = Math.floor(next() * wordsFr.length);
    const w2 = Math.floor(next() * wordsFr.length);
    const year = 2000 + Math.floor(next() * 25);
    emit(d, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', `<${dcat}Dataset>`, g);
    emit(d, `${dct}title`, literal(`Mesures de ${wordsFr[w1]} et ${wordsFr[w2]} n°${i}`, 'fr'), g);
    emit(d, `${dct}title`, literal(`Measurements of ${wordsEn[w1]} and ${wordsEn[w2]} #${i}`, 'en'), g);
    emit(d, `${dct}description`, literal(`Jeu de données sur ${wordsFr[w1]} observé entre ${year} et ${year + 2}.`, 'fr'), g);
    emit(d, `${dct}identifier`, literal(`10.12345/bench.${i}`), g);
    emit(d, `${dcat}keyword`, literal(wordsFr[w1]!, 'fr'), g);
    emit(d, `${dcat}keyword`, literal(wordsEn[w2]!, 'en'), g);
    emit(d, `${dcat}theme`, `<${catalogueIris.theme(pick(themes))}>`, g);
    emit(d, `${dct}publisher`, `<${catalogueIris.organisation(Math.floor(next() * shape.organisations))}>`, g);
    emit(d, `${dct}creator`, `<${catalogueIris.person(Math.floor(next() * shape.datasets))}>`, g);
    emit(d, `${dct}issued`, `"${year}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}"^^<${xsd}date>`, g);
    emit(d, `${dct}modified`, `"${year + 1}-06-01T12:00:00Z"^^<${xsd}dateTime>`, g);
    emit(d, `${dct}license`, `<http://publications.europa.eu/resource/authority/licence/${pick(licences)}>`, g);
    emit(d, `${dcat}landingPage`, `<https://doi.org/10.12345/bench.${i}>`, g);
    const temporal = `${d}#temporal`;
    emit(d, `${dct}temporal`, `<${temporal}>`, g);
    emit(temporal, `${dcat}startDate`, `"${year}-01-01"^^<${xsd}date>`, g);
    emit(temporal, `${dcat}endDate`, `"${year + 2}-12-31"^^<${xsd}date>`, g);
    const distribution = `${d}#distribution`;
    emit(d, `${dcat}distribution`, `<${distribution}>`, g);
    emit(distribution, `${dcat}accessURL`, `<https://data.example.org/files/${i}>`, g);
    emit(distribution, `${dct}format`, `<http://publications.europa.eu/resource/authority/file-type/${pick(['CSV', 'NETCDF', 'JSON', 'ZIP'])}>`, g);
    emit(d, `${dct}isReferencedBy`, `<https://doi.org/10.5555/paper.${Math.floor(i / 3)}>`, g);
    emit(`https://doi.org/10.5555/paper.${Math.floor(i / 3)}`, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', '<http://purl.org/spar/fabio/ScholarlyWork>', g);
    if ((i + 1) % datasetsPerChunk === 0) yield* flush();
  }
  yield* flush();
}

/** Datasets needed for about `triples` quads (22 per dataset, organisations aside). */
export function shapeForTriples(triples: number): CatalogueShape {
  const datasets = Math.max(100, Math.round(triples / 22));
  return { datasets, organisations: Math.max(10, Math.round(datasets / 200)) };
}
