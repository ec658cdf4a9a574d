// Regenerates the per-code severity schemas from server/src/service/codes.ts: the `avro.diagnostics.severity` setting in package.json and "rules" in avro-studio.json's JSON Schema.
//
// Usage: node scripts/gen-contributes.mjs          rewrite package.json and schemas/avro-studio.schema.json
//        node scripts/gen-contributes.mjs --check  exit 1 (and say what differs) if either is stale
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkgPath = path.join(root, 'package.json');
const projectSchemaPath = path.join(root, 'schemas', 'avro-studio.schema.json');
const SEVERITY_SETTING = 'avro.diagnostics.severity';
const LEVELS = ['error', 'warning', 'info', 'hint', 'off'];

/** Load codes.ts as a module without a TypeScript build: esbuild transpiles it in memory. */
async function loadCodes() {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'server/src/service/codes.ts')],
    bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'error',
  });
  const source = result.outputFiles[0].text;
  return import('data:text/javascript;base64,' + Buffer.from(source).toString('base64'));
}

/** The JSON schema of the per-code severity setting: one property per code, in code order. */
export function severityProperties(codeInfo) {
  const properties = {};
  for (const code of Object.keys(codeInfo).sort()) {
    const { title, severity, noSeveritySetting } = codeInfo[code];
    if (noSeveritySetting) continue;
    properties[code] = {
      type: 'string',
      enum: LEVELS,
      default: severity,
      description: `${title} (default: ${severity})`,
    };
  }
  return properties;
}

/** One property per category name (avro-studio.json "rules" takes a category as well as a code). */
export function categoryProperties(categories) {
  const properties = {};
  for (const { name, from, to, title } of categories) {
    properties[name] = {
      type: 'string',
      enum: LEVELS,
      description: `Category ${name}: every code AVRO-${from} to AVRO-${to}, ${title} (a code wins over its category, a narrower category over a wider one)`,
    };
  }
  return properties;
}

const { CODE_INFO, RULE_CATEGORIES } = await loadCodes();

/** [file, its text now, its text regenerated, what was filled in] */
function regenerate() {
  const text = fs.readFileSync(pkgPath, 'utf8');
  const pkg = JSON.parse(text);
  const setting = pkg.contributes?.configuration?.properties?.[SEVERITY_SETTING];
  if (!setting) {
    console.error(`package.json has no contributes.configuration.properties["${SEVERITY_SETTING}"] to fill in`);
    process.exit(1);
  }
  setting.properties = severityProperties(CODE_INFO);
  const schemaText = fs.readFileSync(projectSchemaPath, 'utf8');
  const schema = JSON.parse(schemaText);
  const rules = schema.definitions?.rules;
  if (!rules) {
    console.error('schemas/avro-studio.schema.json has no definitions.rules to fill in');
    process.exit(1);
  }
  rules.properties = { ...severityProperties(CODE_INFO), ...categoryProperties(RULE_CATEGORIES) };
  // The codes and categories "ignore" entries name.
  if (schema.definitions.code) schema.definitions.code.enum = [...Object.keys(CODE_INFO), ...RULE_CATEGORIES.map(c => c.name)];
  return [
    [pkgPath, text, JSON.stringify(pkg, null, 2) + '\n', `${SEVERITY_SETTING}: ${Object.keys(setting.properties).length} codes`],
    [projectSchemaPath, schemaText, JSON.stringify(schema, null, 2) + '\n', `avro-studio.json "rules": ${Object.keys(rules.properties).length} codes and categories`],
  ];
}

let stale = false;
for (const [file, text, updated, what] of regenerate()) {
  const name = path.relative(root, file);
  if (process.argv.includes('--check')) {
    if (updated !== text) {
      console.error(`${name} is out of date with codes.ts (${what}): run node scripts/gen-contributes.mjs`);
      stale = true;
    } else {
      console.log(`${name}: ${what}, up to date`);
    }
  } else if (updated !== text) {
    fs.writeFileSync(file, updated);
    console.log(`${name}: wrote ${what}`);
  } else {
    console.log(`${name}: ${what}, already up to date`);
  }
}
if (stale) process.exit(1);
