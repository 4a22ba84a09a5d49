// Owns validating one record's graph with SHACL (shacl-engine, chosen by measurement: see
// bench/validate): the catalogue's core shapes (quarantine) and the profile (official DCAT-AP 3.0
// shapes plus shapes/maillage-profile.ttl). Records with the same structure share one validation
// when the shapes only look at structure (structure-key.ts): harvests are mostly alike records.
import { existsSync } from 'node:fs';
import path from 'node:path';
import rdfDataModel from '@rdfjs/data-model';
import ntriples from '@rdfjs/to-ntriples';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { Store } from 'n3';
import { Validator, type ValidationResult } from 'shacl-engine';
import { bundledOntologyFolder, parseTurtleFiles, ReferenceTerms } from './reference-terms.js';
import { shapesAllowReuse, structureKeyOf } from './structure-key.js';
import { summarise, type Finding, type RecordReport, type Severity } from './validation-report.js';

export const bundledShapesFolder = new URL('../../shapes/', import.meta.url);
/** The official DCAT-AP 3.0 shapes files the profile takes (mdr-vocabularies needs the EU tables loaded; left out). */
export const officialShapeFiles = ['shapes.ttl', 'range.ttl'];

export interface ShapeSources {
  /** Folder with the official DCAT-AP 3.0 SHACL files, or null to validate with the project's shapes only. */
  officialDir: string | null;
  projectDir?: string;
  ontologyDir?: string;
  /** Reuse reports between same-structure records (default true; off to measure the full cost). */
  reuse?: boolean;
}


interface CachedFinding extends Omit<Finding, 'focusNode' | 'value'> {
  focusNode: number | string;
  value: number | string | null;
}


function pathText(result: ValidationResult): string | null {
  if (!result.path || result.path.length === 0) return null;
  return result.path
    .map((step) => `${step.start === 'object' ? '^' : ''}${step.predicates.map((p) => `<${p.value}>`).join('|')}${step.quantifier === 'one' || !step.quantifier ? '' : step.quantifier === 'zeroOrMore' ? '*' : step.quantifier === 'oneOrMore' ? '+' : '?'}`)
    .join('/');
}

const termOfPointer = (value: { term: Term } | Term | null | undefined): Term | null => (value ? ('term' in value ? value.term : value) : null);

export class RecordValidator {
  private readonly cache = new Map<string, CachedFinding[]>();
  stats = { validated: 0, reused: 0 };

  private constructor(
    private readonly core: Validator,
    private readonly profile: Validator,
    private readonly coreShapes: Set<string>,
    private readonly referenceTerms: ReferenceTerms,
    readonly reuse: boolean,
    readonly shapeQuads: number,
    readonly officialShapes: boolean,
  ) {
  }

  static load(sources: ShapeSources): RecordValidator {
    const projectDir = sources.projectDir ?? bundledShapesFolder.pathname;
    const ontologyDir = sources.ontologyDir ?? bundledOntologyFolder.pathname;
    const coreQuads = parseTurtleFiles([path.join(projectDir, 'maillage-core.ttl')]);
    const officialFiles = sources.officialDir ? officialShapeFiles.map((file) => path.join(sources.officialDir!, file)) : [];
    for (const file of officialFiles) if (!existsSync(file)) throw new Error(`DCAT-AP shapes: ${file} does not exist`);
    const profileQuads = parseTurtleFiles([...officialFiles, path.join(projectDir, 'maillage-profile.ttl')]);
    const referenceTerms = ReferenceTerms.load(ontologyDir);
    const reuse = (sources.reuse ?? true) && shapesAllowReuse([...coreQuads, ...profileQuads]).reuse;
    const coreShapes = new Set(coreQuads.map((q) => q.subject.value));
    const factory = { factory: rdfDataModel };
    return new RecordValidator(
      new Validator(new Store(coreQuads), factory),
      new Validator(new Store(profileQuads), factory),
      coreShapes,
      referenceTerms,
      reuse,
      coreQuads.length + profileQuads.length,
      officialFiles.length > 0,
    );
  }

  async validate(recordQuads: readonly Quad[]): Promise<RecordReport> {
    const quads = this.referenceTerms.completing(recordQuads);
    // The record is read from an N3.Store: shacl-engine's lookups run 1.6x faster on its indexes
    // than on @rdfjs/dataset's, with the same results (bench/validate shows both).
    if (!this.reuse) return summarise(await this.run(new Store(quads)), false);
    const { key, terms } = structureKeyOf(quads);
    const cached = this.cache.get(key);
    if (cached) {
      this.stats.reused += 1;
      return summarise(cached.map((f) => ({ ...f, focusNode: typeof f.focusNode === 'number' ? terms[f.focusNode]!.value : f.focusNode, value: typeof f.value === 'number' ? ntriples(terms[f.value]!) : f.value })), true);
    }
    const findings = await this.run(new Store(quads));
    const index = new Map(terms.map((term, i) => [ntriples(term), i]));
    if (this.cache.size >= 10_000) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, findings.map((f) => ({ ...f, focusNode: index.get(`<${f.focusNode}>`) ?? f.focusNode, value: f.value === null ? null : (index.get(f.value) ?? f.value) })));
    return summarise(findings, false);
  }

  private async run(dataset: DatasetCore): Promise<Finding[]> {
    this.stats.validated += 1;
    const [core, profile] = await Promise.all([this.core.validate({ dataset }), this.profile.validate({ dataset })]);
    return [...core.results, ...profile.results].map((result) => this.finding(result));
  }

  private finding(result: ValidationResult): Finding {
    const shape = result.shape.ptr.term;
    const value = termOfPointer(result.value);
    return {
      severity: (result.severity.value.split('#')[1] ?? 'Violation') as Severity,
      focusNode: termOfPointer(result.focusNode)!.value,
      path: pathText(result),
      value: value ? ntriples(value) : null,
      // Shapes may word a message in several languages: reports are in English, else the first.
      message: (result.message.find((m) => m.termType === 'Literal' && (m.language === 'en' || m.language === '')) ?? result.message[0])?.value ?? '',
      shape: shape.termType === 'BlankNode' ? `_:${shape.value}` : shape.value,
      component: result.constraintComponent.value,
      core: this.coreShapes.has(shape.value),
    };
  }
}
