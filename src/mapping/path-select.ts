// Owns the small path language mappings use to point into a source tree: dot-separated keys,
// stepping through arrays on the way ("creators.creator.nameIdentifier"), "." for the node itself.
import type { SourceTree } from './source-tree.js';

export type Where = Record<string, string | string[]>;

export interface CompiledPath {
  (node: SourceTree): SourceTree[];
}

export function compilePath(path: string): CompiledPath {
  if (path === '.' || path === '') return (node) => (Array.isArray(node) ? node : [node]);
  const keys = path.split('.');
  // Walked depth first into one list: the same order as step by step, without a list per step.
  const walk = (node: SourceTree, depth: number, out: SourceTree[]): void => {
    if (depth === keys.length) {
      out.push(node);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const value = (node as Record<string, unknown>)[keys[depth]!];
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) for (const item of value) walk(item, depth + 1, out);
    else walk(value, depth + 1, out);
  };
  return (node) => {
    const out: SourceTree[] = [];
    if (Array.isArray(node)) for (const item of node) walk(item, 0, out);
    else walk(node, 0, out);
    return out;
  };
}

/** The text of a node: a scalar as a string, an XML element's own text, or null. */
export function textOf(node: SourceTree): string | null {
  if (typeof node === 'string') return node.trim() === '' ? null : node.trim();
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (node && typeof node === 'object' && '#text' in node) return textOf((node as { '#text': unknown })['#text']);
  return null;
}

/** Keeps the nodes whose fields equal (case-insensitively) one of the values the filter lists. */
export function compileWhere(where: Where | undefined): ((node: SourceTree) => boolean) | null {
  if (!where) return null;
  const tests = Object.entries(where).map(([path, expected]) => {
    const select = compilePath(path);
    const wanted = new Set((Array.isArray(expected) ? expected : [expected]).map((value) => value.toLowerCase()));
    const wantsMissing = wanted.has('');
    return (node: SourceTree) => {
      const values = select(node).map(textOf).filter((value): value is string => value !== null);
      if (values.length === 0) return wantsMissing;
      return values.some((value) => wanted.has(value.toLowerCase()));
    };
  });
  return (node) => tests.every((test) => test(node));
}
