import type { ResponseFeatures, ResponseSentence } from './response-features.js';

/*
 * Resampling before the train/test split, said as the candidate's own practice: synthetic or duplicated minority
 * rows reach the test set, which no longer sees the real class mix, so the evaluation says nothing. The right
 * practice is the same words in the other order (split first, then resample the training data only), so the reading
 * is of order: which of the two steps the answer puts first, within a sentence or across its steps, and what the
 * resampling is applied to. A warning, a contrast, an option listed or a condition on the practice itself ("If you
 * resample before the split, …") is no practice of the candidate's; a condition on the data ("If the classes are
 * imbalanced, I…") is.
 */

/** Resampling named as something done to the data: "SMOTE", "oversample", "balance the dataset", "duplicate minority rows". */
const RESAMPLE =
  /\b(?:smote|adasyn|(?:over|under|up|down|re)-?sampl\w*|(?:re)?balanc(?:e|es|ing)\s+(?:out\s+)?(?:the\s+|my\s+|our\s+|all\s+)?(?:whole\s+|full\s+|entire\s+)?(?:class\w*|data\w*|labels?|samples?|minority|majority|everything)|rebalanced|duplicat(?:e|es|ed|ing)\s+(?:the\s+|all\s+)?(?:minority|positive|rare|fraud)|(?:replicat|cop)\w*\s+(?:the\s+|all\s+)?(?:minority|positive|rare|fraud))/i;
/** The train/test split made: "split", "train/test split", "hold out a test set"; not "split the work". */
const SPLIT = /\b(?:split(?:s|ting)?\b(?!\s+(?:the\s+)?(?:work|tasks?|team|difference|bill|responsibilit\w*))|hold(?:s|ing)?\s+out\b)/gi;
/** A split named as a place, not made: "report PR-AUC on the test split", "inside each split". */
const PLACE = /\b(?:on|in|inside|within|from|of|against|to|across|per|each)\s+(?:the\s+|a\s+|an\s+|our\s+|my\s+|each\s+|every\s+)?(?:[\w/-]+\s+){0,2}$/i;
/** A split of the training data into validation sets or folds, made after any resampling of it. */
const INNER_SPLIT = /\b(?:validation|folds?|dev\s+set)\b/i;
/*
 * Resampling applied to the training data only, or inside cross-validation or a pipeline, which is the right practice:
 * read in the resampling's own part of the sentence, before any split it precedes.
 */
const TRAINING_ONLY =
  /\b(?:train(?:ing)?[\s-]+(?:set|data|portion|folds?|split|partition|rows|part|samples?|subset)|the\s+training\b|(?:for|during|while|when|in|at)\s+training|cross[\s-]?validation|cv\b|folds?\b|pipeline)/i;

/*
 * Resampling applied to all the data ("SMOTE on the whole dataset", "oversample the entire data set", "all of our
 * rows"): the test set is part of it, whichever step the answer names first or if it names no split at all.
 */
const WHOLE_DATA =
  /\b(?:(?:whole|entire|full|complete)\s+(?:data\s*set|dataset|data|set)|all\s+(?:of\s+)?(?:the\s+|my\s+|our\s+)?(?:data|rows|samples|records|examples))\b/i;

/** Where the sentence makes the train/test split, or -1: not a split named as a place, nor one of validation folds alone. */
function splitAt(text: string): number {
  if (INNER_SPLIT.test(text) && !/\btest/i.test(text)) return -1;
  for (const match of text.matchAll(SPLIT)) if (!PLACE.test(text.slice(0, match.index))) return match.index;
  return -1;
}

// A word bridging a relation word and the step it governs: "after the train/test split", "before any resampling".
const GAP = String.raw`(?:[\w/-]+\s+){0,3}?`;
const SPLIT_WORD = String.raw`(?:split|hold(?:s|ing)?\s+out|held\s+out)`;
const RESAMPLE_WORD = String.raw`(?:smote|adasyn|(?:over|under|up|down|re)-?sampl|(?:re)?balanc|duplicat|replicat|apply(?:ing)?\s+smote)`;
/** The resampling comes after the split: "after the split", "once the data is split", "before any resampling". */
const RESAMPLES_AFTER = new RegExp(
  String.raw`\b(?:(?:after|once|following|post)[\s-]+${GAP}${SPLIT_WORD}|(?:before|prior\s+to)\s+${GAP}${RESAMPLE_WORD}|${SPLIT_WORD}\w*\s+${GAP}(?:first|beforehand|up\s*front)\b|first\W+(?:i\s+|we\s+)?${SPLIT_WORD})`,
  'i',
);
/** The resampling comes before the split: "before the split", "after oversampling, I split". */
const RESAMPLES_BEFORE = new RegExp(String.raw`\b(?:(?:before|prior\s+to)\s+${GAP}${SPLIT_WORD}|(?:after|following)\s+${GAP}${RESAMPLE_WORD})`, 'i');
/** A resampling named only as what something happens before: "I try class weights before any resampling". */
const NAMED_AS_LATER = new RegExp(String.raw`\b(?:before|prior\s+to)\s+${GAP}${RESAMPLE_WORD}`, 'i');
/*
 * The resampling said as a step though the tagger reads no verb in it ("I oversample…", "Upsample the minority class"):
 * wink tags "oversample" and "upsample" as nouns.
 */
const RESAMPLE_STEP = new RegExp(String.raw`\b(?:i|we)\s+(?:\w+\s+)?${RESAMPLE_WORD}|^\W*(?:(?:first|then|next|second|finally)\W+)?${RESAMPLE_WORD}`, 'i');
/** A split told as coming first: "I split first", "Before that, I split…", "the split is made at the start". */
const SPLIT_FIRST = /\b(?:first|at\s+the\s+(?:start|beginning)|up\s*front|beforehand|already|before\s+(?:that|this|it|doing\s+so|anything))\b/i;

/*
 * Words that make a sentence no statement of the candidate's own practice: a warning or a denial ("never", "not",
 * "leaks", "a mistake"), a contrast ("rather than", "instead of"), or an option listed or allowed ("you could",
 * "common options are", "some teams").
 */
const NOT_PRACTICE =
  /n['’]t\b|\b(?:never|not|no|avoid\w*|rather\s+than|instead\s+of|mistake\w*|wrong|leak\w*|pitfall\w*|bad\s+idea|naive\w*|tempting|could|might|may|can|options?|alternatives?|common\w*|some\s+(?:people|teams)|people|only\s+(?:on|to|in)\s+the\s+train\w*)\b/i;

/**
 * A leading condition ("If the classes are imbalanced", "When the positives are rare,"): a condition on the data
 * leaves the rest of the sentence the candidate's practice; one that names the resampling or the split is a
 * warning or a hypothetical about the practice itself ("If you resample before the split, the test set leaks").
 */
const CONDITION = /\b(?:if|unless|when|whenever)\b[^,;:]*?(?=[,;:]|\s(?:i|we)\s|$)/i;

type Reading = 'leak' | 'safe' | 'resample' | 'split' | null;

function practiceOf(text: string): string | null {
  const condition = CONDITION.exec(text);
  if (condition !== null && (RESAMPLE.test(condition[0]) || SPLIT.test(condition[0]))) return null;
  const practice = condition === null ? text : text.slice(0, condition.index) + text.slice(condition.index + condition[0].length);
  return NOT_PRACTICE.test(practice) ? null : practice;
}

function readSentence(sentence: ResponseSentence): Reading {
  const practice = practiceOf(sentence.star.sentence.text);
  if (practice === null) return null;
  const resample = RESAMPLE.exec(practice);
  const split = splitAt(practice);
  if (resample !== null && TRAINING_ONLY.test(split > resample.index ? practice.slice(0, split) : practice)) return split === -1 ? null : 'safe';
  const told = resample !== null && (sentence.steps > 0 || RESAMPLE_STEP.test(practice)) && !NAMED_AS_LATER.test(practice);
  if (told && WHOLE_DATA.test(practice) && (split === -1 || !RESAMPLES_AFTER.test(practice))) return 'leak';
  if (resample !== null && split !== -1) {
    if (RESAMPLES_AFTER.test(practice)) return 'safe';
    if (RESAMPLES_BEFORE.test(practice)) return 'leak';
    return resample.index < split ? 'leak' : 'safe';
  }
  // A sentence that tells no step ("SMOTE is one option") is no step of a procedure.
  if (resample !== null) return told ? 'resample' : null;
  if (split !== -1 && sentence.steps > 0) return SPLIT_FIRST.test(practice) ? 'safe' : 'split';
  return null;
}

/** The first sentence that resamples the data before the train/test split, as the candidate's own practice. */
export function resamplesBeforeSplit(features: ResponseFeatures): ResponseSentence | undefined {
  let resampled: ResponseSentence | undefined;
  for (const sentence of features.sentences) {
    const reading = readSentence(sentence);
    if (reading === 'leak') return sentence;
    // Once the answer has split first, a later resampling is of what the split left for training, and a later split
    // one of the training data ("…then I split the training data into train and validation").
    if (reading === 'safe') return undefined;
    if (reading === 'resample') resampled ??= sentence;
    if (reading === 'split') return resampled;
  }
  return undefined;
}
