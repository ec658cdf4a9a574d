// Benchmark a: validating one schema of 100 / 1,000 / 10,000 fields: the scanner floor, jsonc-parser, the JSON language service peer, ours.
import * as fs from 'node:fs';
import * as avro from 'avsc';
import { createScanner, parseTree, type ParseError } from 'jsonc-parser';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseJson } from '../../server/src/service/parser/json';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { validateDocument, type RuleContext } from '../../server/src/service/validation/validate';
import { resolverFor } from '../../server/src/service/model/schemaIndex';
import { RULES } from '../../server/src/service/validation/rules';
import { fixture } from '../helpers/paths';
import { generateSchema } from './generate';
import { measure, type Contender, type Summary } from './stats';

/** The columns, in table order. `ours` is the full validation; the others are references or parts of it. */
export const VALIDATION_COLUMNS = [
  { id: 'jsonParse', label: 'JSON.parse', what: 'JSON.parse of the text (no offsets, no recovery): a lower bound no editor tool reaches' },
  { id: 'scanner', label: 'scanner (floor)', what: 'jsonc-parser createScanner(text, true), every token scanned and its offset and length read' },
  { id: 'parseTree', label: 'jsonc parseTree', what: 'jsonc-parser parseTree (the generic JSON tree with offsets)' },
  { id: 'parseJson', label: 'our JSON tree', what: 'our parseJson (tree with offsets, errors, comments, duplicate keys)' },
  { id: 'model', label: 'our parse+model', what: 'parseAvroDocument (JSON tree + Avro model: names, fields, references)' },
  { id: 'ours', label: 'ours: full validation', what: 'parseAvroDocument + SchemaIndex.set + validateDocument with every rule in RULES' },
  { id: 'jsonLs', label: 'JSON LS + SchemaStore (peer)', what: 'vscode-json-languageservice parseJSONDocument + doValidation against SchemaStore avro-avsc.json' },
  { id: 'avsc', label: 'avsc forSchema', what: 'JSON.parse + avsc Type.forSchema (validates, no positions, stops at the first error)' },
] as const;
export type ValidationColumn = (typeof VALIDATION_COLUMNS)[number]['id'];

export interface ValidationSizeResult {
  fields: number;
  bytes: number;
  tokens: number;
  /** Our diagnostics on the generated (valid) schema, by code: should be empty or warnings only. */
  ourDiagnostics: Record<string, number>;
  /** The JSON language service's diagnostics on the same text (SchemaStore's schema is not exact). */
  peerDiagnostics: number;
  timings: Record<ValidationColumn, Summary>;
  /** ours.median / scanner.median: the target is at most 3. */
  oursOverFloor: number;
  /** jsonLs.median / ours.median: the target is at least 5. */
  peerOverOurs: number;
  /** parseJson.median / scanner.median. */
  treeOverFloor: number;
  /** The two target ratios on CPU-time medians (robust to other processes on the machine). */
  oursOverFloorCpu: number;
  peerOverOursCpu: number;
}

export interface RuleCost {
  rule: string;
  /** Median ms of the rule alone over the already built document of the largest size. */
  median: number;
  min: number;
}

export interface ValidationResult {
  rules: number;
  sizes: ValidationSizeResult[];
  /** Each rule timed alone on the largest schema (the document and index built once). */
  ruleCosts: { fields: number; costs: RuleCost[] };
}

/** Keeps results reachable so that no work is optimised away. */
let sink: unknown;

function countTokens(text: string): number {
  const scanner = createScanner(text, true);
  let n = 0;
  while ((scanner.scan() as number) !== 17 /* EOF */) n++;
  return n;
}

export async function runValidationBench(options: { sizes: number[]; quick: boolean; log: (line: string) => void }): Promise<ValidationResult> {
  const schemaStore = JSON.parse(fs.readFileSync(fixture('bench', 'schemastore-avro-avsc.json'), 'utf8'));
  const ls = getLanguageService({});
  ls.configure({
    validate: true,
    allowComments: false,
    schemas: [{ uri: 'https://json.schemastore.org/avro-avsc.json', fileMatch: ['*.avsc'], schema: schemaStore }],
  });

  const sizes: ValidationSizeResult[] = [];
  for (const fields of options.sizes) {
    const text = generateSchema({ fields, seed: 1 }).text;
    // The generated schema must be valid Avro, or the comparison means nothing.
    avro.Type.forSchema(JSON.parse(text));
    const uri = `file:///bench/schema-${fields}.avsc`;

    const contenders: Record<ValidationColumn, Contender['run']> = {
      jsonParse: () => (sink = JSON.parse(text)),
      scanner: () => {
        const scanner = createScanner(text, true);
        let acc = 0;
        while ((scanner.scan() as number) !== 17 /* EOF */) acc += scanner.getTokenOffset() + scanner.getTokenLength();
        sink = acc;
      },
      parseTree: () => {
        const errors: ParseError[] = [];
        sink = parseTree(text, errors);
      },
      parseJson: () => (sink = parseJson(text)),
      model: () => (sink = parseAvroDocument(uri, text, 1)),
      ours: () => {
        const doc = parseAvroDocument(uri, text, 1);
        const index = new SchemaIndex();
        index.set(doc);
        sink = validateDocument(doc, DEFAULT_SETTINGS, index);
      },
      jsonLs: async () => {
        const document = TextDocument.create(uri, 'json', 1, text);
        sink = await ls.doValidation(document, ls.parseJSONDocument(document));
      },
      avsc: () => (sink = avro.Type.forSchema(JSON.parse(text))),
    };

    // Sanity: what each side reports on this valid schema.
    const doc = parseAvroDocument(uri, text, 1);
    const index = new SchemaIndex();
    index.set(doc);
    const ourDiagnostics: Record<string, number> = {};
    for (const d of validateDocument(doc, DEFAULT_SETTINGS, index)) ourDiagnostics[`${d.code} ${d.severity}`] = (ourDiagnostics[`${d.code} ${d.severity}`] ?? 0) + 1;
    const peerDocument = TextDocument.create(uri, 'json', 1, text);
    const peerDiagnostics = (await ls.doValidation(peerDocument, ls.parseJSONDocument(peerDocument))).length;

    const scale = options.quick ? 0.3 : 1;
    const plan = fields <= 100 ? { warmup: 20, iterations: 100, repeat: 10 } : fields <= 1000 ? { warmup: 10, iterations: 60, repeat: 1 } : { warmup: 3, iterations: 15, repeat: 1 };
    const measured = await measure(
      VALIDATION_COLUMNS.map(c => ({ name: c.id, run: contenders[c.id] })),
      { warmup: Math.max(2, Math.round(plan.warmup * scale)), iterations: Math.max(5, Math.round(plan.iterations * scale)), repeat: plan.repeat },
    );
    const timings = Object.fromEntries(measured) as Record<ValidationColumn, Summary>;
    const result: ValidationSizeResult = {
      fields,
      bytes: Buffer.byteLength(text),
      tokens: countTokens(text),
      ourDiagnostics,
      peerDiagnostics,
      timings,
      oursOverFloor: timings.ours.median / timings.scanner.median,
      peerOverOurs: timings.jsonLs.median / timings.ours.median,
      treeOverFloor: timings.parseJson.median / timings.scanner.median,
      oursOverFloorCpu: timings.ours.cpu!.median / timings.scanner.cpu!.median,
      peerOverOursCpu: timings.jsonLs.cpu!.median / timings.ours.cpu!.median,
    };
    sizes.push(result);
    options.log(`  ${fields} fields: floor ${timings.scanner.median.toFixed(2)} ms, ours ${timings.ours.median.toFixed(2)} ms, peer ${timings.jsonLs.median.toFixed(2)} ms`);
  }
  const largest = Math.max(...options.sizes);
  const ruleCosts = { fields: largest, costs: await measureRules(largest, options.quick) };
  void sink;
  return { rules: RULES.length, sizes, ruleCosts };
}

/** Time every rule separately over one built document (what each rule adds to a keystroke). */
async function measureRules(fields: number, quick: boolean): Promise<RuleCost[]> {
  const text = generateSchema({ fields, seed: 1 }).text;
  const doc = parseAvroDocument('file:///bench/rules.avsc', text, 1);
  const index = new SchemaIndex();
  index.set(doc);
  const ctx: RuleContext = { doc, settings: DEFAULT_SETTINGS, index, resolve: resolverFor(index, doc), report: () => undefined };
  const measured = await measure(
    RULES.map((rule, i) => ({ name: rule.name || `rule ${i}`, run: () => rule(ctx) })),
    { warmup: quick ? 3 : 5, iterations: quick ? 10 : 30 },
  );
  return [...measured].map(([rule, s]) => ({ rule, median: s.median, min: s.min })).sort((a, b) => b.median - a.median);
}
