// `check --format sarif` validated against SARIF 2.1.0: the schema's structure for every object we write (encoded below, no network) plus the spec's cross-object rules.
//
// The definitions below are the parts of the OASIS SARIF 2.1.0 JSON schema (sarif-schema-2.1.0.json,
// errata01) for the objects this tool writes: each object's complete property list (the schema
// sets "additionalProperties": false everywhere), required properties, types, enums and minimums.
// Section numbers are those of the SARIF v2.1.0 specification.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, Sandbox, version, write } from './cli-check-repos';

interface Shape {
  type?: 'object' | 'array' | 'string' | 'integer' | 'boolean' | 'number';
  required?: string[];
  /** "anyOf": [{"required": [...]}, ...] */
  anyOfRequired?: string[][];
  properties?: Record<string, Shape | string>;
  /** Property names allowed but not checked further here (the rest of the schema's list). */
  otherProperties?: string[];
  additionalProperties?: Shape | string;
  items?: Shape | string;
  enum?: readonly unknown[];
  minimum?: number;
  minItems?: number;
  format?: 'uri' | 'uri-reference';
}

const propertyBag: Shape = { type: 'object' };
const level = { type: 'string', enum: ['none', 'note', 'warning', 'error'] } as const;

const DEFS: Record<string, Shape> = {
  // §3.13 sarifLog: required version (§3.13.2, "2.1.0") and runs (§3.13.4).
  sarifLog: {
    type: 'object', required: ['version', 'runs'],
    properties: { $schema: { type: 'string', format: 'uri' }, version: { type: 'string', enum: ['2.1.0'] }, runs: { type: 'array', items: 'run' }, properties: propertyBag },
    otherProperties: ['inlineExternalProperties'],
  },
  // §3.14 run: required tool (§3.14.6); originalUriBaseIds §3.14.14; columnKind §3.14.27.
  run: {
    type: 'object', required: ['tool'],
    properties: {
      tool: 'tool', invocations: { type: 'array', items: 'invocation' }, results: { type: 'array', items: 'result' },
      originalUriBaseIds: { type: 'object', additionalProperties: 'artifactLocation' },
      columnKind: { type: 'string', enum: ['utf16CodeUnits', 'unicodeCodePoints'] }, properties: propertyBag,
    },
    otherProperties: ['conversion', 'language', 'versionControlProvenance', 'artifacts', 'logicalLocations', 'graphs', 'automationDetails', 'runAggregates',
      'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'externalPropertyFileReferences', 'threadFlowLocations',
      'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations'],
  },
  // §3.18 tool: required driver (§3.18.2).
  tool: { type: 'object', required: ['driver'], properties: { driver: 'toolComponent', extensions: { type: 'array', items: 'toolComponent' }, properties: propertyBag } },
  // §3.19 toolComponent: required name; version §3.19.13; informationUri §3.19.17 (format uri); rules (reportingDescriptor).
  toolComponent: {
    type: 'object', required: ['name'],
    properties: {
      name: { type: 'string' }, version: { type: 'string' }, semanticVersion: { type: 'string' }, informationUri: { type: 'string', format: 'uri' },
      rules: { type: 'array', items: 'reportingDescriptor' }, shortDescription: 'multiformatMessageString', fullDescription: 'multiformatMessageString', properties: propertyBag,
    },
    otherProperties: ['guid', 'organization', 'product', 'productSuite', 'fullName', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'globalMessageStrings',
      'notifications', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion',
      'associatedComponent', 'translationMetadata', 'supportedTaxonomies'],
  },
  // §3.49 reportingDescriptor: required id; shortDescription §3.49.9; helpUri §3.49.12 (format uri); defaultConfiguration (§3.50.3 level).
  reportingDescriptor: {
    type: 'object', required: ['id'],
    properties: {
      id: { type: 'string' }, name: { type: 'string' }, shortDescription: 'multiformatMessageString', fullDescription: 'multiformatMessageString', help: 'multiformatMessageString',
      helpUri: { type: 'string', format: 'uri' },
      defaultConfiguration: { type: 'object', properties: { level, enabled: { type: 'boolean' }, rank: { type: 'number' }, properties: propertyBag }, otherProperties: ['parameters'] },
      properties: propertyBag,
    },
    otherProperties: ['deprecatedIds', 'guid', 'deprecatedGuids', 'deprecatedNames', 'messageStrings', 'relationships'],
  },
  // §3.12 multiformatMessageString: required text.
  multiformatMessageString: { type: 'object', required: ['text'], properties: { text: { type: 'string' }, markdown: { type: 'string' }, properties: propertyBag } },
  // §3.11 message: text or id.
  message: { type: 'object', anyOfRequired: [['text'], ['id']], properties: { text: { type: 'string' }, markdown: { type: 'string' }, id: { type: 'string' }, arguments: { type: 'array' }, properties: propertyBag } },
  // §3.20 invocation: required executionSuccessful (§3.20.14).
  invocation: {
    type: 'object', required: ['executionSuccessful'],
    properties: {
      executionSuccessful: { type: 'boolean' }, exitCode: { type: 'integer' }, toolExecutionNotifications: { type: 'array', items: 'notification' },
      toolConfigurationNotifications: { type: 'array', items: 'notification' }, properties: propertyBag,
    },
    otherProperties: ['commandLine', 'arguments', 'responseFiles', 'startTimeUtc', 'endTimeUtc', 'ruleConfigurationOverrides', 'notificationConfigurationOverrides',
      'exitCodeDescription', 'exitSignalName', 'exitSignalNumber', 'processStartFailureMessage', 'machine', 'account', 'processId', 'executableLocation',
      'workingDirectory', 'environmentVariables', 'stdin', 'stdout', 'stderr', 'stdoutStderr'],
  },
  // §3.58 notification: required message; level §3.58.6.
  notification: {
    type: 'object', required: ['message'],
    properties: { message: 'message', level, locations: { type: 'array', items: 'location' }, properties: propertyBag },
    otherProperties: ['threadId', 'timeUtc', 'exception', 'descriptor', 'associatedRule'],
  },
  // §3.27 result: required message; ruleId §3.27.5; ruleIndex §3.27.6 (>= -1); level §3.27.10; relatedLocations §3.27.22.
  result: {
    type: 'object', required: ['message'],
    properties: {
      ruleId: { type: 'string' }, ruleIndex: { type: 'integer', minimum: -1 }, level, message: 'message',
      locations: { type: 'array', items: 'location' }, relatedLocations: { type: 'array', items: 'location' },
      kind: { type: 'string', enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] }, properties: propertyBag,
    },
    otherProperties: ['rule', 'analysisTarget', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs',
      'graphTraversals', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse'],
  },
  // §3.28 location.
  location: {
    type: 'object',
    properties: { id: { type: 'integer', minimum: -1 }, physicalLocation: 'physicalLocation', message: 'message', properties: propertyBag },
    otherProperties: ['logicalLocations', 'annotations', 'relationships'],
  },
  // §3.29 physicalLocation: address or artifactLocation.
  physicalLocation: {
    type: 'object', anyOfRequired: [['address'], ['artifactLocation']],
    properties: { artifactLocation: 'artifactLocation', region: 'region', contextRegion: 'region', properties: propertyBag },
    otherProperties: ['address'],
  },
  // §3.4 artifactLocation: uri (format uri-reference), uriBaseId (§3.4.4), index >= -1.
  artifactLocation: {
    type: 'object',
    properties: { uri: { type: 'string', format: 'uri-reference' }, uriBaseId: { type: 'string' }, index: { type: 'integer', minimum: -1 }, description: 'message', properties: propertyBag },
  },
  // §3.30 region: startLine (§3.30.5), startColumn, endLine, endColumn all >= 1; one of startLine, charOffset, byteOffset.
  region: {
    type: 'object', anyOfRequired: [['startLine'], ['charOffset'], ['byteOffset']],
    properties: {
      startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 }, endLine: { type: 'integer', minimum: 1 }, endColumn: { type: 'integer', minimum: 1 },
      charOffset: { type: 'integer', minimum: -1 }, charLength: { type: 'integer', minimum: 0 }, byteOffset: { type: 'integer', minimum: -1 }, byteLength: { type: 'integer', minimum: 0 },
      message: 'message', properties: propertyBag,
    },
    otherProperties: ['snippet', 'sourceLanguage'],
  },
};

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Every violation of the encoded schema, with its JSON path. */
export function validate(value: unknown, shape: Shape | string, at = '$', out: string[] = []): string[] {
  const s = typeof shape === 'string' ? DEFS[shape] : shape;
  if (s.type) {
    const t = typeOf(value);
    if (!(t === s.type || (s.type === 'number' && t === 'integer'))) {
      out.push(`${at}: expected ${s.type}, got ${t}`);
      return out;
    }
  }
  if (s.enum && !s.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  if (s.minimum !== undefined && typeof value === 'number' && value < s.minimum) out.push(`${at}: ${value} < ${s.minimum}`);
  if (s.format === 'uri' && typeof value === 'string') {
    try {
      new URL(value);
    } catch {
      out.push(`${at}: not an absolute URI: ${value}`);
    }
  }
  if (s.format === 'uri-reference' && typeof value === 'string' && !/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/.test(value)) {
    out.push(`${at}: not a URI reference (RFC 3986): ${value}`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) out.push(`${at}: fewer than ${s.minItems} items`);
    if (s.items) value.forEach((v, i) => validate(v, s.items!, `${at}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in o)) out.push(`${at}: missing required "${r}"`);
    if (s.anyOfRequired && !s.anyOfRequired.some(set => set.every(r => r in o))) out.push(`${at}: needs one of ${s.anyOfRequired.map(x => x.join('+')).join(', ')}`);
    for (const [k, v] of Object.entries(o)) {
      const p = s.properties?.[k];
      if (p) validate(v, p, `${at}.${k}`, out);
      else if (s.additionalProperties) validate(v, s.additionalProperties, `${at}.${k}`, out);
      else if (s.properties && !s.otherProperties?.includes(k)) out.push(`${at}: property "${k}" is not allowed`);
    }
  }
  return out;
}

interface Log {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string }> } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<{ ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>; relatedLocations?: Array<{ id: number; physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } }; message: { text: string } }> }>;
  }>;
}

/** The SARIF spec's rules across objects, beyond what a JSON schema can say. */
function crossCheck(log: Log, cwd: string): string[] {
  const out: string[] = [];
  const run = log.runs[0];
  // §3.14.14: a base id's URI is absolute and ends with a slash.
  for (const [id, base] of Object.entries(run.originalUriBaseIds)) {
    if (!/^file:\/\/\/.*\/$/.test(base.uri)) out.push(`originalUriBaseIds.${id}: ${base.uri} is not an absolute directory URI`);
  }
  run.results.forEach((r, i) => {
    // §3.27.6: ruleIndex indexes tool.driver.rules, whose id is ruleId.
    if (run.tool.driver.rules[r.ruleIndex]?.id !== r.ruleId) out.push(`results[${i}]: ruleIndex ${r.ruleIndex} is not rule ${r.ruleId}`);
    for (const loc of [...r.locations, ...(r.relatedLocations ?? [])]) {
      const { artifactLocation: a, region: g } = loc.physicalLocation;
      // §3.4.4: a uriBaseId names a base in originalUriBaseIds.
      if (a.uriBaseId && !(a.uriBaseId in run.originalUriBaseIds)) out.push(`results[${i}]: unknown uriBaseId ${a.uriBaseId}`);
      // §3.30.2: the end is not before the start.
      if (g.endLine < g.startLine || (g.endLine === g.startLine && g.endColumn < g.startColumn)) out.push(`results[${i}]: region ends before it starts`);
    }
    // The result's artifact is a file of the working tree, relative to %SRCROOT%.
    const a = r.locations[0].physicalLocation.artifactLocation;
    if (a.uriBaseId !== '%SRCROOT%' || !fs.existsSync(path.join(cwd, decodeURIComponent(a.uri)))) out.push(`results[${i}]: ${a.uri} is not a file under %SRCROOT%`);
  });
  return out;
}

const sandbox = new Sandbox();
let repo: string;

before(() => {
  repo = sandbox.init('sarif');
  write(repo, 'schemas/money.avsc', version('money.v1.avsc'));
  write(repo, 'schemas/billing reports/usage-report.avsc', version('usage-report.h3.avsc'));
  sandbox.commit(repo, 'schemas', 's1');
  write(repo, 'schemas/money.avsc', version('money.v2-breaking.avsc'));
  // A duplicate key: a lint warning with related information.
  write(repo, 'schemas/billing reports/usage-report.avsc', version('usage-report.h3.avsc').replace('"namespace": "caracal.billing",', '"namespace": "caracal.billing",\n  "namespace": "caracal.billing",'));
});

after(() => sandbox.dispose());

function sarif(args: string[]): { log: Log; exit: number } {
  const r = runCli(['check', ...args, '--format', 'sarif'], repo);
  assert.equal(r.stderr, '');
  return { log: JSON.parse(r.stdout) as Log, exit: r.exit };
}

describe('SARIF 2.1.0', () => {
  test('a failing run: compatibility findings with the baseline as related locations, a lint warning with its related place', () => {
    const { log, exit } = sarif([]);
    assert.equal(exit, 1);
    assert.deepEqual(validate(log, 'sarifLog'), []);
    assert.deepEqual(crossCheck(log, repo), []);
    const results = log.runs[0].results;
    assert.deepEqual(results.map(r => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri]), [
      ['AVRO-103', 'warning', 'schemas/billing%20reports/usage-report.avsc'],
      ['AVRO-400', 'error', 'schemas/money.avsc'],
    ]);
    const finding = results[1];
    // 1-based region of "scale" (line 9, columns 14..20 inclusive: endColumn is one past it).
    assert.deepEqual(finding.locations[0].physicalLocation.region, { startLine: 9, startColumn: 14, endLine: 9, endColumn: 21 });
    const old = finding.relatedLocations!.at(-1)!;
    assert.equal(old.physicalLocation.artifactLocation.uri, 'schemas/money.avsc');
    assert.match(old.message.text, /^The old schema at HEAD \(<?[0-9a-f]{7}>?\), git:HEAD: line 6 of schemas\/money\.avsc in that version$/);
    assert.deepEqual(log.runs[0].tool.driver.rules.map(r => r.id), ['AVRO-103', 'AVRO-400']);
  });

  test('a passing run is valid too (no results)', () => {
    const { log, exit } = sarif(['schemas/billing reports', '--severity', 'AVRO-103=off']);
    assert.equal(exit, 0);
    assert.deepEqual(validate(log, 'sarifLog'), []);
    assert.deepEqual(crossCheck(log, repo), []);
    assert.deepEqual(log.runs[0].results, []);
  });

  test('the validator catches what it claims to check', () => {
    const { log } = sarif([]);
    const broken = JSON.parse(JSON.stringify(log)) as Log & { version: string };
    broken.version = '2.0.0';
    const r = broken.runs[0].results[1] as unknown as Record<string, unknown>;
    delete r.message;
    r.level = 'fatal';
    (r.locations as Array<{ physicalLocation: { region: { startLine: number } } }>)[0].physicalLocation.region.startLine = 0;
    (broken.runs[0].tool.driver as unknown as Record<string, unknown>).owner = 'x';
    assert.deepEqual(validate(broken, 'sarifLog'), [
      '$.version: "2.0.0" is not one of ["2.1.0"]',
      '$.runs[0].tool.driver: property "owner" is not allowed',
      '$.runs[0].results[1]: missing required "message"',
      '$.runs[0].results[1].level: "fatal" is not one of ["none","note","warning","error"]',
      '$.runs[0].results[1].locations[0].physicalLocation.region.startLine: 0 < 1',
    ]);
    broken.runs[0].results[0].ruleIndex = 1;
    assert.deepEqual(crossCheck(broken, repo).slice(0, 1), ['results[0]: ruleIndex 1 is not rule AVRO-103']);
  });
});
