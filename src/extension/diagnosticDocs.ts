// Where each diagnostic code's docs are: its section of docs/diagnostics.md, which the extension
// package ships. The Problems panel and the hover show the code as a link that opens that file at
// the section's heading (a `L<line>` fragment: a file link with any other fragment would not
// scroll, and a `command:` link does nothing from the hover).
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { DiagnosticCode } from '../core/model/diagnostic';
import { DIAGNOSTICS_DOC, sectionLines } from '../core/model/diagnosticCodes';

export class DiagnosticDocs {
  private targets?: Map<string, vscode.Uri>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log?: vscode.LogOutputChannel,
  ) {}

  /** The link for a code, or undefined when the docs cannot be read (the code is then shown as text). */
  target(code: DiagnosticCode): vscode.Uri | undefined {
    this.targets ??= this.load();
    return this.targets.get(code);
  }

  private load(): Map<string, vscode.Uri> {
    const file = vscode.Uri.joinPath(this.extensionUri, ...DIAGNOSTICS_DOC.split('/'));
    let text: string;
    try {
      // Read once, on first use (a small file in the extension's own folder).
      text = fs.readFileSync(file.fsPath, 'utf8');
    } catch (err) {
      this.log?.warn(`diagnostic codes are shown without links: cannot read ${DIAGNOSTICS_DOC}: ${(err as Error).message}`);
      return new Map();
    }
    const targets = new Map<string, vscode.Uri>();
    for (const [code, line] of sectionLines(text)) targets.set(code, file.with({ fragment: `L${line + 1}` }));
    return targets;
  }
}
