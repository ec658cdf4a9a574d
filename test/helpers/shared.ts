// Where ../shared (the reference material: corpora, notes) is, from a checkout or from a clone of one (CI clones main elsewhere).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

/**
 * The folder holding `relative` (e.g. corpus/realworld/files) under the shared reference folder:
 * AVRO_STUDIO_SHARED when set, else ../shared beside the repository, else ../shared beside the
 * repository this one was cloned from (a CI run clones main into a temporary folder). Undefined
 * when none has it.
 */
export function sharedPath(relative: string): string | undefined {
  const candidates: string[] = [];
  if (process.env.AVRO_STUDIO_SHARED) candidates.push(process.env.AVRO_STUDIO_SHARED);
  candidates.push(path.join(REPO_ROOT, '..', 'shared'));
  const origin = spawnSync('git', ['config', '--get', 'remote.origin.url'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout?.trim();
  if (origin && !/^[a-z]+:\/\//i.test(origin) && !/^[^/]+@[^:]+:/.test(origin)) {
    const local = origin.startsWith('file:') ? origin.slice('file:'.length) : origin;
    candidates.push(path.join(path.resolve(REPO_ROOT, local), '..', 'shared'));
  }
  for (const c of candidates) {
    const p = path.join(c, relative);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}
