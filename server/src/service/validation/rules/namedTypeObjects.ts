// A named type referenced in object form, {"type": "com.acme.Money"}: accepted by Java 1.9 to 1.12 only.
//
// Java 1.9-1.11 ("For unions with self reference") and 1.12 (ParseContext.find) look the value of
// "type" up as a name when it is no type keyword; Java 1.8 and Avro's current main ("A schema
// \"type\" MUST be a primitive type or one of ...") reject it, and so do Python ("Undefined type")
// and avsc ("unknown type"). A name that resolves nowhere is AVRO-203 (references rule).
import { Codes } from '../../codes';
import { spanOf } from '../../util/spans';
import type { RuleContext } from '../validate';

/** `data` of AVRO-223: the name as written and the object to replace with it. */
export interface NamedTypeInObjectData {
  name: string;
  object: { offset: number; length: number };
}

export function checkNamedTypeObjects(ctx: RuleContext): void {
  const { doc, index } = ctx;
  for (const ref of doc.references) {
    if (ref.node.kind !== 'object' || !index.resolve(ref, doc)) continue;
    const data: NamedTypeInObjectData = { name: ref.name, object: spanOf(ref.node) };
    const others = ref.node.properties.length > 1 ? ' (its other attributes are ignored there too)' : '';
    ctx.report({
      code: Codes.NamedTypeInObject,
      ...spanOf(ref.node),
      message: `{"type": "${ref.name}"} names a defined type in object form: only Java 1.9 to 1.12 accept it${others}; Java 1.8 ("Type not supported"), Avro's next releases, Python ("Undefined type") and avsc ("unknown type") reject the schema. Write the name as a string: "${ref.name}".`,
      data,
    });
  }
}
