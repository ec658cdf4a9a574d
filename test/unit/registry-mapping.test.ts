// Subject mapping and registration plans (registry/mapping.ts), data-driven: each folder of test/fixtures/cli-registry/mapping is a project with a golden expected.txt.
//
// A case folder holds avro-studio.json, .avsc files, and case.json {"plan": [files]}: the golden
// lists the subject of every file, then the registration plan of the files in "plan" (dependency
// order, schema references) and its problems. UPDATE_EXPECT=1 rewrites the goldens (review the diff).
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseProjectConfig } from '../../server/src/config/projectConfig';
import { dependenciesOf, mapFile, planRegistrations, registrableText, relativeToRoot, topLevelFullname } from '../../server/src/registry/mapping';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { pathToUri, uriToPath } from '../../server/src/workspace/uris';
import { fixture } from '../helpers/paths';

const UPDATE = process.env.UPDATE_EXPECT === '1';
const CASES = fixture('cli-registry', 'mapping');

function avscFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...avscFiles(p));
    else if (entry.name.endsWith('.avsc')) out.push(p);
  }
  return out.sort();
}

interface Project {
  root: string;
  config: ReturnType<typeof parseProjectConfig>['config'];
  index: SchemaIndex;
  files: string[];
}

function load(root: string): Project {
  const { config, problems } = parseProjectConfig(fs.readFileSync(path.join(root, 'avro-studio.json'), 'utf8'), root);
  assert.deepEqual(problems, [], `${root}/avro-studio.json is valid`);
  const index = new SchemaIndex();
  const files = avscFiles(root);
  for (const f of files) index.set(parseAvroDocument(pathToUri(f), fs.readFileSync(f, 'utf8')));
  return { root, config, index, files };
}

function render(p: Project, plan: string[]): string {
  const rel = (uriOrPath: string) => path.relative(p.root, uriToPath(uriOrPath) ?? uriOrPath).split(path.sep).join('/');
  const lines = ['# subject of every file'];
  for (const f of p.files) {
    const m = mapFile(p.config, f, p.index.get(pathToUri(f)));
    lines.push(m.resolution.kind === 'subject' ? `${rel(f)} -> ${m.resolution.subject} (${m.resolution.how})` : `${rel(f)} -> unmapped: ${m.resolution.reason}`);
  }
  if (plan.length) {
    const result = planRegistrations(
      plan.map(f => pathToUri(path.join(p.root, f))),
      p.index,
      doc => mapFile(p.config, uriToPath(doc.uri)!, doc).resolution,
      rel,
    );
    lines.push('', `# plan for ${plan.join(', ')}`);
    result.order.forEach((r, i) => {
      const refs = r.references.length ? ` references ${r.references.map(x => `${x.name} (${x.subject}, ${rel(x.uri)})`).join(', ')}` : '';
      lines.push(`${i + 1}. ${rel(r.uri)} -> ${r.subject}${r.dependency ? ' [dependency]' : ''}${refs}`);
    });
    for (const problem of result.problems) lines.push(`problem ${problem.kind} at ${rel(problem.uri)}: ${problem.message}`);
  }
  return lines.join('\n') + '\n';
}

describe('subject mapping and registration plans (golden files)', () => {
  const cases = fs.readdirSync(CASES, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort();
  for (const name of cases) {
    test(name, () => {
      const root = path.join(CASES, name);
      const plan = (JSON.parse(fs.readFileSync(path.join(root, 'case.json'), 'utf8')) as { plan: string[] }).plan;
      const actual = render(load(root), plan);
      const golden = path.join(root, 'expected.txt');
      if (UPDATE) fs.writeFileSync(golden, actual);
      assert.equal(actual, fs.readFileSync(golden, 'utf8'));
    });
  }
});

describe('mapping details', () => {
  test('references: dependencies first, depth first, one reference per file, named after the file\'s own type', () => {
    const p = load(path.join(CASES, 'references'));
    const uri = (f: string) => pathToUri(path.join(p.root, 'schemas', f));
    const plan = planRegistrations([uri('order.avsc')], p.index, doc => mapFile(p.config, uriToPath(doc.uri)!, doc).resolution);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.order.map(r => path.basename(uriToPath(r.uri)!)), ['address.avsc', 'customer.avsc', 'money.avsc', 'order.avsc']);
    const order = plan.order[3];
    assert.deepEqual(order.references.map(r => [r.name, r.subject]), [['com.acme.Customer', 'com.acme.Customer'], ['com.acme.Money', 'com.acme.Money']]);
    // Customer uses Address twice (bare and dotted): one reference.
    assert.deepEqual(plan.order[1].references.map(r => r.name), ['com.acme.Address']);
    // The self reference ("next": Order) and the nested Line are not references.
    assert.deepEqual(dependenciesOf(p.index.get(uri('order.avsc'))!, p.index).dependencies.map(d => d.used), [['com.acme.Customer'], ['com.acme.Money']]);
  });

  test('a type nested in another file is referenced by its own fullname when the file\'s top-level type is not used', () => {
    const p = load(path.join(CASES, 'nested'));
    const doc = p.index.get(pathToUri(path.join(p.root, 'price.avsc')))!;
    const deps = dependenciesOf(doc, p.index);
    assert.deepEqual(deps.dependencies.map(d => d.name), ['com.acme.Currency']);
    assert.deepEqual(deps.unresolved, ['com.acme.Nowhere']);
    const invoice = dependenciesOf(p.index.get(pathToUri(path.join(p.root, 'invoice.avsc')))!, p.index);
    assert.deepEqual(invoice.dependencies.map(d => [d.name, d.used]), [['com.acme.Money', ['com.acme.Currency', 'com.acme.Money']]]);
  });

  test('a cycle between files is reported once, and nothing on it is planned', () => {
    const p = load(path.join(CASES, 'cycle'));
    const plan = planRegistrations(['a.avsc', 'b.avsc', 'c.avsc'].map(f => pathToUri(path.join(p.root, f))), p.index, doc => mapFile(p.config, uriToPath(doc.uri)!, doc).resolution, u => path.basename(u));
    assert.deepEqual(plan.order, []);
    assert.equal(plan.problems.filter(x => x.kind === 'cycle').length, 1);
    assert.match(plan.problems[0].message, /^a\.avsc -> b\.avsc -> a\.avsc: these files use types from each other/);
  });

  test('--subject wins over the project file; files outside the project folder and without a project file map nowhere', () => {
    const p = load(path.join(CASES, 'strategies'));
    const money = path.join(p.root, 'schemas/common/money.avsc');
    const doc = p.index.get(pathToUri(money));
    assert.deepEqual(mapFile(p.config, money, doc, { subject: 'given' }).resolution, { kind: 'subject', subject: 'given', how: 'given subject' });
    const outside = mapFile(p.config, '/elsewhere/money.avsc', doc);
    assert.equal(outside.resolution.kind, 'unmapped');
    assert.match((outside.resolution as { reason: string }).reason, /^money\.avsc maps to no subject: it is outside the folder of avro-studio\.json/);
    const none = mapFile(undefined, money, doc);
    assert.match((none.resolution as { reason: string }).reason, /there is no avro-studio\.json/);
    // The policy comes along (the level of the file's rules).
    assert.deepEqual(mapFile(p.config, money, doc).policy?.matchedRules, [2]);
  });

  test('relative paths: POSIX, Windows spellings, not inside', () => {
    assert.equal(relativeToRoot('/repo', '/repo/schemas/a.avsc'), 'schemas/a.avsc');
    assert.equal(relativeToRoot('/repo/', '/repo/a.avsc'), 'a.avsc');
    assert.equal(relativeToRoot('/repo', '/repository/a.avsc'), undefined);
    assert.equal(relativeToRoot('/repo', '/repo'), undefined);
    assert.equal(relativeToRoot('C:\\Work\\repo', 'c:\\work\\repo\\schemas\\a.avsc'), 'schemas/a.avsc');
  });

  test('top-level fullname: named types only; the registered text has no comments and keeps exact numbers', () => {
    assert.equal(topLevelFullname(parseAvroDocument('a', '{"type":"fixed","name":"F","namespace":"n","size":2}')), 'n.F');
    assert.equal(topLevelFullname(parseAvroDocument('a', '["null","string"]')), undefined);
    assert.equal(topLevelFullname(parseAvroDocument('a', '{"type":"array","items":"string"}')), undefined);
    const doc = parseAvroDocument('a', '// a comment\n{"type": "record", "name": "R", /* inline */ "fields": [{"name": "n", "type": "long", "default": 9007199254740993}]}\n');
    const text = registrableText(doc);
    assert.ok(!text.includes('comment') && !text.includes('inline'));
    assert.ok(text.includes('9007199254740993'));
    assert.doesNotThrow(() => JSON.parse(text));
  });
});
