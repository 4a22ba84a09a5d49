// Owns turning a mapping file into a function from a parsed source tree to quads: paths, filters
// and conversions are resolved once, when the mapping is loaded, so mapping a record is only walking.
import type { NamedNode, Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { parsePid, type Pid } from '../linking/identifiers.js';
import type { IdRule, MappingSpec, NodeSpec, PropertyRule } from './mapping-spec.js';
import { curieNode } from './namespaces.js';
import { compilePath, compileWhere, textOf } from './path-select.js';
import type { SourceTree } from './source-tree.js';
import { converters, nodeConverters, type ConversionContext } from './value-converters.js';

const { namedNode, quad } = DataFactory;
const rdfType = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');

export type Tables = ReadonlyMap<string, ReadonlyMap<string, string[]>>;

export class MappingDefinitionError extends Error {
  override name = 'MappingDefinitionError';
}

export interface MappingRun extends ConversionContext {
  quads: Quad[];
  /** The whole parsed record, for "$." paths. */
  root: SourceTree;
}

type NodeMapper = (tree: SourceTree, run: MappingRun, fallback: () => NamedNode) => NamedNode | null;

/** A path from the node, or from the record's root when it starts with "$.". */
function rootedPath(path: string): (node: SourceTree, run: MappingRun) => SourceTree[] {
  if (!path.startsWith('$.')) {
    const select = compilePath(path);
    return (node) => select(node);
  }
  const select = compilePath(path.slice(2));
  return (_node, run) => select(run.root);
}

function compileSelect(rule: { path: string; where?: Record<string, string | string[]> | undefined; then?: string | undefined }) {
  const select = rootedPath(rule.path);
  const keep = compileWhere(rule.where);
  const filtered = keep ? (node: SourceTree, run: MappingRun) => select(node, run).filter(keep) : select;
  if (!rule.then) return filtered;
  const then = compilePath(rule.then);
  return (node: SourceTree, run: MappingRun) => filtered(node, run).flatMap((kept) => then(kept));
}

const optionalText = (path: string | undefined) => {
  if (!path) return () => null;
  const select = compilePath(path);
  return (node: SourceTree) => {
    for (const found of select(node)) {
      const text = textOf(found);
      if (text !== null) return text;
    }
    return null;
  };
};

function compileIdRule(rule: IdRule): (tree: SourceTree, run: MappingRun) => Pid | null {
  const select = compileSelect(rule);
  const valueOf = optionalText(rule.value ?? '.');
  const schemeOf = optionalText(rule.scheme);
  return (tree, run) => {
    for (const node of select(tree, run)) {
      const text = valueOf(node);
      const pid = text ? parsePid(text, rule.schemeName ?? schemeOf(node) ?? undefined) : null;
      if (pid) return pid;
    }
    return null;
  };
}

function tableLookup(tables: Tables, name: string): (key: string) => string[] | null {
  const table = tables.get(name);
  if (!table) throw new MappingDefinitionError(`no table named ${name} in mappings/tables`);
  return (key) => table.get(key) ?? table.get(key.toLowerCase()) ?? null;
}

function compileProperty(rule: PropertyRule, tables: Tables): (tree: SourceTree, subject: NamedNode, run: MappingRun) => void {
  const select = compileSelect(rule);
  const valueOf = optionalText(rule.value ?? '.');
  const langOf = optionalText(rule.lang);
  const schemeOf = optionalText(rule.scheme);
  const fixedPredicate = rule.p ? curieNode(rule.p) : null;
  const predicateFrom = rule.pFrom ? { key: optionalText(rule.pFrom.path), lookup: tableLookup(tables, rule.pFrom.table), fallback: rule.pFrom.default } : null;
  const convert = converters[rule.as ?? 'literal'];
  if (!convert) throw new MappingDefinitionError(`unknown conversion "${rule.as}" (known: ${Object.keys(converters).join(', ')})`);
  if (rule.table) tableLookup(tables, rule.table);
  const objectTypes = (Array.isArray(rule.objectType) ? rule.objectType : rule.objectType ? [rule.objectType] : []).map(curieNode);
  const child = rule.node ? compileNode(rule.node, tables) : null;
  const objectProperties = (rule.objectProperties ?? []).map((objectRule) => compileProperty(objectRule, tables));
  const splitter = rule.split ? new RegExp(rule.split) : null;

  const predicatesFor = (node: SourceTree): NamedNode[] => {
    if (fixedPredicate) return [fixedPredicate];
    const key = predicateFrom!.key(node);
    const found = (key ? predicateFrom!.lookup(key) : null) ?? (predicateFrom!.fallback ? [predicateFrom!.fallback] : []);
    return found.map(curieNode);
  };

  return (tree, subject, run) => {
    for (const node of select(tree, run)) {
      const predicates = predicatesFor(node);
      if (predicates.length === 0) continue;
      const objects: Term[] = [];
      if (child) {
        const object = child(node, run, () => run.skolem(rule.node!.label ?? 'node'));
        if (object) objects.push(object);
      } else {
        // Conversions that read the node's fields (a bounding box) need no text of its own.
        const text = valueOf(node) ?? (nodeConverters.has(rule.as ?? '') ? '-' : null);
        if (text === null) continue;
        const lang = langOf(node) ?? rule.langDefault ?? null;
        for (const part of splitter ? text.split(splitter) : [text]) {
          const value = part.trim();
          if (!value) continue;
          const object = convert({ text: value, node, lang, datatype: rule.datatype ?? null, table: rule.table ?? null, scheme: schemeOf(node) ?? rule.schemeName ?? null }, run);
          if (object) objects.push(object);
        }
      }
      for (const object of objects) {
        for (const predicate of predicates) run.emit(quad(subject, predicate, object as NamedNode));
        if (object.termType !== 'NamedNode') continue;
        for (const type of objectTypes) run.emit(quad(object, rdfType, type));
        for (const property of objectProperties) property(node, object, run);
      }
    }
  };
}

export function compileNode(spec: NodeSpec, tables: Tables): NodeMapper {
  const ids = (spec.id ?? []).map(compileIdRule);
  const types = (spec.types ?? []).map(curieNode);
  const typeFrom = spec.typeFrom ? { key: optionalText(spec.typeFrom.path), lookup: tableLookup(tables, spec.typeFrom.table), fallback: spec.typeFrom.default } : null;
  const properties = spec.properties.map((rule) => compileProperty(rule, tables));
  const required = spec.requires ? curieNode(spec.requires) : null;
  return (tree, outer, fallback) => {
    // With a required property, the node's statements wait until it is known to have it.
    const held: Quad[] = [];
    const run = required ? { ...outer, emit: (q: Quad) => void held.push(q) } : outer;
    let subject: NamedNode | null = null;
    for (const id of ids) {
      const pid = id(tree, run);
      if (pid) {
        subject = run.mint(pid);
        run.emit(quad(subject, namedNode('http://purl.org/dc/terms/identifier'), DataFactory.literal(pid.iri)));
        break;
      }
    }
    if (!subject && spec.requireId) return null;
    subject ??= fallback();
    for (const type of types) run.emit(quad(subject, rdfType, type));
    if (typeFrom) {
      const key = typeFrom.key(tree);
      const found = (key ? typeFrom.lookup(key) : null) ?? (typeFrom.fallback ? [typeFrom.fallback] : []);
      for (const type of found) run.emit(quad(subject, rdfType, curieNode(type)));
    }
    for (const property of properties) property(tree, subject, run);
    if (required) {
      if (!held.some((q) => q.subject.equals(subject) && q.predicate.equals(required))) return null;
      for (const q of held) outer.emit(q);
    }
    return subject;
  };
}

export interface CompiledMapping {
  spec: MappingSpec;
  /** Maps one parsed record; `fallback` names the resource when it has no persistent identifier. */
  map(tree: SourceTree, run: Omit<MappingRun, 'root'>, fallback: () => NamedNode): { resource: NamedNode; modified: string | null };
}

export function compileMapping(spec: MappingSpec, tables: Tables): CompiledMapping {
  // The first root path that finds the resource wins (a format may come wrapped or bare).
  const roots = (Array.isArray(spec.root) ? spec.root : [spec.root]).map(compilePath);
  const resource = compileNode(spec.resource, tables);
  const modified = optionalText(spec.modified);
  return {
    spec,
    map(tree, run, fallback) {
      const node = roots.map((root) => root(tree)[0]).find((found) => found !== null && typeof found === 'object');
      if (node === undefined) throw new MappingInputError(`no ${[spec.root].flat().join(' or ')} in the record`);
      return { resource: resource(node, { ...run, root: node }, fallback)!, modified: modified(node) };
    },
  };
}

/** The record is not what its format promises (a bad record, reported and kept aside). */
export class MappingInputError extends Error {
  override name = 'MappingInputError';
}
