// The `avro-studio registry` tests' world: the built CLI as a child process, the fake registry in this process, project copies in temp dirs, a private CA, normalized outputs.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSeed, type SeedFile } from '../registry/fakeSeed';
import { startFakeRegistry, type FakeRegistry, type FakeRegistryOptions } from '../registry/fakeRegistry';
import { FakeRegistryState } from '../registry/fakeStore';
import { DIST, fixture } from '../helpers/paths';

export const CLI = path.resolve(process.env.AVRO_STUDIO_CLI ?? path.join(DIST, 'cli.js'));
export const REGISTRY_FIXTURES = fixture('cli-registry');
export const EXPECTED = fixture('cli-registry', 'expected');

/** The credentials the fake registry accepts, and a password that must never appear in an output. */
export const USER = 'ci-bot';
export const PASSWORD = 'Pa55-w0rd-never-printed';
export const TOKEN = 'tok-4f9a2c-never-printed';
export const BASIC_ENV = { AVRO_REGISTRY_USERNAME: USER, AVRO_REGISTRY_PASSWORD: PASSWORD };

export interface CliRun {
  stdout: string;
  stderr: string;
  exit: number;
}

/**
 * The built CLI as a child process. Asynchronous on purpose: the fake registry answers from this
 * process's event loop, which a synchronous spawn would block.
 */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}, input?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: os.tmpdir(), LANG: 'C', NO_COLOR: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', code => resolve({ stdout, stderr, exit: code ?? -1 }));
    child.stdin.end(input ?? '');
  });
}

export function readSeed(name: string): SeedFile {
  return JSON.parse(fs.readFileSync(path.join(REGISTRY_FIXTURES, 'seeds', `${name}.json`), 'utf8')) as SeedFile;
}

/** A fake registry with the seed's history (registered without compatibility checks, as an import). */
export async function startRegistry(seed: SeedFile | undefined, options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const state = new FakeRegistryState();
  if (seed) loadSeed(state, seed);
  return startFakeRegistry({ auth: { basic: { username: USER, password: PASSWORD } }, ...options, state });
}

export class Sandbox {
  readonly root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-registry-')));

  /** A copy of test/fixtures/cli-registry/<template> whose avro-studio.json points at `url` (and `edit` changes it). */
  project(name: string, template: string, url: string, edit?: (config: Record<string, unknown>) => void): string {
    const dir = path.join(this.root, name);
    fs.cpSync(path.join(REGISTRY_FIXTURES, template), dir, { recursive: true });
    const file = path.join(dir, 'avro-studio.json');
    let text = fs.readFileSync(file, 'utf8').replace('REGISTRY_URL', url);
    if (edit) {
      const config = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
      edit(config);
      text = JSON.stringify(config, null, 2) + '\n';
    }
    fs.writeFileSync(file, text);
    return dir;
  }

  dir(name: string): string {
    const d = path.join(this.root, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Ports, temp paths and the version become placeholders, so outputs can be compared with goldens. */
export function normalize(text: string, sandbox: Sandbox, registries: readonly FakeRegistry[], packageVersion: string): string {
  let out = text.split(sandbox.root).join('<tmp>');
  for (const r of registries) out = out.split(r.url).join('<registry>').split(String(r.port)).join('<port>');
  return out.split(packageVersion).join('<version>');
}

export interface Certificates {
  dir: string;
  /** PEM text. */
  caCert: string;
  serverCert: string;
  serverKey: string;
  caFile: string;
}

/** A private CA and a certificate it signs for 127.0.0.1 (openssl; EC keys, ten years). */
export function makeCertificates(dir: string): Certificates {
  fs.mkdirSync(dir, { recursive: true });
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=Avro Studio Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '3650', '-extfile', 'server.ext');
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return { dir, caCert: read('ca.pem'), serverCert: read('server.pem'), serverKey: read('server.key'), caFile: path.join(dir, 'ca.pem') };
}

/** The request log as lines "METHOD /path -> status" (registrations and lookups are what the push tests look at). */
export function requestLines(registry: FakeRegistry, from = 0): string[] {
  return registry.requests.slice(from).map(r => `${r.method} ${r.path}${Object.keys(r.query).length ? '?' + new URLSearchParams(r.query).toString() : ''} -> ${r.status ?? r.fault ?? '?'}`);
}
