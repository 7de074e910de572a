// Tests that need what only POSIX systems give (symbolic links, FIFOs, sockets, file modes, shell
// scripts as git's helpers): on Windows they are skipped, and each skip prints why.
/** Whether this is a POSIX system (not Windows). */
const POSIX = process.platform !== 'win32';

/** Skips the running test on Windows, and says why. */
export function skipOnWindows(test: Mocha.Context, why: string): void {
  if (POSIX) return;
  console.log(`      (skipped on Windows: ${why})`);
  test.skip();
}

/** A suite that runs on POSIX systems; on Windows one skipped test says why. */
export function describeOnPosix(title: string, why: string, body: (this: Mocha.Suite) => void): void {
  if (POSIX) {
    describe(title, body);
    return;
  }
  describe(title, () => {
    it('runs on POSIX systems only', function () {
      skipOnWindows(this, why);
    });
  });
}
