// The LSP features beyond diagnostics: each declares its capabilities and registers its handlers; one line per feature below.
import type { InitializeParams, ServerCapabilities } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { codeActionsFeature } from './codeActions';

export interface Feature {
  /** A name for logs. */
  name: string;
  /** Capabilities added to the initialize result (merged shallowly into ServerCapabilities). */
  capabilities?(params: InitializeParams): Partial<ServerCapabilities>;
  /** Register request and notification handlers (called once, before the connection listens). */
  register(ctx: ServerContext): void;
}

/** Every feature, in registration order. Add a feature by adding its file and one line here. */
export const FEATURES: readonly Feature[] = [
  codeActionsFeature,
];
