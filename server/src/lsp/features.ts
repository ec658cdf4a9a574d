// The LSP features beyond diagnostics: each declares its capabilities and registers its handlers; one line per feature below.
import { adoptionFeature } from './adoption';
import type { InitializeParams, ServerCapabilities } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { navigationFeature } from './navigation';
import { symbolsFeature } from './symbols';
import { foldingFeature } from './folding';
import { selectionRangesFeature } from './selectionRanges';
import { renameFeature } from './rename';
import { codeActionsFeature } from './codeActions';
import { formattingFeature } from './formatting';
import { canonicalFormFeature } from './canonicalForm';
import { compatibilityFeature } from './compatibility';
import { completionFeature } from './completion';
import { hoverFeature } from './hover';
import { registryFeature } from './registry';

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
  codeActionsFeature, adoptionFeature,
  formattingFeature, canonicalFormFeature,
  completionFeature,
  hoverFeature,
  compatibilityFeature,
  registryFeature,
  navigationFeature, symbolsFeature, foldingFeature, selectionRangesFeature, renameFeature,
];
