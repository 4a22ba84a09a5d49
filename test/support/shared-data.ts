// Finds the third-party test material in ../shared/data (never copied into the repository).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const sharedDataDir = path.resolve(process.env.MAILLAGE_SHARED_DATA ?? path.join(process.cwd(), '..', 'shared', 'data'));

/** Null when the folder is there; otherwise why the tests that need it are skipped. */
export const sharedDataMissing: string | null = existsSync(sharedDataDir)
  ? null
  : `third-party test material not found at ${sharedDataDir} (set MAILLAGE_SHARED_DATA)`;

export function sharedFile(relative: string): string {
  return readFileSync(path.join(sharedDataDir, relative), 'utf8');
}

/** An XML document's root element and content, without its XML declaration, to embed in another. */
export function withoutXmlDeclaration(xml: string): string {
  return xml.replace(/^\uFEFF?<\?xml[^?]*\?>\s*/, '');
}
