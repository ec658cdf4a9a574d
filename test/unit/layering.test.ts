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

test('the service is pure: only jsonc-parser, avsc, LSP types, the shared vocabulary and itself', () => {
  const pure = new Set(['jsonc-parser', 'avsc', 'vscode-languageserver-types']);
  const v = check('server/src/service', (spec, file) => pure.has(spec) || resolvesInside(spec, file, 'server/src/service') || resolvesInside(spec, file, 'server/src/domain'));
  assert.deepEqual(v, []);
});

test('the service keeps no module state: caches belong to a document, an index or a request (model/documentCache.ts)', () => {
  // Static tables built once from constants are not state.
  const STATIC: Record<string, string> = {
    'server/src/service/codeActions/index.ts BY_CODE': 'the providers of each diagnostic code, a constant table',
    'server/src/service/codeActions/unknownType.ts KEYWORDS': 'constant words',
    'server/src/service/util/attributes.ts STRUCTURAL_ATTRIBUTES': 'constant attribute names',
    'server/src/service/validation/rules/typos.ts KNOWN': 'constant attribute names',
    'server/src/service/model/canonical.ts TABLE_HI (a module-level variable)': 'the CRC-64-AVRO table, a constant computed on first use',
    'server/src/service/model/canonical.ts TABLE_LO (a module-level variable)': 'the CRC-64-AVRO table, a constant computed on first use',
    'server/src/service/util/suggest.ts rows (a module-level variable)': 'a scratch buffer of the edit distance, overwritten by every call (holds no result)',
  };
  const found: string[] = [];
  for (const file of sources(path.join(REPO_ROOT, 'server', 'src', 'service'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:export\s+)?(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=\s*new\s+(WeakMap|Map|Set|WeakSet|WeakRef)\b/gm)) {
      const key = `${path.relative(REPO_ROOT, file)} ${m[1]}`;
      if (!STATIC[key]) found.push(key);
    }
    for (const m of text.matchAll(/^(?:let|var)\s+(\w+)/gm)) {
      const key = `${path.relative(REPO_ROOT, file)} ${m[1]} (a module-level variable)`;
      if (!STATIC[key]) found.push(key);
    }
  }
  assert.deepEqual(found, []);
});

test('the shared vocabulary (domain/) imports nothing: every layer and the client can use it', () => {
  const v = check('server/src/domain', (spec, file) => resolvesInside(spec, file, 'server/src/domain'));
  assert.deepEqual(v, []);
});

/** Whether `spec` (imported from `file`) is the editor protocol. */
function isProtocol(spec: string, file: string): boolean {
  return spec.startsWith('.') && path.resolve(path.dirname(file), spec) === path.join(REPO_ROOT, 'server', 'src', 'protocol');
}

/** Whether `spec` (imported from `file`) resolves into one of `dirs` (relative to server/src). */
function into(spec: string, file: string, dirs: readonly string[]): boolean {
  return dirs.some(d => resolvesInside(spec, file, `server/src/${d}`) || (spec.startsWith('.') && path.resolve(path.dirname(file), spec) === path.join(REPO_ROOT, 'server', 'src', d)));
}

test('only the language server and the client import the editor protocol: the CLI, the project layer, baselines, the registry client and config never do', () => {
  const v: string[] = [];
  for (const layer of ['cli', 'project', 'baselines', 'registry', 'config', 'workspace', 'service', 'domain', 'node']) {
    v.push(...check(`server/src/${layer}`, (spec, file) => !isProtocol(spec, file)));
  }
  assert.deepEqual(v, []);
});

test('the protocol imports only the message types and the shared vocabulary', () => {
  const file = path.join(REPO_ROOT, 'server', 'src', 'protocol.ts');
  const v = importsOf(file).filter(spec => spec !== 'vscode-languageserver-protocol' && !into(spec, file, ['domain']) && spec !== './registry/userinfo' && spec !== './config/projectFileDepth');
  assert.deepEqual(v, []);
});

test('dependencies point down: front-ends -> project layer -> baselines, registry, config, workspace -> service, domain', () => {
  const frontEnds = ['lsp', 'cli', 'server', 'node/main'];
  const v: string[] = [];
  // The two front-ends never use each other: both render what the project layer computes.
  v.push(...check('server/src/cli', (spec, file) => !into(spec, file, ['lsp', 'server'])));
  v.push(...check('server/src/lsp', (spec, file) => !into(spec, file, ['cli'])));
  // The project layer knows no front-end.
  v.push(...check('server/src/project', (spec, file) => !into(spec, file, frontEnds)));
  // The layers below know neither the front-ends nor the project layer.
  for (const layer of ['baselines', 'registry', 'config', 'workspace']) {
    v.push(...check(`server/src/${layer}`, (spec, file) => !into(spec, file, [...frontEnds, 'project'])));
  }
  assert.deepEqual(v, []);
});

/**
 * Outside service/, the service is reached through its façade (service/languageService.ts) only.
 * The exceptions are the vocabulary every layer speaks, not features: model/types (the document
 * model's types, which results carry), codes (the diagnostic code registry that settings and CLI
 * filters key on), text (the one offset <-> position converter, LineIndex) and settings (the
 * settings a snapshot carries, and their normalization from user input).
 */
const SERVICE_VOCABULARY = ['languageService', 'model/types', 'codes', 'text', 'settings'].map(m => path.join(REPO_ROOT, 'server', 'src', 'service', m));

function throughServiceFacade(spec: string, file: string): boolean {
  if (!spec.startsWith('.')) return true;
  const target = path.resolve(path.dirname(file), spec);
  if (!target.startsWith(path.join(REPO_ROOT, 'server', 'src', 'service') + path.sep)) return true;
  return SERVICE_VOCABULARY.includes(target);
}

test('code outside the service uses it through its façade (service/languageService.ts) and its vocabulary only', () => {
  const v: string[] = [];
  for (const dir of fs.readdirSync(path.join(REPO_ROOT, 'server', 'src'), { withFileTypes: true })) {
    if (dir.name === 'service') continue;
    const rel = `server/src/${dir.name}`;
    if (dir.isDirectory()) v.push(...check(rel, throughServiceFacade));
    else if (dir.name.endsWith('.ts')) v.push(...importsOf(path.join(REPO_ROOT, rel)).filter(spec => !throughServiceFacade(spec, path.join(REPO_ROOT, rel))).map(spec => `${rel} imports '${spec}'`));
  }
  v.push(...check('client/src', throughServiceFacade));
  assert.deepEqual(v, []);
  const probe = path.join(REPO_ROOT, 'server', 'src', 'lsp', '__facade_probe.ts');
  fs.writeFileSync(probe, "import { getHover } from '../service/hover';\nimport { LineIndex } from '../service/text';\n");
  try {
    assert.deepEqual(check('server/src/lsp', throughServiceFacade).filter(x => x.includes('__facade_probe')), ["server/src/lsp/__facade_probe.ts imports '../service/hover'"]);
  } finally {
    fs.rmSync(probe);
  }
});

test('the language server does not build the registry\'s HTTP client or run the tests\' hooks: the host hands them in (node/main.ts)', () => {
  const v = [
    ...check('server/src/lsp', (spec, file) => !into(spec, file, ['registry/client', 'registry/http', 'registry/tls'])),
    ...check('server/src', (spec, file) => !spec.startsWith('.') || !path.resolve(path.dirname(file), spec).startsWith(path.join(REPO_ROOT, 'test'))),
  ];
  assert.deepEqual(v, []);
  // No test knob in the product: nothing under server/src reads AVRO_STUDIO_* variables.
  const knobs: string[] = [];
  for (const file of sources(path.join(REPO_ROOT, 'server', 'src'))) {
    if (/AVRO_STUDIO_[A-Z_]+/.test(fs.readFileSync(file, 'utf8'))) knobs.push(path.relative(REPO_ROOT, file));
  }
  assert.deepEqual(knobs, []);
});

test('the dependency rules see a violation when there is one', () => {
  const probe = path.join(REPO_ROOT, 'server', 'src', 'cli', '__layering_probe.ts');
  fs.writeFileSync(probe, "import { CheckCompatibilityRequest } from '../protocol';\nimport { x } from '../lsp/compatibility';\n");
  try {
    assert.deepEqual(check('server/src/cli', (spec, file) => !isProtocol(spec, file)).filter(v => v.includes('__layering_probe')), ["server/src/cli/__layering_probe.ts imports '../protocol'"]);
    assert.deepEqual(check('server/src/cli', (spec, file) => !into(spec, file, ['lsp'])).filter(v => v.includes('__layering_probe')), ["server/src/cli/__layering_probe.ts imports '../lsp/compatibility'"]);
  } finally {
    fs.rmSync(probe);
  }
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
