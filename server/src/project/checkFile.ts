// One file's compatibility check, for the editor and `avro-studio check`: the level check of a document against its loaded baseline versions, with plain results (offsets, codes, messages) that each front-end only renders.
//
// Synchronous and pure given its inputs: the editor runs it inside every diagnostics computation
// (the baseline was loaded in the background); the CLI once per file after loading.
import { quoteNames, type BaselineSchema } from '../baselines/baselineSchemas';
import type { BaselineResult, BaselineVersion } from '../baselines/types';
import type { CompatibilityLevel } from '../domain/compatibility';
import { CODE_INFO, Codes } from '../service/codes';
import { compatibilityFindings, compatibilityNoteDiagnostics, type CompatibilityFinding } from '../service/languageService';
import { checkLevel, type LevelResult } from '../service/languageService';
import { resolverFor, type SchemaIndex } from '../service/languageService';
import type { AvroDocument } from '../service/model/types';
import type { AvroSettings } from '../service/settings';
import { policyEvolutionDiagnostics } from '../service/languageService';
import { LineIndex } from '../service/text';
import type { AvroDiagnostic, RuleFailure } from '../service/languageService';

export interface CheckFileInput {
  /** The checked document (its named types from other files resolve in `workingTree`). */
  doc: AvroDocument;
  workingTree: SchemaIndex;
  /** The level in force (CompatibilityPolicy, after withRegistryLevel). */
  level: CompatibilityLevel;
  /** The baseline's result and parsed versions (loadVersions); undefined when none was loaded (level NONE). */
  baseline: { result: BaselineResult; schemas: readonly BaselineSchema[] } | undefined;
  /** The rule settings of the file: severities of AVRO-4xx, AVRO-411, AVRO-412. */
  settings: AvroSettings;
  /** How a version's path is named in messages (default: as the version gives it). */
  displayPath?(p: string): string;
}

/** Why a file was not checked, for each front-end's own wording. */
export type NotChecked =
  /** Level NONE. */
  | 'level-none'
  /** The baseline could not be read (`message` says why). */
  | 'baseline-unavailable'
  /** The baseline holds no version of the file (`message` says why). */
  | 'new'
  /** The file has JSON syntax errors. */
  | 'syntax-errors'
  /** The file holds no readable schema. */
  | 'no-schema'
  /** No version of the baseline is a valid schema. */
  | 'no-valid-version';

export interface FileCheck {
  /** Set when no level check was made, saying why. */
  notChecked?: NotChecked;
  /** The baseline's own message (unavailable, new). */
  message?: string;
  /** The level check, when one was made. */
  level: LevelResult | undefined;
  /** Every diagnostic of the check, in document order: AVRO-411 (invalid versions), the breaking changes (AVRO-4xx), AVRO-412 notes. */
  diagnostics: AvroDiagnostic[];
  /** The breaking changes, one per place and problem (with their diagnostic unless the code is off). */
  findings: CompatibilityFinding[];
  /** Breaking changes reported (codes not turned off). */
  count: number;
  /** The team's policy findings against the baseline's newest version (frozen, breaking rules, new fields optional, version bump); also in `diagnostics`. */
  policy: AvroDiagnostic[];
  /** The versions that are valid schemas (checked, as far as the level goes), newest first. */
  checked: BaselineSchema[];
  /** Versions that are not valid schemas (not checked against). */
  invalid: BaselineSchema[];
  /** Names the versions use that resolve nowhere (those parts are not checked). */
  unresolved: string[];
  /** A rule that failed (a bug): its findings are missing; the front-end says so (log, or stderr and exit 2). */
  internalError?: RuleFailure;
}

/** Where a finding about the whole file goes: the root schema's name, else its first character. */
export function rootAnchor(doc: AvroDocument): { offset: number; length: number } {
  const root = doc.root;
  if (root && (root.kind === 'record' || root.kind === 'enum' || root.kind === 'fixed') && root.nameNode) return { offset: root.nameNode.offset, length: root.nameNode.length };
  const node = doc.json.root;
  return node ? { offset: node.offset, length: 1 } : { offset: 0, length: 0 };
}

/** AVRO-411 for a version that is not a valid schema: where and what kind of problem, never the version's text (a file that is not a schema may hold anything). */
function invalidVersionDiagnostic(s: BaselineSchema, doc: AvroDocument, input: CheckFileInput): AvroDiagnostic | undefined {
  const setting = input.settings.severity[Codes.BaselineInvalid];
  if (setting === 'off') return undefined;
  const syntax = s.doc.json.errors[0];
  const problem = syntax ?? s.doc.diagnostics[0];
  const at = problem ? new LineIndex(s.doc.text).positionAt(problem.offset) : undefined;
  const what = syntax ? `JSON syntax error, ${syntax.kind.replace(/-/g, ' ')}` : s.doc.diagnostics[0]?.code ?? '';
  const where = s.version.path ? ` of ${input.displayPath ? input.displayPath(s.version.path) : s.version.path}` : '';
  const first = problem && at ? `line ${at.line + 1}, column ${at.character + 1}${where}: ${what}` : 'it holds no schema';
  const anchor = rootAnchor(doc);
  return {
    code: Codes.BaselineInvalid,
    severity: setting ?? CODE_INFO[Codes.BaselineInvalid].severity,
    offset: anchor.offset,
    length: anchor.length,
    message: `The baseline ${s.version.label} of this file is not a valid Avro schema (${first}): the file is not checked against it.`,
    related: [{ uri: s.doc.uri, offset: 0, length: 0, message: `${s.version.label}: the version that cannot be read` }],
  };
}

/** Check a document against its loaded baseline at a level. Never throws. */
export function checkFile(input: CheckFileInput): FileCheck {
  const { doc, level, baseline } = input;
  const out: FileCheck = { level: undefined, diagnostics: [], findings: [], count: 0, policy: [], checked: [], invalid: [], unresolved: [] };
  if (level === 'NONE') return { ...out, notChecked: 'level-none' };
  if (!baseline) return { ...out, notChecked: 'baseline-unavailable', message: 'The baseline was not loaded.' };
  const result = baseline.result;
  if (result.kind === 'unavailable') return { ...out, notChecked: 'baseline-unavailable', message: result.message };
  if (result.kind === 'none') return { ...out, notChecked: 'new', message: result.message };
  if (baseline.schemas.length === 0) return { ...out, notChecked: 'new', message: 'The baseline holds no earlier version.' };
  out.checked = baseline.schemas.filter(s => s.baseline !== undefined);
  out.invalid = baseline.schemas.filter(s => s.baseline === undefined);
  for (const s of out.invalid) {
    const d = invalidVersionDiagnostic(s, doc, input);
    if (d) out.diagnostics.push(d);
  }
  if (doc.json.errors.length > 0) return { ...out, notChecked: 'syntax-errors' };
  if (!doc.root || doc.root.kind === 'invalid') return { ...out, notChecked: 'no-schema' };
  if (out.checked.length === 0) return { ...out, notChecked: 'no-valid-version' };
  const candidate = { doc, schema: doc.root, resolve: resolverFor(input.workingTree, doc) };
  out.level = checkLevel(level, candidate, out.checked.map(s => s.baseline!));
  out.findings = compatibilityFindings(out.level.findings, input.settings, doc);
  out.count = out.findings.filter(f => f.diagnostic).length;
  out.diagnostics.push(...out.findings.flatMap(f => (f.diagnostic ? [f.diagnostic] : [])), ...compatibilityNoteDiagnostics(out.level.notes, input.settings));
  if (input.settings.policy) {
    const policy = policyEvolutionDiagnostics({ doc, baseline: out.checked[0].doc, settings: input.settings, avroCompatible: out.level.compatible, avroSpans: out.findings });
    out.policy = policy.diagnostics;
    if (policy.failure) out.internalError = policy.failure;
    out.diagnostics.push(...out.policy);
  }
  out.diagnostics.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  if (!out.level.complete) out.unresolved = [...new Set(out.checked.flatMap(s => s.unresolved))].sort();
  return out;
}

/** The message of names a version uses that resolve nowhere: 'Parts that use "a.B" were not checked ...'. */
export function unresolvedNote(unresolved: readonly string[]): string {
  return unresolved.length
    ? `Parts that use ${quoteNames(unresolved)} were not checked: the name resolves nowhere in the baseline.`
    : 'Parts of the schema were not checked: some names resolve nowhere (see the diagnostics).';
}

/** The version a finding was found in, newest first (its first version). */
export function newestVersionOf(f: CompatibilityFinding, schemas: readonly BaselineSchema[]): BaselineVersion | undefined {
  return schemas.find(s => s.version.label === f.finding.versions[0])?.version;
}
