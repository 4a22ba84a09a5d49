// Owns which value the catalogue shows when several sources describe one resource (same DOI, ROR,
// ORCID...) and disagree on a property it shows once (title, description, dates, licence,
// publisher). Every statement stays in its record graph (provenance); only the display chooses:
//   1. language: the language asked for, then English, French, untagged, any (literals only);
//   2. source priority: the `priority` of the stating source in config/sources.json (default 0);
//   3. agreement: the value the most records state;
//   4. a stable tie-break: the smallest value in code-point order, so answers never flip.

export interface Claim {
  value: string;
  /** A literal's language tag ('' for none); null for an IRI. */
  language: string | null;
  /** The source repository whose record states it; null when not known (reference data). */
  source: string | null;
  /** How many records of that source state it. */
  records: number;
}

export type SourcePriority = (source: string | null) => number;

interface Standing {
  value: string;
  priority: number;
  records: number;
}

function best(claims: readonly Claim[], priorityOf: SourcePriority): string | null {
  const standings = new Map<string, Standing>();
  for (const claim of claims) {
    const standing = standings.get(claim.value) ?? { value: claim.value, priority: Number.NEGATIVE_INFINITY, records: 0 };
    standing.priority = Math.max(standing.priority, priorityOf(claim.source));
    standing.records += claim.records;
    standings.set(claim.value, standing);
  }
  let winner: Standing | null = null;
  for (const s of standings.values()) {
    if (!winner || s.priority > winner.priority || (s.priority === winner.priority && (s.records > winner.records || (s.records === winner.records && s.value < winner.value)))) winner = s;
  }
  return winner?.value ?? null;
}

/** The value to show among what the sources claim, in the language asked for when one is. */
export function preferredValue(claims: readonly Claim[], priorityOf: SourcePriority, language?: string): string | null {
  if (claims.length === 0) return null;
  if (language !== undefined) {
    for (const wanted of [language, 'en', 'fr', '']) {
      const inLanguage = claims.filter((c) => c.language === wanted);
      if (inLanguage.length > 0) return best(inLanguage, priorityOf);
    }
  }
  return best(claims, priorityOf);
}

/** The priorities of the declared sources as a lookup (undeclared sources count 0). */
export function priorityLookup(priorities: ReadonlyMap<string, number>): SourcePriority {
  return (source) => (source === null ? 0 : (priorities.get(source) ?? 0));
}
