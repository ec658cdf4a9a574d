// Turns benchmark results into tables (terminal and Markdown) and the issue's targets into met / missed verdicts.
import * as fs from 'node:fs';
import type { KeystrokeResult } from './keystrokeBench';
import type { MemoryResult, ServerIndexRun, WorkspaceFigures } from './memoryBench';
import { formatBytes, formatMs, formatRatio, markdownTable, textTable } from './stats';
import { VALIDATION_COLUMNS, type ValidationResult } from './validationBench';
import type { FlagsResult } from './flagsBench';
import type { CompatibilityResult } from './compatibilityBench';
import type { CompatKeystrokeResult } from './compatKeystroke';
import type { AuthoringResult } from './authoring';
import type { NavigationResult } from './navigationBench';
import { limitMet, type LimitsResult } from './limitsBench';
import { policyOverhead, type PolicyResult } from './policyBench';

/** A table any section (including ones added later, like compatibility) can hand to the report. */
export interface SectionTable {
  title: string;
  header: string[];
  rows: string[][];
  notes?: string[];
}

export interface Environment {
  date: string;
  node: string;
  v8: string;
  platform: string;
  cpu: string;
  cpus: number;
  memory: string;
  execArgv: string[];
  commit: string;
  loadBefore: number[];
  loadAfter?: number[];
}

export interface TargetVerdict {
  target: string;
  measured: string;
  met: boolean;
  /** How far off, in words, when missed. */
  gap?: string;
}

export interface BenchResults {
  environment: Environment;
  validation?: ValidationResult;
  keystroke?: KeystrokeResult;
  memory?: MemoryResult;
  flags?: FlagsResult;
  compatibility?: CompatibilityResult;
  compatKeystroke?: CompatKeystrokeResult;
  authoring?: AuthoringResult;
  navigation?: NavigationResult;
  limits?: LimitsResult;
  policy?: PolicyResult;
  /** Sections contributed as tables only (none at present; kept for results.json files written before). */
  extra: Record<string, SectionTable>;
  skipped: Record<string, string>;
  targets: TargetVerdict[];
}

const kb = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`);

export function validationTables(v: ValidationResult): SectionTable[] {
  const medians: SectionTable = {
    title: `Validation of one schema, median ms (${v.rules} rules in RULES)`,
    header: ['fields', 'size', ...VALIDATION_COLUMNS.map(c => c.label), 'ours / floor', 'peer / ours'],
    rows: v.sizes.map(s => [
      s.fields.toLocaleString('en-US'),
      kb(s.bytes),
      ...VALIDATION_COLUMNS.map(c => formatMs(s.timings[c.id].median)),
      formatRatio(s.oursOverFloor),
      formatRatio(s.peerOverOurs),
    ]),
  };
  const spread: SectionTable = {
    title: 'Spread of the main columns, ms: min / median / p95 (samples)',
    header: ['fields', 'scanner (floor)', 'our JSON tree', 'ours: full validation', 'JSON LS (peer)', 'our tree / floor'],
    rows: v.sizes.map(s => {
      const t = (id: keyof typeof s.timings): string => `${formatMs(s.timings[id].min)} / ${formatMs(s.timings[id].median)} / ${formatMs(s.timings[id].p95)} (${s.timings[id].samples})`;
      return [s.fields.toLocaleString('en-US'), t('scanner'), t('parseJson'), t('ours'), t('jsonLs'), formatRatio(s.treeOverFloor)];
    }),
  };
  const cpu: SectionTable = {
    title: 'The same runs in CPU time of the process (median ms; not inflated by other processes, includes GC helper threads)',
    header: ['fields', 'scanner (floor)', 'our JSON tree', 'ours: full validation', 'JSON LS (peer)', 'ours / floor', 'peer / ours'],
    rows: v.sizes.map(s => [
      s.fields.toLocaleString('en-US'),
      formatMs(s.timings.scanner.cpu?.median ?? NaN),
      formatMs(s.timings.parseJson.cpu?.median ?? NaN),
      formatMs(s.timings.ours.cpu?.median ?? NaN),
      formatMs(s.timings.jsonLs.cpu?.median ?? NaN),
      formatRatio(s.oursOverFloorCpu),
      formatRatio(s.peerOverOursCpu),
    ]),
  };
  const sanity: SectionTable = {
    title: 'What each side reports on the generated (valid) schemas',
    header: ['fields', 'tokens', 'our diagnostics', 'peer diagnostics'],
    rows: v.sizes.map(s => [
      s.fields.toLocaleString('en-US'),
      s.tokens.toLocaleString('en-US'),
      Object.entries(s.ourDiagnostics).map(([k, n]) => `${k} x${n}`).join(', ') || 'none',
      String(s.peerDiagnostics),
    ]),
  };
  const total = v.ruleCosts.costs.reduce((a, c) => a + c.median, 0);
  const rules: SectionTable = {
    title: `Each rule alone on the ${v.ruleCosts.fields.toLocaleString('en-US')}-field document (built once), median ms`,
    header: ['rule', 'median ms', 'min ms', 'share of the rules'],
    rows: [
      ...v.ruleCosts.costs.map(c => [c.rule, formatMs(c.median), formatMs(c.min), `${((c.median / total) * 100).toFixed(0)}%`]),
      ['all rules', formatMs(total), '', '100%'],
    ],
  };
  return [medians, spread, cpu, sanity, rules];
}

export function keystrokeTable(k: KeystrokeResult): SectionTable {
  return {
    title: `Keystroke to diagnostics, ${k.fields.toLocaleString('en-US')}-field file (${kb(k.bytes)}), through dist/server.js --stdio`,
    header: ['run', 'keystrokes', 'p50 ms', 'p95 ms', 'min ms', 'max ms', 'diagnostics per keystroke (mean / max)', 'final diagnostics', 'server RSS after', 'peak RSS', 'heap after GC'],
    rows: k.runs.map(r => [
      r.label,
      String(r.keystrokes),
      formatMs(r.latency.median),
      formatMs(r.latency.p95),
      formatMs(r.latency.min),
      formatMs(r.maxMs),
      `${r.meanDiagnostics.toFixed(1)} / ${r.maxDiagnostics}`,
      String(r.finalDiagnostics),
      formatBytes(r.memory.rss),
      formatBytes(r.memory.peakRss),
      formatBytes(r.memory.heapUsed),
    ]),
    notes: [
      ...(k.peer ? [`Peer on the same editor typing, same run: the JSON language service with SchemaStore's avro-avsc.json (parseJSONDocument + doValidation of the text after a keystroke, in the benchmark process, no JSON-RPC): p50 ${formatMs(k.peer.latency.median)} ms, p95 ${formatMs(k.peer.latency.p95)} ms over ${k.peer.keystrokes} keystrokes.`] : []),
      `${k.warmup} warm-up keystrokes not counted; ${k.pauseMs} ms pause after each result before the next keystroke.`,
      ...(k.runs.some(r => r.bundle) ? ['"baseline bundle": the server bundle named by AVRO_BENCH_BASELINE_SERVER (an earlier build), the same typing in the same run.'] : []),
      'editor typing: new fields typed on new lines as VS Code edits the text (auto-closed brackets and quotes, closers typed over). raw typing: every character inserted in front of an existing field, no auto-closing (an editor without auto-pairs).',
      'pull: didChange then textDocument/diagnostic, timed until the full report arrives. push: didChange, timed until publishDiagnostics for that version (avro.diagnostics.debounceMs = 0; the server still waits as long as the previous validation took).',
    ],
  };
}

/** The label of a server run: its flags, and the bundle when it is not this build's. */
function serverLabel(r: ServerIndexRun): string {
  const flags = r.nodeOptions || 'default flags';
  return r.bundle ? `${flags}, baseline bundle` : flags;
}

function serverRows(runs: readonly ServerIndexRun[]): string[][] {
  return runs.map(r => [
    serverLabel(r),
    formatMs(r.startToReadyMs),
    formatMs(r.firstIndexMs),
    formatMs(r.reindexMs),
    formatBytes(r.empty.rss),
    formatBytes(r.indexed.rss),
    formatBytes(r.indexed.peakRss),
    formatBytes(r.reindexed.peakRss),
    formatBytes(r.empty.heapUsed),
    formatBytes(r.indexed.heapUsed),
    formatBytes(r.reindexed.heapUsed),
  ]);
}

const SERVER_HEADER = ['server', 'start to ready ms', 'first index ms', 're-index ms', 'RSS empty', 'RSS indexed', 'peak RSS at ready', 'peak RSS after re-index', 'heap empty', 'heap indexed', 'heap after re-index'];

function workspaceTitle(w: WorkspaceFigures): string {
  return `Workspace of ${w.files.toLocaleString('en-US')} schema files (${formatBytes(w.totalBytes)}, largest ${kb(w.largestBytes)}, ${w.crossFileReferences} cross-file references)`;
}

export function memoryTables(m: MemoryResult): SectionTable[] {
  const bundles = m.server.some(r => r.bundle) || m.large?.server.some(r => r.bundle);
  const server: SectionTable = {
    title: workspaceTitle(m),
    header: SERVER_HEADER,
    rows: serverRows(m.server),
    notes: [
      ...m.server.map(r => `Diagnostics of a sample of 40 files pulled from the server (${serverLabel(r)}): ${Object.entries(r.sampleDiagnostics).map(([c, n]) => `${c} x${n}`).join(', ') || 'none'}.`),
      ...(bundles ? ['"baseline bundle": the server bundle named by AVRO_BENCH_BASELINE_SERVER (an earlier build), on the same files in the same run.'] : []),
    ],
  };
  const inProcess: SectionTable = {
    title: 'The same files in this process, without the server',
    header: ['parse + index ms', 'validate every file ms', 'heap retained by the index', 'of which JSON trees', 'per file', 'heap / text size', 'the same documents as summaries', 'diagnostics'],
    rows: [[
      formatMs(m.inProcess.indexMs),
      formatMs(m.inProcess.validateAllMs),
      formatBytes(m.inProcess.heapBytes),
      formatBytes(m.inProcess.treeHeapBytes),
      kb(m.inProcess.heapBytes / m.files),
      formatRatio(m.inProcess.heapBytes / m.totalBytes),
      m.inProcess.summaryHeapBytes !== undefined ? formatBytes(m.inProcess.summaryHeapBytes) : 'n/a',
      Object.entries(m.inProcess.diagnosticsByCode).map(([k, n]) => `${k} x${n}`).join(', ') || 'none',
    ]],
    notes: ['Heap retained after two full GCs; the texts are not counted (they exist before). "As summaries": SchemaIndex.setSummary, what the server keeps of files that are not open.'],
  };
  const tables = [server, inProcess];
  if (m.large) {
    tables.push({
      title: workspaceTitle(m.large),
      header: SERVER_HEADER,
      rows: serverRows(m.large.server),
      notes: [
        'The workspace of the memory target (files of about 4 KB: generateWorkspace\'s "compact" profile). "first index ms" is the server\'s own figure (crawl, read, parse, index); "start to ready" adds spawning node and initialize.',
        ...m.large.server.map(r => `Diagnostics of a sample of 40 files pulled from the server (${serverLabel(r)}): ${Object.entries(r.sampleDiagnostics).map(([c, n]) => `${c} x${n}`).join(', ') || 'none'}.`),
      ],
    });
    const checked = m.large.server.filter(r => r.answers);
    if (checked.length) {
      tables.push({
        title: `Answers of the server on the ${m.large.files.toLocaleString('en-US')}-file workspace, compared with the service over an index that keeps every model`,
        header: ['request', ...checked.map(r => `${serverLabel(r)}: size`), ...checked.map(r => `${serverLabel(r)}: the same`)],
        rows: checked[0].answers!.map((a, i) => [
          a.request,
          ...checked.map(r => String(r.answers![i]?.size ?? 'n/a')),
          ...checked.map(r => (r.answers![i]?.same ? 'yes' : `NO: ${r.answers![i]?.difference ?? ''}`)),
        ]),
        notes: ['Locations, edits and diagnostics compared as sets of (file, offset, length[, text]); completion as the set of labels; the hover must name the type and its file.'],
      });
    }
  }
  return tables;
}

export function flagsTable(f: FlagsResult): SectionTable {
  return {
    title: `Node flags and the ${f.fields.toLocaleString('en-US')}-field validation (each row a separate process; median ms)`,
    header: ['node flags', 'scanner (floor)', 'our JSON tree', 'our parse+model', 'ours: full validation', 'ours / floor', 'peak RSS of the process'],
    rows: f.runs.map(r => [
      r.flags || '(default)',
      formatMs(r.scanner),
      formatMs(r.parseJson),
      formatMs(r.model),
      formatMs(r.ours),
      formatRatio(r.ours / r.scanner),
      formatBytes(r.peakRss),
    ]),
  };
}

function percent(fraction: number): string {
  const p = fraction * 100;
  return `${p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
}

/** The issue's targets, judged on the results. */
export function judgeTargets(r: BenchResults): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  if (r.policy) {
    const o = policyOverhead(r.policy.check);
    out.push({
      target: `team policy adds under 10% to check of ${r.policy.files.toLocaleString('en-US')} files vs git:HEAD`,
      measured: `+${percent(Math.max(0, o.wall))} wall (${formatMs(r.policy.check.without.median)} -> ${formatMs(r.policy.check.with.median)} ms), +${percent(Math.max(0, o.cpu))} CPU`,
      met: o.wall < 0.1,
      gap: o.wall < 0.1 ? undefined : `${percent(o.wall - 0.1)} over`,
    });
  }
  for (const s of r.validation?.sizes ?? []) {
    const f = s.fields.toLocaleString('en-US');
    out.push({
      target: `${f} fields: full validation within 3x of the scanner floor`,
      measured: `${formatRatio(s.oursOverFloor)} (${formatMs(s.timings.ours.median)} ms vs ${formatMs(s.timings.scanner.median)} ms; CPU time ${formatRatio(s.oursOverFloorCpu)})`,
      met: s.oursOverFloor <= 3,
      gap: s.oursOverFloor <= 3 ? undefined : `${percent(s.oursOverFloor / 3 - 1)} over (${formatMs(s.timings.ours.median - 3 * s.timings.scanner.median)} ms too slow)`,
    });
    out.push({
      target: `${f} fields: at least 5x faster than the JSON language service`,
      measured: `${formatRatio(s.peerOverOurs)} (${formatMs(s.timings.jsonLs.median)} ms vs ${formatMs(s.timings.ours.median)} ms; CPU time ${formatRatio(s.peerOverOursCpu)})`,
      met: s.peerOverOurs >= 5,
      gap: s.peerOverOurs >= 5 ? undefined : `ours ${percent(5 / s.peerOverOurs - 1)} too slow (it would need ${formatMs(s.timings.jsonLs.median / 5)} ms)`,
    });
  }
  for (const run of r.keystroke?.runs ?? []) {
    if (run.nodeOptions || run.bundle) continue;
    out.push({
      target: `keystroke to diagnostics p50 under 25 ms, 1,000 fields, real server over stdio (${run.mode}${run.mode === 'push' ? ', debounce 0' : ''}, ${run.scenario} typing)`,
      measured: `p50 ${formatMs(run.latency.median)} ms, p95 ${formatMs(run.latency.p95)} ms`,
      met: run.latency.median < 25,
      gap: run.latency.median < 25 ? undefined : `${formatMs(run.latency.median - 25)} ms over`,
    });
  }
  // Issue 15: typing with default settings (VS Code pulls diagnostics) on 1,000 fields.
  const typing = r.keystroke?.runs.find(x => !x.nodeOptions && !x.bundle && x.mode === 'pull' && x.scenario === 'editor');
  if (typing) {
    const p50 = typing.latency.median;
    out.push({
      target: 'typing on 1,000 fields through the server (editor typing, default settings: pull) p50 under 10 ms',
      measured: `p50 ${formatMs(p50)} ms, p95 ${formatMs(typing.latency.p95)} ms`,
      met: p50 < 10,
      gap: p50 < 10 ? undefined : `${formatMs(p50 - 10)} ms over`,
    });
    const peer = r.keystroke?.peer;
    if (peer) {
      const ratio = peer.latency.median / p50;
      out.push({
        target: 'the same typing at least 10x faster than the JSON language service with SchemaStore\'s schema (same run)',
        measured: `${formatRatio(ratio)} (${formatMs(peer.latency.median)} ms vs ${formatMs(p50)} ms)`,
        met: ratio >= 10,
        gap: ratio >= 10 ? undefined : `ours ${percent(10 / ratio - 1)} too slow (it would need ${formatMs(peer.latency.median / 10)} ms)`,
      });
    }
  }
  const pairs = r.compatibility?.sizes ?? [];
  const large = pairs.find(x => x.fields === 10000);
  const small = pairs.find(x => x.fields === 1000);
  if (large) {
    const vsAvsc = large.avsc.median / large.ours.median;
    out.push({
      target: '10,000-field pair: whole check (both parses included) at least 10x faster than avsc forSchema x2 + createResolver',
      measured: `${formatRatio(vsAvsc)} (${formatMs(large.ours.median)} ms vs ${formatMs(large.avsc.median)} ms; without a forced GC per sample ${formatRatio(large.split.avsc / large.split.ours)})`,
      met: vsAvsc >= 10,
      gap: vsAvsc >= 10 ? undefined : `ours ${percent(10 / vsAvsc - 1)} too slow (it would need ${formatMs(large.avsc.median / 10)} ms)`,
    });
    const py = typeof large.python === 'string' ? undefined : large.python.summary;
    if (py) {
      const vsPy = py.median / large.ours.median;
      out.push({
        target: '10,000-field pair: at least 50x faster than python3-avro (parse x2 + ReaderWriterCompatibilityChecker)',
        measured: `${formatRatio(vsPy)} (${formatMs(large.ours.median)} ms vs ${formatMs(py.median)} ms)`,
        met: vsPy >= 50,
        gap: vsPy >= 50 ? undefined : `ours ${percent(50 / vsPy - 1)} too slow (it would need ${formatMs(py.median / 50)} ms)`,
      });
    } else {
      out.push({ target: '10,000-field pair: at least 50x faster than python3-avro', measured: `not measured: ${String(large.python)}`, met: false, gap: 'python3-avro unavailable' });
    }
  }
  if (large && small) {
    const growth = large.checkOnly.median / small.checkOnly.median;
    out.push({
      target: 'the check itself linear in schema size: 1,000 -> 10,000 fields costs about 10x (at most 15x)',
      measured: `${formatRatio(growth)} (check only: ${formatMs(small.checkOnly.median)} ms -> ${formatMs(large.checkOnly.median)} ms; whole check ${formatRatio(large.ours.median / small.ours.median)})`,
      met: growth <= 15,
      gap: growth <= 15 ? undefined : `${formatRatio(growth)} for 10x the fields`,
    });
  }
  for (const run of r.compatKeystroke?.runs ?? []) {
    if (!run.compatibility) continue;
    out.push({
      target: `keystroke to diagnostics p50 under 40 ms, 1,000 fields with BACKWARD against HEAD (${run.mode}, ${run.scenario === 'valid' ? 'valid text after every keystroke' : 'editor typing'})`,
      measured: `p50 ${formatMs(run.latency.median)} ms, p95 ${formatMs(run.latency.p95)} ms (${run.checked} of ${run.keystrokes} checked)`,
      met: run.latency.median < 40,
      gap: run.latency.median < 40 ? undefined : `${formatMs(run.latency.median - 40)} ms over`,
    });
  }
  for (const s of r.authoring?.scenarios ?? []) {
    out.push({
      target: `${s.name.replace(/^(completion|hover): /, '$1 ')} p95 under 20 ms, ${r.authoring!.fields.toLocaleString('en-US')} fields`,
      measured: `p95 ${formatMs(s.latency.p95)} ms (median ${formatMs(s.latency.median)} ms)`,
      met: s.latency.p95 < 20,
      gap: s.latency.p95 < 20 ? undefined : `${formatMs(s.latency.p95 - 20)} ms over`,
    });
  }
  for (const s of r.navigation?.scenarios ?? []) {
    const bound = s.method === 'textDocument/rename' ? 'under 1 s' : 'under 1 s (no bound in the issue; the rename\'s)';
    out.push({
      target: `${s.name}: ${bound}`,
      measured: `p95 ${formatMs(s.latency.p95)} ms (median ${formatMs(s.latency.median)} ms)`,
      met: s.latency.p95 < 1000,
      gap: s.latency.p95 < 1000 ? undefined : `${formatMs(s.latency.p95 - 1000)} ms over`,
    });
  }
  for (const row of r.limits?.rows ?? []) {
    const value = row.judged === 'max' ? row.timing.max : row.timing.median;
    out.push({
      target: `${row.name}: ${row.judged} under ${row.boundMs.toLocaleString('en-US')} ms (was asserted in ${row.test})`,
      measured: `${row.judged} ${formatMs(value)} ms, ${formatRatio(row.timing.median / row.floor.median)} the floor (${row.floor.name})${row.rate ? `; ${row.rate}` : ''}`,
      met: limitMet(row),
      gap: limitMet(row) ? undefined : `${formatMs(value - row.boundMs)} ms over`,
    });
  }
  const mem = r.memory?.server.find(x => !x.nodeOptions && !x.bundle);
  if (mem) {
    out.push({
      target: `server memory reported for ${r.memory!.files.toLocaleString('en-US')} schema files`,
      measured: `RSS ${formatBytes(mem.indexed.rss)} (empty workspace ${formatBytes(mem.empty.rss)}), peak ${formatBytes(mem.indexed.peakRss)}, heap ${formatBytes(mem.indexed.heapUsed)}; indexed in ${formatMs(mem.firstIndexMs)} ms`,
      met: Number.isFinite(mem.indexed.rss),
    });
  }
  const largeWs = r.memory?.large;
  const big = largeWs?.server.find(x => !x.bundle);
  if (largeWs && big) {
    const MB = 1024 * 1024;
    const size = `${largeWs.files.toLocaleString('en-US')} files (${formatBytes(largeWs.totalBytes)})`;
    out.push({
      target: `${size} indexed in under 5 s (the server's first index)`,
      measured: `${formatMs(big.firstIndexMs)} ms (start to ready ${formatMs(big.startToReadyMs)} ms)`,
      met: big.firstIndexMs < 5000,
      gap: big.firstIndexMs < 5000 ? undefined : `${formatMs(big.firstIndexMs - 5000)} ms over`,
    });
    out.push({
      target: `${size}: peak RSS of the server under 200 MB while indexing`,
      measured: `peak ${formatBytes(big.indexed.peakRss)} at ready (${formatBytes(big.reindexed.peakRss)} after a re-index); RSS ${formatBytes(big.indexed.rss)}, heap ${formatBytes(big.indexed.heapUsed)}`,
      met: big.indexed.peakRss < 200 * MB,
      gap: big.indexed.peakRss < 200 * MB ? undefined : `${formatBytes(big.indexed.peakRss - 200 * MB)} over`,
    });
    if (big.answers) {
      const different = big.answers.filter(a => !a.same);
      out.push({
        target: `${size}: the same answers as an index that keeps every model (symbols, references, definition, rename, completion, hover, diagnostics)`,
        measured: `${big.answers.length - different.length} of ${big.answers.length} the same`,
        met: different.length === 0,
        gap: different.length ? different.map(d => d.request).join(', ') : undefined,
      });
    }
  }
  return out;
}

export function targetsTable(targets: readonly TargetVerdict[]): SectionTable {
  return {
    title: 'Targets',
    header: ['target', 'measured', 'verdict'],
    rows: targets.map(t => [t.target, t.measured, t.met ? 'met' : `MISSED: ${t.gap ?? ''}`]),
  };
}

export function environmentTable(e: Environment): SectionTable {
  return {
    title: 'Machine and run',
    header: ['', ''],
    rows: [
      ['date', e.date],
      ['commit', e.commit],
      ['node / V8', `${e.node} / ${e.v8}`],
      ['platform', e.platform],
      ['CPU', `${e.cpus} x ${e.cpu}`],
      ['memory', e.memory],
      ['benchmark process flags', e.execArgv.join(' ') || '(none)'],
      ['load average before / after (1, 5, 15 min)', `${e.loadBefore.map(x => x.toFixed(2)).join(' ')} / ${(e.loadAfter ?? []).map(x => x.toFixed(2)).join(' ')}`],
    ],
  };
}

export function renderText(t: SectionTable): string {
  const notes = (t.notes ?? []).map(n => `  ${n}`).join('\n');
  return `\n${t.title}\n${textTable(t.header, t.rows)}${notes ? `\n${notes}` : ''}\n`;
}

export function renderMarkdown(tables: readonly SectionTable[]): string {
  return tables.map(t => `**${t.title}**\n\n${markdownTable(t.header, t.rows)}${(t.notes ?? []).map(n => `\n\n${n}`).join('')}`).join('\n\n');
}

/**
 * Replace the generated regions of a Markdown file: the text between `<!-- BEGIN bench:<id> -->`
 * and `<!-- END bench:<id> -->` becomes `content[id]`. Regions without content are left as they are.
 */
export function updateGeneratedRegions(file: string, content: Record<string, string>): string[] {
  let text = fs.readFileSync(file, 'utf8');
  const updated: string[] = [];
  for (const [id, body] of Object.entries(content)) {
    const re = new RegExp(`(<!-- BEGIN bench:${id} -->\\n)[\\s\\S]*?(<!-- END bench:${id} -->)`);
    if (!re.test(text)) continue;
    text = text.replace(re, (_m, begin: string, end: string) => `${begin}${body.trimEnd()}\n${end}`);
    updated.push(id);
  }
  fs.writeFileSync(file, text);
  return updated;
}
