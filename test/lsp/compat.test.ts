// Compatibility in the editor through the real server, on real git repositories in temp dirs: findings, quick fixes, status, refresh.
//
// The server runs in this process, except where the test controls the server's PATH (a git that logs its calls, no git at all): there the bundle runs in a process.
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { BaselineContentResult, CompatibilityReport } from '../../server/src/protocol';
import {
  applyAction,
  commit,
  compatCodes,
  diagnosticsOf,
  git,
  gitSpy,
  quickFixes,
  repository,
  startOn,
  textOfRange,
  type Workspace,
} from './compatRepo';

const METERING = `{
  "type": "record",
  "name": "MeteringEvent",
  "namespace": "caracal.events",
  "fields": [
    {"name": "event_id", "type": "string"},
    {"name": "agent_id", "type": "string", "doc": "The agent that consumed the resource."},
    {"name": "quantity", "type": "double"},
    {"name": "unit", "type": {"type": "enum", "name": "Unit", "symbols": ["TOKENS", "CALLS", "SECONDS"]}}
  ]
}
`;
const AGENT_LINE = '    {"name": "agent_id", "type": "string", "doc": "The agent that consumed the resource."},\n';
const REGION_LINE = '    {"name": "region", "type": "string"},\n';

const workspaces: Workspace[] = [];
after(() => {
  for (const ws of workspaces) ws.cleanup();
});

function repo(files: Record<string, string>, options?: { commit?: boolean }): Workspace {
  const ws = repository(files, options);
  workspaces.push(ws);
  return ws;
}

function byCode(ds: readonly Diagnostic[], code: string): Diagnostic {
  const d = ds.find(x => x.code === code);
  assert.ok(d, `${code} among ${JSON.stringify(ds.map(x => `${x.code} ${x.message}`))}`);
  return d;
}

for (const mode of ['pull', 'push'] as const) {
  describe(`compatibility against git:HEAD (${mode})`, () => {
    test('adding a field without a default: AVRO-400 on the field, related information into HEAD; "Add default" makes it go', async () => {
      const ws = repo({ 'events/metering-event.avsc': METERING });
      const { client, status } = await startOn(ws, { mode, settings: { diagnostics: { debounceMs: 20 } } });
      try {
        const uri = ws.uri('events/metering-event.avsc');
        await client.open(uri, METERING);
        // Unchanged since HEAD: compatible (the baseline loads in the background first).
        const first = await status.wait(uri, s => s.state === 'compatible');
        assert.deepEqual(first, { uri, level: 'BACKWARD', baseline: 'git:HEAD', state: 'compatible', count: 0, message: 'BACKWARD vs HEAD: compatible' });
        assert.ok(status.all.some(s => s.uri === uri && s.state === 'checking'), 'the status said "checking" while the baseline loaded');

        const at = client.text(uri).indexOf(AGENT_LINE) + AGENT_LINE.length;
        await client.edit(uri, at, at, REGION_LINE);
        const ds = await diagnosticsOf(client, uri, mode, x => compatCodes(x).length > 0);
        assert.deepEqual(compatCodes(ds), ['AVRO-400']);
        const d = byCode(ds, 'AVRO-400');
        assert.equal(textOfRange(client.text(uri), d), '"region"', 'on the field\'s name');
        assert.match(String(d.message), /^BACKWARD \(vs HEAD\): new readers cannot read old data: Field "region" of the new schema's record "caracal\.events\.MeteringEvent" has no default/);
        assert.equal(d.severity, 1);
        assert.equal(d.source, 'avro');
        const related = d.relatedInformation ?? [];
        assert.equal(related.length, 1);
        assert.match(related[0].location.uri, /^avro-baseline:\/.*\/events\/metering-event\.avsc\?/);
        assert.equal(related[0].message, 'HEAD: record "caracal.events.MeteringEvent" has no field "region"');
        assert.equal(textOfRange(METERING, related[0].location), '"fields"', 'related information points into the HEAD text');
        assert.deepEqual((await status.wait(uri, s => s.state === 'breaking')).message, 'BACKWARD vs HEAD: 1 breaking change');

        const fixes = await quickFixes(client, uri, d);
        assert.deepEqual(fixes.map(f => f.title), ['Add default "" to "region"', 'Make "region" optional (["null", "string"] with default null)', 'Ignore AVRO-400 here… (then write the reason after the colon)']);
        assert.equal(fixes[0].isPreferred, true);
        const fixed = await applyAction(client, uri, fixes[0]);
        assert.ok(fixed.includes('{"name": "region", "type": "string", "default": ""},'), fixed);
        const after = await diagnosticsOf(client, uri, mode, x => compatCodes(x).length === 0);
        assert.deepEqual(after, []);
        assert.equal((await status.wait(uri, s => s.state === 'compatible')).count, 0);
        assert.deepEqual(client.errorLogs(), []);
      } finally {
        await client.stop();
      }
    });
  });
}

describe('compatibility in the editor', () => {
  test('a removed enum symbol: AVRO-404 on the symbol list; "Restore symbol" puts it back', async () => {
    const ws = repo({ 'metering.avsc': METERING });
    const { client, status } = await startOn(ws, { mode: 'pull' });
    try {
      const uri = ws.uri('metering.avsc');
      await client.open(uri, METERING.replace('"CALLS", "SECONDS"', '"CALLS"'));
      const ds = await diagnosticsOf(client, uri, 'pull', x => compatCodes(x).length > 0);
      const d = byCode(ds, 'AVRO-404');
      assert.equal(textOfRange(client.text(uri), d), '["TOKENS", "CALLS"]');
      assert.equal(textOfRange(METERING, d.relatedInformation![0].location), '"SECONDS"', 'related: the symbol in HEAD');
      const fixes = await quickFixes(client, uri, d);
      assert.deepEqual(fixes.map(f => f.title), ['Restore symbol "SECONDS" in enum "Unit"', 'Add default "TOKENS" to enum "Unit" (unknown symbols read as it)', 'Ignore AVRO-404 here… (then write the reason after the colon)']);
      await applyAction(client, uri, fixes[0]);
      assert.equal(client.text(uri), METERING);
      await diagnosticsOf(client, uri, 'pull', x => compatCodes(x).length === 0);
      await status.wait(uri, s => s.state === 'compatible');
    } finally {
      await client.stop();
    }
  });

  test('avro-studio.json per glob: FORWARD for events/forward/**; a removed field is reported where it was removed; "Restore field"', async () => {
    const config = JSON.stringify({ compatibility: { level: 'BACKWARD' }, schemas: [{ files: 'events/forward/**', compatibility: { level: 'FORWARD' } }] });
    const ws = repo({ 'avro-studio.json': config, 'events/forward/metering.avsc': METERING, 'events/other/metering.avsc': METERING.replace('caracal.events', 'caracal.other') });
    const { client, status } = await startOn(ws, { mode: 'push', settings: { diagnostics: { debounceMs: 10 }, compatibility: { level: 'FULL' } } });
    try {
      const forward = ws.uri('events/forward/metering.avsc');
      const removed = METERING.replace('    {"name": "quantity", "type": "double"},\n', '');
      await client.open(forward, removed);
      const ds = await diagnosticsOf(client, forward, 'push', x => compatCodes(x).length > 0);
      const d = byCode(ds, 'AVRO-400');
      assert.match(String(d.message), /^FORWARD \(vs HEAD\): old readers cannot read new data: Field "quantity"/);
      // Where it was: the delimiter right after the field before it.
      assert.equal(textOfRange(client.text(forward), d), ',', 'the comma after agent_id, where quantity was');
      assert.equal(d.range.start.line, 6);
      assert.equal((await status.wait(forward, s => s.state === 'breaking')).level, 'FORWARD', 'the rule wins over the setting (FULL)');
      const fixes = await quickFixes(client, forward, d);
      assert.deepEqual(fixes.map(f => f.title), ['Restore field "quantity" (removed since HEAD)', 'Ignore AVRO-400 here… (then write the reason after the colon)']);
      await applyAction(client, forward, fixes[0]);
      assert.equal(client.text(forward), METERING);
      await diagnosticsOf(client, forward, 'push', x => compatCodes(x).length === 0);

      // Outside the glob: the project file's top-level level (BACKWARD), not the setting (FULL).
      const other = ws.uri('events/other/metering.avsc');
      await client.open(other, METERING.replace('caracal.events', 'caracal.other'));
      assert.equal((await status.wait(other, s => s.state === 'compatible')).level, 'BACKWARD');

      // The project file changes (the watcher reports it): read again, checks again.
      ws.write('avro-studio.json', JSON.stringify({ compatibility: { level: 'NONE' } }));
      await client.watchedFilesChanged([{ uri: ws.uri('avro-studio.json'), type: 2 }]);
      const off = await status.wait(other, s => s.state === 'off');
      assert.equal(off.message, 'Compatibility level NONE (avro-studio.json "compatibility"): no check.');
      assert.ok(client.registrations.some(r => JSON.stringify(r.registerOptions).includes('**/avro-studio.json')), 'the server watches avro-studio.json');
    } finally {
      await client.stop();
    }
  });

  test('git:history with FULL_TRANSITIVE: every committed version, findings name their version, the report lists them', async () => {
    const v1 = METERING;
    const ws = repo({ 'metering.avsc': v1 });
    const first = git(ws.root, 'rev-parse', '--short', 'HEAD').trim();
    const v2 = v1.replace('"SECONDS"]', '"SECONDS", "BYTES"]');
    const second = commit(ws, 'metering.avsc', v2, 'add BYTES');
    const v3 = v2.replace(REGION_LINE, '').replace(AGENT_LINE, AGENT_LINE + '    {"name": "region", "type": ["null", "string"], "default": null},\n');
    const third = commit(ws, 'metering.avsc', v3, 'add region');
    const { client, status } = await startOn(ws, { mode: 'pull', settings: { compatibility: { level: 'FULL_TRANSITIVE', baseline: 'git:history' } } });
    try {
      const uri = ws.uri('metering.avsc');
      // BYTES removed: new readers cannot read what v2 and v3 wrote (v1 never had it).
      await client.open(uri, v3.replace(', "BYTES"]', ']'));
      const ds = await diagnosticsOf(client, uri, 'pull', x => compatCodes(x).length > 0);
      const d = byCode(ds, 'AVRO-404');
      assert.match(String(d.message), new RegExp(`^FULL_TRANSITIVE \\(vs ${third} and ${second}, backward\\): new readers cannot read old data: `));
      assert.deepEqual(d.relatedInformation!.map(r => r.message), [`${third}: enum "caracal.events.Unit" has symbol "BYTES"`, `${second}: enum "caracal.events.Unit" has symbol "BYTES"`]);
      const s = await status.wait(uri, x => x.state === 'breaking');
      assert.equal(s.message, 'FULL_TRANSITIVE vs git history: 1 breaking change (3 versions)');

      const report = await client.request<CompatibilityReport>('avro/checkCompatibility', { uri });
      assert.deepEqual(report.versions.map(v => v.label), [third, second, first]);
      assert.match(report.versions[0].description, new RegExp(`^${third} \\d{4}-\\d\\d-\\d\\d add region$`));
      assert.deepEqual(report.findings.map(f => [f.code, f.direction, f.version, f.location]), [['AVRO-404', 'backward', `${third}, ${second}`, '/fields/4/type/symbols']]);
      assert.match(report.markdown, /^# Compatibility of metering\.avsc\n/);
      assert.ok(report.markdown.includes(`| ${third} | ${third} `), report.markdown);
      assert.ok(report.markdown.includes(`](${uri}#L${d.range.start.line + 1},${d.range.start.character + 1})`), 'a link to the line');
    } finally {
      await client.stop();
    }
  });

  for (const mode of ['pull', 'push'] as const) {
    test(`a commit moves HEAD: the baseline is read again and the diagnostics follow (${mode})`, async () => {
      const ws = repo({ 'metering.avsc': METERING });
      const { client, status } = await startOn(ws, { mode, settings: { diagnostics: { debounceMs: 10 } } });
      try {
        const uri = ws.uri('metering.avsc');
        const edited = METERING.replace(AGENT_LINE, AGENT_LINE + REGION_LINE);
        await client.open(uri, edited);
        await diagnosticsOf(client, uri, mode, x => compatCodes(x).join() === 'AVRO-400');
        await status.wait(uri, s => s.state === 'breaking');
        // The user commits the edit (from a terminal): HEAD now has the field.
        commit(ws, 'metering.avsc', edited, 'add region');
        await diagnosticsOf(client, uri, mode, x => compatCodes(x).length === 0);
        await status.wait(uri, s => s.state === 'compatible');
      } finally {
        await client.stop();
      }
    });
  }

  test('an untrusted workspace starts no git process and says why; trusting it starts the checks', async () => {
    const ws = repo({ 'metering.avsc': METERING });
    const spy = gitSpy();
    const { client, status } = await startOn(ws, { mode: 'pull', initializationOptions: { trusted: false }, process: true, env: { PATH: `${spy.dir}:${process.env.PATH}` } });
    try {
      const uri = ws.uri('metering.avsc');
      await client.open(uri, METERING.replace(AGENT_LINE, AGENT_LINE + REGION_LINE));
      const s = await status.wait(uri, x => x.state === 'unavailable');
      assert.match(s.message, /^BACKWARD vs HEAD: unavailable\. This workspace is not trusted: Avro Studio does not run git here/);
      assert.deepEqual(compatCodes(await diagnosticsOf(client, uri, 'pull')), [], 'no compatibility diagnostic');
      const report = await client.request<CompatibilityReport>('avro/checkCompatibility', { uri });
      assert.equal(report.state, 'unavailable');
      assert.deepEqual(spy.calls(), [], 'no git process');
      assert.equal(client.logs.filter(l => l.message.includes('not trusted')).length, 1, 'said once in the log, not per check');

      await client.connection.sendNotification('avro/workspaceTrusted');
      await status.wait(uri, x => x.state === 'breaking');
      assert.ok(spy.calls().length > 0, 'git runs once trusted (the spy sees it)');
    } finally {
      await client.stop();
      spy.cleanup();
    }
  });

  test('while the text is broken JSON the check waits (the status says why), then resumes', async () => {
    const ws = repo({ 'metering.avsc': METERING });
    const { client, status } = await startOn(ws, { mode: 'push', settings: { diagnostics: { debounceMs: 10 } } });
    try {
      const uri = ws.uri('metering.avsc');
      const edited = METERING.replace(AGENT_LINE, AGENT_LINE + REGION_LINE);
      await client.open(uri, edited);
      await diagnosticsOf(client, uri, 'push', x => compatCodes(x).join() === 'AVRO-400');
      // Half-typed: a field without its closing brace.
      await client.replace(uri, edited.replace('{"name": "region", "type": "string"},', '{"name": "region", "type": "string",'));
      const broken = await diagnosticsOf(client, uri, 'push');
      assert.deepEqual(compatCodes(broken), [], 'no compatibility finding on a broken text');
      assert.ok(broken.some(d => d.code === 'AVRO-100'), 'the syntax error is reported');
      assert.equal((await status.wait(uri, x => x.state === 'unavailable')).message, 'BACKWARD vs HEAD: not checked while the schema has syntax errors.');
      await client.replace(uri, edited);
      await diagnosticsOf(client, uri, 'push', x => compatCodes(x).join() === 'AVRO-400');
      await status.wait(uri, x => x.state === 'breaking');
    } finally {
      await client.stop();
    }
  });

  test('the open schemas of a repository share one snapshot of HEAD (one git cat-file for all of them)', async () => {
    const names = ['a', 'b', 'c'];
    const ws = repo(Object.fromEntries(names.map(n => [`events/${n}.avsc`, METERING.replace('MeteringEvent', `Event${n.toUpperCase()}`)])));
    const spy = gitSpy();
    const { client, status } = await startOn(ws, { mode: 'pull', process: true, env: { PATH: `${spy.dir}:${process.env.PATH}` } });
    try {
      for (const n of names) await client.open(ws.uri(`events/${n}.avsc`), METERING.replace('MeteringEvent', `Event${n.toUpperCase()}`).replace(AGENT_LINE, AGENT_LINE + REGION_LINE));
      for (const n of names) await status.wait(ws.uri(`events/${n}.avsc`), x => x.state === 'breaking');
      const calls = spy.calls();
      assert.equal(calls.filter(c => c.includes('cat-file --batch')).length, 1, calls.join('\n'));
      assert.equal(calls.filter(c => c.includes('ls-tree')).length, 1, calls.join('\n'));
      assert.ok(calls.length <= 5, `${calls.length} git processes for three schemas:\n${calls.join('\n')}`);
    } finally {
      await client.stop();
      spy.cleanup();
    }
  });

  test('not a repository, a new file, an unsaved document: the status says so, no diagnostic, no error', async () => {
    const plain = repo({ 'metering.avsc': METERING }, { commit: false });
    const { client, status } = await startOn(plain, { mode: 'pull' });
    try {
      const uri = plain.uri('metering.avsc');
      await client.open(uri, METERING.replace(AGENT_LINE, AGENT_LINE + REGION_LINE));
      const s = await status.wait(uri, x => x.state === 'unavailable');
      assert.equal(s.message, 'BACKWARD vs HEAD: unavailable. metering.avsc is not inside a git repository, so there is no git baseline. Use a file: or registry baseline, or run git init.');
      assert.deepEqual(compatCodes(await diagnosticsOf(client, uri, 'pull')), []);

      const untitled = 'untitled:Untitled-1';
      await client.open(untitled, METERING);
      assert.equal((await status.wait(untitled, x => x.state === 'unavailable')).message, 'Compatibility is checked for files on disk: save the schema first.');
      assert.deepEqual(client.errorLogs(), []);
    } finally {
      await client.stop();
    }
    const ws = repo({ 'metering.avsc': METERING });
    ws.write('events/new-event.avsc', METERING.replace('MeteringEvent', 'NewEvent'));
    const second = await startOn(ws, { mode: 'push', settings: { diagnostics: { debounceMs: 10 } } });
    try {
      const uri = ws.uri('events/new-event.avsc');
      await second.client.open(uri, METERING.replace('MeteringEvent', 'NewEvent').replace(AGENT_LINE, AGENT_LINE + REGION_LINE));
      const s = await second.status.wait(uri, x => x.state === 'new');
      assert.equal(s.message, 'BACKWARD vs HEAD: new file. events/new-event.avsc is new since HEAD: there is no earlier version to check compatibility against.');
      assert.deepEqual(compatCodes(await diagnosticsOf(second.client, uri, 'push')), []);
      assert.deepEqual(second.client.errorLogs(), []);
    } finally {
      await second.client.stop();
    }
  });

  test('no git on PATH, a detached HEAD, a shallow clone without the ref: clear messages, never a crash', async () => {
    const ws = repo({ 'metering.avsc': METERING });
    const edited = METERING.replace(AGENT_LINE, AGENT_LINE + REGION_LINE);
    // No git at all: PATH holds only a folder without it (node itself is started by its full path).
    const noGit = await startOn(ws, { mode: 'pull', process: true, env: { PATH: ws.path('.git') } });
    try {
      const uri = ws.uri('metering.avsc');
      await noGit.client.open(uri, edited);
      const s = await noGit.status.wait(uri, x => x.state === 'unavailable');
      assert.equal(s.message, 'BACKWARD vs HEAD: unavailable. git is not installed or not on PATH: compatibility against git baselines is unavailable. Install git, or use a file: or registry baseline.');
      assert.deepEqual(compatCodes(await diagnosticsOf(noGit.client, uri, 'pull')), []);
      assert.deepEqual(noGit.client.errorLogs(), []);
    } finally {
      await noGit.client.stop();
    }

    // A detached HEAD is a HEAD like any other; a commit on it moves it.
    git(ws.root, '-c', 'advice.detachedHead=false', 'checkout', '-q', '--detach');
    const detached = await startOn(ws, { mode: 'push', settings: { diagnostics: { debounceMs: 10 } } });
    try {
      const uri = ws.uri('metering.avsc');
      await detached.client.open(uri, edited);
      await detached.status.wait(uri, x => x.state === 'breaking');
      commit(ws, 'metering.avsc', edited, 'region, on a detached HEAD');
      await detached.status.wait(uri, x => x.state === 'compatible');
    } finally {
      await detached.client.stop();
    }

    // A shallow clone (as CI makes them) that lacks the branch the baseline names.
    const clone = repo({}, { commit: false });
    git(clone.root, 'clone', '-q', '--depth=1', `file://${ws.root}`, 'shallow');
    const shallow = await startOn({ ...clone, root: clone.path('shallow') }, { mode: 'pull', settings: { compatibility: { baseline: 'git:origin/release-1' } } });
    try {
      const uri = clone.uri('shallow/metering.avsc');
      await shallow.client.open(uri, edited);
      const s = await shallow.status.wait(uri, x => x.state === 'unavailable');
      // GitBaseline's message (it goes on to say how to fetch the ref).
      assert.match(s.message, /^BACKWARD vs origin\/release-1: unavailable\. "origin\/release-1" is not available in this shallow clone\. In CI, fetch it /);
      assert.deepEqual(shallow.client.errorLogs(), []);
    } finally {
      await shallow.client.stop();
    }
  });

  test('settings: level NONE and enabled=false turn the checks off; a file: baseline', async () => {
    const ws = repo({ 'metering.avsc': METERING, 'old/metering.avsc': METERING.replace('"CALLS", ', '') });
    let settings: Record<string, unknown> = { compatibility: { level: 'NONE' } };
    const { client, status } = await startOn(ws, { mode: 'pull', settings: () => settings });
    try {
      const uri = ws.uri('metering.avsc');
      await client.open(uri, METERING.replace(AGENT_LINE, AGENT_LINE + REGION_LINE));
      assert.equal((await status.wait(uri, x => x.state === 'off')).message, 'Compatibility level NONE (setting avro.compatibility.level): no check.');
      settings = { compatibility: { enabled: false } };
      await client.setSettings(() => settings);
      assert.equal((await status.wait(uri, x => x.message.includes('enabled'))).state, 'off');
      assert.deepEqual(compatCodes(await diagnosticsOf(client, uri, 'pull')), []);
      // FORWARD against another file: the old version lacks CALLS; new data with CALLS is unreadable to it... and region is new.
      settings = { compatibility: { level: 'FULL', baseline: 'file:old/metering.avsc' } };
      await client.setSettings(() => settings);
      const ds = await diagnosticsOf(client, uri, 'pull', x => compatCodes(x).length === 2);
      assert.deepEqual(compatCodes(ds), ['AVRO-400', 'AVRO-404']);
      const s = await status.wait(uri, x => x.state === 'breaking');
      assert.equal(s.message, 'FULL vs metering.avsc: 2 breaking changes');
      assert.equal(s.baseline, 'file:old/metering.avsc');
      assert.ok(byCode(ds, 'AVRO-404').relatedInformation![0].location.uri.startsWith('file://'), 'a file baseline is opened as the file itself');
    } finally {
      await client.stop();
    }
  });

  test('BaselineContentRequest: the HEAD text of a file, by version label; unknown versions and files say why', async () => {
    const ws = repo({ 'metering.avsc': METERING });
    const { client } = await startOn(ws, { mode: 'pull' });
    try {
      const uri = ws.uri('metering.avsc');
      await client.open(uri, METERING.replace(AGENT_LINE, AGENT_LINE + REGION_LINE));
      const head = await client.request<BaselineContentResult>('avro/baselineContent', { uri });
      assert.deepEqual(head, { text: METERING, label: 'HEAD', baseline: 'git:HEAD' });
      const byLabel = await client.request<BaselineContentResult>('avro/baselineContent', { uri, version: 'HEAD' });
      assert.equal(byLabel.text, METERING);
      const unknown = await client.request<BaselineContentResult>('avro/baselineContent', { uri, version: 'v9' });
      assert.deepEqual(unknown, { baseline: 'git:HEAD', message: 'git:HEAD has no version "v9" of this file (versions: HEAD).' });
      const elsewhere = await client.request<BaselineContentResult>('avro/baselineContent', { uri: ws.uri('nothing-here.avsc') });
      assert.equal(elsewhere.text, undefined);
      assert.ok(elsewhere.message);
    } finally {
      await client.stop();
    }
  });

  test('the report of a breaking change: Markdown with the level, baseline, versions, findings and links', async () => {
    const ws = repo({ 'metering.avsc': METERING });
    const { client } = await startOn(ws, { mode: 'pull' });
    try {
      const uri = ws.uri('metering.avsc');
      await client.open(uri, METERING.replace(AGENT_LINE, AGENT_LINE + REGION_LINE));
      const report = await client.request<CompatibilityReport>('avro/checkCompatibility', { uri, refresh: true });
      assert.equal(report.state, 'breaking');
      assert.deepEqual([report.level, report.baseline], ['BACKWARD', 'git:HEAD']);
      assert.deepEqual(report.versions.map(v => v.label), ['HEAD']);
      assert.equal(report.findings.length, 1);
      assert.deepEqual(report.findings[0].range, { start: { line: 7, character: 13 }, end: { line: 7, character: 21 } });
      const md = report.markdown;
      for (const part of [
        '# Compatibility of metering.avsc',
        '**BACKWARD** against **HEAD** (`git:HEAD`): **1 breaking change**',
        '- Level from the setting avro.compatibility.level; baseline from the setting avro.compatibility.baseline.',
        '## Versions (newest first)',
        `| HEAD | commit ${git(ws.root, 'rev-parse', '--short=7', 'HEAD').trim()}, metering.avsc | 1 incompatibility |`,
        '## Breaking changes',
        '### 1. AVRO-400: new readers cannot read old data (vs HEAD)',
        `[metering.avsc, line 8, column 14](${uri}#L8,14) · \`READER_FIELD_MISSING_DEFAULT_VALUE\` at \`/fields/2\``,
      ]) assert.ok(md.includes(part), `the report has "${part}":\n${md}`);
    } finally {
      await client.stop();
    }
  });
});
