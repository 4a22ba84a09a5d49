// Owns the thesaurus integrity checks (qSKOS-style): the same checks guard a file before import
// (`maillage thesaurus check`) and, later, each edit before it is committed.
import type { ConceptScheme } from './concept-scheme.js';
import { normalizeLabel } from './label-index.js';

export interface IntegrityProblem {
  check:
    | 'broader-cycle'
    | 'several-preflabels-per-language'
    | 'missing-preflabel'
    | 'preflabel-altlabel-clash'
    | 'related-broader-clash'
    | 'duplicate-preflabel'
    | 'dangling-reference'
    | 'orphan-concept';
  concept: string;
  message: string;
}

export interface IntegrityOptions {
  /** Languages every concept must have a preferred label in. */
  requiredLanguages?: string[];
}

export function checkIntegrity(scheme: ConceptScheme, options: IntegrityOptions = {}): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const required = options.requiredLanguages ?? ['fr', 'en'];
  const tops = new Set(scheme.topConcepts);
  const preferredByLanguage = new Map<string, Map<string, string>>();

  for (const concept of scheme.concepts.values()) {
    const iri = concept.iri;
    for (const [lang, labels] of Object.entries(concept.prefLabel)) {
      if (labels.length > 1) problems.push({ check: 'several-preflabels-per-language', concept: iri, message: `${labels.length} preferred labels in "${lang}": ${labels.join(' | ')}` });
      const seen = (preferredByLanguage.get(lang) ?? preferredByLanguage.set(lang, new Map()).get(lang))!;
      for (const label of labels) {
        const key = normalizeLabel(label);
        const other = seen.get(key);
        if (other && other !== iri) problems.push({ check: 'duplicate-preflabel', concept: iri, message: `preferred label "${label}"@${lang} is also ${other}'s` });
        else seen.set(key, iri);
      }
      const alts = new Set((concept.altLabel[lang] ?? []).map(normalizeLabel));
      for (const label of labels) {
        if (alts.has(normalizeLabel(label))) problems.push({ check: 'preflabel-altlabel-clash', concept: iri, message: `"${label}"@${lang} is both its preferred and an alternative label` });
      }
    }
    for (const lang of required) {
      if (!concept.prefLabel[lang]?.length) problems.push({ check: 'missing-preflabel', concept: iri, message: `no preferred label in "${lang}"` });
    }
    for (const target of [...concept.broader, ...concept.narrower, ...concept.related]) {
      if (!scheme.concepts.has(target)) problems.push({ check: 'dangling-reference', concept: iri, message: `refers to ${target}, which is not a concept of this scheme` });
    }
    const ancestors = new Set(scheme.ancestors(iri));
    if (ancestors.has(iri)) problems.push({ check: 'broader-cycle', concept: iri, message: 'is its own ancestor through skos:broader' });
    for (const related of concept.related) {
      if (ancestors.has(related) || scheme.ancestors(related).includes(iri)) {
        problems.push({ check: 'related-broader-clash', concept: iri, message: `is skos:related to ${related}, which is also its ancestor or descendant` });
      }
    }
    if (concept.broader.length === 0 && !tops.has(iri)) problems.push({ check: 'orphan-concept', concept: iri, message: 'has no broader concept and is not a top concept' });
  }
  return problems;
}
