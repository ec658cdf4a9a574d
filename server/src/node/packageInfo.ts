// The name and version of the installed package, read from its package.json (found next to the bundle or above the compiled sources).
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PackageInfo {
  name: string;
  version: string;
  /** The project's web page: package.json "homepage", else its repository URL without ".git". */
  homepage?: string;
}

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown; homepage?: unknown; repository?: { url?: unknown } };
      if (json.name === 'avro-studio' && typeof json.version === 'string') {
        const repository = typeof json.repository?.url === 'string' ? json.repository.url.replace(/^git\+/, '').replace(/\.git$/, '') : undefined;
        const candidate = typeof json.homepage === 'string' ? json.homepage : repository && /^https?:\/\//.test(repository) ? repository : undefined;
        // A placeholder address (RFC 2606's .invalid) is no home page: links to it would be dead.
        const homepage = candidate && !/^https?:\/\/[^/]*\.invalid(\/|$)/i.test(candidate) ? candidate : undefined;
        return (cached = homepage ? { name: json.name, version: json.version, homepage } : { name: json.name, version: json.version });
      }
    } catch {
      // not here: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return (cached = { name: 'avro-studio', version: '0.0.0-unknown' });
}
