// Owns turning a raw record into the tree that mapping paths walk: JSON as it is, XML (through a
// streaming parser) as objects whose keys are child element local names (always arrays),
// "@name" attributes ("@xml:lang" for the language) and "#text" for the element's own text.
import { SaxesParser } from 'saxes';
import { checkXmlDepth } from '../records/record-limits.js';

export type SourceTree = unknown;

interface XmlElement {
  '#text'?: string;
  [key: string]: unknown;
}

export function parseXmlTree(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlElement = {};
  const stack: XmlElement[] = [root];
  parser.on('opentag', (tag) => {
    const element: XmlElement = {};
    for (const attribute of Object.values(tag.attributes)) {
      const name = attribute.prefix === 'xml' ? `@xml:${attribute.local}` : attribute.prefix === 'xmlns' || attribute.name === 'xmlns' ? null : `@${attribute.local}`;
      if (name) element[name] = attribute.value;
    }
    checkXmlDepth(stack.length);
    const parent = stack[stack.length - 1]!;
    const siblings = (parent[tag.local!] ??= []) as XmlElement[];
    siblings.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => appendText(stack[stack.length - 1]!, text));
  parser.on('cdata', (text) => appendText(stack[stack.length - 1]!, text));
  parser.on('closetag', () => {
    const element = stack.pop()!;
    if (element['#text'] !== undefined) element['#text'] = element['#text'].trim().replace(/\s+/g, ' ');
  });
  parser.write(xml).close();
  return root;
}

function appendText(element: XmlElement, text: string): void {
  element['#text'] = (element['#text'] ?? '') + text;
}

export function parseSourceTree(content: string, input: 'xml' | 'json'): SourceTree {
  return input === 'xml' ? parseXmlTree(content) : (JSON.parse(content) as unknown);
}
