// The language server with a test host: the same startServer and node I/O as node/main.ts, plus what only tests want, read from this process's environment (never by the product).
//
// AVRO_STUDIO_TEST_FAULTS=<marker>      validating a document whose URI contains the marker throws
// AVRO_STUDIO_TEST_REGISTRY_RETRY_MS=n  the first retry delay while a registry is unreachable
// AVRO_STUDIO_TEST_REGISTRY_REFRESH_MS=n how long versions and levels are served from memory
// Start it with LspTestClient.start({ serverPath: TEST_SERVER, env: {...} }) (compiled to out/test/helpers/testServer.js).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/server';
import type { RuntimeEnvironment } from '../../server/src/lsp/runtime';
import { formatError } from '../../server/src/lsp/guard';
import { paramsValidation } from '../../server/src/lsp/requestParams';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { createRegistryClient } from '../../server/src/registry/client';
import { packageInfo } from '../../server/src/node/packageInfo';

function ms(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

function main(): void {
  const connection = createConnection(ProposedFeatures.all, { messageStrategy: paramsValidation() });
  process.on('uncaughtException', err => connection.console.error(formatError('Avro Studio: uncaught exception', err)));
  process.on('unhandledRejection', err => connection.console.error(formatError('Avro Studio: unhandled rejection', err)));
  const runtime: RuntimeEnvironment = {
    timer: {
      setTimeout(callback, delay) {
        const handle = setTimeout(callback, delay);
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
    registry: { createClient: createRegistryClient, retryBaseMs: ms('AVRO_STUDIO_TEST_REGISTRY_RETRY_MS'), refreshMs: ms('AVRO_STUDIO_TEST_REGISTRY_REFRESH_MS') },
    env: process.env,
  };
  const faults = process.env.AVRO_STUDIO_TEST_FAULTS;
  if (faults) {
    runtime.beforeValidate = uri => {
      if (uri.includes(faults)) throw new Error(`injected fault for ${uri}`);
    };
  }
  startServer(connection, runtime, packageInfo().version);
}

if (require.main === module) main();
