// The service's diagnostic: offsets into the document text, a stable code, data for code actions.
import type { DiagnosticCode, Severity } from '../codes';

export interface RelatedLocation {
  uri: string;
  offset: number;
  length: number;
  message: string;
}

export interface AvroDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  offset: number;
  length: number;
  message: string;
  /** Other places that explain this one (a first definition, the baseline). */
  related?: RelatedLocation[];
  /** Structured facts for code actions; never parsed out of the message. */
  data?: unknown;
  /** Rendered faded (unused) or struck through (deprecated) by editors. */
  tags?: Array<'unnecessary' | 'deprecated'>;
}
