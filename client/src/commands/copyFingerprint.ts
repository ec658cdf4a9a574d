// Command "Avro: Copy Fingerprint": a fingerprint of the schema's Parsing Canonical Form (picked from CRC-64-AVRO, MD5, SHA-256) to the clipboard.
//
// With an argument `{ algorithm: "CRC-64-AVRO" | "CRC-64-AVRO-LONG" | "MD5" | "SHA-256" }` (a
// keybinding's args, or a test) the pick is skipped. Returns the copied value.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CanonicalFormResult } from '../../../server/src/protocol';
import { CommandIds } from '../commandIds';
import { requestCanonicalForm } from './copyCanonicalForm';

type Fingerprints = NonNullable<CanonicalFormResult['fingerprints']>;

interface Algorithm {
  id: string;
  label: string;
  detail: string;
  value(f: Fingerprints): string;
}

const ALGORITHMS: readonly Algorithm[] = [
  { id: 'CRC-64-AVRO', label: 'CRC-64-AVRO', detail: 'As avro-tools fingerprint prints it, and as the single-object encoding header holds it (little-endian hex)', value: f => f.crc64 },
  { id: 'CRC-64-AVRO-LONG', label: 'CRC-64-AVRO as a long', detail: 'As Java\'s SchemaNormalization.parsingFingerprint64 returns it (signed, decimal)', value: f => f.crc64Long },
  { id: 'MD5', label: 'MD5', detail: 'Of the canonical form\'s UTF-8 bytes (hex)', value: f => f.md5 },
  { id: 'SHA-256', label: 'SHA-256', detail: 'Of the canonical form\'s UTF-8 bytes (hex)', value: f => f.sha256 },
];

export function registerCopyFingerprint(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.copyFingerprint, async (arg?: { algorithm?: string } | vscode.Uri): Promise<string | undefined> => {
    const uri = arg instanceof vscode.Uri ? arg : undefined;
    const wanted = arg && !(arg instanceof vscode.Uri) ? arg.algorithm : undefined;
    const result = await requestCanonicalForm(client, output, uri);
    const fingerprints = result?.fingerprints;
    if (!result || !fingerprints) return undefined;
    let algorithm = wanted !== undefined ? ALGORITHMS.find(a => a.id.toLowerCase() === wanted.toLowerCase()) : undefined;
    if (wanted !== undefined && !algorithm) {
      void vscode.window.showErrorMessage(`Avro: unknown fingerprint algorithm "${wanted}": use one of ${ALGORITHMS.map(a => a.id).join(', ')}.`);
      return undefined;
    }
    if (!algorithm) {
      const picked = await vscode.window.showQuickPick(
        ALGORITHMS.map(a => ({ label: a.label, description: a.value(fingerprints), detail: a.detail, algorithm: a })),
        { title: `Copy a fingerprint of ${result.subject}`, placeHolder: 'Fingerprint of the Parsing Canonical Form', matchOnDescription: true },
      );
      if (!picked) return undefined;
      algorithm = picked.algorithm;
    }
    const value = algorithm.value(fingerprints);
    await vscode.env.clipboard.writeText(value);
    void vscode.window.showInformationMessage(`Avro: copied the ${algorithm.label} fingerprint of ${result.subject}: ${value}`);
    return value;
  });
}
