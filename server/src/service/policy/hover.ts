// The hover of a policy finding: what the team's rule asks, why (its reason), and a link to where avro-studio.json sets it.
import { CODE_INFO, type DiagnosticCode } from '../codes';
import type { PolicyDiagnosticData } from './types';

/** What each rule asks, for the hover (docs/rules.md has the examples). */
const EXPLANATIONS: Partial<Record<DiagnosticCode, string>> = {
  'AVRO-600': 'Every record schema carries the version field (`policy.versionField.name`); its default is the schema\'s version.',
  'AVRO-601': 'The version field is of the kind the team chose: `semver` (a `"string"` field with a default like `"1.2.0"`) or `integer` (an `"int"` or `"long"` field).',
  'AVRO-602': 'A schema that differs from its baseline (git, registry or folder, as for compatibility) has a greater version. Unchanged schemas need no bump.',
  'AVRO-603': 'With semver, the bump matches the change: MAJOR when a breaking rule fires (or Avro rejects the change), MINOR for compatible additions, PATCH when only `doc` changed.',
  'AVRO-610': 'A frozen schema may change only in `doc`; anything else needs the team\'s migration plan (and usually a new schema, such as a V2).',
  'AVRO-620': 'Removing a field, even an optional one, breaks consumers that still use it, though Avro resolution skips it.',
  'AVRO-621': 'Renaming a field (with an alias, Avro still matches it) breaks consumers and code generated from the schema.',
  'AVRO-622': 'Changing a field\'s type (promotions like int to long included) breaks consumers and generated code. Widening to a union that keeps the old type is allowed.',
  'AVRO-623': 'Removing an enum symbol breaks writers and readers that still use it.',
  'AVRO-624': 'Enum symbols keep their places; new symbols go at the end.',
  'AVRO-625': 'Aliases are how readers find earlier names: removing one loses data written with that name.',
  'AVRO-626': 'The name of a schema is part of its contract (subjects, generated classes).',
  'AVRO-627': 'The namespace of a schema is part of its contract (subjects, generated packages).',
  'AVRO-628': 'A new field without a default cannot be read from old data and forces every producer to change.',
  'AVRO-630': 'Schema files live only under the folders the team allows (one source of truth).',
  'AVRO-640': 'Names of records, enums and fixed types follow the team\'s style; rename with an alias so old data still resolves.',
  'AVRO-641': 'Field names follow the team\'s style; rename with an alias so old data still resolves.',
  'AVRO-642': 'Enum symbols follow the team\'s style (symbols have no aliases: renaming one is a breaking change).',
  'AVRO-643': 'Namespaces follow the team\'s style and start with its prefix.',
  'AVRO-650': 'Every named type has a `doc`.',
  'AVRO-651': 'Every field has a `doc`.',
  'AVRO-660': 'A field added since the baseline is optional: `["null", T]` with `"default": null`.',
};

export interface PolicyHoverItem {
  code: DiagnosticCode;
  message: string;
  data: unknown;
}

/** Markdown explaining the policy findings under the cursor; undefined when there is none. */
export function policyHoverMarkdown(items: readonly PolicyHoverItem[]): string | undefined {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const policy = (item.data as PolicyDiagnosticData | undefined)?.policy;
    if (!policy || seen.has(item.code)) continue;
    seen.add(item.code);
    const lines = [`**${item.code}** ${CODE_INFO[item.code].title}`, '', EXPLANATIONS[item.code] ?? ''];
    const origin = policy.origin;
    if (origin) lines.push('', `Set by \`${origin.key}\` in [avro-studio.json, line ${origin.line + 1}](${origin.uri}#L${origin.line + 1}). Change its severity with \`"rules": {"${item.code}": "off"}\`.`);
    parts.push(lines.join('\n'));
  }
  return parts.length ? parts.join('\n\n---\n\n') : undefined;
}
