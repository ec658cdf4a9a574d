// The fake registry as a standalone process (for code-server e2e runs): prints its URL on stdout and runs until killed.
//
//   node out/test/registry/fakeRegistryMain.js [--port N] [--basic user:pass] [--bearer TOKEN]
//        [--seed dir-or-json] [--level FULL] [--tls-cert cert.pem --tls-key key.pem] [--no-mode]
//
// The first stdout line is the URL (e.g. http://127.0.0.1:43121); every later line is one request
// of the log as JSON (method, path, status, auth scheme; never a credential). SIGTERM/SIGINT stop it.
import * as fs from 'node:fs';
import { startFakeRegistry, type FakeRegistryOptions } from './fakeRegistry';
import { FakeRegistryState } from './fakeStore';
import { loadSeed } from './fakeSeed';
import { LEVELS, type FakeLevel } from './fakeCompatibility';

function usage(message: string): never {
  process.stderr.write(`fakeRegistryMain: ${message}\nusage: fakeRegistryMain [--port N] [--basic user:pass] [--bearer TOKEN] [--seed dir-or-json] [--level LEVEL] [--tls-cert F --tls-key F] [--no-mode]\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const options: FakeRegistryOptions = {};
  const state = new FakeRegistryState();
  let tlsCert: string | undefined;
  let tlsKey: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) usage('--port must be 0..65535');
        options.port = port;
        break;
      }
      case '--basic': {
        const v = value();
        const colon = v.indexOf(':');
        if (colon < 0) usage('--basic must be user:pass');
        options.auth = { ...options.auth, basic: { username: v.slice(0, colon), password: v.slice(colon + 1) } };
        break;
      }
      case '--bearer':
        options.auth = { ...options.auth, bearer: value() };
        break;
      case '--seed':
        loadSeed(state, value());
        break;
      case '--level': {
        const level = value().toUpperCase() as FakeLevel;
        if (!LEVELS.includes(level)) usage(`--level must be one of ${LEVELS.join(', ')}`);
        state.globalLevel = level;
        break;
      }
      case '--tls-cert':
        tlsCert = fs.readFileSync(value(), 'utf8');
        break;
      case '--tls-key':
        tlsKey = fs.readFileSync(value(), 'utf8');
        break;
      case '--no-mode':
        options.noMode = true;
        break;
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  if (!!tlsCert !== !!tlsKey) usage('--tls-cert and --tls-key go together');
  if (tlsCert && tlsKey) options.tls = { cert: tlsCert, key: tlsKey };
  options.state = state;
  const registry = await startFakeRegistry(options);
  process.stdout.write(`${registry.url}\n`);
  let logged = 0;
  const flush = setInterval(() => {
    while (logged < registry.requests.length) {
      const r = registry.requests[logged];
      if (r.status === undefined && !r.fault) break;
      process.stdout.write(`${JSON.stringify({ method: r.method, path: r.path, status: r.status, auth: r.auth, authOk: r.authOk, fault: r.fault })}\n`);
      logged++;
    }
  }, 50);
  const stop = (): void => {
    clearInterval(flush);
    void registry.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main(process.argv.slice(2)).catch(e => {
  process.stderr.write(`fakeRegistryMain: ${(e as Error).message}\n`);
  process.exit(1);
});
