// Paths from compiled tests (out/test/...) back to the repository.
import * as path from 'node:path';

/** The repository root, whether running from out/test/** or from sources. */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const DIST = path.join(REPO_ROOT, 'dist');

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}
