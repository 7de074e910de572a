// The peer measurement of `npm run bench`: yaml-language-server (what the Red Hat YAML extension
// runs) validating the same files against the same schemas, in a fresh process spawned by bench.ts.
// Prints `{ ms, rssMb, extra: { diagnostics } }` as its last line.
//
// What is compared, and what is not:
// - Timed: finding and reading every workspace file (the same findWorkspaceFiles as probe.ts),
//   creating and configuring the language service, and doValidation of each document: YAML parse,
//   loading and resolving our schemas (the relative $ref to common.schema.json included) and
//   validating against them. That is schema validation only, the part both tools do; PatchOps
//   also checks references, SLAs and computes KPIs, which the peer does not.
// - Not timed: starting node and loading modules (as in probe.ts).
// - In-process, without the LSP transport (no JSON-RPC, no didOpen/publishDiagnostics messages,
//   no client): this favours the peer, whose real cost in an editor is higher.
// The schemas and file patterns are those package.json contributes as `yamlValidation`, i.e. what
// the YAML extension itself would use for these files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getLanguageService, type Diagnostic, type SchemasSettings } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findWorkspaceFiles } from '../../src/node/workspaceFiles';

const REPO = path.resolve(__dirname, '..', '..', '..');

export interface PeerResult {
  ms: number;
  files: number;
  diagnostics: number;
  /** Workspace-relative path → the peer's diagnostics for that file. */
  byFile: Map<string, Diagnostic[]>;
}

/** Our schemas, mapped to the file patterns package.json contributes for the YAML extension. */
function peerSchemas(): SchemasSettings[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
    contributes: { yamlValidation: { fileMatch: string[]; url: string }[] };
  };
  return manifest.contributes.yamlValidation.map((v) => ({ uri: pathToFileURL(path.join(REPO, v.url)).href, fileMatch: v.fileMatch }));
}

/** Schemas are read from disk only: a schema the peer cannot find is an error, never a download. */
async function readSchema(uri: string): Promise<string> {
  if (!uri.startsWith('file:')) throw new Error(`the bench does not fetch ${uri}`);
  return fs.readFileSync(fileURLToPath(uri), 'utf8');
}

/** Read every PatchOps file below `root` and validate it with yaml-language-server. */
export async function validateWithPeer(root: string): Promise<PeerResult> {
  const started = now();
  const service = getLanguageService({
    schemaRequestService: readSchema,
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
  });
  service.configure({ validate: true, hover: false, completion: false, format: false, schemas: peerSchemas() });
  const byFile = new Map<string, Diagnostic[]>();
  let diagnostics = 0;
  for (const rel of findWorkspaceFiles(root)) {
    const full = path.join(root, ...rel.split('/'));
    const doc = TextDocument.create(pathToFileURL(full).href, 'yaml', 1, fs.readFileSync(full, 'utf8'));
    const found = await service.doValidation(doc, false);
    byFile.set(rel, found);
    diagnostics += found.length;
  }
  return { ms: now() - started, files: byFile.size, diagnostics, byFile };
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

if (require.main === module) {
  validateWithPeer(process.argv[2]).then(
    (r) => console.log(JSON.stringify({ ms: r.ms, rssMb: process.resourceUsage().maxRSS / 1024, extra: { diagnostics: r.diagnostics } })),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
