// Owns reading a file the CLI was given, gunzipping *.gz, as bytes or as a stream of chunks.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';

export async function readInputFile(file: string): Promise<Uint8Array> {
  const bytes = await readFile(file);
  return file.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

export function streamInputFile(file: string): AsyncIterable<Buffer> {
  const stream = createReadStream(file);
  return file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
}
