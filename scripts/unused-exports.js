// `npm run unused-exports` (and `npm test`): every `export` in src/ and test/ must be imported by
// another file, or be an entry point in ALLOWED below. An export nobody imports is dead code, or a
// name that should not be exported. Plain Node: the project's TypeScript 7 has no JavaScript API,
// and a lexer (comments, strings, templates, regex literals) plus the import/export grammar is
// all this needs. `--verbose` also lists the exports of src/ that only tests import.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const DIRS = ['src', 'test'];
/** Generated files: their generator decides what they export. */
const GENERATED = /(^|\/)generated\//;

/** Exports that nothing in src/ or test/ imports, and why they stay. */
const ALLOWED = [
  { file: 'src/core/contract.ts', names: '*', why: 'what the CLI and the editor agree on: the whole contract, imported in parts' },
  { file: 'src/extension/extension.ts', names: ['activate', 'deactivate'], why: 'VS Code calls them (package.json main)' },
  { file: 'src/core/model/files.ts', names: '*', why: "the file formats' types, generated from the schemas: the model's whole vocabulary, used or not yet" },
];

/**
 * Files whose exports are not checked yet, while open branches change them or import from them
 * (checking them now would un-export names those branches use). Empty once they are merged.
 */
const PENDING = [];

// ---------------------------------------------------------------------------------------------
// Lexer: identifiers, strings, punctuation, each with its line and brace depth. Comments go;
// template text and regex literals are opaque, but the code inside `${…}` is lexed.

const KEYWORDS_BEFORE_EXPRESSION = new Set('return typeof case do else in of new delete void throw instanceof yield await'.split(' '));
/** `export <keyword> name`: declarations whose name follows the keyword. */
const NAMED_DECLARATIONS = new Set(['function', 'class', 'interface', 'enum', 'namespace', 'module']);

function tokenize(text) {
  const tokens = [];
  const templates = []; // brace depth at each open `${`
  let depth = 0;
  let line = 1;
  let i = 0;
  const push = (type, value, start) => tokens.push({ type, value, line, depth, start });
  const countLines = (from, to) => {
    for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) line++;
  };
  const readTemplate = () => {
    // i is just past a backtick or the `}` closing a substitution
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') i += 2;
      else if (c === '`') {
        i++;
        return;
      } else if (c === '$' && text[i + 1] === '{') {
        i += 2;
        templates.push(depth);
        depth++;
        return;
      } else {
        if (c === '\n') line++;
        i++;
      }
    }
  };
  while (i < text.length) {
    const c = text[i];
    const start = i;
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      countLines(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') {
        if (text[i] === '\\') {
          value += text[i + 1];
          i += 2;
        } else value += text[i++];
      }
      i++;
      push('string', value, start);
    } else if (c === '`') {
      i++;
      push('template', '`', start);
      readTemplate();
    } else if (/[A-Za-z_$\u0080-\uffff]/.test(c)) {
      while (i < text.length && /[\w$\u0080-\uffff]/.test(text[i])) i++;
      push('id', text.slice(start, i), start);
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(text[i + 1]))) {
      while (i < text.length && /[\w.]/.test(text[i])) i++;
      push('number', text.slice(start, i), start);
    } else if (c === '/' && startsRegex(tokens[tokens.length - 1])) {
      i++;
      let inClass = false;
      while (i < text.length && text[i] !== '\n') {
        if (text[i] === '\\') i += 2;
        else if (text[i] === '/' && !inClass) break;
        else {
          if (text[i] === '[') inClass = true;
          else if (text[i] === ']') inClass = false;
          i++;
        }
      }
      i++;
      while (i < text.length && /[a-z]/.test(text[i])) i++;
      push('regex', text.slice(start, i), start);
    } else if (c === '{') {
      push('punct', c, start);
      depth++;
      i++;
    } else if (c === '}') {
      i++;
      if (templates.length && templates[templates.length - 1] === depth - 1) {
        templates.pop();
        depth--;
        readTemplate();
      } else {
        depth--;
        push('punct', c, start);
      }
    } else if (c === '.' && text[i + 1] === '.' && text[i + 2] === '.') {
      push('punct', '...', start);
      i += 3;
    } else {
      push('punct', c, start);
      i++;
    }
  }
  return tokens;
}

/** Whether a `/` after `prev` starts a regex literal rather than dividing. */
function startsRegex(prev) {
  if (!prev) return true;
  if (prev.type === 'id') return KEYWORDS_BEFORE_EXPRESSION.has(prev.value);
  if (prev.type === 'number' || prev.type === 'string' || prev.type === 'template' || prev.type === 'regex') return false;
  return !(prev.value === ')' || prev.value === ']' || prev.value === '}');
}

// ---------------------------------------------------------------------------------------------
// Modules: what each file exports and which names of which files it uses.

/**
 * @typedef {{ name: string, line: number, index: number, type: boolean, from?: string, keyword?: { start: number, end: number } }} Export
 * @typedef {{ file: string, exports: Map<string, Export>, stars: string[], uses: Map<string, Set<string> | 'all'>, tokens: any[] }} Module
 */

function sourceFiles() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(full);
      } else if (/\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  for (const dir of [...DIRS, 'scripts']) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return out.sort();
}

/** The TypeScript source a module specifier written in `from` names, or undefined (packages, JavaScript, JSON). */
function resolve(sources, from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return [base, `${base}.ts`, `${base}/index.ts`, base.replace(/\.js$/, '.ts')].find((c) => c.endsWith('.ts') && sources.has(c));
}

/** `require(path.join(ROOT, 'out', 'a', 'b.js'))` in a script: the TypeScript source compiled to it. */
function resolveOutPath(sources, args) {
  if (args[0] !== 'out') return undefined;
  const rel = args.slice(1).join('/').replace(/\.js$/, '.ts');
  return sources.has(rel) ? rel : undefined;
}

function parseModule(sources, file) {
  const tokens = tokenize(sources.get(file));
  /** @type {Module} */
  const mod = { file, exports: new Map(), stars: [], uses: new Map(), tokens };
  const use = (target, names) => {
    if (!target) return;
    const have = mod.uses.get(target);
    if (have === 'all') return;
    if (names === 'all') return void mod.uses.set(target, 'all');
    const set = have ?? new Set();
    for (const n of names) set.add(n);
    mod.uses.set(target, set);
  };
  const declare = (token, type, from, keyword) => {
    if (mod.exports.has(token.value)) return;
    mod.exports.set(token.value, { name: token.value, line: token.line, index: tokens.indexOf(token), type, from, keyword });
  };
  /** A namespace-like binding `ns` of `target`: the names used are those read as `ns.name`. */
  const namespace = (ns, target) => {
    if (!target) return;
    const names = [];
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k];
      if (t.type !== 'id' || t.value !== ns || tokens[k - 1]?.value === '.') continue;
      const next = tokens[k + 1];
      if (next?.value === '.' && tokens[k + 2]?.type === 'id') names.push(tokens[k + 2].value);
      else if (!isBindingSite(tokens, k)) return use(target, 'all');
    }
    use(target, names);
  };
  const fromSpec = (k) => (tokens[k]?.type === 'id' && tokens[k].value === 'from' && tokens[k + 1]?.type === 'string' ? tokens[k + 1].value : undefined);

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type !== 'id') continue;
    const prev = tokens[k - 1];
    if (prev?.value === '.') continue; // a property that happens to be called require, import or export

    // require('x'), import('x'), require(path.join(ROOT, 'out', …))
    if ((t.value === 'require' || t.value === 'import') && tokens[k + 1]?.value === '(') {
      let target;
      if (tokens[k + 2]?.type === 'string' && tokens[k + 3]?.value === ')') target = resolve(sources, file, tokens[k + 2].value);
      else if (t.value === 'require' && tokens[k + 2]?.value === 'path' && tokens[k + 4]?.value === 'join') {
        const args = [];
        for (let j = k + 6; j < tokens.length && tokens[j].value !== ')'; j++) if (tokens[j].type === 'string') args.push(tokens[j].value);
        target = resolveOutPath(sources, args);
      }
      if (!target) continue;
      const close = tokens.findIndex((x, j) => j > k + 1 && x.value === ')' && x.depth === t.depth);
      if (t.value === 'import' && tokens[close + 1]?.value === '.' && tokens[close + 2]?.type === 'id') use(target, [tokens[close + 2].value]);
      // `require('./x') as typeof import('./x')`: the type of the module, read through the require
      else if (t.value === 'import' && tokens[k - 1]?.value === 'typeof') continue;
      else if (tokens[k - 1]?.value === '=' && tokens[k - 2]?.type === 'id' && /^(const|let|var)$/.test(tokens[k - 3]?.value ?? '')) {
        namespace(tokens[k - 2].value, target);
      } else if (tokens[k - 1]?.value === '=' && tokens[k - 2]?.value === '}') use(target, destructured(tokens, k - 2));
      else use(target, 'all');
      continue;
    }
    if (t.depth !== 0) continue;

    if (t.value === 'import' && tokens[k + 1]?.value !== '.') {
      let j = k + 1;
      if (tokens[j]?.value === 'type' && tokens[j + 1]?.value !== ',' && tokens[j + 1]?.value !== 'from') j++;
      if (tokens[j]?.type === 'string') continue; // import 'side-effect'
      // import x = require('y'): handled as a namespace through the require above
      if (tokens[j]?.type === 'id' && tokens[j + 1]?.value === '=') {
        const spec = tokens[j + 4]?.type === 'string' ? tokens[j + 4].value : undefined;
        if (spec) namespace(tokens[j].value, resolve(sources, file, spec));
        k = j + 5;
        continue;
      }
      const names = [];
      let ns;
      while (j < tokens.length && !(tokens[j].value === 'from' && tokens[j + 1]?.type === 'string')) {
        const x = tokens[j];
        if (x.value === '{') {
          const list = braceList(tokens, j);
          for (const item of list.items) names.push(item.name);
          j = list.end + 1;
        } else if (x.value === '*' && tokens[j + 1]?.value === 'as') {
          ns = tokens[j + 2].value;
          j += 3;
        } else if (x.type === 'id') {
          names.push('default');
          j++;
        } else j++;
      }
      const target = resolve(sources, file, tokens[j + 1]?.value ?? '');
      if (ns) namespace(ns, target);
      use(target, names);
      k = j + 1;
      continue;
    }

    if (t.value !== 'export') continue;
    /** The text `export ` of a declaration, which --fix deletes. */
    const keyword = { start: t.start, end: tokens[k + 1]?.start };
    let j = k + 1;
    while (tokens[j]?.type === 'id' && (tokens[j].value === 'declare' || tokens[j].value === 'async' || tokens[j].value === 'abstract')) j++;
    const kw = tokens[j];
    if (!kw) continue;
    if (kw.value === 'default') declare({ value: 'default', line: kw.line }, false);
    else if (kw.value === '=') declare({ value: 'export=', line: kw.line }, false);
    else if (kw.value === '*') {
      // export * from 'x' | export * as ns from 'x'
      const as = tokens[j + 1]?.value === 'as' ? tokens[j + 2].value : undefined;
      const spec = fromSpec(as ? j + 3 : j + 1);
      const target = spec && resolve(sources, file, spec);
      if (as) {
        declare(tokens[j + 2], false, spec);
        use(target, 'all');
      } else if (target) mod.stars.push(target);
    } else if (kw.value === '{' || (kw.value === 'type' && tokens[j + 1]?.value === '{')) {
      const open = kw.value === '{' ? j : j + 1;
      const list = braceList(tokens, open);
      const spec = fromSpec(list.end + 1);
      const target = spec && resolve(sources, file, spec);
      for (const item of list.items) declare(item.token, kw.value === 'type' || item.type, spec);
      const names = list.items.map((item) => item.name);
      if (target) use(target, names);
    } else if (NAMED_DECLARATIONS.has(kw.value)) {
      const name = tokens[j + 1]?.value === '*' ? tokens[j + 2] : tokens[j + 1];
      if (name?.type === 'id') declare(name, kw.value === 'interface', undefined, keyword);
    } else if (kw.value === 'type' && tokens[j + 1]?.type === 'id') declare(tokens[j + 1], true, undefined, keyword);
    else if (kw.value === 'const' && tokens[j + 1]?.value === 'enum') declare(tokens[j + 2], false, undefined, keyword);
    else if (kw.value === 'const' || kw.value === 'let' || kw.value === 'var') {
      const names = declarators(tokens, j + 1);
      for (const name of names) declare(name, false, undefined, names.length === 1 ? keyword : undefined);
    }
  }
  return mod;
}

/** `{ a, b as c, type d }` from the `{` at `open`: the names, their aliases (with the token) and where it ends. */
function braceList(tokens, open) {
  const items = [];
  let j = open + 1;
  while (j < tokens.length && tokens[j].value !== '}') {
    let type = false;
    if (tokens[j].value === 'type' && tokens[j + 1]?.type === 'id' && tokens[j + 1].value !== 'as') {
      type = true;
      j++;
    }
    const name = tokens[j].value;
    let token = tokens[j];
    if (tokens[j + 1]?.value === 'as') {
      token = tokens[j + 2];
      j += 2;
    }
    items.push({ name, alias: token.value, token, type });
    j++;
    if (tokens[j]?.value === ',') j++;
  }
  return { items, end: j };
}

/** The property names destructured by the `{ … }` that ends at `close` (`const { a, b: c } = …`). */
function destructured(tokens, close) {
  let open = close;
  while (open > 0 && !(tokens[open].value === '{' && tokens[open].depth === tokens[close].depth)) open--;
  const names = [];
  for (let j = open + 1; j < close; j++) {
    const prev = tokens[j - 1].value;
    if (tokens[j].type === 'id' && (prev === '{' || prev === ',')) names.push(tokens[j].value);
  }
  return names;
}

/**
 * The names bound by `export const a = …` or a destructuring `export const { a, b: c } = …` /
 * `[a, b]`. Only the first declarator: `export const a = 1, b = 2` would need the whole expression
 * grammar (generic arguments hold commas too), and the project writes one declaration a statement.
 */
function declarators(tokens, j) {
  const first = tokens[j];
  if (first?.type === 'id') return [first];
  if (first?.value !== '{' && first?.value !== '[') return [];
  const close = first.value === '{' ? '}' : ']';
  const names = [];
  for (let k = j + 1; k < tokens.length && !(tokens[k].value === close && tokens[k].depth === first.depth); k++) {
    const x = tokens[k];
    const next = tokens[k + 1]?.value;
    // `{ a, b: c = 1, ...rest }`: the bound name is the one not followed by `:`
    if (x.type === 'id' && next !== ':' && tokens[k - 1]?.value !== '=') names.push(x);
  }
  return names;
}

/** Whether the identifier at k is where a name is bound rather than read (`const ns = require(…)`). */
function isBindingSite(tokens, k) {
  return /^(const|let|var|import|as)$/.test(tokens[k - 1]?.value ?? '') || (tokens[k - 1]?.value === '*' && tokens[k - 2]?.value === 'import');
}

// ---------------------------------------------------------------------------------------------

/**
 * The problems with the exports of `sources` (repository path → text; TypeScript sources and the
 * scripts that may require their compiled form), given the `allowed` entry points.
 */
function findUnusedExports(sources, allowed, pending = []) {
  const modules = new Map([...sources.keys()].map((f) => [f, parseModule(sources, f)]));
  /** file → name → the files that import it */
  const importers = new Map();
  const mark = (target, name, by, seen = new Set()) => {
    const mod = modules.get(target);
    if (!mod || seen.has(target)) return;
    seen.add(target);
    if (!mod.exports.has(name)) for (const star of mod.stars) mark(star, name, by, seen);
    if (!importers.has(target)) importers.set(target, new Map());
    const byName = importers.get(target);
    if (!byName.has(name)) byName.set(name, new Set());
    byName.get(name).add(by);
  };
  for (const mod of modules.values()) {
    for (const [target, names] of mod.uses) {
      if (target === mod.file) continue;
      const list = names === 'all' ? [...(modules.get(target)?.exports.keys() ?? [])] : names;
      for (const name of list) mark(target, name, mod.file);
    }
  }

  const problems = [];
  const onlyTests = [];
  let checked = 0;
  for (const mod of modules.values()) {
    if (!mod.file.endsWith('.ts') || GENERATED.test(mod.file) || pending.includes(mod.file)) continue;
    for (const exp of mod.exports.values()) {
      checked++;
      const where = `${mod.file}:${exp.line}: ${exp.name}`;
      const users = [...(importers.get(mod.file)?.get(exp.name) ?? [])];
      const entry = allowed.find((a) => a.file === mod.file && (a.names === '*' || a.names.includes(exp.name)));
      if (users.length) {
        if (entry && entry.names !== '*') problems.push({ message: `${where} is imported now (by ${users[0]}): remove it from ALLOWED` });
        else if (mod.file.startsWith('src/') && users.every((u) => u.startsWith('test/'))) onlyTests.push(where);
        continue;
      }
      if (entry) continue;
      if (exp.from) {
        problems.push({ message: `${where} is re-exported from '${exp.from}' but nothing imports it from here: drop it from that export` });
        continue;
      }
      const local = mod.tokens.some((x, k) => k !== exp.index && x.type === 'id' && x.value === exp.name && mod.tokens[k - 1]?.value !== '.');
      // A type used in its file is part of the signatures exported beside it (what a caller may name).
      if (local && exp.type) continue;
      const what = local ? 'used only in its file, so drop `export`' : 'used nowhere, so remove it';
      problems.push({ message: `${where} is exported but imported nowhere: ${what}`, file: mod.file, fix: exp.keyword });
    }
  }
  for (const a of allowed) {
    const exports = modules.get(a.file)?.exports;
    if (!exports) problems.push({ message: `${a.file} is in ALLOWED but does not exist: remove it from ALLOWED` });
    const missing = a.names === '*' || !exports ? [] : a.names.filter((name) => !exports.has(name));
    for (const name of missing) problems.push({ message: `${a.file}: ${name} is in ALLOWED but not exported there: remove it from ALLOWED` });
  }
  return { problems, onlyTests, checked };
}

/** Deletes the `export ` of each declaration that needs none; what tsc then calls unused is dead code. */
function applyFixes(problems) {
  const byFile = new Map();
  for (const p of problems) if (p.fix) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p.fix]);
  for (const [file, fixes] of byFile) {
    let text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const { start, end } of fixes.sort((a, b) => b.start - a.start)) text = text.slice(0, start) + text.slice(end);
    fs.writeFileSync(path.join(root, file), text);
  }
  return [...byFile.values()].reduce((n, fixes) => n + fixes.length, 0);
}

function main() {
  const sources = new Map(sourceFiles().map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')]));
  const { problems, onlyTests, checked } = findUnusedExports(sources, ALLOWED, PENDING);
  const later = PENDING.length ? `; ${PENDING.length} files in PENDING wait for open branches` : '';
  if (process.argv.includes('--verbose') && onlyTests.length) {
    console.log(`exports of src/ that only tests import (${onlyTests.length}):\n  ${onlyTests.join('\n  ')}`);
  }
  if (process.argv.includes('--fix')) {
    const fixed = applyFixes(problems);
    console.log(`unused exports: dropped \`export\` from ${fixed} declarations; \`npx tsc -p .\` now names those used nowhere (remove them)`);
    const left = problems.filter((p) => !p.fix);
    if (left.length) console.log(`left to do by hand:\n${left.map((p) => p.message).join('\n')}`);
    return;
  }
  if (problems.length) {
    console.log(problems.map((p) => p.message).join('\n'));
    const fixable = problems.filter((p) => p.fix).length;
    console.log(
      `unused exports: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${checked} exports` +
        ` (\`npm run unused-exports -- --fix\` drops \`export\` from ${fixable}; ALLOWED in scripts/unused-exports.js lists the entry points nothing imports)`,
    );
    process.exit(1);
  }
  console.log(`unused exports: none (${checked} exports checked${later})`);
}

if (require.main === module) main();
module.exports = { tokenize, findUnusedExports };
