// Quick picks shared by the registry commands: a subject (with a filter) and a version (newest first, with ids filled in as they load).
import * as vscode from 'vscode';
import {
  RegistrySchemaRequest,
  RegistrySubjectsRequest,
  RegistryVersionsRequest,
} from '../../../server/src/protocol';
import type { RegistryDeps } from './deps';
import { Cancelled, request } from './requests';

/** The subjects of a RegistrySubjectsRequest answer (an array, or { subjects }). */
export function subjectsOf(answer: unknown): string[] {
  const list = Array.isArray(answer) ? answer : (answer as { subjects?: unknown })?.subjects;
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
}

/** The versions of a RegistryVersionsRequest answer (numbers or { version, id } objects, bare or in { versions }), newest first. */
export function versionsOf(answer: unknown): Array<{ version: number; id?: number }> {
  const list = Array.isArray(answer) ? answer : (answer as { versions?: unknown })?.versions;
  if (!Array.isArray(list)) return [];
  const out: Array<{ version: number; id?: number }> = [];
  for (const v of list) {
    if (typeof v === 'number') out.push({ version: v });
    else if (v && typeof v === 'object' && typeof (v as { version?: unknown }).version === 'number') {
      const id = (v as { id?: unknown }).id;
      out.push({ version: (v as { version: number }).version, id: typeof id === 'number' ? id : undefined });
    }
  }
  return out.sort((a, b) => b.version - a.version);
}

/** Run `show` with a quick pick that closes (rejecting with Cancelled) when hidden. */
async function withQuickPick<T extends vscode.QuickPickItem, R>(setup: (pick: vscode.QuickPick<T>, token: vscode.CancellationToken) => Promise<R | undefined>): Promise<R | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  const cancel = new vscode.CancellationTokenSource();
  pick.onDidHide(() => cancel.cancel());
  try {
    return await setup(pick, cancel.token);
  } catch (error) {
    if (error instanceof Cancelled) return undefined;
    throw error;
  } finally {
    pick.dispose();
    cancel.dispose();
  }
}

/** Pick a subject of the folder's registry (the list loads while the picker is shown). */
export function pickSubject(deps: RegistryDeps, folder: vscode.Uri, title: string, extra: Array<vscode.QuickPickItem & { subject?: string }> = []): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { subject?: string };
  return withQuickPick<Item, string>(async (pick, token) => {
    pick.title = title;
    pick.placeholder = 'Type to filter the subjects';
    pick.matchOnDescription = true;
    pick.busy = true;
    pick.items = extra;
    const chosen = new Promise<Item | undefined>(resolve => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]));
      pick.onDidHide(() => resolve(undefined));
    });
    pick.show();
    const subjects = subjectsOf(await request(deps.client, RegistrySubjectsRequest, { folder: folder.toString() }, token));
    const mapped = new Map<string, string[]>();
    for (const e of deps.view.entries()) {
      if (e.subject && e.folder.toString() === folder.toString()) mapped.set(e.subject, [...(mapped.get(e.subject) ?? []), vscode.workspace.asRelativePath(vscode.Uri.parse(e.uri), false)]);
    }
    pick.items = [...extra, ...subjects.map(subject => ({ label: subject, description: mapped.get(subject)?.join(', '), subject }))];
    pick.busy = false;
    if (subjects.length === 0 && extra.length === 0) pick.placeholder = 'The registry has no subjects yet';
    const item = await chosen;
    return item ? item.subject ?? item.label : undefined;
  });
}

export interface PickedVersion {
  version: number;
  id?: number;
}

/** Pick a version of a subject, newest first ("latest" on top); ids appear as each version is read. */
export function pickVersion(deps: RegistryDeps, folder: vscode.Uri, subject: string, title: string, exclude?: number): Promise<PickedVersion | undefined> {
  type Item = vscode.QuickPickItem & { version: number; id?: number };
  return withQuickPick<Item, PickedVersion>(async (pick, token) => {
    pick.title = title;
    pick.placeholder = `Versions of ${subject}, newest first`;
    pick.busy = true;
    const chosen = new Promise<Item | undefined>(resolve => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]));
      pick.onDidHide(() => resolve(undefined));
    });
    pick.show();
    const versions = versionsOf(await request(deps.client, RegistryVersionsRequest, { folder: folder.toString(), subject }, token)).filter(v => v.version !== exclude);
    const items: Item[] = versions.map((v, i) => ({ label: `v${v.version}`, description: describe(v.id, i === 0 && exclude === undefined), version: v.version, id: v.id }));
    pick.items = items;
    if (items.length === 0) pick.placeholder = `${subject} has no other version`;
    // Ids: one read per version (the server caches them: registered versions never change), newest first, a few at a time.
    void (async () => {
      const missing = items.filter(i => i.id === undefined).slice(0, 50);
      for (let i = 0; i < missing.length && !token.isCancellationRequested; i += 4) {
        await Promise.all(missing.slice(i, i + 4).map(async item => {
          try {
            const schema = await request(deps.client, RegistrySchemaRequest, { folder: folder.toString(), subject, version: item.version }, token);
            item.id = schema.id;
            item.description = describe(schema.id, item === items[0] && exclude === undefined);
            deps.documents.remember(folder, subject, schema.version, schema.pretty);
          } catch {
            // The id stays unknown; picking the version still works.
          }
        }));
        if (!token.isCancellationRequested) {
          const active = pick.activeItems[0];
          pick.items = [...items];
          if (active) pick.activeItems = pick.items.filter(x => x.version === active.version);
        }
      }
      pick.busy = false;
    })();
    if (items.every(i => i.id !== undefined)) pick.busy = false;
    const item = await chosen;
    return item ? { version: item.version, id: item.id } : undefined;
  });
}

function describe(id: number | undefined, latest: boolean): string {
  return [latest ? 'latest' : undefined, id !== undefined ? `id ${id}` : undefined].filter(Boolean).join(' · ');
}
