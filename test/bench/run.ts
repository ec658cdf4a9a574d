// `npm run bench`: runs every benchmark, prints the tables, writes test-output/bench/results.json and (--write-docs) docs/performance.md.
//
// Usage: node --expose-gc out/test/bench/run.js [--quick] [--write-docs]
//        [--only=validation,keystroke,memory,compatibility,compat-keystroke,authoring,navigation,flags,limits,policy]
//        [--sizes=100,1000,10000] [--files=2000] [--large-files=10000]
//        AVRO_BENCH_BASELINE_SERVER=<another build's server.js>: the memory section runs it too (before/after)
//        node out/test/bench/run.js --report-only [--write-docs]   (re-render test-output/bench/results.json)
// Benchmarks, not tests: nothing here passes or fails on timings; missed targets are reported.
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { runValidationBench } from './validationBench';
import { runKeystrokeBench } from './keystrokeBench';
import { runMemoryBench } from './memoryBench';
import { runFlagsBench } from './flagsBench';
import { compatibilityTables, runCompatibility } from './compatibilityBench';
import { compatKeystrokeTable, runCompatKeystroke } from './compatKeystroke';
import { authoringTable, runAuthoringBench } from './authoring';
import { navigationTable, runNavigationBench } from './navigationBench';
import { limitsTable, runLimitsBench } from './limitsBench';
import { serverBuilt } from './serverHarness';
import { policyTable, runPolicyBench } from './policyBench';
import { forceGc } from './stats';
import {
  environmentTable,
  flagsTable,
  judgeTargets,
  keystrokeTable,
  memoryTables,
  renderMarkdown,
  renderText,
  targetsTable,
  updateGeneratedRegions,
  validationTables,
  type BenchResults,
  type SectionTable,
} from './report';

const SECTIONS = ['validation', 'keystroke', 'memory', 'compatibility', 'compat-keystroke', 'authoring', 'navigation', 'flags', 'limits', 'policy'] as const;
type Section = (typeof SECTIONS)[number];

/** The semi-space sizes compared (MB); '' is node's default. */
const SEMI_SPACE_VARIANTS = ['', '--max-semi-space-size=32', '--max-semi-space-size=64'];

const NO_SERVER = 'dist/server.js is missing: run `node esbuild.mjs` (npm run build) first.';

function argValue(args: readonly string[], name: string): string | undefined {
  const a = args.find(x => x.startsWith(`--${name}=`));
  return a?.slice(name.length + 3);
}

function gitCommit(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execSync('git status --porcelain', { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() !== '';
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

const RESULTS_FILE = path.join(REPO_ROOT, 'test-output', 'bench', 'results.json');

async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const writeDocs = args.includes('--write-docs');
  if (args.includes('--report-only')) {
    const saved = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as BenchResults;
    saved.targets = judgeTargets(saved);
    report(saved, writeDocs);
    return;
  }
  const only = argValue(args, 'only')?.split(',') as Section[] | undefined;
  const unknown = only?.filter(s => !SECTIONS.includes(s));
  if (unknown?.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  const wanted = (s: Section): boolean => !only || only.includes(s);
  const sizes = (argValue(args, 'sizes') ?? '100,1000,10000').split(',').map(Number);
  const files = Number(argValue(args, 'files') ?? 2000);
  const largeFiles = Number(argValue(args, 'large-files') ?? 10_000);
  const log = (line: string): void => console.log(line);

  if (!forceGc) console.warn('warning: run with node --expose-gc for a full GC between samples (npm run bench does).');
  const cpus = os.cpus();
  const results: BenchResults = {
    environment: {
      date: new Date().toISOString(),
      node: process.version,
      v8: process.versions.v8,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      cpu: cpus[0]?.model ?? 'unknown',
      cpus: cpus.length,
      memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
      execArgv: process.execArgv,
      commit: gitCommit(),
      loadBefore: os.loadavg(),
    },
    extra: {},
    skipped: {},
    targets: [],
  };

  if (wanted('validation')) {
    log('a. validation (100 / 1,000 / 10,000 fields)...');
    results.validation = await runValidationBench({ sizes, quick, log });
  }
  const haveServer = serverBuilt();
  if (wanted('keystroke')) {
    if (!haveServer) results.skipped.keystroke = NO_SERVER;
    else {
      log('b. keystroke to diagnostics through the server...');
      results.keystroke = await runKeystrokeBench({ quick, nodeOptionVariants: quick ? [] : SEMI_SPACE_VARIANTS, log });
    }
  }
  if (wanted('memory')) {
    if (!haveServer) results.skipped.memory = NO_SERVER;
    else {
      log(`c. workspaces of ${files} and ${largeFiles} files...`);
      results.memory = await runMemoryBench({ files, largeFiles, nodeOptionVariants: quick ? [''] : SEMI_SPACE_VARIANTS, log });
    }
  }
  if (wanted('compatibility')) {
    log('d. compatibility of a 1,000 and a 10,000-field pair: ours, avsc, python3-avro...');
    results.compatibility = await runCompatibility({ quick, log });
  }
  if (wanted('compat-keystroke')) {
    if (!haveServer) results.skipped['compat-keystroke'] = NO_SERVER;
    else {
      log('e. keystroke to diagnostics with BACKWARD against git HEAD...');
      results.compatKeystroke = await runCompatKeystroke({ quick, log });
    }
  }
  if (wanted('authoring')) {
    if (!haveServer) results.skipped.authoring = NO_SERVER;
    else {
      log('f. completion and hover on the 10,000-field schema...');
      results.authoring = await runAuthoringBench({ quick, log: line => log(`  ${line}`) });
    }
  }
  if (wanted('navigation')) {
    if (!haveServer) results.skipped.navigation = NO_SERVER;
    else {
      log(`g. rename and references in a workspace of ${files} files...`);
      results.navigation = await runNavigationBench({ quick, files, log });
    }
  }
  if (wanted('flags')) {
    log('h. node flags (semi-space size) on the 10,000-field validation...');
    results.flags = runFlagsBench({ fields: 10_000, iterations: quick ? 5 : 15, variants: SEMI_SPACE_VARIANTS, log });
  }
  if (wanted('limits')) {
    if (!haveServer) results.skipped.limits = NO_SERVER;
    else {
      log('i. the bounds the tests used to assert: formatting, grammar, random edits, deep and huge documents, compat --jsonl...');
      results.limits = await runLimitsBench({ quick, log });
    }
  }
  if (wanted('policy')) {
    log(`j. team policy: check of ${files} files vs git:HEAD and typing, without and with every policy rule...`);
    results.policy = await runPolicyBench({ quick, files, log });
  }
  results.environment.loadAfter = os.loadavg();
  results.targets = judgeTargets(results);

  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2) + '\n');
  report(results, writeDocs);
  console.log(`\nwrote ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
}

/** Print the tables and, with --write-docs, regenerate the generated regions of docs/performance.md. */
function report(results: BenchResults, writeDocs: boolean): void {
  const regions: Record<string, SectionTable[]> = { environment: [environmentTable(results.environment)] };
  if (results.validation) regions.validation = validationTables(results.validation);
  if (results.keystroke) regions.keystroke = [keystrokeTable(results.keystroke)];
  if (results.memory) regions.memory = memoryTables(results.memory);
  if (results.compatibility) regions.compatibility = compatibilityTables(results.compatibility);
  if (results.compatKeystroke) regions['compat-keystroke'] = [compatKeystrokeTable(results.compatKeystroke)];
  if (results.authoring) regions.authoring = [authoringTable(results.authoring)];
  if (results.navigation) regions.navigation = [navigationTable(results.navigation)];
  if (results.flags) regions.flags = [flagsTable(results.flags)];
  if (results.limits) regions.limits = [limitsTable(results.limits)];
  if (results.policy) regions.policy = [policyTable(results.policy)];
  regions.targets = [targetsTable(results.targets)];

  for (const tables of Object.values(regions)) for (const t of tables) console.log(renderText(t));
  for (const [section, reason] of Object.entries(results.skipped)) console.log(`skipped ${section}: ${reason}`);

  if (writeDocs) {
    const doc = path.join(REPO_ROOT, 'docs', 'performance.md');
    const content = Object.fromEntries(Object.entries(regions).map(([id, tables]) => [id, renderMarkdown(tables)]));
    const updated = updateGeneratedRegions(doc, content);
    console.log(`updated ${path.relative(REPO_ROOT, doc)}: ${updated.join(', ') || 'no generated region found'}`);
  }
}

main(process.argv.slice(2)).catch(err => {
  console.error(err);
  process.exitCode = 1;
});
