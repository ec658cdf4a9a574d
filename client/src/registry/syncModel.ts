// Pure logic behind the registry commands and the sync view: state groups and labels, the order of registrations, and the texts of confirmations and summaries.
//
// No `vscode` import: unit tests run it in plain Node.
import type {
  RegistryPrepareRegisterResult,
  RegistryRegisterResult,
  RegistrySyncEntry,
  RegistrySyncState,
} from '../../../server/src/protocol';

export interface StateInfo {
  state: RegistrySyncState;
  /** The group's title in the sync view. */
  label: string;
  /** Codicon id. */
  icon: string;
  /** Theme color id for the icon, when the state needs attention. */
  color?: string;
  /** Whether the group starts expanded. */
  expanded: boolean;
  /** Whether an entry in this state asks for an action (the view's badge counts them). */
  actionable: boolean;
}

/** The groups of the sync view, in the order shown: what needs attention first, what is fine last. */
export const STATES: readonly StateInfo[] = [
  { state: 'ahead-incompatible', label: 'Local ahead, incompatible', icon: 'error', color: 'problemsErrorIcon.foreground', expanded: true, actionable: true },
  { state: 'invalid', label: 'Invalid locally', icon: 'error', color: 'problemsErrorIcon.foreground', expanded: true, actionable: true },
  { state: 'ahead-compatible', label: 'Local ahead, compatible', icon: 'arrow-up', color: 'charts.blue', expanded: true, actionable: true },
  { state: 'not-registered', label: 'Not registered yet', icon: 'add', color: 'charts.blue', expanded: true, actionable: true },
  { state: 'behind', label: 'Registry ahead', icon: 'arrow-down', color: 'charts.yellow', expanded: true, actionable: true },
  { state: 'error', label: 'Registry could not be asked', icon: 'warning', color: 'problemsWarningIcon.foreground', expanded: true, actionable: false },
  { state: 'unmapped', label: 'Unmapped', icon: 'circle-slash', expanded: false, actionable: false },
  { state: 'in-sync', label: 'In sync', icon: 'pass', color: 'testing.iconPassed', expanded: false, actionable: false },
];

export function stateInfo(state: RegistrySyncState): StateInfo {
  return STATES.find(s => s.state === state) ?? { state, label: state, icon: 'question', expanded: true, actionable: false };
}

export interface StateGroup {
  info: StateInfo;
  entries: RegistrySyncEntry[];
}

/**
 * Entries grouped by state in the order of STATES (unknown states from a newer server last), each
 * group sorted by path; empty groups are left out.
 */
export function groupEntries(entries: readonly RegistrySyncEntry[]): StateGroup[] {
  const byState = new Map<string, RegistrySyncEntry[]>();
  for (const e of entries) {
    const list = byState.get(e.state) ?? [];
    list.push(e);
    byState.set(e.state, list);
  }
  const known = STATES.map(s => s.state as string);
  const order = [...known, ...[...byState.keys()].filter(s => !known.includes(s)).sort()];
  return order
    .filter(s => byState.has(s))
    .map(s => ({ info: stateInfo(s as RegistrySyncState), entries: byState.get(s)!.sort((a, b) => a.uri.localeCompare(b.uri)) }));
}

/** The short text beside an entry: its subject and the versions that matter. */
export function entryDescription(entry: RegistrySyncEntry): string {
  const parts: string[] = [];
  if (entry.subject) parts.push(entry.subject);
  switch (entry.state) {
    case 'in-sync':
      if (entry.latestVersion !== undefined) parts.push(`v${entry.latestVersion}`);
      break;
    case 'behind':
      if (entry.localVersionMatch !== undefined && entry.latestVersion !== undefined) parts.push(`local v${entry.localVersionMatch} < v${entry.latestVersion}`);
      else if (entry.latestVersion !== undefined) parts.push(`registry v${entry.latestVersion}`);
      break;
    case 'ahead-compatible':
    case 'ahead-incompatible':
      if (entry.latestVersion !== undefined) parts.push(`after v${entry.latestVersion}`);
      break;
    default:
      break;
  }
  return parts.join(' · ');
}

/** How many entries need an action (the view's badge). */
export function actionableCount(entries: readonly RegistrySyncEntry[]): number {
  return entries.filter(e => stateInfo(e.state).actionable).length;
}

/** A registration to order: the document and the files its plan registers first (its references). */
export interface PreparedDocument {
  uri: string;
  prepared: RegistryPrepareRegisterResult;
}

/**
 * The order in which to register several documents so that every referenced schema goes before the
 * schemas that reference it: a depth-first order over each plan's references that are themselves in
 * the set. Ties keep the given order; a cycle (which Avro cannot express across files) keeps it too.
 */
export function registrationOrder(documents: readonly PreparedDocument[]): PreparedDocument[] {
  const byUri = new Map(documents.map(d => [d.uri, d] as const));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: PreparedDocument[] = [];
  const visit = (doc: PreparedDocument): void => {
    if (done.has(doc.uri) || visiting.has(doc.uri)) return;
    visiting.add(doc.uri);
    for (const step of doc.prepared.plan) {
      const dependency = step.uri !== doc.uri ? byUri.get(step.uri) : undefined;
      if (dependency) visit(dependency);
    }
    visiting.delete(doc.uri);
    done.add(doc.uri);
    order.push(doc);
  };
  for (const d of documents) visit(d);
  return order;
}

/** The subjects a plan registers that are not yet registered, in plan order. */
export function pendingSubjects(prepared: RegistryPrepareRegisterResult): string[] {
  return prepared.plan.filter(p => !p.alreadyRegistered).map(p => p.subject);
}

/** True when the document's own schema (the plan's last step) is registered already. */
export function alreadyRegistered(prepared: RegistryPrepareRegisterResult): { id: number; version: number } | undefined {
  const own = prepared.plan[prepared.plan.length - 1];
  return prepared.plan.length > 0 && prepared.plan.every(p => p.alreadyRegistered) ? own?.alreadyRegistered : undefined;
}

/** The detail of the "Register Schema" confirmation: subject, level, the diff base, both verdicts, the plan. */
export function registerConfirmationDetail(prepared: RegistryPrepareRegisterResult): string {
  const lines: string[] = [];
  lines.push(`Subject: ${prepared.subject ?? '(none)'}${prepared.level ? `, compatibility level ${prepared.level}` : ''}`);
  lines.push(prepared.latest
    ? `Latest registered: version ${prepared.latest.version} (id ${prepared.latest.id})`
    : 'The subject does not exist yet: this registration creates it (version 1).');
  const findings = prepared.findings.length;
  lines.push(prepared.latest
    ? `Avro Studio's check: ${findings === 0 ? 'no breaking change' : `${findings} breaking change${findings === 1 ? '' : 's'}`}`
    : 'Avro Studio\'s check: nothing to compare with');
  if (prepared.registry) {
    lines.push(`The registry's verdict: ${prepared.registry.isCompatible ? 'compatible' : 'incompatible'}`);
    for (const m of readableRegistryMessages(prepared.registry.messages).slice(0, 3)) lines.push(`  ${m}`);
  }
  const steps = prepared.plan.filter(p => !p.alreadyRegistered);
  if (steps.length > 1) {
    lines.push('', 'Registers, in this order (referenced schemas first):');
    steps.forEach((p, i) => lines.push(`  ${i + 1}. ${p.subject}`));
  }
  const skipped = prepared.plan.filter(p => p.alreadyRegistered && p !== prepared.plan[prepared.plan.length - 1]);
  for (const p of skipped) lines.push(`Already registered: ${p.subject} (id ${p.alreadyRegistered!.id}, version ${p.alreadyRegistered!.version})`);
  return lines.join('\n');
}

/** One line per subject of a registration's outcome, for the notification. */
export function registerSummary(result: RegistryRegisterResult): string {
  const parts = result.results.map(r => {
    switch (r.outcome) {
      case 'registered': return `${r.subject}: registered, id ${r.id ?? '?'}, version ${r.version ?? '?'}`;
      case 'already-registered': return `${r.subject}: already registered (id ${r.id ?? '?'}, version ${r.version ?? '?'})`;
      case 'failed': return `${r.subject}: failed${r.error ? `: ${r.error}` : ''}`;
      default: return `${r.subject}: not attempted`;
    }
  });
  return parts.join('; ');
}

/**
 * The registry's verbose compatibility messages as people read them: Confluent sends one message per
 * incompatibility like "{errorType:'…', description:'The field …', additionalInfo:'…'}" followed by
 * context entries ({oldSchemaVersion: 2}, {oldSchema: '…'}, {validateFields: …}, {compatibility: …});
 * the descriptions are kept, the context dropped, anything else clipped.
 */
export function readableRegistryMessages(messages: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of messages) {
    if (/^\{\s*(oldSchemaVersion|oldSchema|validateFields|compatibility)\s*:/.test(m)) continue;
    const description = /description:\s*'(.*?)'\s*(,\s*additionalInfo|\})/.exec(m);
    const type = /errorType:\s*'([A-Z_]+)'/.exec(m);
    const text = description ? `${description[1]}${type ? ` (${type[1]})` : ''}` : m;
    if (!out.includes(text)) out.push(clip(text, 240));
  }
  return out;
}

/** The reason a registration is refused, short enough for a dialog's headline (the details follow below it). */
export function refusalHeadline(blocked: string): string {
  // Cut before the registry's raw messages ("…BACKWARD): {errorType:…"), which the details list readably.
  const cut = blocked.search(/:\s*\{\s*errorType/);
  return clip(cut > 0 ? `${blocked.slice(0, cut)}.` : blocked, 240);
}

/** JSON text for a dialog's detail, which drops leading spaces: indentation kept with no-break spaces. */
export function dialogJson(text: string): string {
  return text.split('\n').map(line => line.replace(/^ +/, spaces => '\u00a0'.repeat(spaces.length * 2))).join('\n');
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
