// The validation stage: SHACL reports per record and FAIR indicators, stored with DQV.
export { RecordValidator, bundledShapesFolder, officialShapeFiles, type ShapeSources } from './record-validator.js';
export { reportAsTurtle, summarise, type Finding, type RecordReport, type Severity } from './validation-report.js';
export { assessFair, fairAsDqv, type FairAssessment, type FairIndicator, type Principle } from './fair-indicators.js';
export { structureKeyOf, shapesAllowReuse } from './structure-key.js';
export { ReferenceTerms, bundledOntologyFolder } from './reference-terms.js';
