// Helpers for the in-extension-host tests: open workspace files, wait for diagnostics (event-driven, with a deadline).
const vscode = require('vscode');

const EXTENSION_ID = 'avro-studio.avro-studio';

function workspaceUri(relativePath) {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, ...relativePath.split('/'));
}

async function open(relativePath) {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** The code of a diagnostic ('AVRO-220'), whether the server sent a plain code or one with a link. */
function codeOf(diagnostic) {
  const c = diagnostic.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

function codesOf(uri) {
  return vscode.languages.getDiagnostics(uri).map(codeOf).sort();
}

/**
 * Resolve with the diagnostics of `uri` once `predicate(diagnostics)` holds: checked now and on every
 * onDidChangeDiagnostics event for the uri. Rejects after `timeoutMs`, saying what was last seen.
 */
function waitForDiagnostics(uri, predicate, what, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (predicate(diagnostics)) {
        subscription.dispose();
        clearTimeout(timer);
        resolve(diagnostics);
        return true;
      }
      return false;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(e => {
      if (e.uris.some(u => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const seen = vscode.languages.getDiagnostics(uri).map(d => `${codeOf(d)} ${d.message}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; diagnostics now: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    check();
  });
}

/** Diagnostics with exactly these codes (sorted comparison). */
function hasExactly(codes) {
  const wanted = [...codes].sort().join(',');
  return diagnostics => diagnostics.map(codeOf).sort().join(',') === wanted;
}

function hasCode(code) {
  return diagnostics => diagnostics.some(d => codeOf(d) === code);
}

function lacksCode(code) {
  return diagnostics => !diagnostics.some(d => codeOf(d) === code);
}

async function activeExtension() {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  await extension.activate();
  return extension;
}

module.exports = { EXTENSION_ID, workspaceUri, open, codeOf, codesOf, waitForDiagnostics, hasExactly, hasCode, lacksCode, activeExtension };
