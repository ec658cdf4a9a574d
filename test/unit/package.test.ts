// package.json's contributions: the language, grammar, settings (in step with codes.ts and protocol.ts), commands, activation, trust.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as ts from 'typescript';
import { REPO_ROOT } from '../helpers/paths';
import { CODE_INFO } from '../../server/src/service/codes';
import { CONFIGURATION_SECTION } from '../../server/src/protocol';
import { CommandIds } from '../../client/src/commandIds';

/* eslint-disable @typescript-eslint/no-explicit-any */
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const properties: Record<string, any> = contributes.configuration.properties;
const repoFile = (p: string): string => path.join(REPO_ROOT, p);

/** The dotted keys of the `avro` section, read from the AvroConfiguration interface in protocol.ts. */
function protocolSettingKeys(): string[] {
  const file = repoFile('server/src/protocol.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const keys: string[] = [];
  const walk = (members: ts.NodeArray<ts.TypeElement>, prefix: string): void => {
    for (const m of members) {
      if (!ts.isPropertySignature(m) || !m.name) continue;
      const key = prefix + m.name.getText(source);
      if (m.type && ts.isTypeLiteralNode(m.type)) walk(m.type.members, key + '.');
      else keys.push(key);
    }
  };
  ts.forEachChild(source, node => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'AvroConfiguration') walk(node.members, `${CONFIGURATION_SECTION}.`);
  });
  assert.ok(keys.length > 0, 'AvroConfiguration not found in protocol.ts');
  return keys.sort();
}

describe('language contribution', () => {
  test('language avroavsc ("Avro Schema") owns .avsc', () => {
    assert.equal(contributes.languages.length, 1);
    const [language] = contributes.languages;
    assert.equal(language.id, 'avroavsc');
    assert.equal(language.aliases[0], 'Avro Schema', 'the first alias is the name VS Code shows in the language picker');
    assert.deepEqual(language.extensions, ['.avsc']);
    assert.ok(fs.existsSync(repoFile(language.configuration)), `${language.configuration} exists`);
  });

  test('the grammar contribution points at a grammar with the same scope name', () => {
    assert.equal(contributes.grammars.length, 1);
    const [grammar] = contributes.grammars;
    assert.equal(grammar.language, 'avroavsc');
    const file = repoFile(grammar.path);
    assert.ok(fs.existsSync(file), `${grammar.path} exists`);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).scopeName, grammar.scopeName);
    assert.equal(grammar.scopeName, 'source.avsc');
  });

  test('activation on the language and on workspaces that contain schemas', () => {
    assert.deepEqual([...pkg.activationEvents].sort(), ['onLanguage:avroavsc', 'workspaceContains:**/*.avsc']);
    assert.equal(pkg.main, './dist/client.js');
  });
});

describe('language configuration', () => {
  const config = JSON.parse(fs.readFileSync(repoFile('language-configuration.json'), 'utf8'));

  test('comments, brackets and auto-closing pairs', () => {
    assert.deepEqual(config.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
    assert.deepEqual(config.brackets, [['{', '}'], ['[', ']']]);
    const quote = config.autoClosingPairs.find((p: any) => p.open === '"');
    assert.ok(quote?.notIn.includes('string'), 'a quote typed inside a string is not doubled');
  });

  test('every regular expression compiles as VS Code compiles it (JavaScript RegExp)', () => {
    const patterns: string[] = [
      config.wordPattern, config.folding.markers.start, config.folding.markers.end,
      config.indentationRules.increaseIndentPattern, config.indentationRules.decreaseIndentPattern,
      ...config.onEnterRules.flatMap((r: any) => [r.beforeText, r.afterText, r.previousLineText].filter(Boolean)),
    ];
    for (const p of patterns) assert.doesNotThrow(() => new RegExp(p, 'u'), p);
  });

  test('a word is an Avro fullname, a logical type name or a number', () => {
    const word = new RegExp(config.wordPattern, 'g');
    const words = (s: string): string[] => s.match(word) ?? [];
    assert.deepEqual(words('"type": "com.acme.events.User"'), ['type', 'com.acme.events.User']);
    assert.deepEqual(words('"logicalType": "local-timestamp-millis"'), ['logicalType', 'local-timestamp-millis']);
    assert.deepEqual(words('"default": -1.5e3,'), ['default', '-1.5e3']);
    assert.deepEqual(words('["null","string"]'), ['null', 'string']);
  });

  test('indentation follows brackets', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    assert.ok(increase.test('  "fields": ['));
    assert.ok(increase.test('{'));
    assert.ok(!increase.test('  { "name": "a", "type": "int" },'));
    assert.ok(!increase.test('  // a comment with {'));
    assert.ok(decrease.test('  ],'));
    assert.ok(decrease.test('}'));
  });

  test('folding region markers', () => {
    assert.ok(new RegExp(config.folding.markers.start).test('  // #region events'));
    assert.ok(new RegExp(config.folding.markers.end).test('  // #endregion'));
  });
});

describe('settings', () => {
  test('the settings are exactly the `avro` section of protocol.ts, plus the client-side trace setting', () => {
    const contributed = Object.keys(properties).sort();
    assert.deepEqual(contributed, [...protocolSettingKeys(), 'avro.trace.server'].sort());
  });

  test('every diagnostic code of codes.ts is listed under avro.diagnostics.severity with its default and title', () => {
    const severity = properties['avro.diagnostics.severity'];
    assert.equal(severity.type, 'object');
    assert.equal(severity.additionalProperties, false, 'a misspelt code is flagged in settings.json');
    const settable = Object.entries(CODE_INFO).filter(([, info]) => !info.noSeveritySetting);
    assert.deepEqual(Object.keys(severity.properties).sort(), settable.map(([code]) => code).sort(), 'every code a severity changes, and only those');
    for (const [code, info] of settable) {
      const p = severity.properties[code];
      assert.deepEqual(p.enum, ['error', 'warning', 'info', 'hint', 'off'], code);
      assert.equal(p.default, info.severity, code);
      assert.ok(p.description.startsWith(info.title), `${code}: description starts with the title "${info.title}"`);
    }
  });

  test('scripts/gen-contributes.mjs agrees that package.json is up to date', () => {
    const out = execFileSync(process.execPath, [repoFile('scripts/gen-contributes.mjs'), '--check'], { encoding: 'utf8' });
    assert.match(out, /up to date/);
  });

  test('the spec version and trace settings offer exactly the values the server and client accept', () => {
    assert.deepEqual(properties['avro.specVersion'].enum, ['1.11', '1.12']);
    assert.equal(properties['avro.specVersion'].enumDescriptions.length, 2);
    assert.deepEqual(properties['avro.trace.server'].enum, ['off', 'messages', 'verbose']);
  });

  test('every setting has a description, a default of its own type, and a scope', () => {
    const typeOf = (v: unknown): string => (Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);
    for (const [key, p] of Object.entries(properties)) {
      assert.ok(p.description || p.markdownDescription, `${key} has a description`);
      assert.ok(p.scope, `${key} has a scope`);
      const t = typeOf(p.default);
      assert.ok(t === p.type || (p.type === 'number' && t === 'integer'), `${key}: default ${JSON.stringify(p.default)} is a ${p.type}`);
    }
  });

  test('no setting could hold a secret (credentials belong in SecretStorage or environment variables)', () => {
    const secretish = /pass(word|wd)?|secret|token|api[-_.]?key|credential|auth|bearer|private[-_.]?key/i;
    for (const [key, p] of Object.entries(properties)) {
      assert.doesNotMatch(key, secretish, `${key} looks like a credential setting`);
      // A free-form string is where a secret could be pasted: every string setting is an enum, or
      // restricted by a pattern with no room for spaces (avro.compatibility.baseline: git:REF, file:PATH).
      if (p.type === 'string') assert.ok(Array.isArray(p.enum) || (typeof p.pattern === 'string' && p.pattern.startsWith('^') && p.pattern.endsWith('$')), `${key} is a free-form string`);
      if (p.type === 'object') assert.equal(p.additionalProperties, false, `${key} accepts arbitrary keys`);
    }
  });
});

describe('commands and trust', () => {
  test('the contributed commands are the ones the client registers, in category Avro', () => {
    const contributed = contributes.commands.map((c: any) => c.command).sort();
    assert.deepEqual(contributed, Object.values(CommandIds).sort());
    for (const c of contributes.commands) {
      assert.equal(c.category, 'Avro', c.command);
      assert.ok(c.title && !c.title.startsWith('Avro'), `${c.command}: the category already says Avro`);
    }
  });

  test('limited support in untrusted workspaces, with a description', () => {
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.match(trust.description, /Restricted Mode/);
    for (const key of trust.restrictedConfigurations ?? []) assert.ok(key in properties, `${key} is a setting`);
    // A workspace's .vscode/settings.json must not name a baseline file outside it in Restricted Mode: VS Code then ignores the workspace's value.
    assert.ok((trust.restrictedConfigurations ?? []).includes('avro.compatibility.baseline'), 'avro.compatibility.baseline is a restricted setting');
  });

  test('engines.vscode is no older than the @types/vscode the client compiles against', () => {
    const types = JSON.parse(fs.readFileSync(repoFile('node_modules/@types/vscode/package.json'), 'utf8')).version as string;
    const engine = /^\^(\d+)\.(\d+)\./.exec(pkg.engines.vscode);
    assert.ok(engine, `engines.vscode ${pkg.engines.vscode} is a caret range`);
    const [major, minor] = types.split('.').map(Number);
    assert.ok(Number(engine[1]) > major || (Number(engine[1]) === major && Number(engine[2]) >= minor),
      `engines.vscode ${pkg.engines.vscode} must be at least @types/vscode ${types} (vsce refuses to package otherwise)`);
  });
});

describe('the shipped bundles', () => {
  test('hold nothing test-only: no fault injector, no test knob read from the environment', () => {
    for (const bundle of ['server.js', 'cli.js', 'client.js']) {
      const text = fs.readFileSync(path.join(REPO_ROOT, 'dist', bundle), 'utf8');
      assert.ok(text.length > 100_000, `${bundle} is built`);
      for (const marker of ['AVRO_STUDIO_TEST', 'AVRO_STUDIO_REGISTRY_RETRY_MS', 'AVRO_STUDIO_REGISTRY_REFRESH_MS', 'injected fault', 'testServer']) {
        assert.ok(!text.includes(marker), `${bundle} holds "${marker}"`);
      }
    }
  });
});
