// Every LSP handler of the server is guarded (docs/architecture.md, rule 8): registered through guard(), handler(), runSafeAsync or withDocument (lsp/requestContext.ts, which runs runSafeAsync), so an exception is logged with the request and answered, never fatal.
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
  'server.ts onRequest0(connection, IdleRequest': 'only waits for the work under way; it cannot throw',
  'requestParams.ts connection.onRequest(INVALID_REQUEST': 'returns the InvalidParams error it was handed; nothing to fail',
  'messages.ts connection.onRequest(type.method, ((params': 'the typed onRequest: it forwards to the handler its callers pass (scanned at each call below)',
  'messages.ts connection.onRequest(type.method, ((...args': 'the typed onRequest0: it forwards to the handler its callers pass (scanned at each call below)',
  'messages.ts connection.onNotification(type.method, (params': 'the typed onNotification: it forwards to the handler its callers pass (scanned at each call below)',
  'messages.ts connection.onNotification(type.method, ()': 'the typed onNotification0: it forwards to the handler its callers pass (scanned at each call below)',
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
function handlerText(text: string, open: number, skip: number): string {
  let i = open + 1;
  for (let n = 0; n < skip; n++) {
    // Skip an argument (the connection, the method): up to the first comma outside brackets.
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
    // On the connection or the documents (connection.onRequest(method, handler) ...), or through the
    // typed registrations of lsp/messages.ts (onRequest(connection, Type, handler) ...).
    const re = /\b(?:connection|documents)(?:\.\w+)*\.(on\w*)\(|(?<![.\w])(onRequest0?|onNotification0?)\((?=\s*(?:ctx\.|this\.ctx\.)?connection\b)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (/^\s*(?:export\s+)?function\s*$/.test(text.slice(Math.max(0, m.index - 20), m.index).split('\n').pop()!)) continue;
      registrations++;
      const method = m[1] ?? m[2];
      const skip = m[2] !== undefined ? 2 : method === 'onRequest' || method === 'onNotification' ? 1 : 0;
      const handler = handlerText(text, m.index + m[0].length - 1, skip);
      const where = `${path.basename(file)} ${m[0]}`;
      const key = Object.keys(VETTED).find(k => k.startsWith(`${path.basename(file)} `) && text.startsWith(k.slice(k.indexOf(' ') + 1), m!.index));
      if (key) {
        seen.add(key);
        continue;
      }
      const guarded = /^(guard|handler)\(/.test(handler) || /^(async\s*)?(\([^)]*\)|\w+)\s*(:\s*[^=]+)?=>\s*(runSafeAsync|withDocument)\b/.test(handler);
      if (!guarded) unguarded.push(`${where} ${handler.slice(0, 80).replace(/\s+/g, ' ')}`);
    }
  }
  assert.ok(registrations >= 35, `the scan found the registrations (${registrations})`);
  assert.deepEqual(unguarded, []);
  assert.deepEqual(Object.keys(VETTED).filter(k => !seen.has(k)), [], 'every vetted registration still exists');
});
