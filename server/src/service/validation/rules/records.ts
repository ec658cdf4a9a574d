// Records: field names are unique, and no field alias collides with another field's name or alias.
import { Codes } from '../../codes';
import type { Field, RecordSchema } from '../../model/types';
import { spanOf, stringContent } from '../../util/spans';
import type { RuleContext } from '../validate';

/** `data` of AVRO-204: the duplicated name and the first field that has it. */
export interface DuplicateFieldData {
  name: string;
  first: { offset: number; length: number };
}

/** `data` of AVRO-308: the colliding alias, the field it belongs to and the field it collides with. */
export interface AmbiguousAliasData {
  alias: string;
  field: string;
  other: string;
  /** 'name' when the alias is the other field's name, 'alias' when it is one of its aliases. */
  collidesWith: 'name' | 'alias';
}

export function checkRecords(ctx: RuleContext): void {
  for (const type of ctx.doc.namedTypes) {
    if (type.kind === 'record' && type.fields.length > 1) checkRecord(ctx, type);
  }
}

/** Records with more fields than this find duplicates with a map; smaller ones (most of them) by a linear scan. */
const LINEAR_SCAN_LIMIT = 12;

function checkRecord(ctx: RuleContext, record: RecordSchema): void {
  const fields = record.fields;
  let hasAliases = false;
  for (let i = 0; i < fields.length; i++) if (fields[i].aliases.length) hasAliases = true;
  // The map of names is needed for large records, and for alias collisions.
  const byName = fields.length > LINEAR_SCAN_LIMIT || hasAliases ? new Map<string, Field>() : undefined;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (!field.nameNode) continue;
    let first: Field | undefined;
    if (byName) {
      first = byName.get(field.name);
      if (!first) byName.set(field.name, field);
    } else {
      for (let j = 0; j < i && !first; j++) if (fields[j].nameNode && fields[j].name === field.name) first = fields[j];
    }
    if (first) reportDuplicate(ctx, record, field, first);
  }
  if (byName && hasAliases) checkAliases(ctx, record, byName);
}

function reportDuplicate(ctx: RuleContext, record: RecordSchema, field: Field, first: Field): void {
  const firstName = first.nameNode!;
  const data: DuplicateFieldData = { name: field.name, first: spanOf(firstName) };
  ctx.report({
    code: Codes.DuplicateField,
    ...stringContent(field.nameNode!, ctx.doc.text),
    message: `The ${record.isError ? 'error' : 'record'} "${record.fullname}" already has a field named "${field.name}": field names must be unique (Java: "Duplicate field"). Rename or remove one of them.`,
    related: [{ uri: ctx.doc.uri, offset: firstName.offset, length: firstName.length, message: `first field named "${field.name}"` }],
    data,
  });
}

function checkAliases(ctx: RuleContext, record: RecordSchema, byName: Map<string, Field>): void {
  const text = ctx.doc.text;
  const aliasOwner = new Map<string, Field>();
  for (const field of record.fields) {
    for (const alias of field.aliases) {
      const named = byName.get(alias.name);
      if (named && named !== field) {
        const data: AmbiguousAliasData = { alias: alias.name, field: field.name, other: named.name, collidesWith: 'name' };
        ctx.report({
          code: Codes.AmbiguousFieldAlias,
          ...stringContent(alias.node, text),
          message: `The alias "${alias.name}" of field "${field.name}" is the name of another field of "${record.fullname}": the reader field "${field.name}" then matches two writer fields, and Java's SchemaCompatibility, which Schema Registry runs on every compatibility check, fails with "matches multiple fields in writer", even against this same schema. Remove the alias or rename a field.`,
          related: named.nameNode ? [{ uri: ctx.doc.uri, offset: named.nameNode.offset, length: named.nameNode.length, message: `the field "${alias.name}"` }] : undefined,
          data,
        });
        continue;
      }
      const owner = aliasOwner.get(alias.name);
      if (owner && owner !== field) {
        const ownerAlias = owner.aliases.find(a => a.name === alias.name)!;
        const data: AmbiguousAliasData = { alias: alias.name, field: field.name, other: owner.name, collidesWith: 'alias' };
        ctx.report({
          code: Codes.AmbiguousFieldAlias,
          ...stringContent(alias.node, text),
          message: `The alias "${alias.name}" of field "${field.name}" is also an alias of field "${owner.name}": old data with a field "${alias.name}" would be read into both. Keep the alias on one field only.`,
          related: [{ uri: ctx.doc.uri, offset: ownerAlias.node.offset, length: ownerAlias.node.length, message: `alias of "${owner.name}"` }],
          data,
        });
        continue;
      }
      if (!owner) aliasOwner.set(alias.name, field);
    }
  }
}
