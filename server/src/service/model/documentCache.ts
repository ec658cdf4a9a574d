// What the service keeps about one document, owned by the document: created with it, dropped with it, never in a module.
//
// The invariant: a document is immutable, so anything derived from it alone is computed at most once
// and kept in its cache (`memo`: the root layout of an incremental re-parse, navigation roles, the
// enclosing named types ...). A new version starts with a new cache: nothing computed for one text
// is ever read for another. One exception, by construction safe: entries keyed by JSON nodes and
// derived only from the subtree under the key (`sharedByNode`) are handed on to the version an
// incremental re-parse builds, since that version shares exactly the unchanged nodes (and their
// model objects) with this one; a node it does not share is a new object, so it finds no entry.
// Caches about several documents (the signatures of definitions compared across files) belong to
// the SchemaIndex of the snapshot; caches about one request live in the request.

/** A typed slot of a document's cache: one per kind of derived data, declared by the module that computes it. */
export interface CacheSlot<T> {
  readonly name: string;
  /** Never set: carries the slot's type. */
  readonly type?: T;
}

export function cacheSlot<T>(name: string): CacheSlot<T> {
  return { name };
}

export class DocumentCache {
  private readonly slots = new Map<CacheSlot<unknown>, unknown>();
  private readonly byNode: Map<CacheSlot<unknown>, WeakMap<object, unknown>>;

  /** `previous`: the cache of the version this one was re-parsed from (its node-keyed entries carry over). */
  constructor(previous?: DocumentCache) {
    this.byNode = previous ? previous.byNode : new Map();
  }

  /** The value of `slot` for this document, computed on first use. */
  memo<T>(slot: CacheSlot<T>, compute: () => T): T {
    if (this.slots.has(slot)) return this.slots.get(slot) as T;
    const value = compute();
    this.slots.set(slot, value);
    return value;
  }

  /** Set a slot's value (a value produced while building the document). */
  set<T>(slot: CacheSlot<T>, value: T): void {
    this.slots.set(slot, value);
  }

  /** The value of a slot, if computed. */
  peek<T>(slot: CacheSlot<T>): T | undefined {
    return this.slots.get(slot) as T | undefined;
  }

  /**
   * Entries keyed by JSON nodes of this document, each derived only from the subtree under its key
   * (and checked for anything else it depends on when read): shared with later versions.
   */
  sharedByNode<K extends object, V>(slot: CacheSlot<WeakMap<K, V>>): WeakMap<K, V> {
    let map = this.byNode.get(slot as CacheSlot<unknown>);
    if (!map) this.byNode.set(slot as CacheSlot<unknown>, (map = new WeakMap()));
    return map as WeakMap<K, V>;
  }
}
