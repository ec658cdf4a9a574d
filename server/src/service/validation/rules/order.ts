// Field order: "ascending", "descending" or "ignore".
//
// Decision: Java upper-cases the value before Field.Order.valueOf, so "ASCENDING" or "Descending"
// work in Java, but avsc ("invalid order"), Python and the specification accept only the lower-case
// words. A different case is reported as a warning (it works where Schema Registry runs, not in
// other clients); anything else is an error (Java fails with IllegalArgumentException, or a
// NullPointerException for a non-string).
import { Codes } from '../../codes';
import { didYouMean, suggest } from '../../util/suggest';
import { shortText, spanOf, stringContent } from '../../util/spans';
import type { RuleContext } from '../validate';

const ORDERS = ['ascending', 'descending', 'ignore'];

/** `data` of AVRO-208: the value to write instead, when one is clear. */
export interface OrderData {
  written: string;
  suggestion?: string;
}

export function checkOrder(ctx: RuleContext): void {
  const text = ctx.doc.text;
  for (const field of ctx.doc.fields) {
    const prop = field.orderProperty;
    if (!prop || !prop.value || field.order !== undefined) continue;
    const value = prop.value;
    const name = field.name ? `"${field.name}"` : 'this field';
    if (value.kind === 'string') {
      const lower = value.value.toLowerCase();
      if (ORDERS.includes(lower)) {
        const data: OrderData = { written: value.value, suggestion: lower };
        ctx.report({
          code: Codes.InvalidOrder,
          ...stringContent(value, text),
          severity: 'warning',
          message: `Write the order of ${name} in lower case, "${lower}": Java accepts "${value.value}", but the specification, avsc and Python accept only "ascending", "descending" or "ignore".`,
          data,
        });
        continue;
      }
      const suggestions = suggest(value.value, ORDERS, { prefixMinLength: 3 }).map(s => s.value);
      const data: OrderData = { written: value.value, suggestion: suggestions[0] };
      ctx.report({
        code: Codes.InvalidOrder,
        ...stringContent(value, text),
        message: `Invalid order "${value.value}" for ${name}: ${suggestions.length ? didYouMean(suggestions) + ' The' : 'the'} order is "ascending" (the default), "descending" or "ignore".`,
        data,
      });
      continue;
    }
    const data: OrderData = { written: shortText(value, text) };
    ctx.report({
      code: Codes.InvalidOrder,
      ...spanOf(value),
      message: `The order of ${name} must be the string "ascending", "descending" or "ignore", not ${shortText(value, text)}.`,
      data,
    });
  }
}
