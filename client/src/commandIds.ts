// The command identifiers Avro Studio contributes (package.json `contributes.commands` lists the same).
//
// No `vscode` import here, so unit tests can compare this list with package.json.
import { RegistryCommands } from '../../server/src/protocol';

// The registry's "Check Compatibility with Registry" is a different command from "Check Compatibility" (git/file baselines).
const { checkCompatibility: checkRegistryCompatibility, ...registryCommands } = RegistryCommands;

export const CommandIds = {
  showOutput: 'avro.showOutput',
  restartServer: 'avro.restartServer',
  reindexWorkspace: 'avro.reindexWorkspace',
  copyCanonicalForm: 'avro.copyCanonicalForm',
  copyFingerprint: 'avro.copyFingerprint',
  checkCompatibility: 'avro.checkCompatibility',
  compareWithBaseline: 'avro.compareWithBaseline',
  refreshBaselines: 'avro.refreshBaselines',
  ...registryCommands,
  checkRegistryCompatibility,
} as const;
