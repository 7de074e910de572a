// Real git repositories (test/support/gitRepo.ts) for the approval verifier's tests: commits by
// named authors at fixed dates, optionally SSH-signed.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { GitRepo } from '../../support/gitRepo';
import { POLICY, SETTINGS, GROUPS, plan } from '../../support/workspace';

const PEOPLE: Record<string, string> = {
  'alice@example.com': 'Alice',
  'bob@example.com': 'Bob',
  'carol@example.com': 'Carol',
  'dan@example.com': 'Dan',
  'eve@example.com': 'Eve',
};

export class TempRepo extends GitRepo {
  private tick = 0;

  constructor(options: { init?: boolean } = {}) {
    super({ prefix: 'patchops-git-', init: options.init });
  }

  write(rel: string, text: string): void {
    const full = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }

  read(rel: string): string {
    return fs.readFileSync(path.join(this.root, rel), 'utf8');
  }

  /** Commits everything as `author` (also the committer) at a fixed, increasing date; returns the commit id. */
  commit(author: string, message: string, options: { signingKey?: string; only?: string[] } = {}): string {
    this.tick++;
    const date = `2026-11-${String(10 + this.tick).padStart(2, '0')}T10:00:00+00:00`;
    const name = PEOPLE[author] ?? author;
    const identity = {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: author,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: author,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    };
    this.git(['add', ...(options.only ? ['--', ...options.only.map((f) => `ws/${f}`)] : ['-A'])]);
    const sign = options.signingKey ? ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${options.signingKey}`, 'commit', '-S'] : ['commit'];
    this.git([...sign, '-q', '--no-verify', '-m', message], identity);
    return this.head();
  }

  /** An ed25519 key pair for `email` (no passphrase); returns the private key's path. */
  sshKey(email: string): string {
    const file = path.join(this.dir, `key-${email.split('@')[0]}`);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', email, '-f', file], { stdio: 'ignore' });
    return file;
  }

  /** An allowed-signers file trusting each email's key. */
  allowedSigners(keys: Record<string, string>): string {
    const file = path.join(this.dir, 'allowed_signers');
    const lines = Object.entries(keys).map(([email, key]) => `${email} ${fs.readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ')}`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }

  remove(): void {
    this.deleteAll();
  }
}

export function policy(o: { review?: boolean; signed?: boolean } = {}): string {
  return POLICY + `  require_git_review: ${o.review ?? true}\n` + (o.signed ? '  require_signed: true\n' : '');
}

/** An exception text as its requester (bob) writes it; `approval` adds the approval block. */
export function exceptionText(o: { approver?: string; approvedOn?: string; reason?: string; requester?: string; revisit?: string } = {}): string {
  const approval = o.approver ? `approval:\n  approved_by: ${o.approver}\n  approved_on: ${o.approvedOn ?? '2026-11-21'}\n` : '';
  return `id: EXC-1
vulnerabilities: [CVE-2026-0001]
groups: [payroll]
requested_by: ${o.requester ?? 'bob@example.com'}
requested_on: 2026-11-20
reason: ${o.reason ?? 'Vendor certifies builds quarterly'}
compensating_controls: [Lockdown mode]
revisit_on: ${o.revisit ?? '2026-12-15'}
${approval}`;
}

export const EXCEPTION_FILE = 'exceptions/payroll.exception.yaml';

/** A workspace whose plan affects payroll (high impact) and kiosks (low); the exception exempts payroll. */
export function writeWorkspace(repo: TempRepo, o: { review?: boolean; signed?: boolean } = {}): void {
  repo.write('patchops.yaml', SETTINGS);
  repo.write('standard.sla.yaml', policy(o));
  repo.write('groups.assets.yaml', GROUPS);
  repo.write('plans/p.plan.yaml', plan({ affects: '[payroll, kiosks]' }));
}
