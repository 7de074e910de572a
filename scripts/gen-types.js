// Derives the TypeScript types in src/core/model/generated/ from schemas/*.schema.json, so the
// schemas stay the single source of the file formats. `--check` exits 1 when a file is stale.
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
      (key === 'anyOf' || key === 'oneOf') &&
      Array.isArray(value) &&
      value.every((alt) => Object.keys(alt).length === 1 && Array.isArray(alt.required));
    if (!onlyRequired) out[key] = withoutRequiredAlternatives(value);
  }
  return out;
}

async function generate(kind, typeName) {
  const schema = withoutRequiredAlternatives(
    JSON.parse(fs.readFileSync(path.join(schemasDir, `${kind}.schema.json`), 'utf8')),
  );
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

async function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  fs.mkdirSync(outDir, { recursive: true });
  for (const [kind, typeName] of Object.entries(kinds)) {
    const text = await generate(kind, typeName);
    const target = path.join(outDir, `${kind}.ts`);
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
