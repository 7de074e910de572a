// A real git repository in a temporary folder for tests, isolated from the machine's git config
// (an empty global config, no system config, no GIT_* variable of the caller's): the workspace is
// `ws/` inside it, as a workspace need not be the repository's root. The approval and history
// tests each build their own commits on it.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export class GitRepo {
  readonly dir: string;
  /** An empty global config and no system config: the machine's settings do not leak in. */
  readonly env: NodeJS.ProcessEnv;
  /** What a CLI run under test adds to its environment: the same empty global config, no system config. */
  readonly cliEnv: NodeJS.ProcessEnv;

  /** A new repository (`init`: `git init` it), or one at `dir` already (not initialised again). */
  constructor(options: { dir?: string; prefix: string; init?: boolean }) {
    this.dir = options.dir ?? fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), options.prefix)));
    fs.mkdirSync(path.join(this.dir, 'ws'), { recursive: true });
    // Outside the repository: a file in it would be committed by `git add -A`.
    const globalConfig = path.join(os.tmpdir(), `patchops-empty-${process.pid}.gitconfig`);
    fs.writeFileSync(globalConfig, '');
    this.env = { ...process.env, GIT_CONFIG_GLOBAL: globalConfig, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
    for (const key of Object.keys(this.env)) if (/^GIT_(DIR|WORK_TREE|INDEX_FILE|AUTHOR_|COMMITTER_)/.test(key)) delete this.env[key];
    this.cliEnv = { GIT_CONFIG_GLOBAL: globalConfig, GIT_CONFIG_NOSYSTEM: '1' };
    if (!options.dir && options.init !== false) this.git(['init', '-q', '-b', 'main']);
  }

  /** The workspace folder: `ws/` inside the repository. */
  get root(): string {
    return path.join(this.dir, 'ws');
  }

  git(args: string[], env: NodeJS.ProcessEnv = {}): string {
    return execFileSync('git', args, { cwd: this.dir, env: { ...this.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  /** Deletes the repository and its workspace. */
  deleteAll(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
