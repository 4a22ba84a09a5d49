// The behaviour every GraphStore backend must show; run against each implementation.
import { randomBytes } from 'node:crypto';
import { Parser as N3Parser, Store as N3Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuerySyntaxError, RdfSyntaxError, BadRequestError } from '../../src/errors/index.js';
import { mediaTypes } from '../../src/rdf/index.js';
import type { GraphStore } from '../../src/store/index.js';
import { applyEdits, ConceptScheme } from '../../src/thesaurus/index.js';
import { schemeUpdate } from '../../src/thesaurus/concept-update.js';

export interface ContractSubject {
  store: GraphStore;
  cleanup(): Promise<void>;
}

const ex = 'http://example.org/';

function countOf(result: Awaited<ReturnType<GraphStore['query']>>): number {
  if (result.form !== 'SELECT') throw new Error(`expected SELECT, got ${result.form}`);
  return Number(result.bindings[0]?.n?.value ?? NaN);
}

export function describeGraphStoreContract(name: string, open: () => Promise<ContractSubject>, skipReason: string | null = null): void {
  describe.skipIf(skipReason !== null)(`GraphStore contract: ${name}${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
    let subject: ContractSubject;
    let store: GraphStore;
    const run = randomBytes(4).toString('hex');
    const g = (local: string): string => `http://example.org/graph/${run}/${local}`;
    const inGraph = async (graph: string): Promise<number> =>
      countOf(await store.query(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`));

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(async () => subject?.cleanup());

    it('replaces a named graph with a Turtle payload and answers SELECT over it', async () => {
      await store.replaceGraph(g('a'), { data: `@prefix ex: <${ex}> . ex:d1 a ex:Dataset ; ex:title "Océans"@fr, "Oceans"@en .`, format: mediaTypes.turtle });
      // Sorted here: SPARQL leaves the order of language-tagged literals to the store (`<` is not
      // defined on them), and Virtuoso orders them by how they were loaded.
      const result = await store.query(`SELECT ?t WHERE { GRAPH <${g('a')}> { <${ex}d1> <${ex}title> ?t } }`);
      expect(result.form).toBe('SELECT');
      if (result.form !== 'SELECT') return;
      expect(result.bindings.map((row) => [row.t!.value, (row.t as { language: string }).language]).sort()).toEqual([
        ['Oceans', 'en'],
        ['Océans', 'fr'],
      ]);
    });

    it('replacing a graph removes what it held before', async () => {
      await store.replaceGraph(g('b'), { data: `<${ex}s> <${ex}p> "old1", "old2" .`, format: mediaTypes.turtle });
      await store.replaceGraph(g('b'), { data: `<${ex}s> <${ex}p> "new" .`, format: mediaTypes.nTriples });
      const result = await store.query(`SELECT ?o WHERE { GRAPH <${g('b')}> { ?s ?p ?o } }`);
      expect(result.form === 'SELECT' && result.bindings.map((row) => row.o!.value)).toEqual(['new']);
    });

    it('drops a graph, and dropping a missing graph is not an error', async () => {
      await store.replaceGraph(g('c'), { data: `<${ex}s> <${ex}p> "x" .`, format: mediaTypes.nTriples });
      await store.dropGraph(g('c'));
      expect(await inGraph(g('c'))).toBe(0);
      await expect(store.dropGraph(g('never-written'))).resolves.toBeDefined();
    });

    it('applies a batch of writes together', async () => {
      await store.applyBatch([
        { kind: 'replace', graph: g('batch1'), payload: { data: `<${ex}s> <${ex}p> "1" .`, format: mediaTypes.nTriples } },
        { kind: 'replace', graph: g('batch2'), payload: { data: `<${ex}s> <${ex}p> "2" .`, format: mediaTypes.nTriples } },
        { kind: 'drop', graph: g('b') },
      ]);
      expect([await inGraph(g('batch1')), await inGraph(g('batch2')), await inGraph(g('b'))]).toEqual([1, 1, 0]);
    });

    it('refuses a batch with one unparsable payload and changes nothing', async () => {
      const before = await inGraph(g('batch1'));
      const attempt = store.applyBatch([
        { kind: 'drop', graph: g('batch1') },
        { kind: 'replace', graph: g('batch3'), payload: { data: `<${ex}s> <${ex}p> "broken .`, format: mediaTypes.nTriples } },
      ]);
      await expect(attempt).rejects.toBeInstanceOf(RdfSyntaxError);
      expect(await inGraph(g('batch1'))).toBe(before);
      expect(await inGraph(g('batch3'))).toBe(0);
    });

    it('reports where an RDF payload is broken', async () => {
      const error = await store
        .replaceGraph(g('bad'), { data: `<${ex}s> <${ex}p> "fine" .\n<${ex}s> <${ex}p> <not an iri> .`, format: mediaTypes.turtle })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RdfSyntaxError);
      expect((error as RdfSyntaxError).details.line).toBe(2);
    });

    it('refuses a graph name that is not an absolute IRI', async () => {
      await expect(store.dropGraph('not an iri')).rejects.toBeInstanceOf(BadRequestError);
      await expect(store.replaceGraph('http://x/a>b', { data: '', format: mediaTypes.nTriples })).rejects.toBeInstanceOf(BadRequestError);
    });

    it('answers ASK, CONSTRUCT and DESCRIBE as RDF/JS terms', async () => {
      const ask = await store.query(`ASK { GRAPH <${g('a')}> { <${ex}d1> a <${ex}Dataset> } }`);
      expect(ask).toEqual({ form: 'ASK', boolean: true });
      expect(await store.query(`ASK { GRAPH <${g('a')}> { <${ex}nobody> ?p ?o } }`)).toEqual({ form: 'ASK', boolean: false });
      for (const results of [mediaTypes.sparqlResultsJson, mediaTypes.sparqlResultsXml]) {
        const serialized = await store.querySerialized(`ASK { <${ex}nobody> ?p ?o }`, { results, graph: mediaTypes.nTriples });
        expect(serialized.body).toMatch(/"boolean"\s*:\s*false|<boolean>false<\/boolean>/);
      }
      const construct = await store.query(`CONSTRUCT { ?d <${ex}label> ?t } WHERE { GRAPH <${g('a')}> { ?d <${ex}title> ?t } }`);
      expect(construct.form === 'CONSTRUCT' && construct.quads.length).toBe(2);
      const describe = await store.query(`DESCRIBE <${ex}d1>`, { defaultGraphs: [g('a')] });
      expect(describe.form === 'DESCRIBE' && describe.quads.length).toBeGreaterThanOrEqual(3);
    });

    it.each([
      [mediaTypes.sparqlResultsJson, (body: string) => JSON.parse(body).results.bindings.length],
      [mediaTypes.sparqlResultsXml, (body: string) => body.match(/<result>/g)?.length ?? 0],
      [mediaTypes.sparqlResultsCsv, (body: string) => body.trim().split(/\r?\n/).length - 1],
      [mediaTypes.sparqlResultsTsv, (body: string) => body.trim().split(/\r?\n/).length - 1],
    ])('serializes SELECT results as %s', async (format, rows) => {
      const result = await store.querySerialized(`SELECT ?t WHERE { GRAPH <${g('a')}> { ?d <${ex}title> ?t } }`, {
        results: format,
        graph: mediaTypes.nTriples,
      });
      expect(result.form).toBe('SELECT');
      expect(rows(result.body)).toBe(2);
    });

    it.each([mediaTypes.nTriples, mediaTypes.turtle])('serializes CONSTRUCT results as %s', async (format) => {
      const result = await store.querySerialized(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${g('a')}> { ?s ?p ?o } }`, {
        results: mediaTypes.sparqlResultsJson,
        graph: format,
      });
      expect(new N3Parser({ format }).parse(result.body)).toHaveLength(3);
    });

    it('reports a malformed query with its position, before running it', async () => {
      const error = await store.query('SELECT ?x WHERE {\n  ?x ?y }').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QuerySyntaxError);
      expect((error as QuerySyntaxError).details).toMatchObject({ line: 2 });
    });

    it('runs SPARQL updates and refuses a query sent as an update', async () => {
      await store.update(`INSERT DATA { GRAPH <${g('u')}> { <${ex}s> <${ex}p> 42 } }`);
      const result = await store.query(`SELECT ?o WHERE { GRAPH <${g('u')}> { ?s ?p ?o } }`);
      expect(result.form === 'SELECT' && Number(result.bindings[0]?.o?.value)).toBe(42);
      await expect(store.update('SELECT * WHERE { ?s ?p ?o }')).rejects.toBeInstanceOf(QuerySyntaxError);
    });

    it('restricts the default graph and the named graphs when asked', async () => {
      const onlyA = await store.query(`SELECT (COUNT(*) AS ?n) WHERE { ?s <${ex}p> ?o }`, { defaultGraphs: [g('batch1')] });
      expect(countOf(onlyA)).toBe(1);
      const named = await store.query(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <${ex}p> ?o } }`, { namedGraphs: [g('batch1'), g('batch2')] });
      expect(countOf(named)).toBe(2);
    });

    it('sees every graph in the default graph when none is named', async () => {
      const union = await store.query(`SELECT (COUNT(*) AS ?n) WHERE { ?s <${ex}p> ?o FILTER(?o IN ("1", "2")) }`);
      expect(countOf(union)).toBe(2);
    });

    it('keeps blank nodes of different payloads apart and of one payload together', async () => {
      const data = `_:x <${ex}p> "a" .\n_:x <${ex}q> "b" .`;
      await store.replaceGraph(g('bn1'), { data, format: mediaTypes.nTriples });
      await store.replaceGraph(g('bn2'), { data, format: mediaTypes.nTriples });
      const subjects = await store.query(
        `SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES ?g { <${g('bn1')}> <${g('bn2')}> } GRAPH ?g { ?s <${ex}p> "a" ; <${ex}q> "b" } }`,
      );
      expect(countOf(subjects)).toBe(2);
    });

    it('keeps literals exactly: language tags, datatypes, escapes, non-Latin text', async () => {
      const data = `<${ex}s> <${ex}p> "ligne 1\\nligne \\"2\\" \\\\ é 海"@fr-CA, "2024-01-02"^^<http://www.w3.org/2001/XMLSchema#date> .`;
      await store.replaceGraph(g('lit'), { data, format: mediaTypes.turtle });
      const result = await store.query(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${g('lit')}> { ?s ?p ?o } }`);
      const expected = new N3Store(new N3Parser({ format: 'Turtle' }).parse(data));
      expect(result.form === 'CONSTRUCT' && new N3Store(result.quads).size).toBe(2);
      for (const quad of result.form === 'CONSTRUCT' ? result.quads : []) expect(expected.has(quad)).toBe(true);
    });

    it('bulk-loads N-Quads into the graphs they name and Turtle into the graph asked for', async () => {
      const nquads = Array.from({ length: 120 }, (_, i) => `<${ex}s${i}> <${ex}p> "${i}" <${g(`load${i % 3}`)}> .`).join('\n');
      const result = await store.load({ data: nquads, format: mediaTypes.nQuads });
      expect(result.quadsWritten).toBe(120);
      expect([await inGraph(g('load0')), await inGraph(g('load1')), await inGraph(g('load2'))]).toEqual([40, 40, 40]);
      await store.load({ data: `<${ex}t> <${ex}p> "t" .`, format: mediaTypes.turtle }, { graph: g('load0') });
      expect(await inGraph(g('load0'))).toBe(41);
    });

    it('applies a thesaurus edit: the changed properties rewritten, the others and the inverse links kept right', async () => {
      const scheme = g('scheme');
      const skos = 'http://www.w3.org/2004/02/skos/core#';
      const turtle = `@prefix skos: <${skos}> . @prefix ex: <${ex}> .
        <${scheme}> a skos:ConceptScheme ; skos:hasTopConcept ex:top .
        ex:top a skos:Concept ; skos:inScheme <${scheme}> ; skos:topConceptOf <${scheme}> ; skos:prefLabel "Haut"@fr , "Top"@en ; skos:narrower ex:a .
        ex:a a skos:Concept ; skos:inScheme <${scheme}> ; skos:broader ex:top ; skos:prefLabel "A"@fr , "A"@en ; skos:scopeNote "kept"@en ; <${ex}other> "kept too" .`;
      await store.replaceGraph(scheme, { data: turtle, format: mediaTypes.turtle });
      const before = ConceptScheme.fromQuads({ iri: scheme, graph: scheme }, new N3Parser().parse(turtle));
      // Move A to the top level and rename it in English.
      const applied = applyEdits(before, [{ mode: 'patch', iri: `${ex}a`, fields: { broader: [], prefLabel: { en: ['Alpha'] } } }]);
      await store.update(schemeUpdate(before, applied).sparql);
      const { body } = await store.querySerialized(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${scheme}> { ?s ?p ?o } }`, { results: mediaTypes.sparqlResultsJson, graph: mediaTypes.nTriples });
      const after = ConceptScheme.fromQuads({ iri: scheme, graph: scheme }, new N3Parser({ format: 'N-Triples' }).parse(body));
      expect(after.concepts.get(`${ex}a`)).toMatchObject({ prefLabel: { fr: ['A'], en: ['Alpha'] }, broader: [], notes: { scopeNote: { en: ['kept'] } } });
      expect(after.concepts.get(`${ex}top`)!.narrower).toEqual([]);
      expect(new Set(after.topConcepts)).toEqual(new Set([`${ex}top`, `${ex}a`]));
      expect(body).toContain('"kept too"');
    });

    it('reports its size', async () => {
      const stats = await store.stats();
      expect(stats.backend).toBe(store.backend);
      expect(stats.quads).toBeGreaterThanOrEqual(130);
      expect(stats.graphs).toBeGreaterThanOrEqual(8);
    });

    it('dumps N-Quads and restores them to the same dataset', async () => {
      let dump = '';
      await store.dump((chunk) => {
        dump += chunk;
      });
      const dumped = new N3Store(new N3Parser({ format: 'N-Quads' }).parse(dump));
      expect(dumped.size).toBe((await store.stats()).quads);
      await store.dropGraph(g('a'));
      expect(await inGraph(g('a'))).toBe(0);
      await store.restore((async function* () {
        yield dump;
      })());
      expect(await inGraph(g('a'))).toBe(3);
      expect((await store.stats()).quads).toBe(dumped.size);
    });
  });
}
