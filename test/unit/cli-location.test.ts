// One location formatter for the CLI: `path:line:column`, 1-based, and no output that builds it by hand.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatLocation, oneBased } from '../../server/src/cli/location';
import { REPO_ROOT } from '../helpers/paths';

test('0-based positions print 1-based', () => {
  assert.deepEqual(oneBased({ line: 0, character: 0 }), { line: 1, column: 1 });
  assert.equal(formatLocation('schemas/order.avsc', { line: 6, character: 48 }), 'schemas/order.avsc:7:49');
});

test('no CLI file turns positions 1-based by hand (`line + 1`:`character + 1`, or { line: +1, column: +1 }): cli/location.ts does', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && e.name !== 'location.ts') {
        fs.readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
          if (/line \+ 1\}:\$\{[^}]*character \+ 1\}|line: \w+(\.\w+)*\.line \+ 1, column: /.test(line)) offenders.push(`${path.relative(REPO_ROOT, p)}:${i + 1}`);
        });
      }
    }
  };
  walk(path.join(REPO_ROOT, 'server', 'src', 'cli'));
  assert.deepEqual(offenders, []);
});
