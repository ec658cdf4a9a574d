// Benchmark-only wrapper around dist/server.js: on SIGUSR2 it collects garbage and writes process.memoryUsage() to $AVRO_BENCH_PROBE.
//
// The benchmarks start it in place of the server (LspTestClient's serverPath) to read the server's
// heap from outside without adding anything to the product.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { DIST } from '../helpers/paths';

function collector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const gc = collector();
const probeFile = process.env.AVRO_BENCH_PROBE;
if (probeFile) {
  process.on('SIGUSR2', () => {
    gc();
    gc();
    const heap = v8.getHeapStatistics();
    const newSpace = v8.getHeapSpaceStatistics().find(s => s.space_name === 'new_space');
    fs.writeFileSync(probeFile, JSON.stringify({ ...process.memoryUsage(), heapLimit: heap.heap_size_limit, newSpaceSize: newSpace?.space_size ?? 0 }));
  });
}

// The server bundle runs when loaded (CommonJS); a require keeps this probe in the same process.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(process.env.AVRO_STUDIO_SERVER ?? path.join(DIST, 'server.js'));
