// Owns the reference data of ontology/ (authority concepts with their labels, relation roles, FAIR
// metrics): a graph that points to one of those terms is complete only with the term's own
// statements. Validation adds them before checking a record; feeds add them before publishing.
import type { Literal, Quad } from '@rdfjs/types';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from 'n3';

export const bundledOntologyFolder = new URL('../../ontology/', import.meta.url);

export function parseTurtleFiles(files: string[]): Quad[] {
  return files.flatMap((file) => new Parser({ baseIRI: `file://${file}` }).parse(readFileSync(file, 'utf8')));
}

const labelPredicates = new Set(['http://www.w3.org/2004/02/skos/core#prefLabel', 'http://www.w3.org/2000/01/rdf-schema#label', 'http://purl.org/dc/terms/title']);

export class ReferenceTerms {
  private readonly about = new Map<string, Quad[]>();

  constructor(quads: readonly Quad[]) {
    for (const q of quads) this.about.set(q.subject.value, [...(this.about.get(q.subject.value) ?? []), q]);
  }

  static load(ontologyDir: string = bundledOntologyFolder.pathname): ReferenceTerms {
    return new ReferenceTerms(parseTurtleFiles(readdirSync(ontologyDir).filter((f) => f.endsWith('.ttl')).map((f) => path.join(ontologyDir, f))));
  }

  /** No reference data: graphs are validated as they are. */
  static empty(): ReferenceTerms {
    return new ReferenceTerms([]);
  }

  /** A reference term's label in a language (else English, else any), for facets and pages. */
  label(iri: string, lang: string): string | null {
    const labels = (this.about.get(iri) ?? []).filter((q) => q.object.termType === 'Literal' && labelPredicates.has(q.predicate.value)).map((q) => q.object as Literal);
    return (labels.find((l) => l.language === lang) ?? labels.find((l) => l.language === 'en') ?? labels[0])?.value ?? null;
  }

  /** The quads, plus the statements about every reference term they point to (once each). */
  completing(quads: readonly Quad[]): Quad[] {
    const added = new Set<string>();
    const out = [...quads];
    for (const q of quads) {
      if (q.object.termType !== 'NamedNode' || added.has(q.object.value)) continue;
      const about = this.about.get(q.object.value);
      if (about) {
        added.add(q.object.value);
        out.push(...about);
      }
    }
    return out;
  }
}
