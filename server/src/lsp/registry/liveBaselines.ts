// `"baseline": "registry"` for the live compatibility checks: the registered versions of a file's subject, with the subject's level, marked stale while the registry is unreachable.
//
// The compatibility feature loads baselines in the background (never on the diagnostics path) and
// asks this source for the provider of a file. Versions come through the folder's session, so they
// are cached (immutable once registered), the level and version list are refreshed every few
// minutes, and while the registry is unreachable the last ones read are used and marked stale.
import { RegistryBaseline } from '../../baselines/registry';
import type { BaselineProvider, BaselineResult } from '../../baselines/types';
import { policyFor } from '../../config/projectConfig';
import { mapFile, relativeToRoot } from '../../registry/mapping';
import type { RegistrySession } from '../../registry/session';
import { pathToUri } from '../../workspace/uris';
import type { RegistryBaselineSource, ServerContext } from '../context';
import type { RegistryFolder, RegistryFolders } from './folders';

export class LiveRegistryBaselines implements RegistryBaselineSource {
  private readonly baselines = new WeakMap<RegistrySession, { key: string; baseline: RegistryBaseline }>();
  private readonly fresh = new WeakMap<RegistrySession, { key: string; baseline: RegistryBaseline }>();

  constructor(private readonly ctx: ServerContext, private readonly folders: RegistryFolders) {}

  provider(request: { filePath: string; fileUri: string }): BaselineProvider {
    return { load: (_filePath, signal) => this.load(request, signal) };
  }

  /**
   * The RegistryBaseline of a folder's session (one per session and project file): reading the
   * session's recent values (live checks, lenses), or the registry now (`fresh`: commands).
   */
  baselineOf(folder: RegistryFolder, fresh = false): RegistryBaseline {
    const key = folder.project.file + '\u0000' + JSON.stringify(folder.project.config);
    const cache = fresh ? this.fresh : this.baselines;
    const known = cache.get(folder.session);
    if (known && known.key === key) return known.baseline;
    const config = folder.project.config;
    const baseline = new RegistryBaseline({
      client: fresh ? folder.session.live : folder.session.cached,
      folder: folder.folderUri,
      subjectOf: filePath => mapFile(config, filePath, this.ctx.index.get(pathToUri(filePath))).resolution,
      levelOverride: filePath => {
        const relative = relativeToRoot(config.root, filePath);
        return relative === undefined ? undefined : policyFor(config, relative).level;
      },
      trusted: () => folder.session.state !== 'untrusted',
    });
    cache.set(folder.session, { key, baseline });
    return baseline;
  }

  private async load(request: { filePath: string; fileUri: string }, signal?: AbortSignal): Promise<BaselineResult> {
    const found = await this.folders.lookup(this.folders.folderOfDocument(request.fileUri));
    if (!found.ok) {
      return found.state === 'untrusted'
        ? { kind: 'unavailable', reason: 'untrusted', message: found.message }
        : { kind: 'unavailable', reason: 'error', message: `The baseline is "registry", but ${found.message.charAt(0).toLowerCase()}${found.message.slice(1)}` };
    }
    const folder = found.value;
    const baseline = this.baselineOf(folder);
    const result = await baseline.load(request.filePath, signal);
    const stale = folder.session.staleReason();
    // Versions served from the last ones read while the registry is unreachable: the result says so.
    if (result.kind !== 'ok' || !result.registry || !stale) return result;
    return { ...result, registry: { ...result.registry, stale } };
  }
}
