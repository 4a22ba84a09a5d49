// Owns comparing two versions of a concept scheme (two releases, or a release and the working
// copy), concept by concept and field by field, the way terminology managers review a release.
import { labelIn, noteKinds, type Concept, type ConceptScheme } from './concept-scheme.js';

export interface FieldChange {
  before: unknown;
  after: unknown;
}

export interface ConceptDiff {
  '@id': string;
  prefLabel: string | undefined;
  fields?: Record<string, FieldChange>;
}

export interface SchemeDiff {
  added: ConceptDiff[];
  /** Present before, absent after (a published concept should be deprecated, not removed). */
  removed: ConceptDiff[];
  deprecated: ConceptDiff[];
  changed: ConceptDiff[];
}

/** The fields of a concept as the API shows them, in a canonical order: for diffs and ETags. */
export function conceptFields(c: Concept): Record<string, unknown> {
  const sortedMap = (map: Record<string, string[]> | undefined) => Object.fromEntries(Object.entries(map ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([l, v]) => [l, [...v].sort()]));
  const fields: Record<string, unknown> = {
    prefLabel: sortedMap(c.prefLabel),
    altLabel: sortedMap(c.altLabel),
    definition: sortedMap(c.definition),
    notation: [...c.notation].sort(),
    broader: [...c.broader].sort(),
    narrower: [...c.narrower].sort(),
    related: [...c.related].sort(),
    mappings: c.mappings.map((m) => `${m.relation} ${m.target}`).sort(),
    obsolete: c.deprecated,
    replacedBy: [...c.replacedBy].sort(),
  };
  for (const kind of noteKinds) if (c.notes[kind]) fields[kind] = sortedMap(c.notes[kind]);
  return fields;
}

/** Fields whose values differ between two versions of a concept. */
export function changedFields(before: Concept | null, after: Concept | null): Record<string, FieldChange> {
  const a = before ? conceptFields(before) : {};
  const b = after ? conceptFields(after) : {};
  const out: Record<string, FieldChange> = {};
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = JSON.stringify(a[field] ?? null);
    const y = JSON.stringify(b[field] ?? null);
    if (x !== y) out[field] = { before: a[field] ?? null, after: b[field] ?? null };
  }
  return out;
}

export function diffSchemes(from: ConceptScheme, to: ConceptScheme, lang?: string): SchemeDiff {
  const entry = (c: Concept): ConceptDiff => ({ '@id': c.iri, prefLabel: labelIn(c.prefLabel, lang) });
  const diff: SchemeDiff = { added: [], removed: [], deprecated: [], changed: [] };
  for (const [iri, now] of to.concepts) {
    const then = from.concepts.get(iri);
    if (!then) {
      diff.added.push(entry(now));
      continue;
    }
    const fields = changedFields(then, now);
    if (Object.keys(fields).length === 0) continue;
    if (!then.deprecated && now.deprecated) diff.deprecated.push({ ...entry(now), fields });
    else diff.changed.push({ ...entry(now), fields });
  }
  for (const [iri, then] of from.concepts) if (!to.concepts.has(iri)) diff.removed.push(entry(then));
  return diff;
}
