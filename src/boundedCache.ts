// A memo of a pure function whose keys may come from clients: never more than `max` entries.

/** What makes room when the cache is full: drop everything (cheapest) or only the oldest entry. */
export type Eviction = 'clear' | 'oldest';

/** A Map bounded to `max` entries; `set` on a full cache first evicts as `eviction` says. */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(
    private readonly max: number,
    private readonly eviction: Eviction = 'clear',
  ) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.max) {
      if (this.eviction === 'clear') this.entries.clear();
      else this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}
