// The runtime of the server on Node: real timers, the disk, the process environment, the Schema Registry client over HTTP (node/main.ts hands it to startServer; the in-process test harness too).
import type { RuntimeEnvironment } from '../lsp/runtime';
import { createRegistryClient } from '../registry/client';
import { nodeFileSystem } from './nodeFileSystem';

export function nodeRuntime(): RuntimeEnvironment {
  return {
    timer: {
      setTimeout(callback, ms) {
        const handle = setTimeout(callback, ms);
        return { dispose: () => clearTimeout(handle) };
      },
      setImmediate(callback) {
        const handle = setImmediate(callback);
        return { dispose: () => clearImmediate(handle) };
      },
    },
    fs: nodeFileSystem,
    now: () => performance.now(),
    memoryUsage: () => process.memoryUsage().heapUsed,
    registry: { createClient: createRegistryClient },
    env: process.env,
  };
}
