// Owns what a terminology manager may send to change a concept (the JSON body of POST, PATCH and
// PUT on .../classes): its validation, and applying it to a scheme model. Applying keeps the
// hierarchy navigable both ways (a moved concept leaves its old parent's narrower list) and
// skos:related symmetric, and never mutates the concepts it was given (the scheme is copy-on-write).
import { assertIri, isAbsoluteIri } from '../rdf/index.js';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BadRequestError, ConflictError, NotFoundError } from '../errors/index.js';
import { conceptFields } from './scheme-diff.js';
import { emptyConcept, mappingRelations, noteKinds, type Concept, type ConceptScheme, type LangMap, type NoteKind } from './concept-scheme.js';

/** An IRI that is safe to write between <> in SPARQL and N-Triples. */
const iri = z
  .string()
  .max(2000)
  .refine((value) => isAbsoluteIri(value), { message: 'must be an absolute IRI' });
const iris = z.union([iri, z.array(iri)]).transform((v) => (Array.isArray(v) ? v : [v]));
const text = z.string().trim().min(1).max(10_000);
const langCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'language tags look like fr, en or pt-BR');
/** { "fr": "…", "en": ["…", "…"] }: one value or several per language ([] clears one in a PATCH). */
const langMap = z.record(langCode, z.union([text, z.array(text)])).transform((map): LangMap => Object.fromEntries(Object.entries(map).map(([lang, v]) => [lang, Array.isArray(v) ? v : [v]])));

const fieldsSchema = z
  .object({
    '@id': iri.optional(),
    prefLabel: langMap.optional(),
    altLabel: langMap.optional(),
    definition: langMap.optional(),
    ...Object.fromEntries(noteKinds.map((kind) => [kind, langMap.optional()])),
    notation: z.union([text, z.array(text)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
    broader: iris.optional(),
    narrower: iris.optional(),
    related: iris.optional(),
    ...Object.fromEntries(mappingRelations.map((relation) => [relation, iris.optional()])),
    obsolete: z.boolean().optional(),
    replacedBy: iris.optional(),
  })
  .strict();

export type ConceptFields = {
  '@id'?: string;
  prefLabel?: LangMap;
  altLabel?: LangMap;
  definition?: LangMap;
  notation?: string[];
  broader?: string[];
  /** The children: they get this concept as broader (a PUT without it keeps them). */
  narrower?: string[];
  related?: string[];
  obsolete?: boolean;
  replacedBy?: string[];
} & Partial<Record<NoteKind, LangMap>> &
  Partial<Record<(typeof mappingRelations)[number], string[]>>;

/** Reads a change body, or says everything that is wrong with it. */
export function parseConceptFields(body: unknown): ConceptFields {
  const parsed = fieldsSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new BadRequestError(`The concept is not valid: ${problems.join('; ')}`, { problems });
  }
  return parsed.data as ConceptFields;
}

/** create: a new concept; patch: the fields given replace those values; put: the whole concept. */
export type EditMode = 'create' | 'patch' | 'put';

export interface ConceptEdit {
  mode: EditMode;
  /** The concept's IRI; for create without one, minted from its label. */
  iri?: string;
  fields: ConceptFields;
}

function withFields(base: Concept, fields: ConceptFields, mode: EditMode): Concept {
  const replace = mode === 'put' || mode === 'create';
  const pick = <T>(given: T | undefined, current: T, empty: T): T => given ?? (replace ? empty : current);
  // PATCH changes the languages it names ([] removes one) and keeps the others.
  const pickLang = (given: LangMap | undefined, current: LangMap | undefined): LangMap => {
    const merged = given === undefined ? (replace ? {} : { ...current }) : replace ? { ...given } : { ...current, ...given };
    return Object.fromEntries(Object.entries(merged).filter(([, values]) => values.length > 0));
  };
  const notes: Concept['notes'] = {};
  for (const kind of noteKinds) {
    const value = pickLang(fields[kind], base.notes[kind]);
    if (Object.keys(value).length > 0) notes[kind] = value;
  }
  const mappings = mappingRelations.flatMap((relation) => {
    const given = fields[relation];
    const current = base.mappings.filter((m) => m.relation === relation).map((m) => m.target);
    return [...new Set(pick(given, current, []))].map((target) => ({ relation, target }));
  });
  return {
    iri: base.iri,
    prefLabel: pickLang(fields.prefLabel, base.prefLabel),
    altLabel: pickLang(fields.altLabel, base.altLabel),
    definition: pickLang(fields.definition, base.definition),
    notation: pick(fields.notation, base.notation, []),
    broader: [...new Set(pick(fields.broader, base.broader, []))],
    narrower: [...new Set(fields.narrower ?? base.narrower)],
    related: [...new Set(pick(fields.related, base.related, []))],
    mappings,
    notes,
    deprecated: pick(fields.obsolete, base.deprecated, false),
    replacedBy: [...new Set(pick(fields.replacedBy, base.replacedBy, []))],
  };
}

/** An IRI for a new concept: the scheme's namespace and a slug of its English (or French) label. */
function mintIri(scheme: ConceptScheme, fields: ConceptFields): string {
  const label = fields.prefLabel?.en?.[0] ?? fields.prefLabel?.fr?.[0] ?? Object.values(fields.prefLabel ?? {})[0]?.[0];
  if (!label) throw new BadRequestError('A new concept needs a prefLabel (or an @id)');
  const namespace = /[/#]$/.test(scheme.info.iri) ? scheme.info.iri : `${scheme.info.iri}/`;
  const slug = label.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'concept';
  let candidate = `${namespace}${slug}`;
  for (let n = 2; scheme.concepts.has(candidate); n += 1) candidate = `${namespace}${slug}-${n}`;
  return candidate;
}

const without = (list: string[], item: string) => list.filter((x) => x !== item);
const withItem = (list: string[], item: string) => (list.includes(item) ? list : [...list, item]);

export interface AppliedEdits {
  after: ConceptScheme;
  /** Every concept whose representation changed (the edited ones and their inverse links), before and after. */
  touched: Map<string, { before: Concept | null; after: Concept }>;
  /** The concepts the edits named, in order. */
  edited: string[];
}

/** Applies the edits to a copy of the scheme. Throws 404 for an unknown concept, 409 for a taken IRI. */
export function applyEdits(scheme: ConceptScheme, edits: ConceptEdit[]): AppliedEdits {
  const after = scheme.clone();
  const touched = new Map<string, { before: Concept | null; after: Concept }>();
  const set = (concept: Concept): void => {
    const entry = touched.get(concept.iri);
    if (entry) entry.after = concept;
    else touched.set(concept.iri, { before: scheme.concepts.get(concept.iri) ?? null, after: concept });
    after.concepts.set(concept.iri, concept);
  };
  const update = (iri: string, change: (c: Concept) => Concept): void => {
    const current = after.concepts.get(iri);
    if (current) set(change(current));
  };
  const edited: string[] = [];
  for (const edit of edits) {
    const id = edit.iri ?? edit.fields['@id'] ?? (edit.mode === 'create' ? mintIri(after, edit.fields) : undefined);
    if (!id) throw new BadRequestError('Say which concept to change');
    // However the IRI came (a CSV cell, the URL, a label made into a slug), it is checked here once.
    assertIri(id, 'a concept IRI');
    const current = after.concepts.get(id);
    if (edit.mode === 'create' && current) throw new ConflictError(`${id} already exists in ${scheme.info.acronym}; change it with PATCH or PUT`);
    if (edit.mode !== 'create' && !current) throw new NotFoundError(`No class ${id} in ${scheme.info.acronym}`);
    const before = current ?? emptyConcept(id);
    const next = withFields(before, edit.fields, edit.mode);
    set(next);
    edited.push(id);
    // The other ends of the hierarchy and of skos:related follow.
    for (const parent of before.broader.filter((p) => !next.broader.includes(p))) update(parent, (p) => ({ ...p, narrower: without(p.narrower, id) }));
    for (const parent of next.broader.filter((p) => !before.broader.includes(p))) update(parent, (p) => ({ ...p, narrower: withItem(p.narrower, id) }));
    for (const other of before.related.filter((r) => !next.related.includes(r))) update(other, (r) => ({ ...r, related: without(r.related, id) }));
    for (const other of next.related.filter((r) => !before.related.includes(r))) update(other, (r) => ({ ...r, related: withItem(r.related, id) }));
    // Children named or dropped through narrower move under it or leave it.
    for (const child of next.narrower.filter((k) => !before.narrower.includes(k))) {
      update(child, (k) => ({ ...k, broader: withItem(k.broader, id) }));
      if (after.concepts.has(child)) after.setTopConcept(child, false);
    }
    for (const child of before.narrower.filter((k) => !next.narrower.includes(k))) {
      update(child, (k) => ({ ...k, broader: without(k.broader, id) }));
      if (after.concepts.get(child)?.broader.length === 0) after.setTopConcept(child, true);
    }
    // A concept without a broader one is a top concept of its scheme (so it is never an orphan).
    after.setTopConcept(id, next.broader.length === 0);
  }
  // A concept created later in the same batch may be another's broader or related one: link both ways now.
  for (const id of edited) {
    const concept = after.concepts.get(id)!;
    for (const parent of concept.broader) if (!after.concepts.get(parent)?.narrower.includes(id)) update(parent, (p) => ({ ...p, narrower: withItem(p.narrower, id) }));
    for (const child of concept.narrower) if (!after.concepts.get(child)?.broader.includes(id)) update(child, (k) => ({ ...k, broader: withItem(k.broader, id) }));
    for (const other of concept.related) if (!after.concepts.get(other)?.related.includes(id)) update(other, (r) => ({ ...r, related: withItem(r.related, id) }));
  }
  return { after, touched, edited };
}

/** The concept's version, for ETag and If-Match: a digest of everything the API shows of it. */
export function conceptEtag(concept: Concept): string {
  return `"${createHash('sha256').update(JSON.stringify(conceptFields(concept))).digest('base64url').slice(0, 22)}"`;
}
