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

const pieceBytes = 8 * 1024 * 1024;

export async function writeCanonicalNQuads(
  input: AsyncIterable<Uint8Array | string>,
  options: { format: RdfMediaType; graph: string | null; out: string; onProgress?: (bytesRead: number, quads: number) => void },
): Promise<{ quads: number; hasBlankNodes: boolean }> {
  if (!streamableFormats.has(options.format)) throw new Error(`${options.format} is not a line-based format`);
  const fd = openSync(options.out, 'w');
  let quads = 0;
  let hasBlankNodes = false;
  let lineOffset = 0;
  let bytesRead = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  const writePiece = async (text: string) => {
    let prepared;
    try {
      prepared = prepareRdf({ data: text, format: options.format, graph: options.graph, singleGraph: false });
    } catch (error) {
      // Lines are counted from the file's start, not the piece's.
      if (error instanceof RdfSyntaxError && typeof error.details.line === 'number') {
        const line = lineOffset + error.details.line;
        throw new RdfSyntaxError(error.message.replace(/line \d+/, `line ${line}`), { ...error.details, line });
      }
      throw error;
    }
    writeSync(fd, prepared.nquads);
    quads += prepared.quads;
    hasBlankNodes ||= prepared.hasBlankNodes;
    lineOffset += countLines(text);
    options.onProgress?.(bytesRead, quads);
    // Parsing is synchronous: let timers and I/O run between pieces.
    await new Promise((resolve) => setImmediate(resolve));
  };
  try {
    for await (const chunk of input) {
      bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (pending.length < pieceBytes) continue;
      const end = pending.lastIndexOf('\n');
      if (end === -1) continue;
      await writePiece(pending.slice(0, end + 1));
      pending = pending.slice(end + 1);
    }
    pending += decoder.decode();
    if (pending.trim() !== '') await writePiece(pending.endsWith('\n') ? pending : `${pending}\n`);
    fsyncSync(fd);
  } catch (error) {
    if (error instanceof TypeError && /encoded data was not valid/i.test(error.message)) throw new RdfSyntaxError(`Invalid ${options.format}: the file is not UTF-8 (after line ${lineOffset})`, { format: options.format, line: lineOffset + 1 });
    throw error;
  } finally {
    closeSync(fd);
  }
  return { quads, hasBlankNodes };
}
