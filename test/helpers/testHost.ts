// Where the language server with a test host is (test/helpers/testServer.ts, compiled next to this file): for tests that inject faults or shorten the registry's timings.
import * as path from 'node:path';

export const TEST_SERVER = path.join(__dirname, 'testServer.js');
