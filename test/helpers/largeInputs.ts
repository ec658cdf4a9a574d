// Large generated inputs and the TextMate grammar, shared by the tests (behaviour) and `npm run bench` (how long they take).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as textmate from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { REPO_ROOT } from './paths';

export const GRAMMAR_PATH = path.join(REPO_ROOT, 'syntaxes', 'avsc.tmLanguage.json');

/** The avsc grammar on VS Code's own engine (vscode-textmate with the oniguruma WASM). */
export async function loadGrammar(): Promise<textmate.IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.avsc' ? textmate.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
  });
  const g = await registry.loadGrammar('source.avsc');
  if (!g) throw new Error('source.avsc did not load');
  return g;
}

/** A schema with `n` top-level fields of varied types, minified or pretty. */
export function bigSchema(n: number): string {
  const fields: string[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0: fields.push(`{"name": "f${i}", "type": "string", "doc": "Field number ${i}."}`); break;
      case 1: fields.push(`{"name": "f${i}", "type": ["null", "long"], "default": null}`); break;
      case 2: fields.push(`{"name": "f${i}", "type": {"type": "enum", "name": "E${i}", "symbols": ["A", "B", "C"]}, "default": "A"}`); break;
      case 3: fields.push(`{"name": "f${i}", "type": {"type": "record", "name": "R${i}", "fields": [{"name": "x", "type": "int"}, {"name": "y", "type": {"type": "array", "items": "string"}}]}}`); break;
      default: fields.push(`{"name": "f${i}", "type": {"type": "long", "logicalType": "timestamp-millis"}}`);
    }
  }
  return `{"type": "record", "name": "Big", "namespace": "com.acme", "fields": [${fields.join(', ')}]}`;
}

/** The lines of a 10,000-field schema (1.4 MB) whose every field has a logical type in a union: the grammar's heavy case. */
export function grammarStressLines(fields = 10_000): string[] {
  const lines = Array.from({ length: fields }, (_, i) =>
    `    { "name": "f${i}", "type": ["null", { "type": "long", "logicalType": "timestamp-millis" }], "default": null, "doc": "field ${i}" }`);
  return `{\n  "type": "record", "name": "Big", "namespace": "com.acme",\n  "fields": [\n${lines.join(',\n')}\n  ]\n}\n`.split('\n');
}
