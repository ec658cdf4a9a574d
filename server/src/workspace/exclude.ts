// Which files of a workspace folder are not indexed: node_modules, .git and the user's `avro.workspace.exclude` globs.
import * as path from 'node:path';
import { Minimatch } from 'minimatch';

/**
 * `avro.workspace.exclude` when the user has not set it (package.json contributes the same list):
 * Maven and Gradle build outputs, which usually hold stale copies of the schemas in src/.
 */
export const DEFAULT_EXCLUDE: readonly string[] = ['**/target/**', '**/build/**', '**/.gradle/**'];

/** Folders never crawled, whatever the settings say. */
export const ALWAYS_SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);

/**
 * Exclude globs of one workspace folder. Patterns are relative to the folder and use `/`
 * (`generated/**`, `**\/*.test.avsc`); a pattern that matches a folder excludes everything in it.
 * A pattern without a slash matches a file or folder name at any depth (`build`, `*.tmp.avsc`), as
 * in .gitignore and VS Code's files.exclude.
 */
export class ExcludeMatcher {
  private readonly matchers: Minimatch[];
  /** Excludes relative to other folders (avro-studio.json's "exclude" is relative to the project file). */
  private readonly others: ExcludeMatcher[];

  constructor(readonly root: string, patterns: readonly string[] = [], others: ReadonlyArray<{ root: string; patterns: readonly string[] }> = []) {
    this.others = others.filter(o => o.patterns.length > 0).map(o => new ExcludeMatcher(o.root, o.patterns));
    this.matchers = [];
    for (const raw of patterns) {
      if (typeof raw !== 'string') continue;
      let p = raw.trim().replace(/\\/g, '/');
      if (!p || p.startsWith('#')) continue;
      if (p.startsWith('./')) p = p.slice(2);
      if (p.endsWith('/')) p = p.slice(0, -1);
      const options = { dot: true, nocomment: true, nonegate: true, matchBase: !p.includes('/') };
      this.matchers.push(new Minimatch(p, options));
      // `dir/**` also excludes the folder itself, so the crawler need not enter it.
      if (p.endsWith('/**')) this.matchers.push(new Minimatch(p.slice(0, -3), options));
    }
  }

  /** The path relative to the root with `/` separators, or undefined when outside the root. */
  relative(absolutePath: string): string | undefined {
    const rel = path.relative(this.root, absolutePath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return rel === '' ? '' : undefined;
    return rel.split(path.sep).join('/');
  }

  /** True when a folder must not be entered. */
  isExcludedDirectory(absolutePath: string): boolean {
    if (ALWAYS_SKIPPED_DIRECTORIES.has(path.basename(absolutePath))) return true;
    if (this.others.some(o => o.isExcludedDirectory(absolutePath))) return true;
    const rel = this.relative(absolutePath);
    if (rel === undefined || rel === '') return false;
    return this.test(rel);
  }

  /** True when a file must not be indexed (its own path or one of its folders is excluded). */
  isExcludedFile(absolutePath: string): boolean {
    if (this.others.some(o => o.isExcludedFile(absolutePath))) return true;
    const rel = this.relative(absolutePath);
    if (rel === undefined) return false;
    const parts = rel.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      if (ALWAYS_SKIPPED_DIRECTORIES.has(parts[i])) return true;
    }
    if (this.test(rel)) return true;
    // A file below an excluded folder (for watcher events, which arrive without the crawl's pruning).
    for (let i = parts.length - 1; i > 0; i--) {
      if (this.test(parts.slice(0, i).join('/'))) return true;
    }
    return false;
  }

  private test(rel: string): boolean {
    for (const m of this.matchers) if (m.match(rel)) return true;
    return false;
  }
}
