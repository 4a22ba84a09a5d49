// Owns validating one record's graph with SHACL (shacl-engine, chosen by measurement: see
// bench/validate): the catalogue's core shapes (quarantine) and the profile (official DCAT-AP 3.0
// shapes plus shapes/maillage-profile.ttl). Results are reused when the shapes only look at
// structure: per focus node when they stay one step from it (focus-node-key.ts), else per record
// (structure-key.ts). Harvests are mostly alike records, and alike people and organisations.
import { existsSync } from 'node:fs';
import path from 'node:path';
import rdfDataModel from '@rdfjs/data-model';
import ntriples from '@rdfjs/to-ntriples';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { Store } from 'n3';
import { Validator, type ValidationResult } from 'shacl-engine';
import { plainWords } from './plain-words.js';
import { bundledOntologyFolder, parseTurtleFiles, ReferenceTerms } from './reference-terms.js';
import { KeyCodes, neighbourhoodReach, RecordNeighbourhoods, type NeighbourhoodKey, type NeighbourhoodReach, type ShapeTargets, type ShapeUnit } from './focus-node-key.js';
import { WholeKeyOdds } from './whole-key-odds.js';
import { shapesAllowReuse, structureKeyOf } from './structure-key.js';
import { severityOf, summarise, type Finding, type RecordReport } from './validation-report.js';

export const bundledShapesFolder = new URL('../../shapes/', import.meta.url);
/** The official DCAT-AP 3.0 shapes files the profile takes (mdr-vocabularies needs the EU tables loaded; left out). */
export const officialShapeFiles = ['shapes.ttl', 'range.ttl'];

export interface ShapeSources {
  /** Folder with the official DCAT-AP 3.0 SHACL files, or null to validate with the project's shapes only. */
  officialDir: string | null;
  projectDir?: string;
  ontologyDir?: string;
  /**
   * Reuse results between alike records (default true: per focus node when the shapes allow it,
   * else per record); 'record' reuses whole-record reports only; false measures the full cost.
   */
  reuse?: boolean | 'record';
}

export type ReuseMode = 'focus-node' | 'record' | 'none';


interface CachedFinding extends Omit<Finding, 'focusNode' | 'value'> {
  focusNode: number | string;
  value: number | string | null;
}

/** A focus node not found under its whole key: its findings are gathered unit by unit, to be remembered under it. */
interface FreshNode {
  term: Term;
  whole: NeighbourhoodKey;
  findings: Finding[];
}

/** A unit no earlier node answered, on one focus node: its findings go `into` that node's list. */
interface MissedUnit {
  term: Term;
  into: Finding[];
  key: number;
  neighbours: Term[];
}

/** A focus node's finding kept for reuse: its value is the focus node (-1), neighbour n, or a term in N-Triples. */
type NodeFinding = Omit<Finding, 'focusNode' | 'value'> & { value: number | string | null };

function engineTargets(validator: Validator): ShapeTargets[] {
  const values = (terms: Iterable<Term>) => new Set([...terms].map((t) => t.value));
  const out: ShapeTargets[] = [];
  for (const shape of validator.shapes.values()) {
    const r = shape.targetResolver;
    const targets = { shape: shape.ptr.term, classes: values(r.targetClass), objectsOf: values(r.targetObjectsOf), subjectsOf: values(r.targetSubjectsOf), nodes: values(r.targetNode) };
    if (targets.classes.size + targets.objectsOf.size + targets.subjectsOf.size + targets.nodes.size > 0) out.push(targets);
  }
  return out;
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
  private readonly nodeCache = new Map<number, NodeFinding[]>();
  private readonly keyCodes = new KeyCodes();
  private readonly wholeKeys = new WholeKeyOdds();
  /**
   * Records validated or fully reused; keys (whole focus node, or focus node and shape unit) reused,
   * units validated; focus nodes not looked up whole (too few units, or their kind's whole keys seldom repeat).
   */
  stats = { validated: 0, reused: 0, unitsReused: 0, unitsValidated: 0, wholeKeysSkipped: 0 };

  private constructor(
    private readonly core: Validator,
    private readonly profile: Validator,
    private readonly coreShapes: Set<string>,
    private readonly referenceTerms: ReferenceTerms,
    readonly reuse: ReuseMode,
    private readonly reach: NeighbourhoodReach,
    private readonly coreUnitShapes: Set<Term>,
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
    return RecordValidator.fromShapes({ coreQuads, profileQuads, referenceTerms: ReferenceTerms.load(ontologyDir), reuse: sources.reuse ?? true, official: officialFiles.length > 0 });
  }

  /**
   * A validator for shapes given as quads: core shapes (a violation quarantines the record) and
   * profile shapes. The W3C SHACL suite runs through this, with the same reuse as records get.
   */
  static fromShapes(shapes: { coreQuads: Quad[]; profileQuads: Quad[]; referenceTerms?: ReferenceTerms; reuse?: boolean | 'record'; official?: boolean }): RecordValidator {
    const { coreQuads, profileQuads } = shapes;
    const referenceTerms = shapes.referenceTerms ?? ReferenceTerms.empty();
    const coreShapes = new Set(coreQuads.map((q) => q.subject.value));
    const factory = { factory: rdfDataModel };
    const core = new Validator(new Store(coreQuads), factory);
    const profile = new Validator(new Store(profileQuads), factory);
    const coreTargets = engineTargets(core);
    const reach = neighbourhoodReach([...coreQuads, ...profileQuads], [...coreTargets, ...engineTargets(profile)]);
    const wanted = shapes.reuse ?? true;
    const valueBlind = wanted !== false && shapesAllowReuse([...coreQuads, ...profileQuads]).reuse;
    const reuse: ReuseMode = !valueBlind ? 'none' : wanted === true && reach.oneStep ? 'focus-node' : 'record';
    return new RecordValidator(
      core,
      profile,
      coreShapes,
      referenceTerms,
      reuse,
      reach,
      new Set([...reach.units].filter(([shape]) => coreTargets.some((t) => t.shape.value === shape)).flatMap(([, units]) => units.map((u) => u.shape))),
      coreQuads.length + profileQuads.length,
      shapes.official ?? false,
    );
  }

  async validate(recordQuads: readonly Quad[]): Promise<RecordReport> {
    const quads = this.referenceTerms.completing(recordQuads);
    // The record is read from an N3.Store: shacl-engine's lookups run 1.6x faster on its indexes
    // than on @rdfjs/dataset's, with the same results (bench/validate shows both).
    if (this.reuse === 'none') return summarise(await this.run(new Store(quads)), false);
    if (this.reuse === 'focus-node') return this.validateByFocusNode(quads);
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

  /**
   * Each focus node takes the results of an earlier node with the same whole neighbourhood, else,
   * shape unit by unit, those of earlier nodes whose statements that unit reads look the same;
   * the units nobody had seen are validated together.
   */
  private async validateByFocusNode(quads: Quad[]): Promise<RecordReport> {
    // Keys are made of numbered parts: past a bound, parts and the keys made of them start over.
    if (this.keyCodes.partCount >= 200_000) {
      this.keyCodes.forgetParts();
      this.nodeCache.clear();
    }
    const hood = new RecordNeighbourhoods(quads, this.reach, this.keyCodes);
    const findings: Finding[] = [];
    const fresh: FreshNode[] = [];
    const missed = new Map<ShapeUnit, MissedUnit[]>();
    for (const { term, shapes } of hood.focusNodes()) {
      let units = 0;
      for (const shape of shapes) units += this.reach.units.get(shape.value)!.length;
      // A whole key reads every statement of the node, its units only their paths: it is worth
      // making where it saves more lookups than it reads statements, and where it is found.
      const kind = units > hood.statementCount(term) ? hood.kindOf(term) : null;
      const whole = kind !== null && this.wholeKeys.worthTrying(kind) ? hood.nodeKeyOf(term) : null;
      // A node with a whole key gathers its own findings, to remember them under it.
      let into = findings;
      if (!whole) this.stats.wholeKeysSkipped += 1;
      else {
        const known = this.cached(whole.key, term, whole.neighbours, findings);
        this.wholeKeys.tried(kind!, known);
        if (known) continue;
        fresh.push({ term, whole, findings: (into = []) });
      }
      for (const shape of shapes) {
        for (const unit of this.reach.units.get(shape.value)!) {
          const { key, neighbours } = hood.keyOf(term, unit);
          if (this.cached(key, term, neighbours, into)) continue;
          const entry = { term, into, key, neighbours };
          const list = missed.get(unit);
          if (list) list.push(entry);
          else missed.set(unit, [entry]);
        }
      }
    }
    const reused = missed.size === 0;
    this.stats[reused ? 'reused' : 'validated'] += 1;
    const dataset = reused ? null : new Store(quads);
    for (const [unit, nodes] of missed) {
      this.stats.unitsValidated += nodes.length;
      const validator = this.coreUnitShapes.has(unit.shape) ? this.core : this.profile;
      const report = await validator.validate({ dataset: dataset!, terms: nodes.map((n) => n.term) }, [{ terms: [unit.shape] }]);
      // A node shape validated for its own constraints also reports its property shapes: those are units of their own.
      const found = report.results.filter((r) => unit.reads !== 'neighbourhood' || r.shape.ptr.term.equals(unit.shape)).map((r) => this.finding(r));
      for (const { term, into, key, neighbours } of nodes) {
        const own = found.filter((f) => f.focusNode === term.value);
        into.push(...own);
        this.remember(key, term, neighbours, own);
      }
    }
    for (const node of fresh) {
      for (const finding of node.findings) findings.push(finding);
      this.remember(node.whole.key, node.term, node.whole.neighbours, node.findings);
    }
    return summarise(findings, reused);
  }

  /** Whether findings are kept under a key; if so they are added to `into`, given to this focus node and its neighbours. */
  private cached(key: number, term: Term, neighbours: Term[], into: Finding[]): boolean {
    const kept = this.nodeCache.get(key);
    if (!kept) return false;
    this.stats.unitsReused += 1;
    for (const f of kept) {
      const value = typeof f.value === 'number' ? ntriples(f.value < 0 ? term : neighbours[f.value]!) : f.value;
      // Spelled out rather than spread: every finding then has one shape, which V8 copies fast.
      into.push({ severity: f.severity, focusNode: term.value, path: f.path, value, message: f.message, shape: f.shape, component: f.component, core: f.core });
    }
    return true;
  }

  private remember(key: number, term: Term, neighbours: Term[], found: Finding[]): void {
    const index = new Map<string, number>([[ntriples(term), -1], ...neighbours.map((t, i) => [ntriples(t), i] as const)]);
    if (this.nodeCache.size >= 100_000) this.nodeCache.delete(this.nodeCache.keys().next().value!);
    this.nodeCache.set(key, found.map(({ focusNode: _, ...f }) => ({ ...f, value: f.value === null ? null : (index.get(f.value) ?? f.value) })));
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
      severity: severityOf(result.severity.value),
      focusNode: termOfPointer(result.focusNode)!.value,
      path: pathText(result),
      value: value ? ntriples(value) : null,
      // Shapes may word a message in several languages: reports are in English, else the first;
      // without one, the finding is said in plain words (plain-words.ts).
      message: plainWords({
        path: pathText(result),
        component: result.constraintComponent.value,
        value: value ? ntriples(value) : null,
        message: (result.message.find((m) => m.termType === 'Literal' && (m.language === 'en' || m.language === '')) ?? result.message[0])?.value ?? '',
      }),
      shape: shape.termType === 'BlankNode' ? `_:${shape.value}` : shape.value,
      component: result.constraintComponent.value,
      core: this.coreShapes.has(shape.value),
    };
  }
}
