// Regenerates the `avro.diagnostics.severity` setting schema in package.json from server/src/service/codes.ts.
//
// Usage: node scripts/gen-contributes.mjs          rewrite package.json
//        node scripts/gen-contributes.mjs --check  exit 1 (and say what differs) if package.json is stale
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkgPath = path.join(root, 'package.json');
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

const { CODE_INFO } = await loadCodes();
const text = fs.readFileSync(pkgPath, 'utf8');
const pkg = JSON.parse(text);
const setting = pkg.contributes?.configuration?.properties?.[SEVERITY_SETTING];
if (!setting) {
  console.error(`package.json has no contributes.configuration.properties["${SEVERITY_SETTING}"] to fill in`);
  process.exit(1);
}
setting.properties = severityProperties(CODE_INFO);
const updated = JSON.stringify(pkg, null, 2) + '\n';

if (process.argv.includes('--check')) {
  if (updated !== text) {
    console.error(`package.json's ${SEVERITY_SETTING} is out of date with codes.ts: run node scripts/gen-contributes.mjs`);
    process.exit(1);
  }
  console.log(`${SEVERITY_SETTING}: ${Object.keys(setting.properties).length} codes, up to date`);
} else if (updated !== text) {
  fs.writeFileSync(pkgPath, updated);
  console.log(`${SEVERITY_SETTING}: wrote ${Object.keys(setting.properties).length} codes to package.json`);
} else {
  console.log(`${SEVERITY_SETTING}: already up to date`);
}
