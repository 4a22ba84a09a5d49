// Owns the spreadsheet layout of a concept scheme, for terminology managers who do not write RDF:
// one row per concept; columns id, notation, prefLabel@LANG, altLabel@LANG, definition@LANG,
// scopeNote@LANG…, broader, related, exactMatch…, deprecated, replacedBy. Several values in one
// cell are separated by "|". Export writes it; import reads it back as concept edits.
import { isAbsoluteIri } from '../rdf/index.js';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { BadRequestError } from '../errors/index.js';
import { mappingRelations, noteKinds, type ConceptScheme, type LangMap } from './concept-scheme.js';
import { parseConceptFields, type ConceptEdit, type ConceptFields } from './concept-change.js';

const langColumns = ['prefLabel', 'altLabel', 'definition', ...noteKinds] as const;
const listColumns = ['broader', 'related', ...mappingRelations, 'replacedBy'] as const;
const split = (cell: string) => cell.split('|').map((v) => v.trim()).filter((v) => v.length > 0);

// A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written with a leading
// apostrophe (OWASP's CSV-injection advice); reading the layout back takes that apostrophe off again.
const formulaStart = /^[=+\-@\t\r]/;
export const neutralizedCell = (cell: string): string => (formulaStart.test(cell) ? `'${cell}` : cell);
export const restoredCell = (cell: string): string => (cell.startsWith("'") && formulaStart.test(cell.slice(1)) ? cell.slice(1) : cell);

export function schemeAsCsv(scheme: ConceptScheme): string {
  const concepts = [...scheme.concepts.values()];
  const languages = [...new Set(concepts.flatMap((c) => [...Object.keys(c.prefLabel), ...Object.keys(c.altLabel), ...Object.keys(c.definition)]))].sort();
  const usedNotes = noteKinds.filter((kind) => concepts.some((c) => c.notes[kind]));
  const langOf = (kind: (typeof langColumns)[number]) => (c: (typeof concepts)[number]): LangMap | undefined =>
    kind === 'prefLabel' || kind === 'altLabel' || kind === 'definition' ? c[kind] : c.notes[kind];
  const perLanguage = (['prefLabel', 'altLabel', 'definition', ...usedNotes] as const).flatMap((kind) => languages.map((lang) => ({ kind, lang })));
  const header = ['id', 'notation', ...perLanguage.map(({ kind, lang }) => `${kind}@${lang}`), ...listColumns, 'deprecated'];
  const rows = concepts.map((c) => [
    c.iri,
    c.notation.join('|'),
    ...perLanguage.map(({ kind, lang }) => (langOf(kind)(c)?.[lang] ?? []).join('|')),
    c.broader.join('|'),
    c.related.join('|'),
    ...mappingRelations.map((relation) => c.mappings.filter((m) => m.relation === relation).map((m) => m.target).join('|')),
    c.replacedBy.join('|'),
    String(c.deprecated),
  ]);
  return stringify([header, ...rows.map((row) => row.map(neutralizedCell))]);
}

/**
 * Reads the layout as edits: a row whose id the scheme has changes the columns the file has (the
 * others stay as they are); a row with a new id, or none, creates a concept.
 */
export function csvAsEdits(csv: string, scheme: ConceptScheme): ConceptEdit[] {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<Record<string, string>>;
  } catch (error) {
    throw new BadRequestError(`The CSV cannot be read: ${(error as Error).message}`);
  }
  const columns = Object.keys(rows[0] ?? {});
  const unknown = columns.filter((c) => !['id', 'notation', 'deprecated', ...listColumns].includes(c) && !langColumns.some((kind) => c.startsWith(`${kind}@`)));
  if (unknown.length > 0) throw new BadRequestError(`Unknown CSV columns: ${unknown.join(', ')} (see the layout of .../download?format=csv)`);
  return rows.map((row, i) => {
    const fields: Record<string, unknown> = {};
    for (const [column, written] of Object.entries(row)) {
      if (column === 'id') continue;
      const cell = restoredCell(written);
      if (column === 'notation' || (listColumns as readonly string[]).includes(column)) fields[column] = split(cell);
      else if (column === 'deprecated') fields.obsolete = /^(true|1|yes|oui)$/i.test(cell);
      else {
        const [kind, lang] = column.split('@') as [string, string];
        const values = split(cell);
        const map = (fields[kind] ??= {}) as Record<string, string[]>;
        if (values.length > 0) map[lang] = values;
      }
    }
    let parsed: ConceptFields;
    try {
      parsed = parseConceptFields(fields);
    } catch (error) {
      throw new BadRequestError(`CSV row ${i + 2}: ${(error as Error).message}`);
    }
    const iri = row.id?.trim() || undefined;
    if (iri && !isAbsoluteIri(iri)) throw new BadRequestError(`CSV row ${i + 2}: id must be an absolute IRI; got ${JSON.stringify(iri.slice(0, 200))}`);
    return iri && scheme.concepts.has(iri) ? { mode: 'patch', iri, fields: parsed } : { mode: 'create', ...(iri ? { iri } : {}), fields: parsed };
  });
}
