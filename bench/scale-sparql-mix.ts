// The ten kinds of catalogue query of `bench sparql`, written for the catalogue as Maillage derives
// it (the demo generator's records, DCAT-AP as mapped), for `bench scale`: aggregates over every
// dataset, one record's graph, a dataset's card, lookups by keyword, publisher, title and creator.
import { demoIds, orcidOf } from '../src/demo/index.js';

const dcat = 'http://www.w3.org/ns/dcat#';
const dct = 'http://purl.org/dc/terms/';
const foaf = 'http://xmlns.com/foaf/0.1/';
const id = 'https://w3id.org/maillage/id/';
const words = ['nuages', 'océans', 'climat', 'aérosols'];

export function scaleSparqlMix(datasets: number): Record<string, (run: number) => string> {
  const dataset = (run: number) => `<${id}doi/${demoIds.datasetDoi((run * 7919) % datasets).toLowerCase()}>`;
  return {
    'count per theme': () => `SELECT ?theme (COUNT(?d) AS ?n) WHERE { ?d a <${dcat}Dataset> ; <${dcat}theme> ?theme } GROUP BY ?theme ORDER BY DESC(?n)`,
    'count per licence': () => `SELECT ?l (COUNT(?d) AS ?n) WHERE { ?d <${dct}license> ?l } GROUP BY ?l`,
    'count per year': () => `SELECT ?y (COUNT(?d) AS ?n) WHERE { ?d <${dct}issued> ?date BIND(SUBSTR(STR(?date), 1, 4) AS ?y) } GROUP BY ?y ORDER BY ?y`,
    'record by graph': (run) => `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ${dataset(run)} a ?type } GRAPH ?g { ?s ?p ?o } }`,
    'dataset card': (run) =>
      `SELECT ?title ?issued ?publisherName WHERE { ${dataset(run)} <${dct}title> ?title ; <${dct}issued> ?issued ; <${dct}publisher> ?pub . ?pub <${foaf}name> ?publisherName FILTER(LANG(?title) = "fr") }`,
    'keyword lookup': (run) => `SELECT ?d ?title WHERE { ?d <${dcat}keyword> "${words[run % words.length]}"@fr ; <${dct}title> ?title FILTER(LANG(?title) = "fr") } LIMIT 20`,
    'publisher datasets by date': () =>
      `SELECT ?d ?issued WHERE { ?d <${dct}publisher> ?p ; <${dct}issued> ?issued . ?p <${foaf}name> "Recherche Data Gouv" } ORDER BY DESC(?issued) LIMIT 20`,
    'title contains': (run) => `SELECT ?d ?t WHERE { ?d a <${dcat}Dataset> ; <${dct}title> ?t FILTER(CONTAINS(LCASE(STR(?t)), "${['brest', 'guyane', 'toulouse', 'kerguelen'][run % 4]}")) } LIMIT 20`,
    'linked publications': (run) => `SELECT ?pub ?other WHERE { ${dataset(run)} <${dct}isReferencedBy> ?pub . ?other <${dct}isReferencedBy> ?pub }`,
    'ask by creator': (run) => `ASK { ?d <${dct}creator> <${orcidOf(run % 200).replace('https://orcid.org/', `${id}orcid/`)}> }`,
  };
}
