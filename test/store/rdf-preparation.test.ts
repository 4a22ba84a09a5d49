// Payload preparation: the canonical N-Quads it writes must mean exactly what the payload meant.
import { Parser as N3Parser, Store as N3Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { RdfSyntaxError } from '../../src/errors/index.js';
import { mediaTypes } from '../../src/rdf/index.js';
import { prepareRdf } from '../../src/store/worker/rdf-preparation.js';

const tricky = `@prefix ex: <http://example.org/> .
ex:s ex:p "tab\\tnewline\\nquote\\"backslash\\\\ é 海 \\u0001 _:not-a-bnode"@fr-CA ,
          "3.14"^^<http://www.w3.org/2001/XMLSchema#decimal> , ex:o , <http://example.org/a%20b?q=1#f> .`;

function quadsOf(text: string, format: string) {
  return new N3Store(new N3Parser({ format }).parse(text));
}

describe('prepareRdf', () => {
  it('writes N-Quads equal to the payload, put in the graph asked for', () => {
    const prepared = prepareRdf({ data: tricky, format: mediaTypes.turtle, graph: 'urn:g:1', singleGraph: true });
    const written = quadsOf(prepared.nquads, 'N-Quads');
    expect(prepared.quads).toBe(4);
    expect(written.size).toBe(4);
    expect(written.getGraphs(null, null, null).map((g) => g.value)).toEqual(['urn:g:1']);
    const expected = quadsOf(tricky, 'Turtle').getQuads(null, null, null, null);
    expect(expected).toHaveLength(4);
    for (const quad of expected) expect(written.getQuads(quad.subject, quad.predicate, quad.object, null)).toHaveLength(1);
    expect(prepared.hasBlankNodes).toBe(false);
  });

  it('prepares a payload without blank node labels (parsed and printed inside Oxigraph) to the same quads', () => {
    const data = tricky.replace(' _:not-a-bnode', '');
    const prepared = prepareRdf({ data: `${data}\n${data}`, format: mediaTypes.turtle, graph: 'urn:g:1', singleGraph: true, output: 'graphs' });
    // Each quad once, however often the payload says it.
    expect(prepared.quads).toBe(4);
    const written = quadsOf(prepared.nquads, 'N-Quads');
    const expected = quadsOf(data, 'Turtle').getQuads(null, null, null, null);
    for (const quad of expected) expect(written.getQuads(quad.subject, quad.predicate, quad.object, null)).toHaveLength(1);
    expect(prepared.graphs?.map((g) => [g.graph, g.quads, quadsOf(g.ntriples, 'N-Triples').size])).toEqual([['urn:g:1', 4, 4]]);
    expect(prepared.hasBlankNodes).toBe(false);
  });

  it('tells when a payload holds blank nodes', () => {
    expect(prepareRdf({ data: '<urn:s> <urn:p> [ <urn:q> "x" ] .', format: mediaTypes.turtle, graph: null, singleGraph: false }).hasBlankNodes).toBe(true);
  });

  it('keeps the graphs N-Quads name, and sends their default-graph quads to the graph asked for', () => {
    const data = '<urn:s> <urn:p> "a" <urn:g:2> .\n<urn:s> <urn:p> "b" .';
    const asIs = quadsOf(prepareRdf({ data, format: mediaTypes.nQuads, graph: null, singleGraph: false }).nquads, 'N-Quads');
    expect(asIs.getGraphs(null, null, null).map((g) => g.value).sort()).toEqual(['', 'urn:g:2']);
    const targeted = quadsOf(prepareRdf({ data, format: mediaTypes.nQuads, graph: 'urn:g:9', singleGraph: false }).nquads, 'N-Quads');
    expect(targeted.getGraphs(null, null, null).map((g) => g.value).sort()).toEqual(['urn:g:2', 'urn:g:9']);
  });

  it('refuses a replace whose payload names another graph', () => {
    expect(() =>
      prepareRdf({ data: '<urn:s> <urn:p> "a" <urn:g:2> .', format: mediaTypes.nQuads, graph: 'urn:g:1', singleGraph: true }),
    ).toThrow(RdfSyntaxError);
  });

  it('splits the result per graph as N-Triples for Graph Store uploads', () => {
    const data = '<urn:s> <urn:p> "a" <urn:g:1> .\n<urn:s> <urn:p> "b" <urn:g:2> .\n<urn:s> <urn:p> "c" <urn:g:2> .';
    const prepared = prepareRdf({ data, format: mediaTypes.nQuads, graph: null, singleGraph: false, output: 'graphs' });
    expect(prepared.graphs?.map((g) => [g.graph, g.quads, quadsOf(g.ntriples, 'N-Triples').size])).toEqual([
      ['urn:g:1', 1, 1],
      ['urn:g:2', 2, 2],
    ]);
  });

  it.each([
    [mediaTypes.jsonLd, '{"@id": "urn:s", "urn:p": '],
    [mediaTypes.rdfXml, '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description'],
    [mediaTypes.trig, '<urn:g> { <urn:s> <urn:p> }'],
  ])('reports a broken %s payload as an RDF syntax error', (format, data) => {
    expect(() => prepareRdf({ data, format, graph: null, singleGraph: false })).toThrow(RdfSyntaxError);
  });
});
