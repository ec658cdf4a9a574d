// Starting the real language server for benchmarks (through test/helpers/lspClient.ts) and reading its memory from outside.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient, serverPath, type StartOptions } from '../helpers/lspClient';

export interface ServerMemory {
  /** Resident set size now (Linux /proc VmRSS), bytes. */
  rss: number;
  /** Peak resident set size since start (VmHWM), bytes. */
  peakRss: number;
  /** V8 heap in use after two full GCs (from the probe), bytes. */
  heapUsed: number;
  /** V8 heap reserved (heapTotal), bytes. */
  heapTotal: number;
  /** Memory of C++ objects bound to JS (external, array buffers included), bytes. */
  external: number;
}

export interface BenchServer {
  client: LspTestClient;
  /** Node options the server runs with (NODE_OPTIONS). */
  nodeOptions: string;
  memory(): Promise<ServerMemory>;
  stop(): Promise<void>;
}

/** True when the bundled server exists (`node esbuild.mjs` has run). */
export function serverBuilt(): boolean {
  return fs.existsSync(serverPath());
}

function procStatus(pid: number): { rss: number; peakRss: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
  } catch {
    return { rss: NaN, peakRss: NaN };
  }
}

/**
 * Start dist/server.js through the probe wrapper (out/test/bench/serverProbe.js), with extra node
 * options in NODE_OPTIONS (e.g. --max-semi-space-size=64) when given.
 */
export async function startBenchServer(options: StartOptions & { nodeOptions?: string }): Promise<BenchServer> {
  const probeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-bench-probe-')), 'memory.json');
  const nodeOptions = options.nodeOptions ?? '';
  const client = await LspTestClient.start({
    ...options,
    serverPath: path.join(__dirname, 'serverProbe.js'),
    env: { ...options.env, AVRO_BENCH_PROBE: probeFile, NODE_OPTIONS: nodeOptions },
  });
  const pid = client.process!.pid!;
  return {
    client,
    nodeOptions,
    async memory(): Promise<ServerMemory> {
      fs.rmSync(probeFile, { force: true });
      client.process!.kill('SIGUSR2');
      const deadline = Date.now() + 10_000;
      while (!fs.existsSync(probeFile) && Date.now() < deadline) await new Promise(r => setTimeout(r, 20));
      // The file may be seen before it is completely written.
      let probe: NodeJS.MemoryUsage | undefined;
      for (let attempt = 0; attempt < 50 && !probe; attempt++) {
        try {
          probe = JSON.parse(fs.readFileSync(probeFile, 'utf8')) as NodeJS.MemoryUsage;
        } catch {
          await new Promise(r => setTimeout(r, 20));
        }
      }
      const proc = procStatus(pid);
      return {
        rss: proc.rss,
        peakRss: proc.peakRss,
        heapUsed: probe?.heapUsed ?? NaN,
        heapTotal: probe?.heapTotal ?? NaN,
        external: probe?.external ?? NaN,
      };
    },
    async stop(): Promise<void> {
      await client.stop();
      fs.rmSync(path.dirname(probeFile), { recursive: true, force: true });
    },
  };
}
