// Owns the one string that names a term within a graph: N3's term id. N3's terms carry theirs
// ready-made (its literals parse value, language and datatype back out of it on every read), and
// N3 writes the same id for any other RDF/JS library's term.
import type { Term } from '@rdfjs/types';
import { termToId, type Term as N3Term } from 'n3';

/** A term's id: an IRI as itself, `_:b` for a blank node, `"v"@lang` or `"v"^^datatype` for a literal. */
export const termId = (term: Term): string => termToId(term as N3Term);
