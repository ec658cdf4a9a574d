// A protocol or a Schema Registry payload saved as .avsc: one diagnostic, instead of a syntax or structure error per line.
//
// The builder recognises them (model/builder.ts envelopeOf) and reads no schema from them, so no
// named type of theirs is indexed: avro-maven-plugin compiles .avpr files with its protocol goal,
// apart from the .avsc files, and a payload's schema is a string, not JSON. Their syntax errors are
// not reported either (a payload pasted with raw line breaks in its string is not valid JSON): the
// one diagnostic says what the file is and how to make it a schema.
import { Codes } from '../../codes';
import type { Envelope } from '../../model/types';
import { payloadSchemaText } from '../../util/envelope';
import { spanOf } from '../../util/spans';
import type { RuleContext } from '../validate';

/** `data` of AVRO-108: whether the schema inside can replace the file (it is JSON). */
export interface RegistryPayloadData {
  fixable: boolean;
}

export function checkEnvelope(ctx: RuleContext, envelope: Envelope): void {
  if (envelope.kind === 'protocol') {
    const name = envelope.protocolProperty.value?.kind === 'string' ? envelope.protocolProperty.value.value : '';
    ctx.report({
      code: Codes.ProtocolNotSchema,
      ...spanOf(envelope.protocolProperty.key),
      message: `This file holds the Avro protocol "${name}" ("protocol", "types", "messages"), not a schema: Java's Schema.Parser ("No type"), avro-maven-plugin's schema goal, Schema Registry, avsc and Python reject it as a schema. Rename it to .avpr (avro-maven-plugin's protocol goal and avro-tools compile protocols), or move each type of "types" into an .avsc file of its own.`,
    });
    return;
  }
  const schemaType = envelope.schemaType;
  if (schemaType !== undefined && schemaType.toUpperCase() !== 'AVRO') {
    ctx.report({
      code: Codes.RegistryPayloadNotSchema,
      ...spanOf(envelope.schemaProperty.key),
      message: `This file holds a Schema Registry payload with a ${schemaType} schema ({"schemaType": "${schemaType}", "schema": "..."}), not an Avro schema: move it out of the .avsc files.`,
      data: { fixable: false } satisfies RegistryPayloadData,
    });
    return;
  }
  const inner = payloadSchemaText(ctx.doc.text, envelope.schemaProperty);
  let fixable = false;
  if (inner !== undefined) {
    try {
      JSON.parse(inner);
      fixable = true;
    } catch {
      // Not JSON: no fix, the message says what to do.
    }
  }
  const references = envelope.node.properties.some(p => p.key.value === 'references');
  ctx.report({
    code: Codes.RegistryPayloadNotSchema,
    ...spanOf(envelope.schemaProperty.key),
    message: `This file holds a Schema Registry request body ({"schema": "<the schema as an escaped JSON string>"${references ? ', "references": [...]' : ''}}), not a schema: Java, avsc, Python and every schema tool reject it. ${fixable ? 'Replace the content with the schema it holds (quick fix)' : 'Write the schema itself in the file'}${references ? ', keep the referenced types in .avsc files of their own' : ''}, and build the request body in the script that registers it.`,
    data: { fixable } satisfies RegistryPayloadData,
  });
}
