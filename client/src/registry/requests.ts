// Requests to the language server for the registry commands: with progress, cancellable, and failures reported once with the log at hand.
import * as vscode from 'vscode';
import type { LanguageClient, RequestType } from 'vscode-languageclient/node';

/** Thrown (and recognised) when the user cancels a request in progress. */
export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof Cancelled || (typeof error === 'object' && error !== null && (error as { code?: number }).code === -32800);
}

/**
 * Send a request with a cancellable progress notification titled `title`. Cancelling sends
 * $/cancelRequest and rejects with Cancelled at once, without waiting for the server's answer.
 */
export function requestWithProgress<P, R>(client: LanguageClient, title: string, type: RequestType<P, R, void>, params: P, location: vscode.ProgressLocation | { viewId: string } = vscode.ProgressLocation.Notification): Promise<R> {
  return Promise.resolve(vscode.window.withProgress({ location, title, cancellable: location === vscode.ProgressLocation.Notification }, (_progress, token) => request(client, type, params, token)));
}

/** Send a request that `token` cancels (then it rejects with Cancelled at once). */
export function request<P, R>(client: LanguageClient, type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R> {
  if (token?.isCancellationRequested) return Promise.reject(new Cancelled());
  // P is the payload as protocol.ts declares it (RequestParam<P> only widens it). Without a token,
  // none is passed (an undefined one would be sent as a second, positional parameter by untyped calls).
  const sent = token ? client.sendRequest(type, params as never, token) : client.sendRequest(type, params as never);
  if (!token) return sent;
  return new Promise<R>((resolve, reject) => {
    const subscription = token.onCancellationRequested(() => {
      subscription.dispose();
      reject(new Cancelled());
    });
    sent.then(
      value => { subscription.dispose(); resolve(value); },
      error => { subscription.dispose(); reject(token.isCancellationRequested ? new Cancelled() : error); },
    );
  });
}

/** Log a failed command and show one error with "Show Output"; cancellations are silent. */
export function reportFailure(output: vscode.LogOutputChannel, what: string, error: unknown): void {
  if (isCancelled(error)) {
    output.info(`${what}: cancelled.`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  output.error(`${what} failed: ${message}`);
  void vscode.window.showErrorMessage(`Avro: ${what} failed: ${message}`, 'Show Output').then(choice => {
    if (choice) output.show(true);
  });
}
