// Named types visible at a position, and the shortest name that resolves to a given fullname from a namespace (Java's lookup order).
import type { SchemaIndex } from '../model/schemaIndex';
import type { AvroDocument } from '../model/types';
import type { TypeDefinition } from '../model/summary';
import type { SpecVersion } from '../settings';

/**
 * How to write a reference to `fullname` from `namespace`: the simple name when it resolves there
 * to that fullname (Java tries the enclosing namespace first, then the null namespace), else the
 * fullname. Undefined when no spelling works: a type of the null namespace hidden by a type of the
 * same simple name in the enclosing namespace.
 */
export function referenceSpelling(fullname: string, namespace: string, isDefined: (fullname: string) => boolean): string | undefined {
  const dot = fullname.lastIndexOf('.');
  const space = dot < 0 ? '' : fullname.slice(0, dot);
  const simple = fullname.slice(dot + 1);
  if (space === namespace) return simple;
  if (space !== '') return fullname;
  // The null namespace: a bare name, which the enclosing namespace must not shadow.
  if (namespace === '' || !isDefined(namespace + '.' + simple)) return simple;
  return undefined;
}

export interface VisibleType {
  /** The definition (a summary when its file is not open: kind and names only). */
  schema: TypeDefinition;
  /** What to write at the position. */
  spelling: string;
  /** Defined in the document being edited. */
  local: boolean;
  /** Defined later in this document (legal with Avro 1.12 only). */
  forward: boolean;
}

/**
 * Every named type a reference at `offset` may use: this document's types defined before the
 * position (and after it with Avro 1.12, which resolves forward references), and the types of the
 * other documents of the workspace. One entry per fullname (this document's definition wins).
 */
export function visibleNamedTypes(doc: AvroDocument, offset: number, namespace: string, index: SchemaIndex | undefined, specVersion: SpecVersion): VisibleType[] {
  const isDefined = (fullname: string): boolean => doc.definitions.has(fullname) || (index !== undefined && index.definitionsOf(fullname).length > 0);
  const out: VisibleType[] = [];
  const seen = new Set<string>();
  for (const schema of doc.definitions.values()) {
    seen.add(schema.fullname);
    const forward = schema.node.offset >= offset;
    // A type whose definition holds the position and that is still being written (no name yet) is skipped by hasValidName.
    if (!schema.hasValidName || (forward && specVersion === '1.11')) continue;
    const spelling = referenceSpelling(schema.fullname, namespace, isDefined);
    if (spelling !== undefined) out.push({ schema, spelling, local: true, forward });
  }
  if (index) {
    for (const fullname of index.fullnames()) {
      if (seen.has(fullname)) continue;
      seen.add(fullname);
      // The definition a reference written here would resolve to (its compilation unit, or the nearest).
      const schema = index.visibleElsewhere(fullname, doc)?.target;
      if (!schema || !schema.hasValidName) continue;
      const spelling = referenceSpelling(fullname, namespace, isDefined);
      if (spelling !== undefined) out.push({ schema, spelling, local: false, forward: false });
    }
  }
  return out;
}

/** The last segment of a URI, for details when the caller gives no workspace-relative path. */
export function baseName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  const slash = clean.lastIndexOf('/');
  let name = slash >= 0 ? clean.slice(slash + 1) : clean;
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep it encoded
  }
  return name;
}
