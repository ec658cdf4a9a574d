// avro/canonicalForm: the Parsing Canonical Form of the schema at the cursor and its fingerprints (CRC-64-AVRO from the service, MD5 and SHA-256 here).
import { createHash } from 'node:crypto';
import { CanonicalFormRequest, type CanonicalFormParams, type CanonicalFormResult } from '../protocol';
import { canonicalForm, crc64Avro, fingerprintCrc64, resolverFor } from '../service/languageService';
import type { AvroDocument, AvroSchema } from '../service/model/types';
import type { ServerContext } from './context';
import { INDEX_WAIT_MS, lineIndexOf } from './diagnostics';
import type { Feature } from './features';
import { runSafeAsync } from './guard';
import { onRequest } from './messages';

export const canonicalFormFeature: Feature = {
  name: 'canonicalForm',
  register(ctx: ServerContext): void {
    onRequest(ctx.connection, CanonicalFormRequest, (params, token) =>
      runSafeAsync<CanonicalFormResult>(ctx.logger, () => ctx.runtime.now(), CanonicalFormRequest.method, params?.uri, async () => {
        // References to other files resolve only once the workspace is indexed.
        await ctx.whenIndexed(INDEX_WAIT_MS);
        return canonicalFormAt(ctx, params);
      }, () => ({ subject: 'the schema', error: 'computing the Parsing Canonical Form failed (see the Avro Studio output)' }), token),
    );
  },
};

function canonicalFormAt(ctx: ServerContext, params: CanonicalFormParams): CanonicalFormResult {
  const doc = ctx.models.get(params.uri);
  if (!doc) {
    const size = ctx.index.oversize(params.uri);
    return { subject: 'the document', error: size !== undefined ? 'the file is too large to analyse (setting avro.maxFileSizeMB)' : 'the document is not an Avro schema known to the server' };
  }
  const resolve = resolverFor(ctx.index.schemas, doc);
  const offset = params.position ? lineIndexOf(ctx, doc).offsetAt(params.position) : undefined;
  const schema = offset === undefined ? doc.root : schemaAt(doc, offset, resolve) ?? doc.root;
  if (!schema) return { subject: 'the document', error: 'the document holds no schema' };
  const named = schema.kind === 'record' || schema.kind === 'enum' || schema.kind === 'fixed' ? schema : undefined;
  const subject = named ? `${named.kind === 'record' && named.isError ? 'error' : named.kind} "${named.fullname}"` : 'the top-level schema';
  const form = canonicalForm(schema, resolve, doc.cache);
  if (!form.complete) {
    const unresolved = [...new Set(form.unresolved)];
    return {
      subject,
      fullname: named?.fullname,
      error: unresolved.length
        ? `${unresolved.map(n => `"${n}"`).join(', ')} ${unresolved.length === 1 ? 'does' : 'do'} not resolve: the Parsing Canonical Form includes every referenced type, so define ${unresolved.length === 1 ? 'it' : 'them'} or fix the name${unresolved.length === 1 ? '' : 's'} first`
        : 'the schema is incomplete (a name, a type, fields, symbols or a size is missing): fix the errors first',
    };
  }
  const text = form.text;
  return {
    subject,
    fullname: named?.fullname,
    canonicalForm: text,
    fingerprints: {
      crc64: fingerprintCrc64(text),
      crc64Long: BigInt.asIntN(64, crc64Avro(text)).toString(),
      md5: createHash('md5').update(text, 'utf8').digest('hex'),
      sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    },
  };
}

/** The named type whose definition holds the offset (the innermost), or the type a name at the offset refers to. */
function schemaAt(doc: AvroDocument, offset: number, resolve: (ref: Extract<AvroSchema, { kind: 'reference' }>) => AvroSchema | undefined): AvroSchema | undefined {
  for (const ref of doc.references) {
    const n = ref.nameNode;
    if (n.offset <= offset && offset <= n.offset + n.length) return resolve(ref) ?? ref;
  }
  let best: AvroSchema | undefined;
  for (const t of doc.namedTypes) {
    if (t.node.offset <= offset && offset <= t.node.offset + t.node.length && (!best || t.node.offset >= best.node.offset)) best = t;
  }
  return best;
}
