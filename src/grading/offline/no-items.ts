/*
 * A reference profile holds tens of thousands of sets and maps, and most of some kinds are empty (hardly a sentence
 * limits a verb with "only" or names a specific thing of a related-terms group): an empty one is a shared constant,
 * not a table of its own (about 150 bytes each; some 21,000 of them in a grading thread's corpus profiles). Profiles
 * are read only, so nothing adds to the constants.
 */
export const NO_ITEMS: ReadonlySet<never> = new Set<never>();
const NO_ENTRIES: ReadonlyMap<never, never> = new Map<never, never>();

/** The set, or the shared empty one when it is empty. */
export const setOrNone = <T>(set: ReadonlySet<T>): ReadonlySet<T> => (set.size > 0 ? set : NO_ITEMS);

/** The map, or the shared empty one when it is empty. */
export const mapOrNone = <K, V>(map: ReadonlyMap<K, V>): ReadonlyMap<K, V> => (map.size > 0 ? map : NO_ENTRIES);
