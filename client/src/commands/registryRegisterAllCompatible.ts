// Command "Avro: Register All Compatible Schemas" (the Schema Registry view's toolbar): every schema that is ahead and compatible, or not registered yet, registered in dependency order after one confirmation.
//
// Each schema is prepared as "Register Schema" does (local check, registry verdict); refused ones
// are listed and skipped. Registration stops at the first failure and the summary says exactly what
// happened to each. Returns { results, skipped }.
import * as vscode from 'vscode';
import {
  RegistryCommands,
  RegistryPrepareRegisterRequest,
  RegistryRegisterRequest,
  type RegistryRegisterResult,
} from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { Cancelled, isCancelled, reportFailure, request } from '../registry/requests';
import { alreadyRegistered, registrationOrder, registerSummary, type PreparedDocument } from '../registry/syncModel';
import { ensureTrusted, UNTRUSTED } from '../registry/trust';

export interface RegisterAllOutcome {
  results: Array<{ uri: string; result: RegistryRegisterResult }>;
  skipped: Array<{ uri: string; reason: string }>;
}

export function registerRegistryRegisterAllCompatible(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.registerAllCompatible, async (): Promise<RegisterAllOutcome | typeof UNTRUSTED | undefined> => {
    if (!ensureTrusted('Register All Compatible Schemas')) return UNTRUSTED;
    try {
      if (!deps.view.hasLoaded) await deps.view.refresh();
      const candidates = deps.view.entries().filter(e => e.state === 'ahead-compatible' || e.state === 'not-registered');
      if (candidates.length === 0) {
        void vscode.window.showInformationMessage('Avro: nothing to register: no schema is ahead of the registry and compatible, or new. (Refresh the Schema Registry view if files changed.)');
        return { results: [], skipped: [] };
      }
      const skipped: RegisterAllOutcome['skipped'] = [];
      const documents = new Map<string, vscode.TextDocument>();
      const prepared = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Avro: checking the schemas to register', cancellable: true },
        async (progress, token) => {
          const out: PreparedDocument[] = [];
          for (const entry of candidates) {
            if (token.isCancellationRequested) throw new Cancelled();
            const uri = vscode.Uri.parse(entry.uri);
            const relative = vscode.workspace.asRelativePath(uri, false);
            progress.report({ message: relative, increment: 100 / candidates.length });
            const doc = await vscode.workspace.openTextDocument(uri);
            if (doc.isDirty) {
              skipped.push({ uri: entry.uri, reason: 'unsaved changes (save it first)' });
              continue;
            }
            documents.set(entry.uri, doc);
            const p = await request(deps.client, RegistryPrepareRegisterRequest, { uri: entry.uri }, token);
            if (p.blocked) skipped.push({ uri: entry.uri, reason: p.blocked });
            else if (alreadyRegistered(p)) skipped.push({ uri: entry.uri, reason: 'already registered' });
            else out.push({ uri: entry.uri, prepared: p });
          }
          return out;
        },
      );
      const ordered = registrationOrder(prepared);
      const relative = (uri: string): string => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
      if (ordered.length === 0) {
        void vscode.window.showWarningMessage(`Avro: nothing can be registered: ${skipped.map(s => `${relative(s.uri)}: ${s.reason}`).join('; ')}`);
        return { results: [], skipped };
      }
      const detail = [
        'In this order (referenced schemas first):',
        ...ordered.map((d, i) => `  ${i + 1}. ${relative(d.uri)} → ${d.prepared.subject}${d.prepared.latest ? ` (after v${d.prepared.latest.version}, ${d.prepared.level ?? 'level ?'})` : ' (new subject)'}`),
        ...(skipped.length ? ['', 'Skipped:', ...skipped.map(s => `  ${relative(s.uri)}: ${s.reason}`)] : []),
      ].join('\n');
      const choice = await vscode.window.showInformationMessage(`Register ${ordered.length} schema${ordered.length === 1 ? '' : 's'} with the registry?`, { modal: true, detail }, 'Register All');
      if (!choice) return { results: [], skipped };

      const results: RegisterAllOutcome['results'] = [];
      let failed = false;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Avro: registering', cancellable: true }, async (progress, token) => {
        for (const d of ordered) {
          if (token.isCancellationRequested) break;
          progress.report({ message: relative(d.uri), increment: 100 / ordered.length });
          const doc = documents.get(d.uri)!;
          try {
            const result = await request(deps.client, RegistryRegisterRequest, { uri: d.uri, version: d.prepared.documentVersion ?? doc.version, contentHash: d.prepared.contentHash, expectedLatest: d.prepared.latest?.version }, token);
            results.push({ uri: d.uri, result });
            deps.output.info(`Register ${relative(d.uri)}: ${registerSummary(result)}`);
            if (!result.ok) { failed = true; break; }
          } catch (error) {
            if (isCancelled(error)) break;
            throw error;
          }
        }
      });
      const notAttempted = ordered.slice(results.length).map(d => relative(d.uri));
      const done = results.filter(r => r.result.ok).length;
      const lines = results.map(r => `${relative(r.uri)}: ${registerSummary(r.result)}`);
      deps.output.info(`Register all compatible: ${done} of ${ordered.length} done. ${lines.join(' | ')}${notAttempted.length ? ` | not attempted: ${notAttempted.join(', ')}` : ''}`);
      if (failed || notAttempted.length) {
        const summary = `${done} of ${ordered.length} registered${failed ? ', then a failure stopped the rest' : ' (cancelled)'}: ${lines.join('; ')}${notAttempted.length ? `; not attempted: ${notAttempted.join(', ')}` : ''}.`;
        void vscode.window.showErrorMessage(`Avro: ${summary}`, 'Show Output').then(c => { if (c) deps.output.show(true); });
      } else {
        const each = results.flatMap(r => r.result.results.filter(x => x.outcome === 'registered').map(x => `${x.subject} (id ${x.id ?? '?'}, version ${x.version ?? '?'})`));
        void vscode.window.showInformationMessage(`Avro: registered ${done} schema${done === 1 ? '' : 's'} in dependency order: ${each.join(', ')}.`);
      }
      void deps.view.refresh();
      return { results, skipped };
    } catch (error) {
      reportFailure(deps.output, 'registering the compatible schemas', error);
      void deps.view.refresh();
      return undefined;
    }
  });
}
