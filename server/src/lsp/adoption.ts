// The editor's side of adopting Avro Studio on a repository with findings: inline suppressions, avro-studio.json's "ignore" and accepted findings applied to every document's diagnostics (project/findingFilter.ts, as `lint` and `check` apply them), and the project file's problems shown on its lines.
//
// Accepted findings are shown as hints (not in the Problems panel, a faint mark in the text) whose
// message starts "Accepted finding": CI does not fail on them, but whoever edits the place sees the
// debt. Suppressed and ignored findings are not shown, as in CI.
import * as path from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { DiagnosticSeverity, DidChangeWatchedFilesNotification, type Diagnostic, type FileEvent } from 'vscode-languageserver';
import type { LoadedProjectConfig } from '../config/loadProjectConfig';
import { PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { AcceptedFindingsError, loadAcceptedFindings, type AcceptedFindings } from '../project/acceptedFindings';
import { acceptedFindingsSource, filterFindings, type Adoption } from '../project/findingFilter';
import type { DiagnosticCode } from '../service/codes';
import type { AvroDocument } from '../service/model/types';
import { LineIndex } from '../service/text';
import { pathToUri, uriToPath } from '../workspace/uris';
import type { ServerContext } from './context';
import { toLspDiagnostic } from './conversions';
import { lineIndexOf } from './diagnostics';
import type { Feature } from './features';
import { formatError } from './guard';
import type { DocumentSettings } from './settings';

/** An accepted findings file: being read (with the list read before, if any), read, or unusable; with the project file that names it. */
type Loaded =
  | { state: 'loading'; previous: AcceptedFindings | undefined; loaded: LoadedProjectConfig }
  | { state: 'ready'; accepted: AcceptedFindings; loaded: LoadedProjectConfig }
  | { state: 'failed'; message: string; loaded: LoadedProjectConfig };

interface Item {
  code: string;
  offset: number;
  message: string;
  d: Diagnostic;
}

class EditorAdoption {
  private readonly accepted = new Map<string, Loaded>();
  private readonly watched = new Set<string>();
  private gen = 0;
  private trustGranted = false;
  /** Project files whose problems are shown (to clear them when fixed). */
  private readonly shown = new Set<string>();

  constructor(private readonly ctx: ServerContext) {}

  register(): void {
    const { ctx } = this;
    (ctx.hooks.filters ??= []).push({ name: 'adoption', generation: () => this.gen, filter: (uri, doc, diagnostics, settings) => this.filter(uri, doc, diagnostics, settings) });
    ctx.projectConfigs.onLoaded(folder => {
      // A new project file may name another accepted findings file, or the same one changed meanwhile.
      this.accepted.clear();
      this.gen++;
      this.publishProblems(folder);
    });
    ctx.hooks.watchedFiles.push(changes => this.onWatchedFiles(changes));
    (ctx.hooks.trustGranted ??= []).push(() => {
      this.trustGranted = true;
      this.gen++;
      this.ctx.invalidate('all');
    });
  }

  /** In Restricted Mode nothing avro-studio.json names is read: accepted findings are then shown as findings. */
  private get trusted(): boolean {
    return this.trustGranted || this.ctx.client.trusted;
  }

  private configOf(uri: string): LoadedProjectConfig | undefined {
    const folder = this.ctx.workspaceFolderOf(uri);
    if (folder === undefined) return undefined;
    const state = this.ctx.projectConfigs.peek(folder);
    return state.state === 'ready' ? state.config : undefined;
  }

  /** The accepted findings of a project file now (read in the background the first time; the previous list is kept while it is read again). */
  private acceptedOf(loaded: LoadedProjectConfig): AcceptedFindings | undefined {
    const source = acceptedFindingsSource(loaded.config, undefined);
    if (!source || !this.trusted) return undefined;
    const file = path.resolve(source.base, source.written);
    const state = this.accepted.get(file);
    if (state) return state.state === 'ready' ? state.accepted : state.state === 'loading' ? state.previous : undefined;
    this.load(file, loaded, undefined);
    return undefined;
  }

  private load(file: string, loaded: LoadedProjectConfig, previous: AcceptedFindings | undefined): void {
    const source = acceptedFindingsSource(loaded.config, undefined)!;
    const marker: Loaded = { state: 'loading', previous, loaded };
    this.accepted.set(file, marker);
    this.watch(file);
    const load = loadAcceptedFindings(source.written, source.origin, source.base).then(
      accepted => ({ state: 'ready', accepted, loaded }) as Loaded,
      (e: unknown) => ({ state: 'failed', message: e instanceof AcceptedFindingsError ? e.message : String(e), loaded }) as Loaded,
    ).then(result => {
      if (this.accepted.get(file) !== marker) return;
      this.accepted.set(file, result);
      if (result.state === 'failed') this.ctx.logger.warn(`Avro Studio: ${result.message}`);
      this.gen++;
      this.publishProblems(loaded.config.root);
      this.ctx.invalidate('all');
    });
    void this.ctx.activity.track(load);
  }

  private watch(file: string): void {
    const base = path.basename(file);
    if (this.watched.has(base) || !this.ctx.client.watchedFilesRegistration) return;
    this.watched.add(base);
    this.ctx.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${base}` }] })
      .catch(err => this.ctx.logger.warn(formatError(`Avro Studio: registering the **/${base} watcher failed`, err)));
  }

  private onWatchedFiles(changes: readonly FileEvent[]): void {
    const changed = changes.map(c => uriToPath(c.uri)).filter((p): p is string => p !== undefined && this.accepted.has(p));
    // Read again at once (what avro/idle waits for), showing the previous list meanwhile.
    for (const p of changed) {
      const state = this.accepted.get(p)!;
      this.load(p, state.loaded, state.state === 'ready' ? state.accepted : state.state === 'loading' ? state.previous : undefined);
    }
  }

  filter(uri: string, doc: AvroDocument, diagnostics: Diagnostic[], settings: DocumentSettings): Diagnostic[] {
    const loaded = this.configOf(uri);
    const adoption: Adoption | undefined = loaded ? { root: loaded.config.root, ignore: loaded.config.ignore, accepted: this.acceptedOf(loaded) } : undefined;
    // Without a project file only inline suppressions apply; without a comment nothing does.
    if (!adoption && doc.json.comments.length === 0) return diagnostics;
    const lines = lineIndexOf(this.ctx, doc);
    const items: Item[] = [];
    const others: Diagnostic[] = [];
    for (const d of diagnostics) {
      if (d.source === 'avro' && typeof d.code === 'string') items.push({ code: d.code, offset: lines.offsetAt(d.range.start), message: typeof d.message === 'string' ? d.message : d.message.value, d });
      else others.push(d);
    }
    const result = filterFindings<Item>({
      doc,
      lines,
      filePath: uriToPath(uri),
      findings: items,
      settings: settings.avro,
      adoption,
      // The compatibility findings come and go with the baseline's loading: a suppression of one is not called unused here (`check` does).
      judged: (code: DiagnosticCode) => !/^AVRO-4\d\d$/.test(code),
      wrap: a => ({ code: a.code, offset: a.offset, message: a.message, d: toLspDiagnostic(a, lines, () => undefined) }),
    });
    const acceptedIn = adoption?.accepted ? path.relative(adoption.root, adoption.accepted.file).split(path.sep).join('/') : '';
    const accepted = result.accepted.map(i => ({
      ...i.d,
      severity: DiagnosticSeverity.Hint,
      message: `Accepted finding (listed in ${acceptedIn}, not reported by CI): ${i.d.message}`,
      data: { ...(i.d.data && typeof i.d.data === 'object' ? i.d.data : {}), accepted: true },
    }));
    return [...result.reported.map(i => i.d), ...accepted, ...others];
  }

  /** avro-studio.json's problems (and an accepted findings file that cannot be used) as diagnostics on its lines: the messages `lint` and `check` stop with. */
  private publishProblems(folder: string): void {
    const state = this.ctx.projectConfigs.peek(folder);
    const file = path.join(folder, PROJECT_CONFIG_FILE);
    const uri = pathToUri(file);
    const loaded = state.state === 'ready' ? state.config : undefined;
    const text = loaded?.text ?? '';
    const lines = new LineIndex(text);
    const diagnostics: Diagnostic[] = (loaded?.problems ?? []).map(p => ({
      range: lines.rangeOf(p.offset, p.length),
      severity: DiagnosticSeverity.Error,
      source: 'avro',
      message: p.message,
    }));
    const source = loaded ? acceptedFindingsSource(loaded.config, undefined) : undefined;
    const acceptedState = source ? this.accepted.get(path.resolve(source.base, source.written)) : undefined;
    if (acceptedState?.state === 'failed') {
      const node = parseTree(text) && findNodeAtLocation(parseTree(text)!, ['acceptedFindings']);
      diagnostics.push({ range: lines.rangeOf(node?.offset ?? 0, node?.length ?? 0), severity: DiagnosticSeverity.Error, source: 'avro', message: `${PROJECT_CONFIG_FILE}: ${acceptedState.message}` });
    }
    if (!diagnostics.length && !this.shown.has(uri)) return;
    if (diagnostics.length) this.shown.add(uri);
    else this.shown.delete(uri);
    this.ctx.connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
  }
}

export const adoptionFeature: Feature = {
  name: 'adoption',
  register(ctx: ServerContext): void {
    new EditorAdoption(ctx).register();
  },
};


