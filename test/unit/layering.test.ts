// The layer rule of docs/architecture.md, enforced: what each layer may import.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

function sources(dir: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(p));
    else if (entry.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every module specifier a file imports or requires (static, dynamic, type-only). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs: string[] = [];
  const re = /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w.])require\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) specs.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return specs;
}

function check(layerDir: string, allowed: (spec: string, file: string) => boolean): string[] {
  const violations: string[] = [];
  for (const file of sources(path.join(REPO_ROOT, layerDir))) {
    for (const spec of importsOf(file)) {
      if (!allowed(spec, file)) violations.push(`${path.relative(REPO_ROOT, file)} imports '${spec}'`);
    }
  }
  return violations;
}

function resolvesInside(spec: string, file: string, dir: string): boolean {
  if (!spec.startsWith('.')) return false;
  const target = path.resolve(path.dirname(file), spec);
  return target.startsWith(path.join(REPO_ROOT, dir) + path.sep);
}

test('the service is pure: only jsonc-parser, avsc, LSP types and itself', () => {
  const pure = new Set(['jsonc-parser', 'avsc', 'vscode-languageserver-types']);
  const v = check('server/src/service', (spec, file) => pure.has(spec) || resolvesInside(spec, file, 'server/src/service'));
  assert.deepEqual(v, []);
});

test('the server never imports the VS Code API or the client', () => {
  const v = check('server/src', (spec, file) => spec !== 'vscode' && !spec.startsWith('vscode-languageclient') && !(spec.startsWith('.') && resolvesInside(spec, file, 'client')));
  assert.deepEqual(v, []);
});

test('the client reaches the server only through the shared protocol file', () => {
  const v = check('client/src', (spec, file) => {
    if (!spec.startsWith('.')) return !spec.startsWith('vscode-languageserver') || spec === 'vscode-languageserver-protocol';
    const target = path.resolve(path.dirname(file), spec);
    if (target.startsWith(path.join(REPO_ROOT, 'client') + path.sep)) return true;
    return target === path.join(REPO_ROOT, 'server', 'src', 'protocol');
  });
  assert.deepEqual(v, []);
});

test('the import scanner sees the forms it must police', () => {
  const tmp = path.join(REPO_ROOT, 'out', 'layering-probe.ts');
  fs.mkdirSync(path.dirname(tmp), { recursive: true });
  fs.writeFileSync(tmp, "import * as fs from 'node:fs';\nimport type { X } from \"./x\";\nconst y = require('net');\nexport { z } from './z';\nimport './side';\nconst w = import('http');\n");
  try {
    assert.deepEqual(importsOf(tmp).sort(), ['./side', './x', './z', 'http', 'net', 'node:fs'].sort());
  } finally {
    fs.rmSync(tmp);
  }
});
