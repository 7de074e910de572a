// Dispatch of the scanner round-trip commands (import, enrich, export).
import type { CliArgs, ScannerCommand } from '../args';
import type { Io } from '../main';
import { runEnrich } from './enrich';
import { runEvaluated } from './evaluated';
import { runImport } from './import';

export function runScannerCommand(args: CliArgs & { command: ScannerCommand }, io: Io): number {
  switch (args.command) {
    case 'import':
      return runImport(args, io);
    case 'enrich':
      return runEnrich(args, io);
    case 'export':
      return runEvaluated(args, io);
  }
}
