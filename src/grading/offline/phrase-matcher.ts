import type { TokenInfo } from './nlp.js';

/** One position of a phrase: the normal forms or lemmas that match there. */
type Slot = ReadonlySet<string>;

interface Phrase<Name extends string> {
  readonly name: Name;
  readonly slots: readonly Slot[];
}

export type PhraseCounts<Name extends string> = ReadonlyMap<Name, number>;

/**
 * Compiles named phrase lists (`"i would like to"`, `"levels.fyi"`, `"start by|with"`) into a matcher over
 * analysed tokens. Phrases are indexed by their first word, so matching a sentence costs one map lookup
 * per token plus the few candidate phrases starting there.
 */
export function createPhraseMatcher<Name extends string>(lists: Readonly<Record<Name, readonly string[]>>) {
  const byFirst = new Map<string, Phrase<Name>[]>();
  for (const name in lists) {
    for (const text of lists[name]) {
      const slots = text
        .toLowerCase()
        .split(/\s+/)
        .filter((word) => word !== '')
        .map((word) => new Set(word.split('|')));
      const [first] = slots;
      if (!first) continue;
      for (const word of first) {
        const list = byFirst.get(word) ?? [];
        list.push({ name, slots });
        byFirst.set(word, list);
      }
    }
  }

  const matchesAt = (tokens: readonly TokenInfo[], start: number, slots: readonly Slot[]): boolean =>
    slots.every((slot, offset) => {
      const token = tokens[start + offset];
      return token !== undefined && (slot.has(token.normal) || slot.has(token.lemma));
    });

  /** How many times each list matches in the tokens; one match per list and start position. */
  return function count(tokens: readonly TokenInfo[]): PhraseCounts<Name> {
    const counts = new Map<Name, number>();
    for (let index = 0; index < tokens.length; index += 1) {
      const token = tokens[index];
      if (!token) continue;
      const byNormal = byFirst.get(token.normal);
      const byLemma = token.lemma === token.normal ? undefined : byFirst.get(token.lemma);
      if (!byNormal && !byLemma) continue;
      const matched = new Set<Name>();
      for (const candidates of [byNormal, byLemma]) {
        for (const phrase of candidates ?? []) {
          if (!matched.has(phrase.name) && matchesAt(tokens, index, phrase.slots)) matched.add(phrase.name);
        }
      }
      for (const name of matched) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return counts;
  };
}
