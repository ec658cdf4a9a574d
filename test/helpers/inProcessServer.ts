// The language server inside the test process: startServer over a pair of in-memory streams, with the Node runtime (real timers, the real disk) and the test's overrides.
//
// What node/main.ts does for a transport, minus the process: the same parameter checks
// (paramsValidation), the same startServer; `exit` is reported (0 after shutdown, 1 without)
// instead of ending the process. Nothing here is module state: any number of servers can run in one
// process, each with its own runtime.
import { PassThrough } from 'node:stream';
import { createConnection, ProposedFeatures, type WatchDog } from 'vscode-languageserver';
// The server's side speaks through vscode-languageserver's own copy of the protocol (as node/main.ts does).
import { createProtocolConnection as createServerProtocolConnection, StreamMessageReader as ServerReader, StreamMessageWriter as ServerWriter } from 'vscode-languageserver/node';
import { StreamMessageReader, StreamMessageWriter, type MessageReader, type MessageWriter } from 'vscode-languageserver-protocol/node';
import { startServer } from '../../server/src/server';
import { nodeRuntime } from '../../server/src/node/runtime';
import { packageInfo } from '../../server/src/node/packageInfo';
import { paramsValidation } from '../../server/src/lsp/requestParams';
import type { RegistryRuntime, RuntimeEnvironment } from '../../server/src/lsp/runtime';

/** What a test replaces in the Node runtime; the registry's parts one by one (its timings, or its client). */
export type RuntimeOverrides = Omit<Partial<RuntimeEnvironment>, 'registry'> & { registry?: Partial<RegistryRuntime> };

export interface InProcessServer {
  /** The client's end: what the server writes, and where the client writes. */
  reader: MessageReader;
  writer: MessageWriter;
  /** Resolves with the exit code when the client sends `exit`. */
  exited: Promise<number>;
  /** Ends the streams (to abandon a server that did not exit when told to). */
  dispose(): void;
}

/**
 * Start a server in this process. `runtime` replaces parts of the Node runtime: registry timings,
 * environment variables (none by default: the test's own environment never leaks in), a fault hook.
 */
export function startInProcessServer(runtime: RuntimeOverrides = {}): InProcessServer {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  let exit!: (code: number) => void;
  const exited = new Promise<number>(resolve => (exit = resolve));
  const dispose = (): void => {
    toServer.end();
    toClient.end();
  };
  const watchDog: WatchDog = {
    shutdownReceived: false,
    // The client's process is this one: nothing to watch.
    initialize: () => undefined,
    // A spawned server's process ends here. In process, the connection stays open (work still under
    // way may send a last notification into the stream, unread, instead of throwing on a disposed
    // connection); the client side is disposed by LspTestClient.stop().
    exit: code => exit(code),
  };
  const connection = createConnection(
    logger => createServerProtocolConnection(new ServerReader(toServer), new ServerWriter(toClient), logger, { messageStrategy: paramsValidation() }),
    watchDog,
    ProposedFeatures.all,
  );
  const node = nodeRuntime();
  const registry: RegistryRuntime | undefined = node.registry && { ...node.registry, ...runtime.registry };
  startServer(connection, { ...node, env: {}, ...runtime, registry }, packageInfo().version);
  return { reader: new StreamMessageReader(toClient), writer: new StreamMessageWriter(toServer), exited, dispose };
}
