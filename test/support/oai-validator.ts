// Whether the openarchives.org OAI-PMH validator (Perl) can run here: null when it can, or why not.
import { spawnSync } from 'node:child_process';

const modules = ['LWP::UserAgent', 'Date::Manip', 'Data::UUID', 'XML::DOM', 'JSON', 'Try::Tiny', 'Class::Accessor', 'CGI'];

export function oaiValidatorMissing(): string | null {
  const probe = spawnSync('perl', [...modules.map((m) => `-M${m}`), '-e', '1'], { encoding: 'utf8' });
  if (probe.error) return `perl is not installed (${probe.error.message})`;
  return probe.status === 0 ? null : `Perl modules missing (run scripts/install-oai-validator-deps.sh as root): ${probe.stderr.split('\n')[0]}`;
}
