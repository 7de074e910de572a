// Derives from schemas/*.schema.json, so the schemas stay the single source of the file formats:
// - the TypeScript types in src/core/model/generated/;
// - the compiled validators in src/core/schema/generated/validators.ts (ajv standalone code: no
//   schema compilation at run time, which would block an editor for ~100 ms).
// `--check` exits 1 when a generated file is stale.
const fs = require('fs');
const path = require('path');
const { compile } = require('json-schema-to-typescript');

const root = path.join(__dirname, '..');
const schemasDir = path.join(root, 'schemas');
const outDir = path.join(root, 'src', 'core', 'model', 'generated');
const kinds = { workspace: 'WorkspaceFile', sla: 'SlaFile', assets: 'AssetsFile', plan: 'PlanFile', exception: 'ExceptionFile' };

// `anyOf`/`oneOf` made only of `required` lists say "one of these fields must be present":
// they do not change the shape, and left in they turn into unreadable intersection types.
function withoutRequiredAlternatives(node) {
  if (Array.isArray(node)) return node.map(withoutRequiredAlternatives);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    const onlyRequired =
      (key === 'anyOf' || key === 'oneOf') && Array.isArray(value) && value.every((alt) => Object.keys(alt).length === 1 && Array.isArray(alt.required));
    if (!onlyRequired) out[key] = withoutRequiredAlternatives(value);
  }
  return out;
}

async function generate(kind, typeName) {
  const schema = withoutRequiredAlternatives(JSON.parse(fs.readFileSync(path.join(schemasDir, `${kind}.schema.json`), 'utf8')));
  schema.title = typeName;
  const ts = await compile(schema, typeName, {
    cwd: schemasDir,
    bannerComment: `/* Generated from schemas/${kind}.schema.json by \`npm run gen:types\`. Do not edit by hand. */`,
    additionalProperties: false,
    format: true,
    strictIndexSignatures: true,
  });
  return ts;
}

function generateValidators() {
  const Ajv2020 = require('ajv/dist/2020').default;
  const standalone = require('ajv/dist/standalone').default;
  const read = (name) => JSON.parse(fs.readFileSync(path.join(schemasDir, name), 'utf8'));
  // The same options as a run-time compile would use: verbose errors carry their schema.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strictRequired: false, code: { source: true, esm: true } });
  // Draft 2020-12's dynamic references and unevaluated* keywords, which Ajv2020 always supports,
  // cost every call of a validator an object and bookkeeping (205,000 vulnerabilities at 10,000
  // plans: ~60 MB of garbage). No schema uses them, and none may without turning them back on.
  ajv.opts.dynamicRef = false;
  ajv.opts.unevaluated = false;
  const schemas = ['common', ...Object.keys(kinds)].map((kind) => [`${kind}.schema.json`, read(`${kind}.schema.json`)]);
  for (const [name, schema] of schemas) {
    const used = JSON.stringify(schema).match(/"\$dynamic(Ref|Anchor)"|"\$recursive(Ref|Anchor)"|"unevaluated(Properties|Items)"/);
    if (used) throw new Error(`${name} uses ${used[0]}: turn Ajv's dynamicRef and unevaluated options back on in scripts/gen-types.js`);
  }
  const exports = {};
  for (const [name, schema] of schemas) {
    ajv.addSchema(schema, name);
    if (name !== 'common.schema.json') exports[name.replace('.schema.json', '')] = name;
  }
  return `/* Generated from schemas/*.schema.json by \`npm run gen:types\`. Do not edit by hand. */\n// @ts-nocheck\n${positionalPaths(standalone(ajv, exports))}\n`;
}

/**
 * Ajv's validators call one another with an options object ({ instancePath, parentData,
 * parentDataProperty, rootData }) per value checked: at 10,000 plans, one per vulnerability and
 * wave, ~10 MB of garbage a load. Ours read nothing of it but the instance path (no $data, no
 * dynamic references), so they take that as a plain argument instead. Checked here: if Ajv's
 * output changes shape, the build says so rather than emit validators that misread it.
 */
function positionalPaths(code) {
  const header = /function validate(\d+)\(data, \{instancePath="", parentData, parentDataProperty, rootData=data\}=\{\}\)/g;
  const call = /\(([^(){},]+), \{instancePath:(.*?),parentData:(?:.*?),parentDataProperty:(?:.*?),rootData\}\)/g;
  const headers = code.match(header)?.length ?? 0;
  const calls = code.match(call)?.length ?? 0;
  if (headers === 0 || headers !== code.match(/function validate\d+\(/g).length || calls === 0) {
    throw new Error("Ajv's validators no longer take and pass their options as positionalPaths() in scripts/gen-types.js expects: update it");
  }
  const out = code.replace(header, 'function validate$1(data, instancePath="")').replace(call, '($1, $2)');
  const left = out.match(/parentData|rootData/);
  if (left) throw new Error(`Ajv's validators use ${left[0]}, which positionalPaths() in scripts/gen-types.js drops: update it`);
  return out;
}

async function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  fs.mkdirSync(outDir, { recursive: true });
  const outputs = [];
  for (const [kind, typeName] of Object.entries(kinds)) outputs.push([path.join(outDir, `${kind}.ts`), await generate(kind, typeName)]);
  const validatorsDir = path.join(root, 'src', 'core', 'schema', 'generated');
  fs.mkdirSync(validatorsDir, { recursive: true });
  outputs.push([path.join(validatorsDir, 'validators.ts'), generateValidators()]);
  for (const [target, text] of outputs) {
    const rel = path.relative(root, target);
    if (check) {
      const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
      if (current !== text) {
        console.error(`${rel} is stale: run \`npm run gen:types\`.`);
        stale++;
      }
    } else {
      fs.writeFileSync(target, text);
      console.log(`wrote ${rel}`);
    }
  }
  if (stale) process.exit(1);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
