// Every LSP handler of the server is guarded (docs/architecture.md, rule 3): registered through guard(), handler() or runSafeAsync, so an exception is logged with the request and answered, never fatal.
//
// A scan of the sources, like the layering test: each registration on the connection or the
// documents names its handler; the few that need no guard are listed here with the reason.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

/** Registrations that need no guard, by file and the start of the call, with why. */
const VETTED: Record<string, string> = {
  'server.ts connection.onInitialize(': 'an exception fails the initialize request itself, which the client reports (there is no safe answer to make up)',
  'server.ts connection.languages.diagnostics.on(': 'delegates to PullDiagnostics.provide, which runs through runSafeAsync',
  'server.ts connection.onRequest(IdleRequest': 'only waits for the work under way; it cannot throw',
  'requestParams.ts connection.onRequest(INVALID_REQUEST': 'returns the InvalidParams error it was handed; nothing to fail',
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'service' && e.name !== 'cli') out.push(...sources(p));
    } else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The text of the handler argument of a registration starting at `open` (the index of its parenthesis). */
function handlerText(text: string, open: number, method: string): string {
  let i = open + 1;
  if (method === 'onRequest' || method === 'onNotification') {
    // Skip the method name argument: up to the first comma outside brackets.
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth--;
      else if (c === ',' && depth === 0) break;
    }
    i++;
  }
  return text.slice(i, i + 400).trimStart();
}

test('every handler the server registers is guarded (or vetted here, with the reason)', () => {
  const unguarded: string[] = [];
  const seen = new Set<string>();
  let registrations = 0;
  for (const file of sources(path.join(REPO_ROOT, 'server', 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    const re = /\b(?:connection|documents)(?:\.\w+)*\.(on\w*)\(/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      registrations++;
      const method = m[1];
      const handler = handlerText(text, m.index + m[0].length - 1, method);
      const where = `${path.basename(file)} ${m[0]}`;
      const key = Object.keys(VETTED).find(k => k.startsWith(`${path.basename(file)} `) && text.startsWith(k.slice(k.indexOf(' ') + 1), m!.index));
      if (key) {
        seen.add(key);
        continue;
      }
      const guarded = /^(guard|handler)\(/.test(handler) || /^(async\s*)?\([^)]*\)\s*(:\s*[^=]+)?=>\s*runSafeAsync\b/.test(handler);
      if (!guarded) unguarded.push(`${where} ${handler.slice(0, 80).replace(/\s+/g, ' ')}`);
    }
  }
  assert.ok(registrations >= 35, `the scan found the registrations (${registrations})`);
  assert.deepEqual(unguarded, []);
  assert.deepEqual(Object.keys(VETTED).filter(k => !seen.has(k)), [], 'every vetted registration still exists');
});
