// The thesaurus stage: the shared SKOS thesaurus (for now, the bundled one and its loading).
export { bundledThesaurus, loadBundledThesaurus, thesaurusGraph, thesaurusScheme } from './bundled-thesaurus.js';
