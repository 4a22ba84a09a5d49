// The thesaurus stage: the shared SKOS thesauri, their API model, editing, history and releases.
export { bundledThesaurus, loadBundledThesaurus, thesaurusGraph, thesaurusScheme } from './bundled-thesaurus.js';
export { ConceptScheme, labelIn, acronymOf, type Concept, type SchemeInfo, type LangMap } from './concept-scheme.js';
export { LabelIndex, normalizeLabel, type LabelHit } from './label-index.js';
export { ThesaurusService } from './thesaurus-service.js';
export { checkIntegrity, type IntegrityProblem, type IntegrityOptions } from './integrity-checks.js';
export { Annotator, type Mention } from './annotator.js';
export { KeywordAligner, type Alignment } from './keyword-aligner.js';
export { applyEdits, conceptEtag, parseConceptFields, type ConceptEdit, type ConceptFields, type EditMode, type AppliedEdits } from './concept-change.js';
export { schemeAsCsv, csvAsEdits } from './csv-layout.js';
export { schemesInRdf, schemeFromRdf, schemeFromCsv, blockingChecks, validAcronym, type PreparedScheme } from './scheme-import.js';
export { diffSchemes, changedFields, type SchemeDiff } from './scheme-diff.js';
export { ThesaurusHistory, type ThesaurusChange, type ThesaurusRelease, type ChangeAction } from './thesaurus-history.js';
export { ThesaurusEditor, type ThesaurusChangeEvent } from './thesaurus-editor.js';
