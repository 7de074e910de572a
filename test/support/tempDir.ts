// Temporary folders for tests, removed when the suite that made them is done.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A `tempDir(files)` for one test file: each folder is removed by an `after` hook. */
export function tempDirs(prefix: string): (files?: Record<string, string | Uint8Array>) => string {
  const created: string[] = [];
  after(() => created.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  return (files = {}) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `patchops-${prefix}-`));
    created.push(dir);
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    return dir;
  };
}
