// Fixed: `size` is a non-negative JSON integer that fits an int (Java: sizeNode.isInt()).
import { Codes } from '../../codes';
import { shortText, spanOf } from '../../util/spans';
import type { RuleContext } from '../validate';

const MAX_SIZE = 2147483647;

/** `data` of AVRO-207: the size as written, and an integer to use instead when one is obvious. */
export interface FixedSizeData {
  written: string;
  suggestion?: number;
}

export function checkFixed(ctx: RuleContext): void {
  const text = ctx.doc.text;
  for (const type of ctx.doc.namedTypes) {
    if (type.kind !== 'fixed' || type.size !== undefined) continue;
    const value = type.sizeProperty?.value;
    if (!value) continue; // missing: reported by the model
    const written = shortText(value, text);
    let message: string;
    let suggestion: number | undefined;
    if (value.kind === 'number') {
      const n = value.value;
      if (n < 0) {
        message = `The size of fixed "${type.fullname}" is ${written}: a size is a number of bytes and cannot be negative.`;
      } else if (!value.isIntegerLiteral) {
        if (Number.isInteger(n) && n <= MAX_SIZE) suggestion = n;
        message = `The size of fixed "${type.fullname}" must be a JSON integer, not ${written} (Java requires an int: "Invalid or no size").${suggestion !== undefined ? ` Write ${suggestion}.` : ''}`;
      } else {
        message = `The size of fixed "${type.fullname}" is ${written}, more than the largest size Java accepts (${MAX_SIZE} bytes). Use "bytes" for large values.`;
      }
    } else {
      if (value.kind === 'string' && /^\s*\d+\s*$/.test(value.value) && Number(value.value) <= MAX_SIZE) suggestion = Number(value.value);
      message = `The size of fixed "${type.fullname}" must be a number of bytes, e.g. 16, not ${written}${value.kind === 'string' ? ' (a string)' : ''}.${suggestion !== undefined ? ` Write ${suggestion} without quotes.` : ''}`;
    }
    const data: FixedSizeData = { written: text.substr(value.offset, value.length), suggestion };
    ctx.report({ code: Codes.InvalidFixedSize, ...spanOf(value), message, data });
  }
}
