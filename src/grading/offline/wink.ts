import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import winkNLP, { type Model, type WinkMethods } from 'wink-nlp';
import featureFn from 'wink-eng-lite-web-model/dist/feature.js';
import lemmatize from 'wink-eng-lite-web-model/dist/lemmatize.js';
import loadCerMeta from 'wink-eng-lite-web-model/dist/load-cer-meta-model.js';
import loadNegation from 'wink-eng-lite-web-model/dist/load-negation-model.js';
import loadNer from 'wink-eng-lite-web-model/dist/load-ner-model.js';
import loadPos from 'wink-eng-lite-web-model/dist/load-pos-model.js';
import loadSbd from 'wink-eng-lite-web-model/dist/load-sbd-model.js';
import stem from 'wink-eng-lite-web-model/dist/porter-stemmer.js';
import readabilityStats from 'wink-eng-lite-web-model/dist/readability-stats.js';
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

/** The core model's JSON, as wink-eng-lite-web-model 1.8 ships it: what readCoreModel reads of it. */
interface CoreModelJson {
  lexicon: string;
  xpansions: string;
  packing: { layout: Record<string, readonly number[]> };
  features: Record<string, { list: unknown[] }>;
  pos: { hash: Record<string, number> };
}

function isCoreModelJson(value: unknown): value is CoreModelJson {
  if (typeof value !== 'object' || value === null) return false;
  const { lexicon, xpansions, packing, features, pos } = value as Partial<Record<keyof CoreModelJson, unknown>>;
  const record = (part: unknown): part is Record<string, unknown> => typeof part === 'object' && part !== null;
  return (
    typeof lexicon === 'string' &&
    typeof xpansions === 'string' &&
    record(packing) &&
    record(packing['layout']) &&
    record(features) &&
    Object.values(features).every((feature) => record(feature) && Array.isArray(feature['list'])) &&
    record(pos) &&
    record(pos['hash'])
  );
}

/** Base64 as wink's reader decodes it (`atob`), into an ArrayBuffer of its own. */
const uint32sFromBase64 = (text: string): Uint32Array => new Uint32Array(Uint8Array.from(Buffer.from(text, 'base64')).buffer);

/*
 * The package's core loader (read-core-model.js, load-core-model.js) requires the model's JSON as a module and copies
 * it (`JSON.parse(JSON.stringify(…))`) for each instance: the module, 5 MB of heap, stays held by the loader for the
 * thread's life next to the copy wink reads. This reads the file itself, into the same model, so that only what wink
 * holds is kept.
 */
export function readCoreModel(): unknown {
  const file = createRequire(import.meta.url).resolve('wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json');
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isCoreModelJson(json)) throw new Error('wink-eng-lite-web-model: unexpected core model shape');
  const { layout } = json.packing;
  const features: Record<string, { list: unknown[]; hash?: Record<string, number>; intrinsicSize?: number; index?: number; maxIndex?: number }> = json.features;
  const hashOf = (list: readonly unknown[]): Record<string, number> => {
    const hash = Object.create(null) as Record<string, number>;
    for (let index = 0; index < list.length; index += 1) hash[String(list[index])] = index;
    return hash;
  };
  const efList: string[] = [];
  for (const [name, [, mask = 0, shift = 0, extracted, extractable]] of Object.entries(layout)) {
    const feature = features[name];
    if (extracted === 0 && feature) {
      feature.hash = hashOf(feature.list);
      feature.intrinsicSize = feature.list.length;
      feature.index = feature.list.length;
      feature.maxIndex = mask >>> shift;
    }
    if (extractable === 1) efList.push(name);
  }
  const lexeme = features['lexeme'];
  const clusters = features['posClusters'];
  if (!lexeme || !clusters) throw new Error('wink-eng-lite-web-model: no lexeme or posClusters feature');
  lexeme.hash = hashOf(lexeme.list);
  lexeme.intrinsicSize = lexeme.list.length;
  lexeme.index = lexeme.list.length;
  const posIds = json.pos.hash;
  clusters.list = clusters.list.map((cluster) => new Set(String(cluster).split('_').map((tag) => posIds[tag] ?? 0)));
  return {
    ...json,
    lexicon: uint32sFromBase64(json.lexicon),
    xpansions: uint32sFromBase64(json.xpansions),
    packing: { ...json.packing, efList },
  };
}

/*
 * Sentiment is the one pipe stage nothing here reads, yet wink builds its automaton whatever the pipe (1.5 MB of heap,
 * and the package's sentiment model held as a module): an automaton of one empty state stands in.
 */
const NO_SENTIMENT = { machines: ['[100,0,{"0":{}},{},{},{}]'], setter: () => undefined };

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
  const meta = stableMetaCer(loadCerMeta);
  const model: Model = {
    core: splittingPossessives(readCoreModel),
    sbd: loadSbd,
    pos: loadPos,
    ner: rememberingNer(loadNer),
    negation: loadNegation,
    sa: () => NO_SENTIMENT,
    metaCER: () => meta,
    featureFn,
    addons: { stem, lemmatize, readabilityStats },
  };
  const nlp = winkNLP(model, ['sbd', 'negation', 'pos', 'ner', 'cer']);
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

/** The model's Porter stemmer on any word (wink's `its.stem` stems a token's own text). */
export function stemWord(word: string): string {
  return stem(word);
}
