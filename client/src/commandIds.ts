// The command identifiers Avro Studio contributes (package.json `contributes.commands` lists the same).
//
// No `vscode` import here, so unit tests can compare this list with package.json.

export const CommandIds = {
  showOutput: 'avro.showOutput',
  restartServer: 'avro.restartServer',
  reindexWorkspace: 'avro.reindexWorkspace',
  copyCanonicalForm: 'avro.copyCanonicalForm',
  copyFingerprint: 'avro.copyFingerprint',
  checkCompatibility: 'avro.checkCompatibility',
  compareWithBaseline: 'avro.compareWithBaseline',
  refreshBaselines: 'avro.refreshBaselines',
} as const;
