// Owns turning a line-based RDF file (N-Triples, N-Quads; gzip is undone by the caller) of any
// size into the canonical N-Quads file a bulk load is journaled as: read as a stream, cut at line
// ends into pieces of a few megabytes, each piece parsed (so a bad file is refused, with its line,
// before anything is committed) and written out, in bounded memory. Blank node labels stay as
// written, so the one streamed load of the whole file keeps them joined.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { RdfSyntaxError } from '../../errors/index.js';
import { mediaTypes, type RdfMediaType } from '../../rdf/index.js';
import { prepareRdf } from '../worker/rdf-preparation.js';
import { countLines } from './nquads-chunks.js';

export const streamableFormats: ReadonlySet<string> = new Set([mediaTypes.nTriples, mediaTypes.nQuads]);

const defaultPieceBytes = 8 * 1024 * 1024;

/**
 * The input cut at line ends into pieces of about `pieceBytes` (UTF-8 checked), each with the line
 * number it starts at: what a line-based RDF file is read as, in bounded memory.
 */
export async function* linePieces(input: AsyncIterable<Uint8Array | string>, format: RdfMediaType, pieceBytes = defaultPieceBytes): AsyncGenerator<{ text: string; firstLine: number; bytesRead: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let bytesRead = 0;
  let firstLine = 1;
  const piece = (text: string) => {
    const out = { text, firstLine, bytesRead };
    firstLine += countLines(text);
    return out;
  };
  try {
    for await (const chunk of input) {
      bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (pending.length < pieceBytes) continue;
      const end = pending.lastIndexOf('\n');
      if (end === -1) continue;
      yield piece(pending.slice(0, end + 1));
      pending = pending.slice(end + 1);
    }
    pending += decoder.decode();
  } catch (error) {
    if (error instanceof TypeError && /encoded data was not valid/i.test(error.message)) throw new RdfSyntaxError(`Invalid ${format}: the file is not UTF-8 (after line ${firstLine - 1})`, { format, line: firstLine });
    throw error;
  }
  if (pending.trim() !== '') yield piece(pending.endsWith('\n') ? pending : `${pending}\n`);
}

/** A piece's syntax error, with its line counted from the file's start rather than the piece's. */
export function inFileLines(error: unknown, firstLine: number): unknown {
  if (!(error instanceof RdfSyntaxError) || typeof error.details.line !== 'number') return error;
  const line = firstLine - 1 + error.details.line;
  return new RdfSyntaxError(error.message.replace(/line \d+/, `line ${line}`), { ...error.details, line });
}

export async function writeCanonicalNQuads(
  input: AsyncIterable<Uint8Array | string>,
  options: { format: RdfMediaType; graph: string | null; out: string; onProgress?: (bytesRead: number, quads: number) => void },
): Promise<{ quads: number; hasBlankNodes: boolean }> {
  if (!streamableFormats.has(options.format)) throw new Error(`${options.format} is not a line-based format`);
  const fd = openSync(options.out, 'w');
  let quads = 0;
  let hasBlankNodes = false;
  try {
    for await (const { text, firstLine, bytesRead } of linePieces(input, options.format)) {
      let prepared;
      try {
        prepared = prepareRdf({ data: text, format: options.format, graph: options.graph, singleGraph: false });
      } catch (error) {
        throw inFileLines(error, firstLine);
      }
      writeSync(fd, prepared.nquads);
      quads += prepared.quads;
      hasBlankNodes ||= prepared.hasBlankNodes;
      options.onProgress?.(bytesRead, quads);
      // Parsing is synchronous: let timers and I/O run between pieces.
      await new Promise((resolve) => setImmediate(resolve));
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { quads, hasBlankNodes };
}
