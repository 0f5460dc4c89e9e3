import type { TokenInfo } from './nlp.js';

export type PhraseCounts<Name extends string> = ReadonlyMap<Name, number>;

/**
 * A trie over words: a phrase ends where `names` lists the lists it belongs to, each once. An array, not a Set: it is
 * read at every node a walk reaches, most of them ending no phrase, and iterating an empty Set allocates.
 */
interface Node<Name extends string> {
  readonly next: Map<string, Node<Name>>;
  readonly names: Name[];
}

const node = <Name extends string>(): Node<Name> => ({ next: new Map(), names: [] });

/**
 * Compiles named phrase lists (`"i would like to"`, `"levels.fyi"`, `"start by|with"`) into a trie over
 * words, so matching a sentence walks it once from each token: cheap however many phrases share their
 * first words ("i …" opens dozens of them).
 */
export function createPhraseMatcher<Name extends string>(lists: Readonly<Record<Name, readonly string[]>>) {
  const root = node<Name>();
  for (const name in lists) {
    for (const text of lists[name]) {
      const slots = text
        .toLowerCase()
        .split(/\s+/)
        .filter((word) => word !== '')
        .map((word) => word.split('|'));
      // Alternatives branch: each path through the slots gets its own chain of nodes.
      let frontier = [root];
      for (const alternatives of slots) {
        const reached: Node<Name>[] = [];
        for (const current of frontier) {
          for (const word of alternatives) {
            let child = current.next.get(word);
            if (!child) {
              child = node<Name>();
              current.next.set(word, child);
            }
            reached.push(child);
          }
        }
        frontier = reached;
      }
      for (const end of frontier) if (end !== root && !end.names.includes(name)) end.names.push(name);
    }
  }

  /** How many times each list matches in the tokens; one match per list and start position. */
  return function count(tokens: readonly TokenInfo[]): PhraseCounts<Name> {
    const counts = new Map<Name, number>();
    const found = new Set<Name>();
    // Called for every sentence of every behavioural answer, and most walks end at their first word: the
    // two node lists are reused from walk to walk rather than allocated per start position.
    let frontier: Node<Name>[] = [];
    let reached: Node<Name>[] = [];
    for (let start = 0; start < tokens.length; start += 1) {
      const opening = tokens[start];
      // Most words open no phrase: they are passed over before a walk is set up.
      if (!opening || (!root.next.has(opening.normal) && !root.next.has(opening.lemma))) continue;
      found.clear();
      frontier.length = 0;
      frontier.push(root);
      // A word matches by its normal form or its lemma, so a walk may follow both branches.
      for (let index = start; index < tokens.length && frontier.length > 0; index += 1) {
        const token = tokens[index];
        if (!token) break;
        reached.length = 0;
        for (const current of frontier) {
          const byNormal = current.next.get(token.normal);
          if (byNormal) reached.push(byNormal);
          const byLemma = token.lemma === token.normal ? undefined : current.next.get(token.lemma);
          if (byLemma && byLemma !== byNormal) reached.push(byLemma);
        }
        for (const reachedNode of reached) for (const name of reachedNode.names) found.add(name);
        const walked = frontier;
        frontier = reached;
        reached = walked;
      }
      for (const name of found) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return counts;
  };
}
