// Owns the CLI's backups: `maillage backup <dir>` copies a DATA_DIR while the service runs and
// writes (src/records/data-dir-backup.ts), and `maillage restore <dir>` puts one back in an unused
// DATA_DIR (a new machine), checked against its manifest. (`maillage restore <file.nq>` replaces
// the store from a dump instead: store-commands.ts.)
import { backupDataDir, restoreDataDir } from '../../records/data-dir-backup.js';
import { createProgress } from '../progress.js';
import { UsageError } from '../report-error.js';
import type { CommandContext } from './store-commands.js';

const count = new Intl.NumberFormat('en');

export async function backupCommand(context: CommandContext): Promise<void> {
  const target = context.args[0];
  if (!target) throw new UsageError('backup needs an empty folder: maillage backup <dir>');
  const progress = createProgress(`backup of ${context.config.dataDir}`, 'steps');
  const manifest = await backupDataDir(context.config.dataDir, target, (message) => progress.note(message));
  const storeNote = context.config.store === 'remote' ? '; the remote store is backed up by its own tools (Virtuoso: checkpoint and backup_online)' : '';
  progress.done(`${count.format(manifest.rawRecords)} raw records, ${count.format(manifest.journalEntries)} journal entries, snapshot ${manifest.snapshotSeq ?? 'none'}, ${(manifest.bytes / 1024 / 1024).toFixed(1)} MiB in ${target}${storeNote}`);
}

export function restoreBackupCommand(context: CommandContext, backup: string): void {
  const progress = createProgress(`restore ${backup} into ${context.config.dataDir}`, 'steps');
  const manifest = restoreDataDir(backup, context.config.dataDir);
  progress.done(`restored ${count.format(manifest.rawRecords)} raw records (checksum verified) and the store as of ${manifest.createdAt}; start the service on ${context.config.dataDir}`);
}
