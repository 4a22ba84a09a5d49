// Owns how the CLI tells a user what went wrong: one readable message, the position for syntax
// errors, and an exit code (1: the input or the request; 2: usage or configuration; 3: a bug).
import { ConfigError } from '../config/index.js';
import { AppError, diskFullErrorOf } from '../errors/index.js';

export class UsageError extends Error {}

export function reportError(thrown: unknown, stream: NodeJS.WriteStream = process.stderr): number {
  const error = diskFullErrorOf(thrown) ?? thrown;
  if (error instanceof UsageError) {
    stream.write(`maillage: ${error.message}\nRun "maillage help" for the commands.\n`);
    return 2;
  }
  if (error instanceof ConfigError) {
    stream.write(`maillage: ${error.message}\n`);
    return 2;
  }
  if (error instanceof AppError) {
    const { line, column } = error.details as { line?: number; column?: number };
    const where = line !== undefined ? ` (line ${line}${column !== undefined ? `, column ${column}` : ''})` : '';
    stream.write(`maillage: ${error.message}${error.message.includes(`line ${line}`) ? '' : where}\n`);
    return 1;
  }
  const err = error as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT' && err.path) {
    stream.write(`maillage: no such file: ${err.path}\n`);
    return 1;
  }
  stream.write(`maillage: unexpected error: ${err?.stack ?? String(error)}\n`);
  return 3;
}
