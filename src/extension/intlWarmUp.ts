// The first use of time zones in a process loads ICU's zone and locale data: hundreds of
// milliseconds on a cold machine, which would block the extension host. That data is shared by
// the whole process, so a worker thread touches it first while the host stays free.
import { Worker } from 'worker_threads';

const SCRIPT = `
const { parentPort } = require('worker_threads');
for (const timeZone of ['America/Chicago', 'Europe/Berlin', 'UTC']) {
  new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(0);
}
parentPort.postMessage('done');
`;

/** Resolves when the worker is done, or at once where workers are not available; never rejects. */
export function warmUpIntlInWorker(timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(SCRIPT, { eval: true });
    } catch {
      resolve();
      return;
    }
    const finish = () => {
      clearTimeout(timer);
      void worker.terminate();
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    worker.once('message', finish);
    worker.once('error', finish);
    worker.once('exit', finish);
  });
}
