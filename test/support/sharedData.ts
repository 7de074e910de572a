// The real scanner reports, KEV catalog and OpenVEX schema live beside the repository, in
// ../shared/data/ (see its README). Tests that need them skip, saying why, when it is missing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');

/** The data folder, or undefined after printing why the calling suite skips. */
export function sharedData(ctx: Mocha.Context, sub = ''): string | undefined {
  const dir = path.join(SHARED_DATA, sub);
  if (fs.existsSync(dir)) return dir;
  console.log(`      skipped: ${dir} is missing (the shared real-data folder beside the repository)`);
  ctx.skip();
  return undefined;
}

export function tempWorkspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-scan-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** Every file below `dir` with its bytes (for "nothing changed on disk" checks). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full).toString('base64');
    }
  };
  walk(dir);
  return out;
}
