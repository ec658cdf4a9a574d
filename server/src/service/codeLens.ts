// The registry CodeLens, pure part: where it goes (above the top-level type) and what it says (subject, latest version, sync state, the action).
import type { AvroDocument } from './model/types';

/** The states a lens shows: the sync states, and the registry's own when it cannot be asked. */
export type LensState =
  | 'in-sync'
  | 'ahead-compatible'
  | 'ahead-incompatible'
  | 'behind'
  | 'unmapped'
  | 'not-registered'
  | 'invalid'
  | 'error'
  | 'checking'
  | 'offline'
  | 'unauthorized'
  | 'untrusted';

export interface LensInput {
  state: LensState;
  subject?: string;
  latestVersion?: number;
  /** The registered version the local text equals (behind). */
  localVersionMatch?: number;
}

/** What the lens's command does, for the LSP layer to map onto the client's command ids. */
export type LensAction = 'versions' | 'register' | 'check' | 'pull' | 'add-mapping' | 'test-connection' | 'set-credentials' | 'none';

export interface LensText {
  title: string;
  action: LensAction;
}

/** "caracal.metering.events-value · v7 · in sync", "… · ahead (compatible): Register…", "unmapped: Add mapping…". */
export function registryLensText(input: LensInput): LensText {
  const head = (parts: Array<string | undefined>): string => parts.filter((p): p is string => !!p).join(' · ');
  const latest = input.latestVersion !== undefined ? `v${input.latestVersion}` : undefined;
  const s = input.subject;
  switch (input.state) {
    case 'in-sync': return { title: head([s, latest, 'in sync']), action: 'versions' };
    case 'ahead-compatible': return { title: head([s, latest, 'ahead (compatible): Register…']), action: 'register' };
    case 'ahead-incompatible': return { title: head([s, latest, 'ahead (incompatible): Check…']), action: 'check' };
    case 'behind': {
      const local = input.localVersionMatch !== undefined ? ` (local is v${input.localVersionMatch})` : '';
      return { title: head([s, latest, `behind${local}: Pull…`]), action: 'pull' };
    }
    case 'not-registered': return { title: head([s, 'not registered: Register…']), action: 'register' };
    case 'unmapped': return { title: 'unmapped: Add mapping…', action: 'add-mapping' };
    case 'invalid': return { title: head([s, 'invalid schema: fix the errors to register it']), action: 'none' };
    case 'error': return { title: head([s, 'registry check failed: Test Connection…']), action: 'test-connection' };
    case 'checking': return { title: head([s, 'checking the registry…']), action: 'none' };
    case 'offline': return { title: head([s, latest, 'registry offline']), action: 'test-connection' };
    case 'unauthorized': return { title: head([s, 'registry unauthorized: Set Credentials…']), action: 'set-credentials' };
    case 'untrusted': return { title: head([s, 'registry not contacted (Restricted Mode)']), action: 'none' };
  }
}

/** Where the lens goes: the top-level schema's opening (the line above which editors draw it). */
export function lensAnchor(doc: AvroDocument): { offset: number; length: number } | undefined {
  const node = doc.json.root;
  if (!node) return undefined;
  return { offset: node.offset, length: 0 };
}
