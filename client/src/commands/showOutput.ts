// Command "Avro: Show Output": reveals the Avro Studio output channel (client and server log).
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';

export function registerShowOutput(output: vscode.OutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.showOutput, () => output.show(true));
}
