// The AVRO-500 diagnostic of a file too large to analyse: says how large, what the limit is and how to raise it.
import { CODE_INFO, Codes } from '../service/codes';
import type { AvroSettings } from '../service/settings';
import type { AvroDiagnostic } from '../service/languageService';

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/**
 * One diagnostic at the start of the file (undefined when the user turned AVRO-500 off).
 * `howToRaise` names the setting or flag that changes the limit.
 */
export function oversizeDiagnostic(size: number, limit: number, settings: AvroSettings, howToRaise: string): AvroDiagnostic | undefined {
  const setting = settings.severity[Codes.FileTooLarge];
  if (setting === 'off') return undefined;
  return {
    code: Codes.FileTooLarge,
    severity: setting ?? CODE_INFO[Codes.FileTooLarge].severity,
    offset: 0,
    length: 0,
    message: `This file is ${formatSize(size)}, over the ${formatSize(limit)} limit for analysis: it is not validated and its named types are not available to other files. Split it into smaller schemas, or raise ${howToRaise}.`,
    data: { size, limit },
  };
}
