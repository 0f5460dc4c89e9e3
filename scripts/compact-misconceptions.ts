/**
 * `npx tsx scripts/compact-misconceptions.ts [FILE…]` (default: every file of data/misconceptions): rewrites each slot
 * of a misconception pattern that lists a phrase in every combination of its parts ("xgboost can not handle missing",
 * "lightgbm cannot handle missing", …) as adjacent slots, one per part ("xgboost|lightgbm", "+can not|cannot",
 * "+handle missing"). The wordings a slot matches are the same, exactly: the slot's wordings are built into their
 * smallest word automaton, cut at every state all of them pass through, and the product of the parts is checked against
 * the original before the file is written. Run it after generating entries; `scripts/check-misconceptions.ts` after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../src/config.js';
import { MAX_SLOTS, MisconceptionFileSchema } from '../src/grading/offline/misconception-bank.js';

/** A slot with fewer wordings is left as written. */
const MIN_WORDINGS = 6;
const END = '\u0000';

interface State {
  readonly edges: Map<string, number>;
}

/** The smallest automaton of the wordings (each ending in END), its states numbered, the root last. */
function automaton(wordings: readonly (readonly string[])[]): { states: State[]; root: number } {
  interface Trie {
    readonly next: Map<string, Trie>;
  }
  const trie: Trie = { next: new Map() };
  for (const wording of wordings) {
    let node = trie;
    for (const word of [...wording, END]) {
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = { next: new Map() }));
      node = child;
    }
  }
  const states: State[] = [];
  const bySignature = new Map<string, number>();
  const minimise = (node: Trie): number => {
    const edges = new Map([...node.next].map(([word, child]) => [word, minimise(child)] as const));
    const signature = [...edges].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([word, id]) => `${word}\u0001${id}`).join('\u0002');
    const known = bySignature.get(signature);
    if (known !== undefined) return known;
    states.push({ edges });
    bySignature.set(signature, states.length - 1);
    return states.length - 1;
  };
  const root = minimise(trie);
  return { states, root };
}

/** Every word sequence from `from` to `to` (END left out). */
function sequences(states: readonly State[], from: number, to: number): string[][] {
  if (from === to) return [[]];
  const found: string[][] = [];
  for (const [word, next] of states[from]?.edges ?? []) {
    for (const rest of sequences(states, next, to)) found.push(word === END ? rest : [word, ...rest]);
  }
  return found;
}

const wordingsOf = (slot: string): string[][] =>
  [...new Set(slot.replace(/^\+/, '').split('|').map((wording) => wording.trim().toLowerCase().split(/\s+/).join(' ')))].map((wording) => wording.split(' '));

/** The slot as adjacent parts, or as written when its wordings are no product of parts. */
export function compactSlot(slot: string): string[] {
  const adjacent = slot.startsWith('+');
  const wordings = wordingsOf(slot);
  // A "!" slot is wordings that must not occur anywhere between its neighbours: as adjacent parts it would say another thing.
  if (wordings.length < MIN_WORDINGS || slot.startsWith('!')) return [slot];
  const { states, root } = automaton(wordings);
  const sink = states.findIndex((state) => state.edges.size === 0);
  // Paths into and out of each state, in topological order: a state all wordings pass through has into × out = all.
  const order: number[] = [];
  const seen = new Set<number>();
  const visit = (id: number): void => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const next of states[id]?.edges.values() ?? []) visit(next);
    order.push(id);
  };
  visit(root);
  order.reverse();
  const into = new Map<number, number>([[root, 1]]);
  for (const id of order) for (const next of states[id]?.edges.values() ?? []) into.set(next, (into.get(next) ?? 0) + (into.get(id) ?? 0));
  const out = new Map<number, number>([[sink, 1]]);
  for (const id of [...order].reverse()) {
    if (id !== sink) out.set(id, [...(states[id]?.edges.values() ?? [])].reduce((sum, next) => sum + (out.get(next) ?? 0), 0));
  }
  const total = out.get(root) ?? 0;
  const cuts = order.filter((id) => (into.get(id) ?? 0) * (out.get(id) ?? 0) === total);
  const parts: string[][][] = [];
  for (let index = 0; index + 1 < cuts.length; index += 1) parts.push(sequences(states, cuts[index] as number, cuts[index + 1] as number));
  // A part that may be empty (a wording that ends before it) cannot stand alone: it joins the part before it.
  const joined: string[][][] = [];
  for (const part of parts) {
    const before = joined.at(-1);
    if (part.some((sequence) => sequence.length === 0) && before) joined[joined.length - 1] = before.flatMap((head) => part.map((tail) => [...head, ...tail]));
    else joined.push(part);
  }
  // Parts of one wording each are one part: a shared tail of many words stays one slot, not one slot a word.
  const merged: string[][][] = [];
  for (const part of joined) {
    const before = merged.at(-1);
    if (before && before.length === 1 && part.length === 1) merged[merged.length - 1] = [[...(before[0] as string[]), ...(part[0] as string[])]];
    else merged.push(part);
  }
  if (merged.length < 2) return [slot];
  const rebuilt = new Set(merged.reduce<string[][]>((heads, part) => heads.flatMap((head) => part.map((tail) => [...head, ...tail])), [[]]).map((wording) => wording.join(' ')));
  const original = new Set(wordings.map((wording) => wording.join(' ')));
  if (rebuilt.size !== original.size || [...rebuilt].some((wording) => !original.has(wording))) throw new Error(`compacting changed the wordings of a slot: ${slot.slice(0, 80)}…`);
  const slots = merged.map((part, index) => `${index === 0 && !adjacent ? '' : '+'}${part.map((sequence) => sequence.join(' ')).join('|')}`);
  return slots.join('|').length < slot.length ? slots : [slot];
}

function main(): void {
  const directory = path.join(projectRoot, 'data', 'misconceptions');
  const files = process.argv.slice(2);
  for (const file of files.length > 0 ? files : fs.readdirSync(directory).filter((name) => name.endsWith('.json')).map((name) => path.join(directory, name))) {
    const before = fs.readFileSync(file, 'utf8');
    const parsed = MisconceptionFileSchema.parse(JSON.parse(before));
    // A pattern that would outgrow the schema's slot count keeps its slots as written; the result is validated before
    // it is written.
    const entries = parsed.entries.map((entry) => ({
      ...entry,
      says: entry.says.map((pattern) => {
        const compacted = pattern.flatMap(compactSlot);
        return compacted.length <= MAX_SLOTS ? compacted : pattern;
      }),
    }));
    const after = `${JSON.stringify(MisconceptionFileSchema.parse({ ...parsed, entries }), null, 2)}\n`;
    fs.writeFileSync(file, after);
    process.stdout.write(`${path.basename(file)}: ${before.length} → ${after.length} characters\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
