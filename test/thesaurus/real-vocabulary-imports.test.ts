// Real vocabularies as their publishers export them, through the import path of `maillage thesaurus
// import` and PUT /ontologies/{acronym}: several schemes in one RDF/XML file with xml:base and DTD
// entities (the EU's ADMS tables), a scheme named only by skos:inScheme (the French ministry's
// Ecosphères themes with their scheme's type statement taken out), concepts with no top concept
// (the EU file types), SKOS-XL labels and concepts in no scheme (Skosmos' test vocabularies).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { mediaTypes } from '../../src/rdf/index.js';
import { schemeFromRdf, schemesInRdf } from '../../src/thesaurus/index.js';
import { sharedDataDir, sharedDataMissing } from '../support/shared-data.js';

const file = (relative: string) => readFileSync(path.join(sharedDataDir, relative));
const skos = 'http://www.w3.org/2004/02/skos/core#';

describe.skipIf(sharedDataMissing !== null)(`imports of real vocabularies${sharedDataMissing ? ` (skipped: ${sharedDataMissing})` : ''}`, () => {
  it('splits a file of several schemes (RDF/XML, xml:base, DTD entities) into one graph each', () => {
    const schemes = schemesInRdf(file('eu-authority-tables/semiceu-dcat-ap_shacl/resources/ADMS_SKOS_v1.00.rdf'), mediaTypes.rdfXml, { languages: ['en'] });
    const sizes = Object.fromEntries(schemes.map((s) => [s.scheme.info.iri, s.scheme.concepts.size]));
    expect(sizes).toEqual({
      'http://purl.org/adms/assettype/1.0': 12,
      'http://purl.org/adms/interoperabilitylevel/1.0': 5,
      'http://purl.org/adms/licencetype/1.0': 13,
      'http://purl.org/adms/publishertype/1.0': 11,
      'http://purl.org/adms/representationtechnique/1.0': 27,
      'http://purl.org/adms/status/1.0': 4,
    });
    const status = schemes.find((s) => s.scheme.info.iri === 'http://purl.org/adms/status/1.0')!;
    expect(status.scheme.concepts.get('http://purl.org/adms/status/Completed')?.prefLabel.en).toEqual(['Completed']);
    // A scheme's graph holds its own concepts only.
    const subjects = new Set(new Parser({ format: 'N-Quads' }).parse(status.nquads).map((q) => q.subject.value));
    expect([...subjects].filter((s) => s.startsWith('http://purl.org/adms/licencetype/'))).toEqual([]);
    expect(status.problems.filter((p) => p.check === 'orphan-concept')).toEqual([]);
    // An acronym names one scheme: with several, the one meant is chosen.
    expect(() => schemesInRdf(file('eu-authority-tables/semiceu-dcat-ap_shacl/resources/ADMS_SKOS_v1.00.rdf'), mediaTypes.rdfXml, { acronym: 'ADMS' })).toThrow(/6 concept schemes.*--scheme IRI/);
    const chosen = schemeFromRdf(file('eu-authority-tables/semiceu-dcat-ap_shacl/resources/ADMS_SKOS_v1.00.rdf'), mediaTypes.rdfXml, { acronym: 'ADMS-STATUS', scheme: 'http://purl.org/adms/status/1.0' });
    expect(chosen.scheme.info.acronym).toBe('ADMS-STATUS');
    expect(chosen.scheme.concepts.size).toBe(4);
  });

  it('reads a scheme named only by skos:inScheme as the same scheme', () => {
    const turtle = file('eu-authority-tables/plume/vocabularies/ecospheres_theme.ttl').toString('utf8');
    const typed = schemeFromRdf(turtle, mediaTypes.turtle, { languages: ['fr'] });
    const untyped = schemeFromRdf(turtle.replace(/\s+a skos:ConceptScheme\s*;/, ' '), mediaTypes.turtle, { languages: ['fr'] });
    expect(turtle).not.toEqual(turtle.replace(/\s+a skos:ConceptScheme\s*;/, ' '));
    expect(untyped.scheme.info.iri).toBe(typed.scheme.info.iri);
    expect(untyped.scheme.concepts.size).toBe(typed.scheme.concepts.size);
    expect(untyped.scheme.concepts.size).toBeGreaterThan(90);
    expect(untyped.scheme.topConcepts.sort()).toEqual(typed.scheme.topConcepts.sort());
  });

  it('browses a scheme with no top concepts from its roots, without calling them orphans', () => {
    const fileTypes = schemeFromRdf(file('eu-authority-tables/europarl/controlled-vocabularies/filetypes-skos.rdf'), mediaTypes.rdfXml, { languages: ['en'] });
    expect(fileTypes.scheme.concepts.size).toBe(201);
    expect(fileTypes.scheme.declaresTopConcepts).toBe(false);
    expect(fileTypes.scheme.topConcepts).toHaveLength(201);
    expect(fileTypes.problems.filter((p) => p.check === 'orphan-concept')).toEqual([]);
  });

  it('takes SKOS-XL labels as labels, and makes the scheme a list of concepts in none is given', () => {
    const xl = file('skosmos/tests/test-vocab-data/xl.ttl');
    expect(() => schemesInRdf(xl, mediaTypes.turtle)).toThrow(/no concept scheme: name the scheme/);
    const prepared = schemeFromRdf(xl, mediaTypes.turtle, { scheme: 'http://www.skosmos.skos/xl/', languages: ['en'] });
    const concept = prepared.scheme.concepts.get('http://www.skosmos.skos/xl/c1')!;
    expect(concept.prefLabel.en).toContain('Concept');
    expect(concept.altLabel.en).toContain('Conceptual entity');
    const quads = new Parser({ format: 'N-Quads' }).parse(prepared.nquads);
    // The label resources travel with their concept, and the scheme holds it.
    expect(quads.some((q) => q.subject.value === 'http://www.skosmos.skos/xl/l1' && q.predicate.value === 'http://www.w3.org/2008/05/skos-xl#literalForm')).toBe(true);
    expect(quads.some((q) => q.subject.value === 'http://www.skosmos.skos/xl/c1' && q.predicate.value === `${skos}inScheme`)).toBe(true);
  });

  it('keeps three schemes of one file apart, each with its own top concept', () => {
    const schemes = schemesInRdf(file('skosmos/tests/test-vocab-data/multiple-schemes.ttl'), mediaTypes.turtle, { languages: ['en'] });
    expect(schemes.map((s) => [s.scheme.info.iri.split('/').pop(), [...s.scheme.concepts.keys()].map((k) => k.split('/').pop()), s.scheme.topConcepts.map((k) => k.split('/').pop())])).toEqual([
      ['cs1', ['c1-in-cs1'], ['c1-in-cs1']],
      ['cs2', ['c2-in-cs2'], ['c2-in-cs2']],
      ['cs3', ['c3-in-cs3'], ['c3-in-cs3']],
    ]);
  });
});
