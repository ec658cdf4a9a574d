// The schema text inside a Schema Registry request body ({"schema": "<escaped JSON>"}), read leniently.
import type { JsonProperty } from '../parser/json';

/**
 * The unescaped value of the "schema" property as written: escapes resolved, and raw line breaks
 * and tabs inside the string (a payload edited by hand, not valid JSON) kept as they are.
 * Undefined when the string is not closed or its escapes are invalid.
 */
export function payloadSchemaText(text: string, schemaProperty: JsonProperty): string | undefined {
  const value = schemaProperty.value;
  if (!value || value.kind !== 'string') return undefined;
  const start = value.offset;
  if (text.charCodeAt(start) !== 34) return undefined;
  let raw = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      raw += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') {
      try {
        return JSON.parse('"' + raw.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t') + '"') as string;
      } catch {
        return undefined;
      }
    }
    raw += c;
  }
  return undefined;
}
