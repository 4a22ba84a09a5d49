// Owns splitting canonical N-Quads (one quad a line) into chunks of a bounded number of quads.

/** Line ends in a text: the quads of canonical N-Quads or N-Triples, the lines of a piece of a file. */
export function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines;
}

export function* splitNQuads(nquads: string, quadsPerChunk: number): Generator<{ text: string; quads: number }> {
  let start = 0;
  while (start < nquads.length) {
    let end = start;
    let quads = 0;
    while (quads < quadsPerChunk && end < nquads.length) {
      const newline = nquads.indexOf('\n', end);
      end = newline === -1 ? nquads.length : newline + 1;
      quads += 1;
    }
    yield { text: nquads.slice(start, end), quads };
    start = end;
  }
}
