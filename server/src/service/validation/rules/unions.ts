// Unions: not empty, no union directly inside a union, no two branches of the same type or fullname.
import { Codes } from '../../codes';
import type { AvroSchema, UnionSchema } from '../../model/types';
import type { Resolver } from '../../model/schemaIndex';
import { spanOf } from '../../util/spans';
import type { RuleContext } from '../validate';

/** `data` of AVRO-211: what is duplicated and where its first branch is. */
export interface DuplicateBranchData {
  /** A primitive name, "array", "map" or the fullname of a named type. */
  type: string;
  /** Index of this branch in the union. */
  index: number;
  first: { offset: number; length: number };
}

/** `data` of AVRO-210: the inner union whose branches can be moved into the outer one. */
export interface NestedUnionData {
  inner: { offset: number; length: number };
}

export function checkUnions(ctx: RuleContext): void {
  for (const schema of ctx.doc.schemas) {
    if (schema.kind === 'union') checkUnion(ctx, schema);
  }
}

/** What makes two branches the same for Avro: the type for unnamed types, the fullname for named ones. */
export function branchKey(branch: AvroSchema, resolve: Resolver): string | undefined {
  switch (branch.kind) {
    case 'primitive':
      return branch.type;
    case 'array':
    case 'map':
      return branch.kind;
    case 'record':
    case 'enum':
    case 'fixed':
      return branch.hasValidName ? branch.fullname : undefined;
    case 'reference': {
      const target = resolve(branch);
      return target ? target.fullname : branch.candidates[0];
    }
    default:
      return undefined;
  }
}

function checkUnion(ctx: RuleContext, union: UnionSchema): void {
  const branches = union.branches;
  if (branches.length === 0) {
    ctx.report({
      code: Codes.EmptyUnion,
      ...spanOf(union.node),
      message: 'An empty union has no type, so no value can be written or read (Java parses it, avsc rejects it). Add the branch types, e.g. ["null", "string"].',
    });
    return;
  }
  const keys: Array<string | undefined> = [];
  // Unions are mostly ["null", X]: a linear scan, and a map only for the rare large union.
  const firstByKey = branches.length > 8 ? new Map<string, number>() : undefined;
  for (let i = 0; i < branches.length; i++) {
    const branch = branches[i];
    if (branch.kind === 'union') {
      const data: NestedUnionData = { inner: spanOf(branch.node) };
      ctx.report({
        code: Codes.NestedUnion,
        ...spanOf(branch.node),
        message: 'A union cannot directly contain another union (Java: "Nested union"). Write the inner branches in this union instead.',
        data,
      });
      keys.push(undefined);
      continue;
    }
    const key = branchKey(branch, ctx.resolve);
    keys.push(key);
    if (key === undefined) continue;
    let firstIndex: number;
    if (firstByKey) {
      firstIndex = firstByKey.get(key) ?? i;
      if (firstIndex === i) firstByKey.set(key, i);
    } else {
      firstIndex = keys.indexOf(key);
    }
    if (firstIndex === i) continue;
    const first = branches[firstIndex];
    const data: DuplicateBranchData = { type: key, index: i, first: spanOf(first.node) };
    const message = key === 'array' || key === 'map'
      ? `This union already has ${key === 'array' ? 'an array' : 'a map'}: a union holds at most one ${key} (Java: "Duplicate in union"). Use one ${key} whose ${key === 'array' ? 'items' : 'values'} are a union instead, e.g. {"type": "${key}", "${key === 'array' ? 'items' : 'values'}": ["string", "long"]}.`
      : `"${key}" appears twice in this union${branch.logicalType || first.logicalType ? ' (a logical type does not make a different type)' : ''}: a union holds each type once (Java: "Duplicate in union"). Remove one of them.`;
    ctx.report({
      code: Codes.DuplicateUnionBranch,
      ...spanOf(branch.node),
      message,
      related: [{ uri: ctx.doc.uri, offset: first.node.offset, length: first.node.length, message: `first "${key}" branch` }],
      tags: key === 'array' || key === 'map' ? undefined : ['unnecessary'],
      data,
    });
  }
}
