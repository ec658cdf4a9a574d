// Compilation units of avro-studio.json ("units"): which files an Avro build parses together, as the index's CompilationUnits.
import * as path from 'node:path';
import type { CompilationUnits, UnitMembership } from '../service/languageService';
import { uriToPath } from '../workspace/uris';
import { matchesAny, type ProjectConfig } from './projectConfig';

/**
 * The declared units of the project files, by document URI. A file matching a unit's "imports"
 * is parsed first (rank: its import's position), one matching "files" after them; a file may be
 * in several units. Undefined when no project file declares a unit: every file then resolves names
 * to the nearest definition (service/model/schemaIndex).
 */
export function compilationUnitsOf(projects: readonly ProjectConfig[]): CompilationUnits | undefined {
  const declaring = projects.filter(p => p.units.length > 0).sort((a, b) => b.root.length - a.root.length);
  if (declaring.length === 0) return undefined;
  const cache = new Map<string, readonly UnitMembership[]>();
  const none: readonly UnitMembership[] = [];
  return {
    of(uri: string): readonly UnitMembership[] {
      let found = cache.get(uri);
      if (found) return found;
      found = none;
      const file = uriToPath(uri);
      if (file !== undefined) {
        for (const project of declaring) {
          const relative = relativeInside(project.root, file);
          if (relative === undefined) continue;
          found = membershipsOf(project, relative);
          break; // the nearest project file decides, as for every other setting
        }
      }
      if (cache.size > 100_000) cache.clear();
      cache.set(uri, found);
      return found;
    },
  };
}

function membershipsOf(project: ProjectConfig, relative: string): UnitMembership[] {
  const out: UnitMembership[] = [];
  project.units.forEach((unit, i) => {
    const id = `${project.root}#${i}`;
    const label = unit.name ? `"${unit.name}"` : `units[${i}]`;
    const imported = unit.imports.findIndex(glob => matchesAny(relative, [glob]));
    if (imported >= 0) out.push({ unit: id, label, rank: imported });
    else if (matchesAny(relative, unit.files)) out.push({ unit: id, label, rank: unit.imports.length });
  });
  return out;
}

/** `file` relative to `root` with `/` separators, or undefined when it is not inside `root`. */
export function relativeInside(root: string, file: string): string | undefined {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}
