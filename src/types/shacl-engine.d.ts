// The parts of shacl-engine (no bundled types) that the validation stage uses.
declare module 'shacl-engine' {
  import type { DataFactory, DatasetCore, Term } from '@rdfjs/types';

  interface PathStep {
    predicates: Term[];
    quantifier?: string;
    start?: string;
    end?: string;
  }

  export interface ValidationResult {
    severity: Term;
    focusNode: { term: Term } | Term;
    path: PathStep[] | null;
    value?: { term: Term } | Term | null;
    message: Term[];
    shape: { ptr: { term: Term } };
    constraintComponent: Term;
  }

  export interface ValidationReport {
    conforms: boolean;
    results: ValidationResult[];
  }

  /** How a shape finds its focus nodes, resolved when the validator reads the shapes graph. */
  export interface TargetResolver {
    targetClass: Iterable<Term>;
    targetNode: Term[];
    targetObjectsOf: Term[];
    targetSubjectsOf: Term[];
    targets: unknown[];
  }

  export interface Shape {
    ptr: { term: Term };
    targetResolver: TargetResolver;
  }

  export class Validator {
    constructor(shapes: DatasetCore, options: { factory: DataFactory; debug?: boolean; details?: boolean });
    /** The shapes read from the shapes graph, by shape term. */
    shapes: { values(): Iterable<Shape> };
    /** With `terms`, validates those focus nodes against the given shapes (all shapes when none are given), without resolving targets. */
    validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }, shapes?: Array<{ terms: Term[] }>): Promise<ValidationReport>;
  }
}

declare module 'rdf-validation' {
  import type { Term } from '@rdfjs/types';
  export class XsdValidation {
    validateSimple(term: Term): boolean;
  }
}

declare module 'rdf-validate-shacl' {
  import type { DatasetCore, Term } from '@rdfjs/types';
  interface Result {
    severity: Term;
    focusNode: Term;
    path: Term | null;
    value: Term | null;
    message: Term[];
    sourceShape: Term;
    sourceConstraintComponent: Term;
  }
  export default class SHACLValidator {
    constructor(shapes: DatasetCore, options?: Record<string, unknown>);
    validate(data: DatasetCore): Promise<{ conforms: boolean; results: Result[] }> | { conforms: boolean; results: Result[] };
  }
}

declare module '@rdfjs/to-ntriples' {
  import type { Term } from '@rdfjs/types';
  export default function toNT(term: Term): string;
}

declare module '@rdfjs/data-model' {
  import type { DataFactory } from '@rdfjs/types';
  const factory: DataFactory;
  export default factory;
}

declare module '@rdfjs/dataset' {
  import type { DatasetCore, Quad } from '@rdfjs/types';
  const dataset: { dataset(quads?: Quad[]): DatasetCore };
  export default dataset;
}
