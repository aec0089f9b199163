/**
 * Promises remembered by key for a while: a key asked again within `ttlMs` gets the same
 * promise (so concurrent callers share one load), a rejected load is forgotten at once, and at
 * most `maxEntries` are kept (expired ones go first, then the oldest).
 *
 * @internal
 */
export class TtlMemo<V> {
  private readonly entries = new Map<
    string,
    { value: Promise<V>; until: number }
  >();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: {
    ttlMs: number;
    maxEntries?: number;
    now?: () => number;
  }) {
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.now();
    const known = this.entries.get(key);
    if (known && now < known.until) return known.value;
    const value = load();
    this.entries.set(key, { value, until: now + this.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) {
      for (const [k, e] of this.entries)
        if (e.until <= now) this.entries.delete(k);
      for (const k of this.entries.keys()) {
        if (this.entries.size <= this.maxEntries) break;
        this.entries.delete(k);
      }
    }
    return value;
  }
}

/**
 * A {@link TtlMemo} for values built from data that carries a generation (a marker the writers
 * change with the data): a value is kept under the generation read before its data was, so it is
 * never kept under a newer one, and everything kept is dropped once another generation is seen.
 *
 * @internal
 */
export class GenerationMemo<V> {
  private memo: TtlMemo<V>;
  private seen: string | undefined;

  constructor(private readonly options: { ttlMs: number; maxEntries: number }) {
    this.memo = new TtlMemo(options);
  }

  get(generation: string, key: string, load: () => Promise<V>): Promise<V> {
    if (generation !== this.seen) {
      this.seen = generation;
      this.memo = new TtlMemo(this.options);
    }
    return this.memo.get(`${generation}\u0000${key}`, load);
  }
}
