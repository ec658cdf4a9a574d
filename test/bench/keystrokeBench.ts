// Benchmark b: keystroke-to-diagnostics through the real server over stdio, on the 1,000-field file (pull, and push with no debounce).
//
// Two typing scenarios: `editor` types new fields the way VS Code edits the text (Enter with
// indentation, auto-closed brackets and quotes per language-configuration.json, closing characters
// typed over); `raw` inserts every character one by one in front of existing fields, with no
// auto-closing (most intermediate texts are then unbalanced: the parser's recovery path).
import * as fs from 'node:fs';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { tempWorkspace } from '../helpers/lspClient';
import { fixture } from '../helpers/paths';
import { LineIndex } from '../../server/src/service/text';
import { generateSchema } from './generate';
import { startBenchServer, type ServerMemory } from './serverHarness';
import { summarize, type Summary } from './stats';

export type KeystrokeMode = 'pull' | 'push';
export type TypingScenario = 'editor' | 'raw';

export interface KeystrokeRun {
  /** A short label: mode and node options. */
  label: string;
  mode: KeystrokeMode;
  scenario: TypingScenario;
  nodeOptions: string;
  /** The server bundle, when it is not this build's (AVRO_BENCH_BASELINE_SERVER). */
  bundle?: string;
  keystrokes: number;
  /** Milliseconds from sending didChange to holding the diagnostics of that version. */
  latency: Summary;
  maxMs: number;
  /** Diagnostics per keystroke: mean and largest (a flood of them costs time to compute and to send). */
  meanDiagnostics: number;
  maxDiagnostics: number;
  /** Diagnostics of the final text (every typed field is complete: should match the untouched file). */
  finalDiagnostics: number;
  memory: ServerMemory;
}

export interface KeystrokeResult {
  fields: number;
  bytes: number;
  /** Pause after each result before the next keystroke, ms (a fast typist, with time for the server to idle). */
  pauseMs: number;
  warmup: number;
  runs: KeystrokeRun[];
  /**
   * The peer on the same typing, in the same run: the JSON language service with SchemaStore's
   * avro-avsc.json (parseJSONDocument + doValidation of the text after a keystroke, in this
   * process: no JSON-RPC, which favours it), ms.
   */
  peer?: { keystrokes: number; latency: Summary };
}

/** One keystroke's edit: an insertion at an offset of the text as it is just before it. */
export interface Keystroke {
  offset: number;
  text: string;
}

const FIELD_TO_TYPE = (n: number): string => `{"name": "typed_field_${n}", "type": ["null", "string"], "default": null}`;

/** Offsets of the '{' of every top-level field (lines indented by four spaces, see generate.ts). */
function topLevelFieldStarts(text: string): number[] {
  const starts: number[] = [];
  const re = /\n {4}\{/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + 5);
  if (starts.length === 0) throw new Error('no top-level field found in the generated schema');
  return starts;
}

const SITES = [0.25, 0.5, 0.75, 0.98];

/** Move cursors at or after an insertion (the typing site's own cursor included). */
function shift(cursors: number[], site: number, offset: number, length: number): void {
  for (let k = 0; k < cursors.length; k++) if (k === site || cursors[k] > offset) cursors[k] += length;
}

/**
 * `raw`: the keystrokes of typing new fields at four places of the document (a quarter, half, three
 * quarters and the end of the fields): FIELD_TO_TYPE + ", " one character at a time in front of an
 * existing field. After each complete field the document is valid again.
 */
export function rawTypingPlan(text: string, count: number): Keystroke[] {
  const starts = topLevelFieldStarts(text);
  const cursors = SITES.map(q => starts[Math.floor(q * (starts.length - 1))]);
  const plan: Keystroke[] = [];
  for (let n = 0; plan.length < count; n++) {
    const site = n % cursors.length;
    // Whole fields only, so that the final text is valid again.
    for (const char of `${FIELD_TO_TYPE(n)}, `) {
      plan.push({ offset: cursors[site], text: char });
      shift(cursors, site, cursors[site], 1);
    }
  }
  return plan;
}

/** Characters before which VS Code auto-closes a pair (language-configuration.json autoCloseBefore). */
const AUTO_CLOSE_BEFORE = ',:}] \n\t';
const CLOSERS: Record<string, string> = { '{': '}', '[': ']', '"': '"' };

/**
 * `editor`: new fields typed the way VS Code changes the text. At the end of an existing field
 * ("},") Enter inserts a line break and the indentation; then FIELD_TO_TYPE + "," is typed with
 * auto-closing: an opening '{', '[' or '"' followed by one of AUTO_CLOSE_BEFORE inserts the pair,
 * and typing a closing character in front of the same character only moves the cursor (no edit,
 * no keystroke sent). Four places, as in `raw`.
 */
export function editorTypingPlan(text: string, count: number): Keystroke[] {
  // The end of the line "    }," that closes a top-level field: just before the next field's line.
  const ends = topLevelFieldStarts(text).slice(1).map(o => text.lastIndexOf('\n', o - 1));
  const cursors = SITES.map(q => ends[Math.floor(q * (ends.length - 1))]);
  let current = text;
  const plan: Keystroke[] = [];
  const insert = (site: number, insertText: string, cursorAdvance: number): void => {
    const offset = cursors[site];
    plan.push({ offset, text: insertText });
    current = current.slice(0, offset) + insertText + current.slice(offset);
    shift(cursors, site, offset, insertText.length);
    cursors[site] -= insertText.length - cursorAdvance;
  };
  for (let n = 0; plan.length < count; n++) {
    const site = n % cursors.length;
    insert(site, '\n    ', 5);
    let inString = false;
    for (const char of `${FIELD_TO_TYPE(n)},`) {
      const next = current[cursors[site]] ?? '\n';
      const closing = char === '"' ? inString : char === '}' || char === ']';
      if (char === '"') inString = !inString;
      if (closing && next === char) {
        cursors[site]++; // typed over the auto-inserted closer: no change to the text
        continue;
      }
      const closer = CLOSERS[char];
      if (closer && !closing && AUTO_CLOSE_BEFORE.includes(next)) insert(site, char + closer, 1);
      else insert(site, char, 1);
    }
  }
  return plan;
}

export async function runOnce(mode: KeystrokeMode, scenario: TypingScenario, nodeOptions: string, text: string, warmup: number, pauseMs: number, keystrokes: number, bundle?: string): Promise<KeystrokeRun> {
  const plan = scenario === 'editor' ? editorTypingPlan(text, keystrokes + warmup) : rawTypingPlan(text, keystrokes + warmup);
  const ws = tempWorkspace({ 'events/big-event.avsc': text }, 'avro-bench-keystroke-');
  const server = await startBenchServer({
    mode,
    nodeOptions,
    workspaceFolders: [ws.root],
    settings: { diagnostics: { debounceMs: 0 } },
    env: bundle ? { AVRO_STUDIO_SERVER: bundle } : undefined,
  });
  const { client } = server;
  const uri = ws.uri('events/big-event.avsc');
  try {
    await client.open(uri, text);
    if (mode === 'pull') await client.pull(uri);
    else await client.waitForDiagnostics(uri);

    const samples: number[] = [];
    const diagnosticCounts: number[] = [];
    // The edits are sent on the connection directly: the helper's edit() converts offsets with a
    // line index of the whole text before sending, which would be timed as the server's latency.
    let current = text;
    let version = 1;
    for (let i = 0; i < plan.length; i++) {
      const k = plan[i];
      const position = new LineIndex(current).positionAt(k.offset);
      current = current.slice(0, k.offset) + k.text + current.slice(k.offset);
      version++;
      const params = { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text: k.text }] };
      const start = process.hrtime.bigint();
      await client.connection.sendNotification('textDocument/didChange', params);
      let count: number;
      if (mode === 'pull') {
        const report = await client.pull(uri);
        if (report.kind !== 'full') throw new Error(`expected a full report for version ${version}, got ${report.kind}`);
        count = report.items.length;
      } else {
        const expected = version;
        count = (await client.waitForDiagnostics(uri, p => p.version === expected, { includeExisting: false, timeoutMs: 20_000 })).diagnostics.length;
      }
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (i >= warmup) {
        samples.push(ms);
        diagnosticCounts.push(count);
      }
      if (pauseMs > 0) await new Promise(r => setTimeout(r, pauseMs));
    }
    let finalDiagnostics: number;
    if (mode === 'pull') {
      const report = await client.pull(uri);
      finalDiagnostics = report.kind === 'full' ? report.items.length : -1;
    } else {
      finalDiagnostics = (await client.waitForDiagnostics(uri, p => p.version === version)).diagnostics.length;
    }
    const memory = await server.memory();
    return {
      label: `${mode}, ${scenario} typing${nodeOptions ? `, ${nodeOptions}` : ''}${bundle ? ', baseline bundle' : ''}`,
      mode,
      scenario,
      nodeOptions,
      bundle,
      keystrokes: samples.length,
      latency: summarize(samples),
      maxMs: Math.max(...samples),
      meanDiagnostics: diagnosticCounts.reduce((a, b) => a + b, 0) / diagnosticCounts.length,
      maxDiagnostics: Math.max(...diagnosticCounts),
      finalDiagnostics,
      memory,
    };
  } finally {
    await server.stop();
    ws.cleanup();
  }
}

export async function runKeystrokeBench(options: {
  quick: boolean;
  /** Node options to compare (each runs pull mode); '' is the default configuration. */
  nodeOptionVariants: string[];
  log: (line: string) => void;
}): Promise<KeystrokeResult> {
  const fields = 1000;
  const text = generateSchema({ fields, seed: 1 }).text;
  const keystrokes = options.quick ? 60 : 200;
  const warmup = options.quick ? 10 : 20;
  const pauseMs = 50;
  const runs: KeystrokeRun[] = [];
  const variants: Array<[KeystrokeMode, TypingScenario, string]> = [
    ['pull', 'editor', ''],
    ['push', 'editor', ''],
    ['pull', 'raw', ''],
    ...options.nodeOptionVariants.filter(o => o !== '').map(o => ['pull', 'editor', o] as [KeystrokeMode, TypingScenario, string]),
  ];
  // An earlier build on the same typing, in the same run (before/after figures).
  const baseline = process.env.AVRO_BENCH_BASELINE_SERVER;
  const bundles: Array<string | undefined> = [undefined, undefined, undefined, ...variants.slice(3).map(() => undefined)];
  if (baseline) {
    variants.splice(1, 0, ['pull', 'editor', '']);
    bundles.splice(1, 0, baseline);
  }
  for (let i = 0; i < variants.length; i++) {
    const [mode, scenario, nodeOptions] = variants[i];
    const run = await runOnce(mode, scenario, nodeOptions, text, warmup, pauseMs, keystrokes, bundles[i]);
    options.log(`  ${run.label}: p50 ${run.latency.median.toFixed(1)} ms, p95 ${run.latency.p95.toFixed(1)} ms over ${run.keystrokes} keystrokes`);
    runs.push(run);
  }
  const peer = await measurePeer(text, options.quick ? 20 : 40, warmup);
  options.log(`  JSON language service + SchemaStore on the same typing: p50 ${peer.latency.median.toFixed(1)} ms over ${peer.keystrokes} keystrokes`);
  return { fields, bytes: Buffer.byteLength(text), pauseMs, warmup, runs, peer };
}

/**
 * What the JSON language service does per keystroke of the same editor typing (it has no
 * incremental parse: the whole text is parsed and validated again): `samples` texts spread over
 * the plan after the warm-up, each timed once after a warm-up round on the first.
 */
async function measurePeer(text: string, samples: number, warmup: number): Promise<{ keystrokes: number; latency: Summary }> {
  const schemaStore = JSON.parse(fs.readFileSync(fixture('bench', 'schemastore-avro-avsc.json'), 'utf8')) as object;
  const ls = getLanguageService({});
  ls.configure({ validate: true, allowComments: false, schemas: [{ uri: 'https://json.schemastore.org/avro-avsc.json', fileMatch: ['*.avsc'], schema: schemaStore }] });
  const plan = editorTypingPlan(text, 200 + warmup);
  const texts: string[] = [];
  let current = text;
  const step = Math.max(1, Math.floor((plan.length - warmup) / samples));
  for (let i = 0; i < plan.length; i++) {
    current = current.slice(0, plan[i].offset) + plan[i].text + current.slice(plan[i].offset);
    if (i >= warmup && (i - warmup) % step === 0 && texts.length < samples) texts.push(current);
  }
  const uri = 'file:///bench/events/big-event.avsc';
  const validate = async (t: string, version: number): Promise<void> => {
    const document = TextDocument.create(uri, 'json', version, t);
    await ls.doValidation(document, ls.parseJSONDocument(document));
  };
  for (let i = 0; i < 3; i++) await validate(texts[0], i);
  const times: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    const start = process.hrtime.bigint();
    await validate(texts[i], 10 + i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { keystrokes: times.length, latency: summarize(times) };
}
