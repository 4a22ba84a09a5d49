// Owns the fingerprints that let SHACL results be reused between records, one focus node and one
// shape at a time. When every shape looks only one step away from its focus node (single-predicate,
// alternative or inverse paths; value shapes that check the value itself: kind, datatype, class),
// a property shape's results on a focus node depend only on the values along its path: their
// kinds, classes, literal datatypes, languages and lexical validity, and which of them are the
// same term. A node shape's own constraints depend on the focus node's whole neighbourhood.
// Two records rarely share a whole structure (one more creator is enough to differ); their
// dataset's licence, title or creators, and their people and organisations, mostly do.
import type { Literal, Quad, Term } from '@rdfjs/types';
import { Store } from 'n3';
import { termId } from '../rdf/index.js';
import { literalShapeOf, xsdValid } from './structure-key.js';

const sh = (local: string) => `http://www.w3.org/ns/shacl#${local}`;
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const rdfFirst = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#first';
const rdfRest = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#rest';

/** A key is its part's number times this, plus its unit's id (the whole neighbourhood takes the last id). */
const unitsPerPart = 4096;
const wholeUnit = unitsPerPart - 1;

/** How one shape picks its focus nodes, as the engine resolved it. */
export interface ShapeTargets {
  shape: Term;
  classes: ReadonlySet<string>;
  objectsOf: ReadonlySet<string>;
  subjectsOf: ReadonlySet<string>;
  nodes: ReadonlySet<string>;
}

/** One piece of a targeting shape that is validated and reused on its own. */
export interface ShapeUnit {
  /** Its number among the shapes graph's units: the start of its keys. */
  id: number;
  /** The property shape, or the node shape itself for its own constraints. */
  shape: Term;
  /** The statements its results depend on: along a path, or (node shape) the whole neighbourhood. */
  reads: { direction: '>' | '<'; predicates: ReadonlySet<string> } | 'neighbourhood';
  /** The same for every unit that reads the same statements (many shapes check one path). */
  readsKey: string;
}

export interface NeighbourhoodReach {
  /** Per-unit reuse is exact for these shapes; otherwise `blocking` says which construct reaches further. */
  oneStep: boolean;
  blocking: string[];
  /** Predicates read backwards (inverse paths, targetObjectsOf): their incoming statements count. */
  incoming: ReadonlySet<string>;
  /** Which shapes target a node, looked up by its classes and predicates. */
  targetIndex: TargetIndex;
  /** The units of each targeting shape, by shape term value. */
  units: ReadonlyMap<string, ShapeUnit[]>;
}

const listItems = (store: Store, head: Term): Term[] => {
  const items: Term[] = [];
  for (let node: Term | undefined = head; node && node.value !== 'http://www.w3.org/1999/02/22-rdf-syntax-ns#nil'; node = store.getObjects(node, rdfRest, null)[0]) {
    const first = store.getObjects(node, rdfFirst, null)[0];
    if (!first) break;
    items.push(first);
  }
  return items;
};

const readsKeyOf = (reads: ShapeUnit['reads']): string => (reads === 'neighbourhood' ? 'N' : `${reads.direction}${[...reads.predicates].sort().join(' ')}`);

/** Shape terms that neither constrain nor pick the focus node: a node shape with only these is the sum of its property shapes. */
const notConstraints = new Set(
  ['targetClass', 'targetObjectsOf', 'targetSubjectsOf', 'targetNode', 'property', 'severity', 'message', 'name', 'description', 'order', 'group', 'deactivated', 'shape'].map(sh),
);

/** Reads the shapes graph: do all shapes stay one step from their focus node, and what does each one read? */
export function neighbourhoodReach(shapeQuads: readonly Quad[], targets: ShapeTargets[]): NeighbourhoodReach {
  const store = new Store([...shapeQuads]);
  const blocking = new Set<string>();
  const incoming = new Set<string>();
  for (const t of targets) for (const p of t.objectsOf) incoming.add(p);
  const pathOf = (shape: Term): ShapeUnit['reads'] | null => {
    const path = store.getObjects(shape, sh('path'), null)[0];
    if (!path) return null;
    if (path.termType === 'NamedNode') return { direction: '>', predicates: new Set([path.value]) };
    const alternatives = store.getObjects(path, sh('alternativePath'), null)[0];
    const inverse = store.getObjects(path, sh('inversePath'), null)[0];
    if (alternatives) {
      const items = listItems(store, alternatives);
      if (items.every((item) => item.termType === 'NamedNode')) return { direction: '>', predicates: new Set(items.map((i) => i.value)) };
      blocking.add('an alternative path of paths');
    } else if (inverse?.termType === 'NamedNode') {
      incoming.add(inverse.value);
      return { direction: '<', predicates: new Set([inverse.value]) };
    } else {
      blocking.add(store.getObjects(path, rdfFirst, null).length ? 'a sequence path' : 'a path that repeats or nests');
    }
    return 'neighbourhood';
  };
  const units = new Map<string, ShapeUnit[]>();
  let unitCount = 0;
  const unit = (shape: Term, reads: ShapeUnit['reads']): ShapeUnit => ({ id: unitCount++, shape, reads, readsKey: readsKeyOf(reads) });
  for (const { shape } of targets) {
    const own = pathOf(shape);
    if (own) {
      units.set(shape.value, [unit(shape, own)]);
      continue;
    }
    const list = store.getObjects(shape, sh('property'), null).map((p) => unit(p, pathOf(p) ?? 'neighbourhood'));
    if (store.getQuads(shape, null, null, null).some((q) => q.predicate.value.startsWith(sh('')) && !notConstraints.has(q.predicate.value))) list.push(unit(shape, 'neighbourhood'));
    units.set(shape.value, list);
  }
  if (unitCount >= wholeUnit) throw new Error(`the shapes make ${unitCount} shape units; keys number at most ${wholeUnit - 1}`);
  // A value shape (sh:node, sh:not, sh:qualifiedValueShape, members of sh:or/and/xone, wherever
  // referenced) may check the value itself but not the value's own properties: those lie two steps
  // from the focus node. On a node shape's own focus node such a shape would stay one step away,
  // but telling the two uses apart needs the shape tree: both are refused, to stay exact.
  const valueShapes = [
    ...['node', 'not', 'qualifiedValueShape'].flatMap((p) => store.getObjects(null, sh(p), null)),
    ...['or', 'and', 'xone'].flatMap((p) => store.getObjects(null, sh(p), null).flatMap((list) => listItems(store, list))),
  ];
  for (const shape of valueShapes) {
    if (store.getQuads(shape, sh('property'), null, null).length || store.getQuads(shape, sh('path'), null, null).length) blocking.add(`a nested shape with properties (${shape.value})`);
  }
  return { oneStep: blocking.size === 0, blocking: [...blocking], incoming, targetIndex: new TargetIndex(targets), units };
}

export interface FocusNode {
  term: Term;
  /** The shapes that target it. */
  shapes: Term[];
}

export interface NeighbourhoodKey {
  /** A number: hashed and compared at once, where a text key would be read whole on every lookup. */
  key: number;
  /** The neighbours in key order: a cached finding's value n is this list's n. */
  neighbours: Term[];
}

/** Which shapes a class, an incoming or outgoing predicate or a node picks, for quick lookup. */
export class TargetIndex {
  readonly byClass = new Map<string, Term[]>();
  readonly byObjectOf = new Map<string, Term[]>();
  readonly bySubjectOf = new Map<string, Term[]>();
  readonly byNode = new Map<string, Term[]>();

  constructor(targets: readonly ShapeTargets[]) {
    const add = (map: Map<string, Term[]>, key: string, shape: Term) => map.set(key, [...(map.get(key) ?? []), shape]);
    for (const t of targets) {
      for (const c of t.classes) add(this.byClass, c, t.shape);
      for (const p of t.objectsOf) add(this.byObjectOf, p, t.shape);
      for (const p of t.subjectsOf) add(this.bySubjectOf, p, t.shape);
      for (const n of t.nodes) add(this.byNode, n, t.shape);
    }
  }
}

/** A key without its unit: the statements read, described, and the neighbours in key order. */
interface KeyPart {
  /** The part's number among all parts seen (KeyCodes.partNumber). */
  part: number;
  neighbours: Term[];
}

/** The start of a unit's part: the focus node's kind of term (the unit's shapes see no more of it). */
const unitHeads: Record<string, string> = { NamedNode: ' N', BlankNode: ' B', Literal: ' L', Variable: ' V', DefaultGraph: ' D', Quad: ' Q' };
const noNeighbours: Term[] = [];
const positionOf = (list: string[], item: string): number | undefined => {
  const at = list.indexOf(item);
  return at < 0 ? undefined : at;
};

/** A statement as a node sees it: the other end, that end's term id, and (once a key needed it) its code in keys. */
interface Edge {
  predicate: string;
  other: Term;
  otherId: string;
  code?: number;
}
type ByPredicate = Map<string, Edge[]>;

/** Short codes for the long texts keys are made of (predicates, value descriptions), kept by the validator. */
export class KeyCodes {
  private readonly codes = new Map<string, string>();
  /** Literal descriptions by what their id ends with (nothing, a language, or a datatype and validity). */
  private readonly literals = new Map<string, string>();
  /** Statements as a node sees them (direction, predicate, the other end's description), by predicate then description. */
  private readonly edges = { '>': new Map<string, Map<string, number>>(), '<': new Map<string, Map<string, number>>() };
  private edgeCount = 0;
  private readonly parts = new Map<string, number>();

  of(text: string): string {
    let code = this.codes.get(text);
    if (code === undefined) this.codes.set(text, (code = this.codes.size.toString(36)));
    return code;
  }

  /** The number of a part of keys (a unit's key is its part's number and the unit's id). */
  partNumber(part: string): number {
    let n = this.parts.get(part);
    if (n === undefined) this.parts.set(part, (n = this.parts.size));
    return n;
  }

  /** How many parts are numbered: forgetting them (with every key made of them) bounds the memory. */
  get partCount(): number {
    return this.parts.size;
  }

  forgetParts(): void {
    this.parts.clear();
  }

  /** The number of a statement as a node sees it, looked up without making its text (keys sort statements by it). */
  ofEdge(direction: '>' | '<', predicate: string, description: string): number {
    let byDescription = this.edges[direction].get(predicate);
    if (!byDescription) this.edges[direction].set(predicate, (byDescription = new Map()));
    let code = byDescription.get(description);
    if (code === undefined) byDescription.set(description, (code = this.edgeCount++));
    return code;
  }

  /** The code of a literal's description (literalShapeOf), read from the end of its id: "v", "v"@lang, "v"^^datatype. */
  ofLiteral(term: Literal, id: string): string {
    const tail = id.slice(id.lastIndexOf('"') + 1);
    // Which language does not matter, only that there is one (and a direction, RDF 1.2); a typed
    // literal's lexical validity does.
    const kind = tail.startsWith('@') ? (tail.includes('--') ? '@--' : '@') : tail === '' ? '' : `${tail}${xsdValid(term) ? '' : '!'}`;
    let code = this.literals.get(kind);
    if (code === undefined) this.literals.set(kind, (code = this.of(`L${literalShapeOf(term)}`)));
    return code;
  }
}

/** One record's graph read as neighbourhoods: which nodes shapes target, and each unit's key on them. */
export class RecordNeighbourhoods {
  private readonly outgoing = new Map<string, ByPredicate>();
  private readonly incoming = new Map<string, ByPredicate>();
  private readonly classes = new Map<string, string[]>();
  private readonly terms = new Map<string, Term>();
  private readonly descriptions = new Map<string, string>();
  private readonly parts = new Map<string, KeyPart>();
  private partsOf: Term | null = null;

  constructor(
    quads: readonly Quad[],
    private readonly reach: NeighbourhoodReach,
    private readonly codes: KeyCodes,
  ) {
    const add = (byPredicate: ByPredicate, edge: Edge) => {
      const list = byPredicate.get(edge.predicate);
      if (list) list.push(edge);
      else byPredicate.set(edge.predicate, [edge]);
    };
    // Incoming statements count only where inverse paths or targetObjectsOf read them; an object
    // reached by none of those can still be targeted by name (targetNode), unless it is a literal.
    const { incoming, targetIndex } = reach;
    let subject: string | null = null;
    let outgoing: ByPredicate | undefined;
    for (const quad of quads) {
      const s = termId(quad.subject);
      // A node's statements mostly come together (the mapper writes them so): its map is at hand.
      if (s !== subject) {
        subject = s;
        outgoing = this.outgoing.get(s);
        if (!outgoing) {
          this.outgoing.set(s, (outgoing = new Map()));
          this.terms.set(s, quad.subject);
        }
      }
      const o = termId(quad.object);
      const predicate = quad.predicate.value;
      add(outgoing!, { predicate, other: quad.object, otherId: o });
      if (incoming.has(predicate)) {
        this.terms.set(o, quad.object);
        let byPredicate = this.incoming.get(o);
        if (!byPredicate) this.incoming.set(o, (byPredicate = new Map()));
        add(byPredicate, { predicate, other: quad.subject, otherId: s });
      } else if (quad.object.termType !== 'Literal' && targetIndex.byNode.has(quad.object.value)) this.terms.set(o, quad.object);
      if (predicate === rdfType) {
        const list = this.classes.get(s);
        if (list) list.push(quad.object.value);
        else this.classes.set(s, [quad.object.value]);
      }
    }
  }

  /** Every term some shape targets, with the shapes that target it (as the engine resolves targets). */
  focusNodes(): FocusNode[] {
    const out: FocusNode[] = [];
    const index = this.reach.targetIndex;
    const shapes = new Set<Term>();
    const add = (list: Term[] | undefined) => {
      if (list) for (const shape of list) shapes.add(shape);
    };
    for (const [id, term] of this.terms) {
      shapes.clear();
      for (const c of this.classes.get(id) ?? []) add(index.byClass.get(c));
      if (term.termType !== 'Literal') add(index.byNode.get(term.value));
      for (const p of this.incoming.get(id)?.keys() ?? []) add(index.byObjectOf.get(p));
      for (const p of this.outgoing.get(id)?.keys() ?? []) add(index.bySubjectOf.get(p));
      if (shapes.size > 0) out.push({ term, shapes: [...shapes] });
    }
    return out;
  }

  /** The key of one unit on one focus node: the unit, and the statements it reads, values described. */
  keyOf(term: Term, unit: ShapeUnit): NeighbourhoodKey {
    const { part, neighbours } = this.part(term, unit.reads, unit.readsKey);
    return { key: part * unitsPerPart + unit.id, neighbours };
  }

  /**
   * The key of a focus node for all the shapes at once: its whole neighbourhood, which also tells
   * which shapes target it (its classes, its predicates, the incoming ones targets read).
   */
  nodeKeyOf(term: Term): NeighbourhoodKey {
    const { part, neighbours } = this.part(term, 'neighbourhood', 'N');
    return { key: part * unitsPerPart + wholeUnit, neighbours };
  }

  /** How many statements a whole-neighbourhood key of this node would read. */
  statementCount(term: Term): number {
    const id = termId(term);
    let count = 0;
    for (const list of this.outgoing.get(id)?.values() ?? []) count += list.length;
    for (const list of this.incoming.get(id)?.values() ?? []) count += list.length;
    return count;
  }

  /** What a focus node is (its kind and classes) as a short code. */
  kindOf(term: Term): string {
    return this.describe(term, termId(term));
  }

  /** The described statements one kind of reading sees, made once per focus node (its units ask for it in turn). */
  private part(term: Term, reads: ShapeUnit['reads'], readsKey: string): KeyPart {
    if (this.partsOf !== term) {
      this.parts.clear();
      this.partsOf = term;
    }
    let part = this.parts.get(readsKey);
    if (!part) this.parts.set(readsKey, (part = this.describeReads(term, reads)));
    return part;
  }

  private describeReads(term: Term, reads: ShapeUnit['reads']): KeyPart {
    const self = termId(term);
    const edges: Edge[] = [];
    const take = (direction: '>' | '<', list: Edge[] | undefined) => {
      if (list) for (const edge of list) {
        edge.code ??= this.codes.ofEdge(direction, edge.predicate, this.describe(edge.other, edge.otherId));
        edges.push(edge);
      }
    };
    if (reads === 'neighbourhood') {
      for (const list of this.outgoing.get(self)?.values() ?? []) take('>', list);
      for (const list of this.incoming.get(self)?.values() ?? []) take('<', list);
    } else {
      const byPredicate = (reads.direction === '>' ? this.outgoing : this.incoming).get(self);
      if (byPredicate) for (const p of reads.predicates) take(reads.direction, byPredicate.get(p));
    }
    const head = reads === 'neighbourhood' ? ` ${this.describe(term, self)}` : unitHeads[term.termType]!;
    if (edges.length === 0) return { part: this.codes.partNumber(head), neighbours: noNeighbours };
    if (edges.length > 1) edges.sort((a, b) => a.code! - b.code!);
    // Values are numbered by first appearance, so a value reached twice (two predicates of an
    // alternative path) is told apart from two distinct values: counts depend on it. A value seen
    // first takes the next number, which goes without saying; the focus node itself is -1.
    // Few values: a list searched is cheaper than a map made; many (a long keyword list): a map.
    const ids: string[] = [];
    const index = edges.length > 32 ? new Map<string, number>() : null;
    const neighbours: Term[] = [];
    let part = head;
    for (const edge of edges) {
      const n = edge.otherId === self ? -1 : index ? index.get(edge.otherId) : positionOf(ids, edge.otherId);
      if (n !== undefined) part += `|${edge.code}#${n}`;
      else {
        index?.set(edge.otherId, neighbours.length);
        ids.push(edge.otherId);
        neighbours.push(edge.other);
        part += `|${edge.code}`;
      }
    }
    return { part: this.codes.partNumber(part), neighbours };
  }

  /** The value's description as a short code. */
  private describe(term: Term, id: string): string {
    let code = this.descriptions.get(id);
    if (code === undefined) this.descriptions.set(id, (code = term.termType === 'Literal' ? this.codes.ofLiteral(term, id) : this.describeNode(term, id)));
    return code;
  }

  private describeNode(term: Term, id: string): string {
    const classes = this.classes.get(id);
    if (!classes) return this.codes.of(term.termType[0]!);
    return this.codes.of(`${term.termType[0]} a ${(classes.length > 1 ? [...classes].sort() : classes).join(' ')}`);
  }
}
