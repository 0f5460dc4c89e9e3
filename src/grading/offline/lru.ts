/** A small least-recently-used cache over a Map (whose iteration order is insertion order). */
export function createLru<K, V>(capacity: number) {
  const entries = new Map<K, V>();
  return {
    get(key: K): V | undefined {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    /** Whether `key` is held, without making it recent. */
    has(key: K): boolean {
      return entries.has(key);
    },
    set(key: K, value: V): void {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    get size(): number {
      return entries.size;
    },
  };
}
