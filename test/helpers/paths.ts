// Paths from compiled tests (out/test/... or any other outDir) back to the repository.
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'avro-studio') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no avro-studio package.json above ${start}`);
  }
}

/** The repository root (the folder with avro-studio's package.json). */
export const REPO_ROOT = findRoot(__dirname);
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const DIST = path.join(REPO_ROOT, 'dist');

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}
