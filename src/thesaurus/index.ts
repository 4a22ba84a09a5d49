// The thesaurus stage: the shared SKOS thesaurus (for now, the bundled one and its loading).
export { bundledThesaurus, loadBundledThesaurus, thesaurusGraph, thesaurusScheme } from './bundled-thesaurus.js';
export { ConceptScheme, labelIn, acronymOf, type Concept, type SchemeInfo, type LangMap } from './concept-scheme.js';
export { LabelIndex, normalizeLabel, type LabelHit } from './label-index.js';
export { ThesaurusService } from './thesaurus-service.js';
export { checkIntegrity, type IntegrityProblem, type IntegrityOptions } from './integrity-checks.js';
export { Annotator, type Mention } from './annotator.js';
export { KeywordAligner, type Alignment } from './keyword-aligner.js';
