// The settings the service reads (pulled per document by the server, from flags by the CLI).
import type { DiagnosticCode, SeveritySetting } from './codes';
import type { PolicySettings } from './policy/types';

export type SpecVersion = '1.11' | '1.12';

export interface AvroSettings {
  /** The Avro specification the team targets: changes the rules that differ between versions. */
  specVersion: SpecVersion;
  /** Per-code severity overrides ('off' hides the diagnostic). */
  severity: Partial<Record<DiagnosticCode, SeveritySetting>>;
  /** The team's policy for this file (avro-studio.json "policy", resolved for the file by the project layer); none: no policy rule runs. */
  policy?: PolicySettings;
}

export const DEFAULT_SETTINGS: AvroSettings = {
  specVersion: '1.11',
  severity: {},
};

/** Merge a partial, untrusted settings object (from a client or a config file) onto the defaults. */
export function normalizeSettings(raw: unknown): AvroSettings {
  const result: AvroSettings = { specVersion: DEFAULT_SETTINGS.specVersion, severity: {} };
  if (!raw || typeof raw !== 'object') return result;
  const r = raw as Record<string, unknown>;
  if (r.specVersion === '1.11' || r.specVersion === '1.12') result.specVersion = r.specVersion;
  const sev = r.severity;
  if (sev && typeof sev === 'object') {
    for (const [code, value] of Object.entries(sev as Record<string, unknown>)) {
      if (/^AVRO-\d{3}$/.test(code) && (value === 'error' || value === 'warning' || value === 'info' || value === 'hint' || value === 'off')) {
        result.severity[code as DiagnosticCode] = value;
      }
    }
  }
  return result;
}
