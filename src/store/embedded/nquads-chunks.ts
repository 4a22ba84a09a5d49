// Owns splitting canonical N-Quads (one quad a line) into chunks of a bounded number of quads.

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
