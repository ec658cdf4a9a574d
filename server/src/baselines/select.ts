// Builds the baseline provider for a spec: git:REF, git:history or file:PATH (the registry plugs in through `registry`).
import { FileBaseline } from './file';
import { GitBaseline } from './git';
import type { BaselineProvider, BaselineSpec } from './types';

export interface BaselineEnvironment {
  /** Whether the workspace is trusted: untrusted means no git process and no registry request. */
  trusted: boolean;
  /** Folder that relative file: paths start from (the project file's folder or the workspace folder). */
  root: string;
  gitPath?: string;
  /** Provider for the `registry` spec, when a registry is configured. */
  registry?: BaselineProvider;
}

export function providerFor(spec: BaselineSpec, env: BaselineEnvironment): BaselineProvider {
  switch (spec.kind) {
    case 'git':
      return new GitBaseline(spec.ref, { trusted: env.trusted, gitPath: env.gitPath });
    case 'git-history':
      return new GitBaseline('history', { trusted: env.trusted, gitPath: env.gitPath });
    case 'file':
      return new FileBaseline(spec.path, env.root, spec.origin);
    case 'registry':
      return env.registry ?? {
        load: async () => ({
          kind: 'unavailable',
          reason: 'error',
          message: 'The baseline is "registry" but no registry is configured: add "registry": {"url": ...} to avro-studio.json.',
        }),
      };
  }
}
