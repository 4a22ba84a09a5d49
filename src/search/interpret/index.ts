export { QueryInterpreter, searchBox, type Interpretation, type InterpretedPlace, type InterpretedTheme } from './query-interpreter.js';
export { Gazetteer, type BBox, type GazetteerPlace } from './gazetteer.js';
export { findPeriods, mergedPeriod } from './periods.js';
