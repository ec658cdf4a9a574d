// docs/rules.md made executable: one section per diagnostic code titled as in codes.ts, and every example run through the real service.
//
// Each `## AVRO-xxx: <title>` section (with `<a id="avro-xxx"></a>` right above it) states its
// default severity, whether it depends on avro.specVersion, and how to change its severity; its
// ```json / ```jsonc examples carry invisible annotations on the lines right above the fence:
//   <!-- failing -->              the section's code is reported (and only it, plus `also`)
//   <!-- fixed -->                nothing at all is reported
//   <!-- old -->                  an earlier, registered version (4xx): versions oldest first
//   <!-- workspace -->            another file of the workspace (with `file:`)
//   <!-- not-executed: reason --> only in the sections of NOT_EXECUTED, checked on generated input below
//   <!-- settings: {...} -->      the `avro` settings (specVersion, severity) of the example
//   <!-- project: {...} -->       the avro-studio.json at the workspace root (units, rules)
//   <!-- file: path -->           the example's path in the workspace (default example.avsc)
//   <!-- level: BACKWARD -->      the compatibility level (4xx)
//   <!-- also: AVRO-xxx, ... -->  other codes a failing example reports
//   <!-- quickfix: title -->      a quick fix offered for the section's diagnostic; applied, the code is gone
// `old` and `workspace` blocks apply to the examples after them; one that follows an example
// starts a new set. Validation codes run through parseAvroDocument + validateDocument with a
// SchemaIndex of the workspace; AVRO-400..406 and 412 through checkLevel + compatibilityDiagnostics (the
// editor's path); AVRO-411, which only the baseline loaders produce, through `avro-studio check
// --against file:...` in a temp folder.
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_INFO, isDiagnosticCode, type DiagnosticCode, type Severity } from '../../server/src/service/codes';
import { getCodeActions } from '../../server/src/service/codeActions';
import type { DiagnosticRef, ProjectFileRef } from '../../server/src/service/codeActions/types';
import { parse as parseJsonc } from 'jsonc-parser';
import { compatibilityDiagnostics, compatibilityNoteDiagnostics } from '../../server/src/service/compatibility/diagnostics';
import { checkLevel, isCompatibilityLevel, type Baseline, type CompatibilityLevel } from '../../server/src/service/compatibility/levels';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex, resolverFor } from '../../server/src/service/model/schemaIndex';
import type { AvroDocument } from '../../server/src/service/model/types';
import { MAX_NESTING_DEPTH } from '../../server/src/service/parser/json';
import { normalizeSettings, type AvroSettings, type SpecVersion } from '../../server/src/service/settings';
import type { AvroDiagnostic } from '../../server/src/service/validation/diagnostic';
import { validateDocument } from '../../server/src/service/validation/validate';
import { policyEvolutionDiagnostics } from '../../server/src/service/policy/evolution';
import { runCli } from '../../server/src/cli/main';
import type { JsonCheckOutput } from '../../server/src/cli/formats/json';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { readConfiguration } from '../../server/src/lsp/settings';
import { oversizeDiagnostic } from '../../server/src/workspace/oversize';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { REPO_ROOT } from '../helpers/paths';
import { parseProjectConfig, type ProjectConfig } from '../../server/src/config/projectConfig';
import { compilationUnitsOf } from '../../server/src/config/units';
import { withProjectRules } from '../../server/src/config/fileSettings';
import { decodeBytes } from '../../server/src/workspace/decode';
import { filterFindings } from '../../server/src/project/findingFilter';
import { LineIndex } from '../../server/src/service/text';

/** Text as the bytes of a UTF-16 or UTF-32 file (with or without a byte order mark). */
function encodeText(text: string, encoding: 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be', bom: boolean): Buffer {
  const units = encoding.startsWith('utf-16') ? 2 : 4;
  const chars = units === 2 ? [...text].flatMap(c => (c.length === 2 ? [c.charCodeAt(0), c.charCodeAt(1)] : [c.charCodeAt(0)])) : [...text].map(c => c.codePointAt(0)!);
  const all = bom ? [0xfeff, ...chars] : chars;
  const out = Buffer.alloc(all.length * units);
  all.forEach((v, i) => {
    if (units === 2) {
      if (encoding === 'utf-16le') out.writeUInt16LE(v, i * 2);
      else out.writeUInt16BE(v, i * 2);
    } else if (encoding === 'utf-32le') out.writeUInt32LE(v, i * 4);
    else out.writeUInt32BE(v, i * 4);
  });
  return out;
}

const DOC_PATH = path.join(REPO_ROOT, 'docs', 'rules.md');
const DEFAULT_FILE = 'example.avsc';
const CODES = Object.keys(CODE_INFO) as DiagnosticCode[];

/**
 * Codes whose example cannot be a schema next to its fix, with why; each has a check of its own on
 * generated input (SPECIAL_CHECKS) and may mark its blocks not-executed.
 */
const NOT_EXECUTED: Readonly<Record<string, string>> = {
  'AVRO-104': 'needs 1,001 levels of nesting: generated',
  'AVRO-106': 'about the bytes of the file, not its text: the example is encoded in UTF-16 and UTF-32',
  'AVRO-410': 'about the repository, not the schema: a folder that is not a git repository',
  'AVRO-500': 'needs a file over the 5 MB limit: generated',
  'AVRO-501': 'about reading the file, not its text: test/lsp/hardening.test.ts makes a file whose reading fails',
  'AVRO-682': 'about avro-studio.json and a run of the CLI: a project with an "ignore" entry that matches nothing',
  'AVRO-683': 'about the accepted findings file and a run of the CLI: a finding accepted, then fixed',
};

/** Codes no severity setting affects (the section says how to change them instead). */
const NO_SEVERITY_SETTING = new Set<string>(Object.entries(CODE_INFO).filter(([, info]) => info.noSeveritySetting).map(([code]) => code));

/** Codes produced outside the service, by `avro-studio check` (the baseline loaders). */
const CLI_CODES = new Set<string>(['AVRO-411']);

const isCompatCode = (code: string): boolean => /^AVRO-40\d$/.test(code) || code === 'AVRO-412';

/** Policy codes found against the baseline (project/checkFile.ts): the example is checked against its newest <!-- old --> version. */
const POLICY_BASELINE_CODES = new Set<string>(['AVRO-602', 'AVRO-603', 'AVRO-610', 'AVRO-620', 'AVRO-621', 'AVRO-622', 'AVRO-623', 'AVRO-624', 'AVRO-625', 'AVRO-626', 'AVRO-627', 'AVRO-628', 'AVRO-660']);

// ---------------------------------------------------------------------------------------------
// Parsing the page
// ---------------------------------------------------------------------------------------------

type Role = 'failing' | 'fixed' | 'old' | 'workspace' | 'not-executed';
const ROLES: readonly Role[] = ['failing', 'fixed', 'old', 'workspace', 'not-executed'];
const OPTION_KEYS = ['settings', 'project', 'file', 'level', 'also', 'quickfix'] as const;

interface Block {
  role: Role;
  lang: string;
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
  settings?: unknown;
  /** The avro-studio.json at the workspace root (units, rules) of the example. */
  project?: unknown;
  file?: string;
  level?: CompatibilityLevel;
  also: string[];
  quickfix?: string;
  reason?: string;
}

interface Section {
  code: string;
  title: string;
  line: number;
  /** The section's markdown below its heading. */
  body: string;
  blocks: Block[];
  /** The `<a id>` anchor is on the line above the heading. */
  anchored: boolean;
}

interface ParsedDoc {
  intro: string;
  sections: Section[];
  /** Annotation and structure errors, with line numbers. */
  problems: string[];
}

function parseDoc(markdown: string): ParsedDoc {
  const lines = markdown.split(/\r?\n/);
  const problems: string[] = [];
  const sections: Section[] = [];
  const introLines: string[] = [];
  let current: Section | undefined;
  let inCodeSection = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^```(\S*)\s*$/.exec(line);
    if (fence) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
      if (i >= lines.length) problems.push(`line ${start + 1}: code block not closed`);
      const lang = fence[1];
      const annotations = annotationsAbove(lines, start);
      if (!inCodeSection || !current) {
        if (annotations.length) problems.push(`line ${start + 1}: an annotated block outside a code section`);
        continue;
      }
      current.body += line + '\n' + body.join('\n') + '\n```\n';
      if (lang !== 'json' && lang !== 'jsonc') {
        if (annotations.length) problems.push(`line ${start + 1}: annotations on a \`\`\`${lang} block (only json and jsonc examples run)`);
        continue;
      }
      const block = blockFrom(annotations, lang, body.join('\n'), start + 1, problems);
      if (block) current.blocks.push(block);
      continue;
    }
    const heading = /^## (.*)$/.exec(line);
    if (heading) {
      const m = /^(AVRO-\d{3}): (.+)$/.exec(heading[1]);
      if (m) {
        current = { code: m[1], title: m[2], line: i + 1, body: '', blocks: [], anchored: previousNonBlank(lines, i) === `<a id="${m[1].toLowerCase()}"></a>` };
        sections.push(current);
        inCodeSection = true;
      } else {
        if (inCodeSection) problems.push(`line ${i + 1}: "## ${heading[1]}" after the code sections (code sections end the page)`);
        current = undefined;
        inCodeSection = false;
        introLines.push(line);
      }
      continue;
    }
    if (current) current.body += line + '\n';
    else introLines.push(line);
  }
  return { intro: introLines.join('\n'), sections, problems };
}

function previousNonBlank(lines: string[], i: number): string | undefined {
  for (let j = i - 1; j >= 0; j--) if (lines[j].trim() !== '') return lines[j].trim();
  return undefined;
}

/** The `<!-- ... -->` lines directly above line `i`, top to bottom. */
function annotationsAbove(lines: string[], i: number): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  for (let j = i - 1; j >= 0; j--) {
    const m = /^<!--\s*(.*?)\s*-->$/.exec(lines[j].trim());
    if (!m) break;
    out.unshift({ text: m[1], line: j + 1 });
  }
  return out;
}

function blockFrom(annotations: Array<{ text: string; line: number }>, lang: string, text: string, line: number, problems: string[]): Block | undefined {
  let role: Role | undefined;
  const block: Partial<Block> & { also: string[] } = { also: [] };
  for (const a of annotations) {
    const colon = a.text.indexOf(':');
    const key = (colon < 0 ? a.text : a.text.slice(0, colon)).trim();
    const value = colon < 0 ? '' : a.text.slice(colon + 1).trim();
    if ((ROLES as readonly string[]).includes(key)) {
      if (role) problems.push(`line ${a.line}: a second role "${key}" (already "${role}")`);
      role = key as Role;
      if (key === 'not-executed') {
        if (!value) problems.push(`line ${a.line}: not-executed needs a reason`);
        block.reason = value;
      } else if (value) {
        problems.push(`line ${a.line}: "${key}" takes no value`);
      }
      continue;
    }
    if (!(OPTION_KEYS as readonly string[]).includes(key) || !value) {
      problems.push(`line ${a.line}: unknown annotation "${a.text}" (roles: ${ROLES.join(', ')}; options: ${OPTION_KEYS.join(', ')}, each with a value)`);
      continue;
    }
    switch (key as (typeof OPTION_KEYS)[number]) {
      case 'settings':
        try {
          block.settings = JSON.parse(value);
        } catch (e) {
          problems.push(`line ${a.line}: settings are not JSON: ${(e as Error).message}`);
        }
        break;
      case 'project':
        try {
          block.project = JSON.parse(value);
        } catch (e) {
          problems.push(`line ${a.line}: project is not JSON: ${(e as Error).message}`);
        }
        break;
      case 'file':
        block.file = value;
        break;
      case 'level':
        if (isCompatibilityLevel(value)) block.level = value;
        else problems.push(`line ${a.line}: unknown level "${value}"`);
        break;
      case 'also':
        for (const c of value.split(',').map(s => s.trim())) {
          if (isDiagnosticCode(c)) block.also.push(c);
          else problems.push(`line ${a.line}: "${c}" is not a diagnostic code`);
        }
        break;
      case 'quickfix':
        block.quickfix = value;
        break;
    }
  }
  if (!role) {
    problems.push(`line ${line}: a \`\`\`${lang} example without a role: annotate it <!-- failing -->, <!-- fixed -->, <!-- old -->, <!-- workspace --> or <!-- not-executed: why -->`);
    return undefined;
  }
  return { ...block, role, lang, text, line } as Block;
}

// ---------------------------------------------------------------------------------------------
// Running examples
// ---------------------------------------------------------------------------------------------

/** An example with the context it runs in. */
interface Example {
  block: Block;
  olds: Block[];
  workspace: Block[];
}

function examplesOf(section: Section): Example[] {
  const out: Example[] = [];
  let olds: Block[] = [];
  let workspace: Block[] = [];
  let exampleSinceOld = false;
  let exampleSinceWorkspace = false;
  for (const b of section.blocks) {
    if (b.role === 'old') {
      if (exampleSinceOld) olds = [];
      olds.push(b);
      exampleSinceOld = false;
    } else if (b.role === 'workspace') {
      if (exampleSinceWorkspace) workspace = [];
      workspace.push(b);
      exampleSinceWorkspace = false;
    } else if (b.role === 'failing' || b.role === 'fixed') {
      out.push({ block: b, olds: [...olds], workspace: [...workspace] });
      exampleSinceOld = exampleSinceWorkspace = true;
    }
  }
  return out;
}

interface Found {
  code: string;
  severity: Severity;
  message: string;
}

/** What an example reports, and its quick fixes (service examples only). */
interface Outcome {
  found: Found[];
  /** Titles of the quick fixes offered for the section's diagnostics. */
  quickFixes: string[];
  /**
   * The example's text after applying the quick fix `title` (and the project file's, when the fix
   * edits avro-studio.json), or undefined when it is not offered.
   */
  applyFix(title: string): { text: string; project?: unknown } | undefined;
}

const uriOf = (file: string): string => `file:///workspace/${file}`;

function settingsOf(block: Block, override: Partial<AvroSettings> = {}): AvroSettings {
  const base = normalizeSettings(block.settings ?? {});
  return { specVersion: override.specVersion ?? base.specVersion, severity: { ...base.severity, ...override.severity } };
}

/** The example's project file, as the editor and the CLI read it (root /workspace). */
function projectOf(example: Example): ProjectConfig | undefined {
  if (example.block.project === undefined) return undefined;
  const parsed = parseProjectConfig(JSON.stringify(example.block.project), '/workspace');
  assert.deepEqual(parsed.problems.map(p => p.message), [], `line ${example.block.line}: the project file has problems`);
  return parsed.config;
}

function workspaceIndex(example: Example): SchemaIndex {
  const index = new SchemaIndex();
  const project = projectOf(example);
  if (project) index.setCompilationUnits(compilationUnitsOf([project]));
  for (const w of example.workspace) index.set(parseAvroDocument(uriOf(w.file ?? DEFAULT_FILE), w.text, 1));
  return index;
}

/** The other files of an example report nothing but the section's code (AVRO-306 is reported in each file). */
function assertWorkspaceClean(code: string, example: Example, index: SchemaIndex, settings: AvroSettings): void {
  for (const w of example.workspace) {
    assert.ok(w.file && w.file !== (example.block.file ?? DEFAULT_FILE), `line ${w.line}: a workspace file needs a <!-- file: ... --> of its own`);
    const doc = index.get(uriOf(w.file))!;
    const other = validateDocument(doc, settings, index).filter(d => d.code !== code).map(d => `${d.code} ${d.message}`);
    assert.deepEqual(other, [], `line ${w.line}: the workspace file reports nothing else`);
  }
}

function applyEdits(text: string, edits: ReadonlyArray<{ offset: number; length: number; newText: string }>): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  for (const e of sorted) text = text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
  return text;
}

const FORMATTING = { tabSize: 2, insertSpaces: true, eol: '\n' };

/** The example's avro-studio.json as fixes see it (at the workspace root; created by a fix when the example has none). */
function projectRefOf(example: Example): ProjectFileRef {
  return {
    uri: uriOf('avro-studio.json'),
    text: example.block.project === undefined ? undefined : JSON.stringify(example.block.project, null, 2),
    relativePath: u => (u.startsWith(uriOf('')) ? u.slice(uriOf('').length) : undefined),
  };
}

/** Quick fixes of the section's diagnostics, with a way to apply one to the document (and the project file). */
function quickFixesOf(code: string, doc: AvroDocument, index: SchemaIndex, settings: AvroSettings, diagnostics: readonly AvroDiagnostic[], project?: ProjectFileRef): Pick<Outcome, 'quickFixes' | 'applyFix'> {
  const actions = diagnostics.filter(d => d.code === code).flatMap(d => {
    const ref: DiagnosticRef = { code: d.code, offset: d.offset, length: d.length, message: d.message, data: d.data };
    const request = { doc, index, resolve: resolverFor(index, doc), settings, offset: d.offset, length: d.length, diagnostics: [ref], formatting: FORMATTING, project };
    return getCodeActions(request, ['quickfix']).filter(a => a.fixes === 0);
  });
  return {
    quickFixes: actions.map(a => a.title),
    applyFix(title) {
      const action = actions.find(a => a.title === title);
      if (!action) return undefined;
      const edits = action.edits.filter(e => e.uri === doc.uri && !e.create).flatMap(e => e.edits);
      const projectEdits = action.edits.filter(e => e.uri === project?.uri).flatMap(e => e.edits);
      return {
        text: applyEdits(doc.text, edits),
        project: projectEdits.length ? parseJsonc(applyEdits(project?.text ?? '', projectEdits)) : undefined,
      };
    },
  };
}

/** Validation (AVRO-1xx..3xx): the example in a workspace with its `workspace` files. */
function runValidation(code: string, example: Example, text: string, settings: AvroSettings): Outcome {
  const index = workspaceIndex(example);
  const doc = parseAvroDocument(uriOf(example.block.file ?? DEFAULT_FILE), text, 1);
  index.set(doc);
  assertWorkspaceClean(code, example, index, settings);
  const own = withProjectRules(settings, projectOf(example), `/workspace/${example.block.file ?? DEFAULT_FILE}`);
  // As both front-ends do: inline suppressions applied (AVRO-680, AVRO-681 come from them).
  const diagnostics = filterFindings<AvroDiagnostic>({ doc, lines: new LineIndex(text), filePath: undefined, findings: validateDocument(doc, own, index), settings: own, adoption: undefined, judged: () => true, wrap: d => d }).reported;
  return { found: diagnostics.map(toFound), ...quickFixesOf(code, doc, index, own, diagnostics, projectRefOf(example)) };
}

/** Labels of the versions, newest first: HEAD (as with the default baseline git:HEAD), HEAD~1, ... */
function baselineLabel(age: number): string {
  return age === 0 ? 'HEAD' : `HEAD~${age}`;
}

/** Compatibility (AVRO-400..406): the example is the new version, checked at its level against the `old` blocks. */
function runCompatibility(code: string, example: Example, text: string, settings: AvroSettings): Outcome {
  const level = example.block.level;
  assert.ok(level, `line ${example.block.line}: a ${code} example needs <!-- level: ... -->`);
  assert.ok(example.olds.length > 0, `line ${example.block.line}: a ${code} example needs an <!-- old --> version before it`);
  const index = workspaceIndex(example);
  const file = example.block.file ?? DEFAULT_FILE;
  const doc = parseAvroDocument(uriOf(file), text, 1);
  index.set(doc);
  assertWorkspaceClean(code, example, index, settings);
  assert.ok(doc.root, `line ${example.block.line}: the new version holds a schema`);
  const previous: Baseline[] = example.olds.map((old, i) => {
    const v = parseAvroDocument(`avro-baseline:/v${i + 1}/${old.file ?? file}`, old.text, 1);
    const problems = validateDocument(v, settings, index).map(d => `${d.code} ${d.message}`);
    assert.deepEqual(problems, [], `line ${old.line}: the old version is a valid schema`);
    return { label: baselineLabel(example.olds.length - 1 - i), side: { doc: v, schema: v.root!, resolve: resolverFor(index, v) } };
  }).reverse();
  const result = checkLevel(level, { doc, schema: doc.root!, resolve: resolverFor(index, doc) }, previous);
  const diagnostics = [...validateDocument(doc, settings, index), ...compatibilityDiagnostics(result.findings, settings, doc), ...compatibilityNoteDiagnostics(result.notes, settings)];
  return { found: diagnostics.map(toFound), ...quickFixesOf(code, doc, index, settings, diagnostics) };
}

/** Policy against the baseline (AVRO-602 ...): the level check (BACKWARD unless <!-- level -->) and the policy rules against the newest `old` block, with the project file's policy, as project/checkFile.ts runs them. */
function runPolicyEvolution(code: string, example: Example, text: string, settings: AvroSettings): Outcome {
  assert.ok(example.olds.length > 0, `line ${example.block.line}: a ${code} example needs an <!-- old --> version before it`);
  const index = workspaceIndex(example);
  const file = example.block.file ?? DEFAULT_FILE;
  const doc = parseAvroDocument(uriOf(file), text, 1);
  index.set(doc);
  const own = withProjectRules(settings, projectOf(example), `/workspace/${file}`);
  const old = parseAvroDocument(`avro-baseline:/v1/${file}`, example.olds[example.olds.length - 1].text, 1);
  assert.ok(doc.root && old.root, `line ${example.block.line}: both versions hold a schema`);
  const result = checkLevel(example.block.level ?? 'BACKWARD', { doc, schema: doc.root, resolve: resolverFor(index, doc) }, [{ label: 'HEAD', side: { doc: old, schema: old.root, resolve: resolverFor(index, old) } }]);
  const compat = compatibilityDiagnostics(result.findings, own, doc);
  const policy = policyEvolutionDiagnostics({ doc, baseline: old, settings: own, avroCompatible: result.compatible, avroSpans: compat }).diagnostics;
  const diagnostics = [...validateDocument(doc, own, index), ...compat, ...compatibilityNoteDiagnostics(result.notes, own), ...policy];
  return { found: diagnostics.map(toFound), ...quickFixesOf(code, doc, index, own, diagnostics, projectRefOf(example)) };
}

const scratch: string[] = [];
after(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-rules-doc-'));
  scratch.push(dir);
  return dir;
}

async function cli(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    env: process.env,
    stdout: { write: t => { stdout += t; } },
    stderr: { write: t => { stderr += t; } },
    fs: nodeFileSystem,
  });
  return { code, stdout, stderr };
}

function write(dir: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

function cliSettings(settings: AvroSettings): string[] {
  const args = ['--spec-version', settings.specVersion];
  for (const [code, level] of Object.entries(settings.severity)) args.push('--severity', `${code}=${level}`);
  return args;
}

/** AVRO-411: `avro-studio check` with the newest `old` block as the file baseline. */
async function runCheckCli(example: Example, text: string, settings: AvroSettings): Promise<Outcome> {
  const level = example.block.level;
  assert.ok(level, `line ${example.block.line}: needs <!-- level: ... -->`);
  assert.equal(example.olds.length, 1, `line ${example.block.line}: a file baseline holds one version: one <!-- old --> block`);
  const dir = tempDir();
  const file = example.block.file ?? DEFAULT_FILE;
  for (const w of example.workspace) write(dir, w.file ?? DEFAULT_FILE, w.text);
  write(dir, path.join('baseline', file), example.olds[0].text);
  write(dir, file, text);
  const run = await cli(dir, ['check', '--no-config', '--level', level, '--against', `file:baseline/${file}`, '--format', 'json', ...cliSettings(settings), file]);
  assert.ok(run.code === 0 || run.code === 1, `avro-studio check ran (exit ${run.code}): ${run.stderr}`);
  const output = JSON.parse(run.stdout) as JsonCheckOutput;
  const reported = output.files.find(f => f.path === file);
  assert.ok(reported, `the output has ${file}: ${run.stdout}`);
  return {
    found: reported.diagnostics.map(d => ({ code: d.code, severity: d.severity as Severity, message: d.message })),
    quickFixes: [],
    applyFix: () => undefined,
  };
}

function toFound(d: AvroDiagnostic): Found {
  return { code: d.code, severity: d.severity, message: d.message };
}

async function run(section: Section, example: Example, override: Partial<AvroSettings> = {}, text = example.block.text): Promise<Outcome> {
  const settings = settingsOf(example.block, override);
  if (CLI_CODES.has(section.code)) return runCheckCli(example, text, settings);
  if (isCompatCode(section.code)) return runCompatibility(section.code, example, text, settings);
  if (POLICY_BASELINE_CODES.has(section.code)) return runPolicyEvolution(section.code, example, text, settings);
  return runValidation(section.code, example, text, settings);
}

function describeFound(found: readonly Found[]): string {
  return found.length ? found.map(f => `\n  ${f.code} ${f.severity}: ${f.message}`).join('') : ' nothing';
}

/** Which severities the section's code is reported with, for comparisons across settings. */
function signature(code: string, found: readonly Found[]): string {
  return found.filter(f => f.code === code).map(f => f.severity).sort().join(',') || 'not reported';
}

// ---------------------------------------------------------------------------------------------
// Codes checked on generated input
// ---------------------------------------------------------------------------------------------

/** A record whose field type is nested to `depth` JSON containers in all (record, fields, field, then arrays). */
function nested(depth: number): string {
  let type = '"string"';
  for (let i = 0; i < depth - 3; i++) type = `{"type": "array", "items": ${type}}`;
  return `{"type": "record", "name": "Deep", "namespace": "com.acme.generated", "fields": [{"name": "values", "type": ${type}}]}`;
}

/** A metering event with `n` long counters. */
function meterSnapshot(n: number): string {
  const fields: string[] = [];
  for (let i = 1; i <= n; i++) fields.push(`    {"name": "counter_${String(i).padStart(5, '0')}", "type": "long", "default": 0, "doc": "Units counted by meter channel ${i} since the last snapshot."}`);
  return `{\n  "type": "record",\n  "name": "MeterSnapshot",\n  "namespace": "com.acme.metering",\n  "fields": [\n${fields.join(',\n')}\n  ]\n}\n`;
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=Rules Doc', '-c', 'user.email=rules-doc@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
}

/** AVRO-410 in a folder that is not a git repository; then the same folder as a repository with the file committed. */
async function checkUnavailableBaseline(dir: string): Promise<void> {
  const schema = '{"type": "record", "name": "OrderPlaced", "namespace": "com.acme.orders", "fields": [{"name": "order_id", "type": "string"}]}\n';
  write(dir, 'order-placed.avsc', schema);
  const args = ['check', '--no-config', '--against', 'git:HEAD', '--format', 'github'];
  const strict = await cli(dir, [...args, 'order-placed.avsc']);
  assert.equal(strict.code, 2, 'without --allow-missing-baseline the run fails (exit 2)');
  assert.match(strict.stderr, /--allow-missing-baseline/);
  const allowed = await cli(dir, [...args, '--allow-missing-baseline', 'order-placed.avsc']);
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.match(allowed.stdout, /^::warning file=order-placed\.avsc,title=AVRO-410::BACKWARD vs git:HEAD: baseline unavailable: order-placed\.avsc is not inside a git repository/m);
  // As the section says: no severity setting applies to it.
  const severityOff = await cli(dir, [...args, '--allow-missing-baseline', '--severity', 'AVRO-410=off', 'order-placed.avsc']);
  assert.match(severityOff.stdout, /title=AVRO-410::/);
  // A repository with the file committed: the baseline is there.
  git(dir, 'init', '-q');
  git(dir, 'add', 'order-placed.avsc');
  git(dir, 'commit', '-q', '-m', 'order placed');
  const fixed = await cli(dir, [...args, 'order-placed.avsc']);
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.doesNotMatch(fixed.stdout, /AVRO-410/);
}

const SPECIAL_CHECKS: Readonly<Record<string, ((section: Section | undefined) => void | Promise<void>) | undefined>> = {
  'AVRO-104': section => {
    assert.equal(MAX_NESTING_DEPTH, 1000);
    assert.match(section?.body ?? '', /1,000 levels/, 'the section names the limit');
    const codesOf = (text: string): string[] => validateDocument(parseAvroDocument(uriOf('deep.avsc'), text, 1), normalizeSettings({})).map(d => d.code);
    assert.deepEqual(codesOf(nested(1000)), [], '1,000 levels are accepted');
    assert.deepEqual(codesOf(nested(1001)), ['AVRO-104'], '1,001 levels are reported, once');
    const off = validateDocument(parseAvroDocument(uriOf('deep.avsc'), nested(1001), 1), normalizeSettings({ severity: { 'AVRO-104': 'off' } }));
    assert.deepEqual(off, []);
  },

  'AVRO-106': section => {
    const example = section?.blocks.find(b => b.role === 'not-executed')?.text;
    assert.ok(example, 'the section shows the schema');
    const codesOf = (text: string, source?: AvroDocument['source']): Array<[string, string]> =>
      validateDocument(parseAvroDocument(uriOf('example.avsc'), text, 1, source), normalizeSettings({})).map(d => [d.code, d.severity]);
    assert.deepEqual(codesOf(example), [], 'plain UTF-8 is clean');
    for (const encoding of ['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'] as const) {
      for (const bom of [true, false]) {
        const decoded = decodeBytes(encodeText(example, encoding, bom));
        assert.equal(decoded.text, example, `${encoding} decodes to the same text`);
        assert.deepEqual(codesOf(decoded.text, decoded), [['AVRO-106', 'error']], `${encoding}${bom ? ' with a BOM' : ''}`);
      }
    }
    assert.deepEqual(codesOf(example, { encoding: 'utf-8', bom: true }), [['AVRO-106', 'warning']], 'a UTF-8 BOM');
    assert.deepEqual(codesOf('\ufeff' + example), [['AVRO-106', 'warning']], 'a BOM left in the text');
  },

  'AVRO-410': async section => {
    assert.match(section?.body ?? '', /--allow-missing-baseline/);
    const dir = tempDir();
    // Git must not find a repository above the temp folder (a TMPDIR inside a checkout).
    const ceiling = process.env.GIT_CEILING_DIRECTORIES;
    process.env.GIT_CEILING_DIRECTORIES = path.dirname(dir);
    try {
      await checkUnavailableBaseline(dir);
    } finally {
      if (ceiling === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
      else process.env.GIT_CEILING_DIRECTORIES = ceiling;
    }
  },

  'AVRO-500': section => {
    assert.match(section?.body ?? '', /5 MB/);
    assert.match(section?.body ?? '', /avro\.maxFileSizeMB/);
    const text = meterSnapshot(60_000);
    const uri = uriOf('metering/meter-snapshot.avsc');
    const defaults = readConfiguration({});
    assert.equal(defaults.maxFileSize, 5 * 1024 * 1024, 'the default limit is 5 MB');
    assert.ok(text.length > defaults.maxFileSize, `the generated schema (${text.length} characters) is over the limit`);
    const index = new WorkspaceIndex(defaults.maxFileSize);
    const update = index.setOpen(uri, 1, () => text);
    assert.equal(update.doc, undefined, 'not parsed');
    const size = index.oversize(uri);
    assert.equal(size, text.length);
    const d = oversizeDiagnostic(size!, index.maxFileSize, defaults.avro, 'the setting avro.maxFileSizeMB');
    assert.equal(d?.code, 'AVRO-500');
    assert.equal(d?.severity, 'warning');
    const errorLevel = readConfiguration({ diagnostics: { severity: { 'AVRO-500': 'error' } } });
    assert.equal(oversizeDiagnostic(size!, index.maxFileSize, errorLevel.avro, '')?.severity, 'error');
    const off = readConfiguration({ diagnostics: { severity: { 'AVRO-500': 'off' } } });
    assert.equal(oversizeDiagnostic(size!, index.maxFileSize, off.avro, ''), undefined, '"off" hides it');
    // Raised to 20 MB: the schema is analysed, and it is a valid one; 0 means no limit at all.
    const raised = readConfiguration({ maxFileSizeMB: 20 });
    const big = new WorkspaceIndex(raised.maxFileSize);
    const doc = big.setOpen(uri, 1, () => text).doc;
    assert.ok(doc, 'analysed with avro.maxFileSizeMB 20');
    assert.equal(big.oversize(uri), undefined);
    assert.deepEqual(validateDocument(doc, raised.avro, big.schemas).map(x => x.code), []);
    assert.equal(readConfiguration({ maxFileSizeMB: 0 }).maxFileSize, Number.POSITIVE_INFINITY);
  },

  'AVRO-682': async section => {
    assert.match(section?.body ?? '', /matches no finding/);
    const dir = tempDir();
    write(dir, 'legacy/legacy.avsc', '{"type": "record", "name": "Legacy", "namespace": "com.acme", "fields": [{"name": "note", "type": ["null", "string"], "default": null}]}\n');
    write(dir, 'avro-studio.json', JSON.stringify({ ignore: [{ rules: ['AVRO-222'], files: 'legacy/**', reason: 'legacy producers' }] }, null, 2) + '\n');
    const stale = await cli(dir, ['lint', '--format', 'json', '.']);
    assert.equal(stale.code, 0, 'a warning: the run passes');
    const out = JSON.parse(stale.stdout) as JsonCheckOutput;
    assert.deepEqual(out.files.flatMap(f => f.diagnostics.map(d => `${f.path}:${d.range.start.line} ${d.code} ${d.severity}`)), ['avro-studio.json:3 AVRO-682 warning']);
    const off = await cli(dir, ['lint', '--format', 'json', '--severity', 'AVRO-682=off', '.']);
    assert.deepEqual((JSON.parse(off.stdout) as JsonCheckOutput).files.flatMap(f => f.diagnostics), []);
    write(dir, 'avro-studio.json', '{}\n');
    assert.deepEqual((JSON.parse((await cli(dir, ['lint', '--format', 'json', '.'])).stdout) as JsonCheckOutput).files.flatMap(f => f.diagnostics), []);
  },
  'AVRO-683': async section => {
    assert.match(section?.body ?? '', /--write-baseline/);
    const dir = tempDir();
    const legacy = '{"type": "record", "name": "Legacy", "namespace": "com.acme", "fields": [{"name": "note", "type": ["string", "null"], "default": null}]}\n';
    write(dir, 'legacy/legacy.avsc', legacy);
    write(dir, 'avro-studio.json', JSON.stringify({ acceptedFindings: 'accepted-findings.json' }) + '\n');
    assert.equal((await cli(dir, ['lint', '--write-baseline', 'accepted-findings.json', '.'])).code, 0);
    write(dir, 'legacy/legacy.avsc', legacy.replace('["string", "null"]', '["null", "string"]'));
    const stale = await cli(dir, ['lint', '.']);
    assert.equal(stale.code, 0, 'a note: the run passes');
    assert.match(stale.stdout, /^accepted-findings\.json:5:5: info AVRO-683 The accepted AVRO-222 finding at \/fields\/note\/default of legacy\/legacy\.avsc is no longer found/m);
    assert.equal((await cli(dir, ['lint', '--write-baseline', 'accepted-findings.json', '.'])).code, 0);
    assert.doesNotMatch((await cli(dir, ['lint', '.'])).stdout, /AVRO-683/);
  },
  'AVRO-501': section => {
    // The server publishes it (test/lsp/hardening.test.ts reads a file that fails with EIO); here: the page and the setting.
    assert.match(section?.body ?? '', /cannot be read/);
    assert.equal(CODE_INFO['AVRO-501'].severity, 'warning');
    assert.equal(readConfiguration({ diagnostics: { severity: { 'AVRO-501': 'off' } } }).avro.severity['AVRO-501'], 'off', 'the severity setting takes it');
  },
};

// ---------------------------------------------------------------------------------------------
// The page as a whole
// ---------------------------------------------------------------------------------------------

const markdown = fs.existsSync(DOC_PATH) ? fs.readFileSync(DOC_PATH, 'utf8') : '';
const parsed = parseDoc(markdown);
const byCode = new Map(parsed.sections.map(s => [s.code, s]));

describe('docs/rules.md', () => {
  test('exists and its annotations parse', () => {
    assert.ok(markdown.length > 0, `${DOC_PATH} is missing`);
    assert.deepEqual(parsed.problems, []);
  });

  test('one section per code, in code order, titled as in codes.ts, each with its anchor', () => {
    assert.deepEqual(parsed.sections.map(s => s.code), CODES, 'sections in code order, exactly one per code');
    for (const s of parsed.sections) {
      assert.equal(s.title, CODE_INFO[s.code as DiagnosticCode]?.title, `line ${s.line}: the title of ${s.code} in codes.ts`);
      assert.ok(s.anchored, `line ${s.line}: <a id="${s.code.toLowerCase()}"></a> right above the heading (links use docs/rules.md#${s.code.toLowerCase()})`);
    }
  });

  test('the index lists every code with its title and default severity, linked', () => {
    const rows = [...parsed.intro.matchAll(/^\| \[(AVRO-\d{3})\]\(#(avro-\d{3})\) \| (.+) \| (\w+) \|$/gm)];
    assert.deepEqual(rows.map(r => r[1]), CODES);
    for (const r of rows) {
      assert.equal(r[2], r[1].toLowerCase());
      assert.equal(r[3], CODE_INFO[r[1] as DiagnosticCode].title);
      assert.equal(r[4], CODE_INFO[r[1] as DiagnosticCode].severity);
    }
  });

  test('the introduction names exactly the codes that depend on avro.specVersion', () => {
    const bullet = /^- `avro\.specVersion`[\s\S]*?(?=\n- |\n\n)/m.exec(parsed.intro);
    assert.ok(bullet, 'a bullet on avro.specVersion in the introduction');
    const named = [...new Set(bullet[0].match(/AVRO-\d{3}/g) ?? [])].sort();
    const dependent = parsed.sections.filter(s => dependsOnSpec(s) === true).map(s => s.code).sort();
    assert.deepEqual(named, dependent);
  });

  test('a section without failing and fixed examples is one of the few checked on generated input', () => {
    for (const s of parsed.sections) {
      const roles = new Set(s.blocks.map(b => b.role));
      if (s.code in NOT_EXECUTED) {
        assert.ok(SPECIAL_CHECKS[s.code], `${s.code} is in NOT_EXECUTED, so it has a check of its own`);
        continue;
      }
      assert.ok(roles.has('failing') && roles.has('fixed'), `${s.code}: at least one failing and one fixed example`);
      assert.ok(!roles.has('not-executed'), `${s.code}: not-executed blocks are only for ${Object.keys(NOT_EXECUTED).join(', ')}`);
    }
  });
});

function defaultSeverityOf(s: Section): string | undefined {
  return /\*\*Default severity:\*\* (\w+)/.exec(s.body)?.[1];
}

/** The "**Quick fix:**" item, whitespace collapsed. */
function quickFixLine(s: Section): string | undefined {
  return /\*\*Quick fix:\*\* ([\s\S]*?)(?=\n- \*\*|\n\n)/.exec(s.body)?.[1].replace(/\s+/g, ' ');
}

function dependsOnSpec(s: Section): boolean | undefined {
  const m = /\*\*Depends on `avro\.specVersion`:\*\* (yes|no)\b/.exec(s.body);
  return m ? m[1] === 'yes' : undefined;
}

// ---------------------------------------------------------------------------------------------
// Each section
// ---------------------------------------------------------------------------------------------

for (const code of CODES) {
  describe(code, () => {
    const section = byCode.get(code);

    test('states its default severity, its specVersion dependence and how to change its severity', () => {
      assert.ok(section, `a section for ${code}`);
      assert.equal(defaultSeverityOf(section), CODE_INFO[code].severity, `"**Default severity:** ${CODE_INFO[code].severity}"`);
      assert.notEqual(dependsOnSpec(section), undefined, '"**Depends on `avro.specVersion`:** yes" or "no"');
      const quickFix = quickFixLine(section);
      assert.ok(quickFix, 'a "**Quick fix:**" line');
      const titles = section.blocks.filter(b => b.role === 'failing' && b.quickfix).map(b => b.quickfix!);
      for (const t of titles) assert.ok(quickFix.includes(`*${t}*`), `the "Quick fix" line names *${t}*: ${quickFix}`);
      if (titles.length === 0) assert.match(quickFix, /^none\b/, 'no example has a quick fix, so the "Quick fix" line says none');
      if (NO_SEVERITY_SETTING.has(code)) {
        assert.match(section.body, /not through a severity setting/);
      } else {
        assert.ok(section.body.includes(`"avro.diagnostics.severity": {"${code}": "`), `the setting with "${code}"`);
        assert.ok(section.body.includes(`--severity ${code}=`), `the flag --severity ${code}=...`);
      }
    });

    const examples = section ? examplesOf(section) : [];
    for (const example of examples) {
      const b = example.block;
      test(`${b.role} example (line ${b.line})`, async () => {
        const outcome = await run(section!, example);
        const codes = new Set(outcome.found.map(f => f.code));
        if (b.role === 'fixed') {
          assert.deepEqual(outcome.found, [], `line ${b.line}: a fixed example reports nothing, but reports${describeFound(outcome.found)}`);
          return;
        }
        assert.ok(codes.has(code), `line ${b.line}: ${code} is reported; found${describeFound(outcome.found)}`);
        const unexpected = [...codes].filter(c => c !== code && !b.also.includes(c));
        assert.deepEqual(unexpected, [], `line ${b.line}: only ${code}${b.also.length ? ' and ' + b.also.join(', ') : ''} (add <!-- also: ... --> if intended); found${describeFound(outcome.found)}`);
        const missingAlso = b.also.filter(c => !codes.has(c));
        assert.deepEqual(missingAlso, [], `line ${b.line}: <!-- also --> codes are reported`);
        if (b.quickfix) {
          assert.ok(outcome.quickFixes.includes(b.quickfix), `line ${b.line}: the quick fix "${b.quickfix}" is offered; offered: ${JSON.stringify(outcome.quickFixes)}`);
          const fixed = outcome.applyFix(b.quickfix)!;
          const fixedText = fixed.text;
          const after = await run(section!, fixed.project === undefined ? example : { ...example, block: { ...b, project: fixed.project } }, {}, fixedText);
          const left = after.found.filter(f => !b.also.includes(f.code));
          assert.deepEqual(left, [], `line ${b.line}: after "${b.quickfix}" nothing is left, but${describeFound(left)}\n--- text after the fix:\n${fixedText}`);
        } else {
          assert.deepEqual(outcome.quickFixes, [], `line ${b.line}: quick fixes are offered; name one with <!-- quickfix: ... --> and in the section's "Quick fix" line`);
        }
      });
    }

    if (section && examples.some(e => e.block.role === 'failing')) {
      test('depends on avro.specVersion exactly as stated', async () => {
        const differing: number[] = [];
        for (const example of examples) {
          const v11 = await run(section, example, { specVersion: '1.11' as SpecVersion });
          const v12 = await run(section, example, { specVersion: '1.12' as SpecVersion });
          if (signature(code, v11.found) !== signature(code, v12.found)) differing.push(example.block.line);
        }
        if (dependsOnSpec(section)) assert.ok(differing.length > 0, `${code} says it depends on avro.specVersion: some example must be reported differently with 1.11 and 1.12`);
        else assert.deepEqual(differing, [], `${code} says it does not depend on avro.specVersion, but these examples differ between 1.11 and 1.12`);
      });

      if (!NO_SEVERITY_SETTING.has(code)) {
        test('the severity setting changes it and "off" hides it', async () => {
          const example = examples.find(e => e.block.role === 'failing')!;
          const other: Severity = CODE_INFO[code].severity === 'error' ? 'warning' : 'error';
          const changed = await run(section, example, { severity: { [code]: other } });
          assert.deepEqual([...new Set(changed.found.filter(f => f.code === code).map(f => f.severity))], [other]);
          const off = await run(section, example, { severity: { [code]: 'off' } });
          assert.deepEqual(off.found.filter(f => f.code === code), []);
        });
      }
    }

    if (SPECIAL_CHECKS[code]) test(`checked on generated input: ${NOT_EXECUTED[code] ?? ''}`, () => SPECIAL_CHECKS[code]!(section));
  });
}
