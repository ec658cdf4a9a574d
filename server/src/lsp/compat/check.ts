// One document's compatibility check in the editor: the level check against the loaded baseline, as LSP diagnostics and a status line.
import type { Diagnostic } from 'vscode-languageserver';
import type { BaselineDocument, LoadedBaseline } from '../../baselines/manager';
import { quoteNames } from '../../baselines/baselineSchemas';
import { Codes, CODE_INFO } from '../../service/codes';
import { compatibilityDiagnostics, compatibilityNoteDiagnostics } from '../../service/compatibility/diagnostics';
import { checkLevel, type LevelResult } from '../../service/compatibility/levels';
import type { SchemaSide } from '../../service/compatibility/types';
import type { AvroDocument } from '../../service/model/types';
import type { AvroSettings } from '../../service/settings';
import type { LineIndex } from '../../service/text';
import type { AvroDiagnostic } from '../../service/validation/diagnostic';
import type { CompatibilityStatusParams } from '../../protocol';
import { toLspDiagnostics } from '../conversions';
import { baselineLabel, describeBaseline, type EffectiveCompatibility } from './policy';

export interface CheckOutcome {
  status: CompatibilityStatusParams;
  diagnostics: Diagnostic[];
  /** The level check, when one was made. */
  level: LevelResult | undefined;
  /** Things the report should say (versions skipped, names resolved elsewhere, partial checks). */
  notes: string[];
}

/** The "BACKWARD vs HEAD" part of every status line. */
export function statusPrefix(policy: EffectiveCompatibility): string {
  const base = baselineLabel(policy.baseline);
  return `${policy.level} vs ${base}`;
}

export function statusOf(uri: string, policy: EffectiveCompatibility, state: CompatibilityStatusParams['state'], count: number, message: string): CompatibilityStatusParams {
  return { uri, level: policy.level, baseline: describeBaseline(policy.baseline), state, count, message };
}

export interface CheckInput {
  uri: string;
  doc: AvroDocument;
  /** The candidate's references resolve through the workspace. */
  candidate: SchemaSide;
  policy: EffectiveCompatibility;
  baseline: LoadedBaseline;
  settings: AvroSettings;
  /** Line index of a document (the edited one, workspace files, baseline documents). */
  lineIndexOf(doc: AvroDocument): LineIndex;
  /** Workspace documents by URI (for related information into other files). */
  workspaceDoc(uri: string): AvroDocument | undefined;
}

/** Check a document whose baseline is loaded ('ok', 'none' or 'unavailable'). */
export function checkAgainstBaseline(input: CheckInput): CheckOutcome {
  const { uri, doc, policy, baseline } = input;
  const result = baseline.result;
  // "FULL vs registry v7": a registry baseline names the latest registered version.
  const registry = result.kind === 'ok' ? result.registry : undefined;
  const prefix = registry ? `${statusPrefix(policy)} v${registry.latest}` : statusPrefix(policy);
  if (result.kind === 'unavailable') {
    return { status: statusOf(uri, policy, 'unavailable', 0, `${prefix}: unavailable. ${result.message}`), diagnostics: [], level: undefined, notes: [] };
  }
  if (result.kind === 'none') {
    return { status: statusOf(uri, policy, 'new', 0, `${prefix}: new file. ${result.message}`), diagnostics: [], level: undefined, notes: [] };
  }
  const notes = [...result.notes];
  const own: AvroDiagnostic[] = [];
  const usable = baseline.schemas.filter(s => s.baseline !== undefined);
  for (const s of baseline.schemas) {
    if (s.baseline) {
      const elsewhere = s.companions.filter(c => c.from === 'working tree').map(c => c.path);
      if (elsewhere.length) notes.push(`${s.version.label}: named types from ${elsewhere.length} other file${elsewhere.length === 1 ? '' : 's'} resolved in the working tree (the file${elsewhere.length === 1 ? ' did' : 's did'} not exist at that version).`);
      if (s.unresolved.length) notes.push(`${s.version.label}: ${quoteNames(s.unresolved)} resolve${s.unresolved.length === 1 ? 's' : ''} nowhere; that part is not checked.`);
      continue;
    }
    notes.push(`${s.version.label}: not a valid Avro schema, not checked.`);
    const setting = input.settings.severity[Codes.BaselineInvalid];
    if (setting !== 'off') {
      const at = rootAnchor(doc);
      own.push({
        code: Codes.BaselineInvalid,
        severity: setting ?? CODE_INFO[Codes.BaselineInvalid].severity,
        offset: at.offset,
        length: at.length,
        message: `${policy.level} (vs ${s.version.label}): the ${s.version.label} version of this file is not a valid Avro schema, so compatibility with it is not checked. Open it with "Avro: Compare with Baseline".`,
        related: [{ uri: s.doc.uri, offset: 0, length: 0, message: `${s.version.label}: the version that cannot be read` }],
      });
    }
  }
  if (usable.length === 0 && baseline.schemas.length === 0) {
    return { status: statusOf(uri, policy, 'new', 0, `${prefix}: new file. The baseline holds no earlier version.`), diagnostics: [], level: undefined, notes };
  }
  const level = checkLevel(policy.level, input.candidate, usable.map(s => s.baseline!));
  const found = compatibilityDiagnostics(level.findings, input.settings, doc);
  // Notes (AVRO-412) are shown but are not breaking changes: not in the count.
  const diagnostics = convert([...own, ...found, ...compatibilityNoteDiagnostics(level.notes, input.settings)], input);
  const count = found.length;
  let message: string;
  let state: CompatibilityStatusParams['state'];
  if (usable.length === 0) {
    state = 'unavailable';
    message = `${prefix}: unavailable. The baseline is not a valid Avro schema.`;
  } else if (count > 0) {
    state = 'breaking';
    message = `${prefix}: ${count} breaking change${count === 1 ? '' : 's'}`;
  } else {
    state = 'compatible';
    message = `${prefix}: compatible`;
  }
  if (usable.length > 0 && !level.complete) {
    message += ' (partly checked: some types could not be resolved)';
    notes.push('Parts of the schemas could not be checked (unresolved names or invalid types): fix the errors in the file for a complete check.');
  }
  if (policy.baseline.kind === 'git-history' || policy.level.endsWith('_TRANSITIVE')) {
    const n = usable.length;
    if (n > 1 && state !== 'unavailable') message += ` (${n} versions)`;
  }
  if (registry) {
    notes.push(`Subject ${registry.subject}, level ${policy.level} (from the ${policy.levelFrom}).`);
    if (registry.stale) {
      message += ` (stale: ${registry.stale})`;
      notes.push(`The registry could not be read (${registry.stale}): the versions last read are used.`);
    }
  }
  return { status: statusOf(uri, policy, state, count, message), diagnostics, level, notes };
}

/** Where a finding about the whole file goes: the root schema's name, else its first character. */
function rootAnchor(doc: AvroDocument): { offset: number; length: number } {
  const root = doc.root;
  if (root && (root.kind === 'record' || root.kind === 'enum' || root.kind === 'fixed') && root.nameNode) return { offset: root.nameNode.offset, length: root.nameNode.length };
  const node = doc.json.root;
  return node ? { offset: node.offset, length: 1 } : { offset: 0, length: 0 };
}

/** Service diagnostics -> LSP, with related locations in baseline documents opened through their editor URIs. */
function convert(found: AvroDiagnostic[], input: CheckInput): Diagnostic[] {
  const docs = input.baseline.documents;
  const out = toLspDiagnostics(found, input.lineIndexOf(input.doc), relatedUri => {
    const b: BaselineDocument | undefined = docs.get(relatedUri);
    if (b) return input.lineIndexOf(b.doc);
    const other = relatedUri === input.doc.uri ? input.doc : input.workspaceDoc(relatedUri);
    return other ? input.lineIndexOf(other) : undefined;
  });
  for (const d of out) {
    for (const r of d.relatedInformation ?? []) {
      const b = docs.get(r.location.uri);
      if (b) r.location.uri = b.openUri;
    }
  }
  return out;
}
