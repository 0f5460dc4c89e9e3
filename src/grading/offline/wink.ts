import winkNLP, { type Model, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { CUE_PATTERNS } from './cues.js';

/*
 * wink-nlp's declarations type its.lemma as (index, rdd, addons) but `out()` only accepts
 * (index, token, cache, addons); at run time wink calls every its-helper as (index, rdd, addons), so the
 * helper is right and the parameter type is too narrow. These overloads state what wink does,
 * instead of casting at each call.
 */
declare module 'wink-nlp' {
  interface Tokens {
    out(itsf: ItsHelpers['lemma']): string[];
  }
  interface ItemToken {
    out(itsf: ItsHelpers['lemma']): string;
  }
}

/*
 * wink-eng-lite-web-model 1.8's metaCER() re-serialises its module-level state on every call
 * (`machines = JSON.stringify(machines)`), so every wink instance after the first one in a process gets
 * a doubly encoded custom-entity meta model and cannot compile patterns with [POS] or [ENTITY] slots
 * (learnCustomEntities throws). Another module, or a second test file in the same worker, may well
 * have created an instance first: decode whatever level of encoding this call returns and give wink a
 * model whose metaCER() is idempotent.
 */
function stableMetaCer(loader: unknown): { machines: string; transformers: unknown[] } {
  if (typeof loader !== 'function') throw new Error('wink-eng-lite-web-model: metaCER is not a function');
  const loaded: unknown = Reflect.apply(loader, undefined, []);
  if (
    typeof loaded !== 'object' ||
    loaded === null ||
    !('machines' in loaded) ||
    typeof loaded.machines !== 'string' ||
    !('transformers' in loaded) ||
    !Array.isArray(loaded.transformers)
  ) {
    throw new Error('wink-eng-lite-web-model: unexpected metaCER() shape');
  }
  let machines = loaded.machines;
  for (let decoded: unknown = JSON.parse(machines); typeof decoded === 'string'; decoded = JSON.parse(decoded)) {
    machines = decoded;
  }
  return { machines, transformers: loaded.transformers };
}

/** The recursive tokenizer's rule for a possessive "'s": only at the very end of what it splits. */
const POSSESSIVE_AT_END = String.raw`[\'\’]s$`;
/** The same wherever no letter or digit follows it: "…the parent's." as "the parent's view". */
const POSSESSIVE = String.raw`[\'\’]s(?![a-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF])`;

/*
 * wink splits a possessive ("parent" + "'s") unless its lexicon holds the word with its "'s", and it adds the word whole
 * the first time it reads one before a full stop or a comma ("…than the parent's."), whose recursive tokenizer keeps
 * "parent's" in one piece: from then on the process reads "parent's" as one proper noun everywhere, so a grade depended on
 * what the process had read before (1.1% of 6,252 answers tokenised differently). Splitting "'s" before punctuation
 * too gives every possessive the same two tokens whatever was read before.
 */
function splittingPossessives(loader: unknown): () => unknown {
  if (typeof loader !== 'function') throw new Error('wink-eng-lite-web-model: core is not a function');
  const core: unknown = Reflect.apply(loader, undefined, []);
  if (typeof core !== 'object' || core === null || !('trex' in core) || typeof core.trex !== 'object' || core.trex === null || !('rtc' in core.trex) || !Array.isArray(core.trex.rtc)) {
    throw new Error('wink-eng-lite-web-model: unexpected core() shape');
  }
  const rules: unknown[] = core.trex.rtc;
  const at = rules.findIndex((rule) => Array.isArray(rule) && rule[0] === POSSESSIVE_AT_END);
  if (at === -1) throw new Error('wink-eng-lite-web-model: no possessive rule in the recursive tokenizer');
  const rtc = rules.map((rule, index) => (index === at && Array.isArray(rule) ? [POSSESSIVE, ...rule.slice(1)] : rule));
  const patched = { ...core, trex: { ...core.trex, rtc } };
  return () => patched;
}

/** Token identifiers under this have their entity-recognition hint remembered, per wink instance. */
const MAX_NER_HINTS = 200_000;

/*
 * wink calls the model's first entity-recognition transformer on every token of every document, and each call
 * reads the token's text, hint and type from the lexicon cache: about a tenth of reading a document. What it
 * returns depends on the token's identifier alone (wink never changes the entry of an identifier once given), so
 * it is remembered per identifier, which gives the same entities. Any other transformer is left as it is.
 */
function rememberingNer(loader: unknown): () => unknown {
  if (typeof loader !== 'function') throw new Error('wink-eng-lite-web-model: ner is not a function');
  const loaded: unknown = Reflect.apply(loader, undefined, []);
  if (typeof loaded !== 'object' || loaded === null || !('transformers' in loaded) || !Array.isArray(loaded.transformers)) {
    throw new Error('wink-eng-lite-web-model: unexpected ner() shape');
  }
  const [first, ...rest]: unknown[] = loaded.transformers;
  if (typeof first !== 'function') throw new Error('wink-eng-lite-web-model: no entity-recognition transformer');
  // By identifier in an array, not a Map: the lookup is made for every token of every document, and an element load
  // costs a fraction of a Map's hashing (this memo was a tenth of reading a document's own time). Identifiers are
  // dense from 0 (the model's lexicon, then each new word's); one past the bound, or any other key, is not remembered.
  const hints: unknown[] = new Array<unknown>(MAX_NER_HINTS).fill(undefined);
  const remembering = (token: unknown, cache: unknown): unknown => {
    const slot = typeof token === 'number' && token >= 0 && token < MAX_NER_HINTS ? token : -1;
    if (slot >= 0) {
      const known = hints[slot];
      if (known !== undefined) return known;
    }
    const hint: unknown = Reflect.apply(first, undefined, [token, cache]);
    if (slot >= 0) hints[slot] = hint;
    return hint;
  };
  const ner = { ...loaded, transformers: [remembering, ...rest] };
  return () => ner;
}

function createWink(): WinkMethods {
  const meta = stableMetaCer(model.metaCER);
  const stableModel: Model = { ...model, core: splittingPossessives(model.core), metaCER: () => meta, ner: rememberingNer(model.ner) };
  // Sentiment is the one pipe stage nothing here reads.
  const nlp = winkNLP(stableModel, ['sbd', 'negation', 'pos', 'ner', 'cer']);
  nlp.learnCustomEntities(
    CUE_PATTERNS.map((cue) => ({ name: cue.name, patterns: [...cue.patterns] })),
    { matchValue: false, usePOS: true, useEntity: true },
  );
  return nlp;
}

/**
 * The process's wink instance with the cue phrases compiled in. Built once at module load: loading the
 * model and compiling the cue automaton take tens of milliseconds, grading an answer about one.
 */
export const nlp = createWink();
export const its = nlp.its;

const stemAddon: unknown = model.addons.stem;
if (typeof stemAddon !== 'function') throw new Error('wink-eng-lite-web-model: no stemmer addon');
const stemmer = stemAddon;

/** The model's Porter stemmer on any word (wink's `its.stem` stems a token's own text). */
export function stemWord(word: string): string {
  const stem: unknown = Reflect.apply(stemmer, undefined, [word]);
  if (typeof stem !== 'string') throw new Error('wink-eng-lite-web-model: the stemmer did not return a string');
  return stem;
}
