// Owns reading a resource's DOI from its statements (dct:identifier in any of its written forms).
import { parsePid } from '../../linking/identifiers.js';
import { prefixes } from '../../mapping/namespaces.js';
import { valuesOf, type Statement } from './graph-loaders.js';

export function doiIn(statements: Statement[]): string | null {
  for (const id of valuesOf(statements, `${prefixes.dct}identifier`)) {
    const pid = parsePid(id, 'DOI');
    if (pid?.scheme === 'doi') return pid.value;
  }
  return null;
}
