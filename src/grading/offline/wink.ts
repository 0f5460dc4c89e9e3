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

function createWink(): WinkMethods {
  const meta = stableMetaCer(model.metaCER);
  const stableModel: Model = { ...model, metaCER: () => meta };
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
