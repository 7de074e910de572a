// Node-only: where a folder sits in the git repository that holds it, found without running
// anything (no git, so no repository config, hook or fsmonitor can run): the nearest folder
// upwards from the folder's real path with a `.git` entry that looks like git's — a folder with a
// HEAD file, or the `gitdir:` file of a worktree or submodule. SARIF paths are made relative to
// it, so that code scanning, which reads them from the repository root, finds the files.
import * as fs from 'fs';
import * as path from 'path';

/** `folder`'s path inside its repository, `/`-separated ('' at the root); undefined outside one. */
export function pathInRepository(folder: string): string | undefined {
  let real: string;
  try {
    real = fs.realpathSync(folder);
  } catch {
    return undefined;
  }
  for (let dir = real; ; dir = path.dirname(dir)) {
    if (isGitEntry(path.join(dir, '.git'))) return path.relative(dir, real).split(path.sep).join('/');
    if (path.dirname(dir) === dir) return undefined;
  }
}

function isGitEntry(entry: string): boolean {
  try {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) return fs.statSync(path.join(entry, 'HEAD')).isFile();
    if (!stat.isFile() || stat.size > 4096) return false;
    return fs.readFileSync(entry, 'utf8').startsWith('gitdir:');
  } catch {
    return false;
  }
}
