// One document's compatibility check in the editor: the project layer's check (project/checkFile.ts) rendered as LSP diagnostics and a status line.
import type { Diagnostic } from 'vscode-languageserver';
import type { BaselineDocument, LoadedBaseline } from './baselineManager';
import { quoteNames } from '../../baselines/baselineSchemas';
import { checkFile } from '../../project/checkFile';
import type { LevelResult, RuleFailure } from '../../service/languageService';
import type { SchemaIndex } from '../../service/languageService';
import type { AvroDocument } from '../../service/model/types';
import type { AvroSettings } from '../../service/settings';
import type { LineIndex } from '../../service/text';
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
  /** A rule of the check failed (a bug): the caller logs it; its findings are missing. */
  internalError?: RuleFailure;
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
  /** The workspace: the document's named types from other files resolve here. */
  workingTree: SchemaIndex;
  /** The policy, with the registry's level applied (withRegistryLevel). */
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
  const check = checkFile({ doc, workingTree: input.workingTree, level: policy.level, baseline, settings: input.settings });
  // "FULL vs registry v7": a registry baseline names the latest registered version.
  const registry = result.kind === 'ok' ? result.registry : undefined;
  const prefix = registry?.latest !== undefined ? `${statusPrefix(policy)} v${registry.latest}` : statusPrefix(policy);
  const diagnostics = convert(check.diagnostics, input);
  const done = (state: CompatibilityStatusParams['state'], message: string, notes: string[] = []): CheckOutcome =>
    ({ status: statusOf(uri, policy, state, 0, message), diagnostics, level: undefined, notes });
  const notes = result.kind === 'ok' ? [...result.notes] : [];
  for (const s of check.invalid) notes.push(`${s.version.label}: not a valid Avro schema, not checked.`);
  switch (check.notChecked) {
    case 'level-none': return done('off', `Compatibility level NONE (${policy.levelFrom.label}): no check.`);
    case 'baseline-unavailable': return done('unavailable', `${prefix}: unavailable. ${check.message ?? ''}`.trimEnd());
    case 'new': return done('new', `${prefix}: new file. ${check.message ?? ''}`.trimEnd(), notes);
    case 'syntax-errors': return done('unavailable', `${prefix}: not checked while the schema has syntax errors.`, notes);
    case 'no-schema': return done('unavailable', `${prefix}: not checked: the file holds no readable schema.`, notes);
    case 'no-valid-version': return done('unavailable', `${prefix}: unavailable. The baseline is not a valid Avro schema.`, notes);
  }
  for (const s of check.checked) {
    const elsewhere = s.companions.filter(c => c.from === 'working tree').map(c => c.path);
    if (elsewhere.length) notes.push(`${s.version.label}: named types from ${elsewhere.length} other file${elsewhere.length === 1 ? '' : 's'} resolved in the working tree (the file${elsewhere.length === 1 ? ' did' : 's did'} not exist at that version).`);
    if (s.unresolved.length) notes.push(`${s.version.label}: ${quoteNames(s.unresolved)} resolve${s.unresolved.length === 1 ? 's' : ''} nowhere; that part is not checked.`);
  }
  const level = check.level!;
  // Notes (AVRO-412) are shown but are not breaking changes: not in the count.
  const count = check.count;
  const state: CompatibilityStatusParams['state'] = count > 0 ? 'breaking' : 'compatible';
  let message = count > 0 ? `${prefix}: ${count} breaking change${count === 1 ? '' : 's'}` : `${prefix}: compatible`;
  if (!level.complete) {
    message += ' (partly checked: some types could not be resolved)';
    notes.push('Parts of the schemas could not be checked (unresolved names or invalid types): fix the errors in the file for a complete check.');
  }
  if (policy.baseline.kind === 'git-history' || policy.level.endsWith('_TRANSITIVE')) {
    const n = check.checked.length;
    if (n > 1) message += ` (${n} versions)`;
  }
  if (registry) {
    notes.push(`Subject ${registry.subject}, level ${policy.level} (from the ${policy.levelFrom.label}).`);
    if (registry.stale) {
      message += ` (stale: ${registry.stale})`;
      notes.push(`The registry could not be read (${registry.stale}): the versions last read are used.`);
    }
  }
  return { status: statusOf(uri, policy, state, count, message), diagnostics, level, notes, internalError: check.internalError };
}

/** Service diagnostics -> LSP, with related locations in baseline documents opened through their editor URIs. */
function convert(found: Parameters<typeof toLspDiagnostics>[0], input: CheckInput): Diagnostic[] {
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
