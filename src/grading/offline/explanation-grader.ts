import { WORD_BANDS } from '../behavioural-rubrics.js';
import {
  answerConcision,
  evidenceOf,
  finishFeedback,
  listOf,
  quote,
  type TypeGrader,
} from './behavioural-grading.js';
import { readResponse, type ResponseFeatures, type ResponseSentence } from './response-features.js';
import type { Advice, DimensionDraft } from './scoring.js';
import { wordTokens } from './terms.js';

/*
 * "Explain X in simple terms": plain words, an everyday analogy or example, the core idea right, the
 * gist first. Jargon is measured against a list of terms a non-expert would not know; the topic being
 * explained is not jargon (it has to be named).
 */

/** Technical terms a non-expert would not know without an explanation. */
const JARGON_LEMMAS: ReadonlySet<string> = new Set([
  'matrix', 'factorization', 'factorisation', 'embedding', 'embeddings', 'gradient', 'regularization', 'regularisation',
  'hyperparameter', 'hyperparameters', 'stochastic', 'vector', 'tensor', 'convolution', 'convolutional', 'backpropagation',
  'parameter', 'coefficient', 'variance', 'entropy', 'logit', 'softmax', 'sigmoid', 'kernel', 'manifold', 'latent',
  'eigenvalue', 'eigenvector', 'posterior', 'likelihood', 'bayesian', 'derivative', 'optimizer', 'optimiser', 'epoch',
  'inference', 'heuristic', 'dimensionality', 'covariance', 'distribution', 'algorithm', 'architecture', 'transformer',
  'attention', 'activation', 'neuron', 'layer', 'loss', 'objective', 'overfitting', 'underfitting', 'generalization',
  'generalisation', 'cross-validation', 'collaborative', 'filtering', 'augmentation', 'decomposition', 'ensemble',
  'classifier', 'regression', 'clustering', 'feature', 'features', 'label', 'labels',
]);

const ANALOGY = /\b(?:(?:is|are|it's|it is|works|acts|looks|feels) (?:a bit |kind of |sort of |just |much )?like|just like|similar to|think of|imagine|picture|as if|the same way|analogy|compare it to|akin to|like (?:a|an|when|how|the way))\b/i;

function jargonIn(sentence: ResponseSentence, topic: ReadonlySet<string>): string[] {
  return sentence.star.sentence.tokens
    .filter(
      (token) =>
        !topic.has(token.term) &&
        (JARGON_LEMMAS.has(token.lemma) || (/^[A-Z]{2,}s?$/.test(token.text) && token.text !== 'I' && token.text !== 'AI')),
    )
    .map((token) => token.text);
}

const explains = (sentence: ResponseSentence): boolean => (sentence.cues.get('definition') ?? 0) > 0 || /\(|—|–/.test(sentence.star.sentence.text);

function plainLanguage(features: ResponseFeatures, topic: ReadonlySet<string>): DimensionDraft {
  const jargon = features.sentences.flatMap((sentence) => jargonIn(sentence, topic));
  const explained = features.sentences.filter((sentence) => jargonIn(sentence, topic).length > 0 && explains(sentence)).length;
  const words = features.sentences.reduce((sum, sentence) => sum + wordTokens(sentence.star.sentence).length, 0);
  const density = words === 0 ? 1 : jargon.length / words;
  const averageLength = features.sentences.length === 0 ? 0 : words / features.sentences.length;
  // Mostly by sentences a non-expert can follow (a layered answer may end technical on purpose), capped
  // when jargon is dense overall.
  const plain = features.sentences.filter((sentence) => jargonIn(sentence, topic).length <= 1).length / Math.max(1, features.sentences.length);
  let score = plain >= 0.9 ? 5 : plain >= 0.7 ? 4 : plain >= 0.5 ? 3 : plain >= 0.25 ? 2 : 1;
  if (density > 0.15) score = Math.min(score, 2);
  else if (density > 0.08) score = Math.min(score, 3);
  if (explained > 0 && score < 5) score += 1;
  if (averageLength > 28) score -= 1;
  // Plain words that explain nothing are not a plain explanation.
  if (words < 8 || features.sentences.every((sentence) => sentence.substance < 2)) score = Math.min(score, 2);
  const unexplained = [...new Set(jargon)].slice(0, 4).map((term) => `"${term}"`);
  const rationale =
    jargon.length === 0
      ? `Plain words throughout${averageLength > 28 ? ', but long sentences' : ''}.`
      : `${jargon.length} technical term${jargon.length === 1 ? '' : 's'} (${listOf(unexplained)})${explained > 0 ? ', some explained' : ' left unexplained'}${averageLength > 28 ? ', in long sentences' : ''}.`;
  return { score, rationale, evidence: evidenceOf(features.sentences.filter((sentence) => jargonIn(sentence, topic).length > 0)) };
}

function analogy(features: ResponseFeatures): DimensionDraft {
  const analogies = features.sentences.filter((sentence) => ANALOGY.test(sentence.star.sentence.text) && sentence.substance >= 2);
  const examples = features.sentences.filter(
    (sentence) =>
      (sentence.star.sentence.cues.has('example') || sentence.experience || (sentence.star.mode === 'narrative' && sentence.star.teamAction)) &&
      sentence.substance >= 2,
  );
  const score = analogies.length >= 2 || (analogies.length === 1 && examples.length > 0) ? 5 : analogies.length === 1 ? 4 : examples.length > 0 ? 3 : 1;
  const shown = analogies[0] ?? examples[0];
  const rationale =
    score >= 4
      ? `An everyday analogy: ${quote(analogies[0]!)}.`
      : score === 3
        ? `An example, but no everyday analogy: ${quote(shown!)}.`
        : 'No analogy or example makes the idea concrete.';
  return { score, rationale, evidence: evidenceOf([...analogies, ...examples]) };
}

function accuracy(features: ResponseFeatures, content: readonly ResponseSentence[]): DimensionDraft {
  // Offline the substance cannot be fact-checked: the estimate looks for the parts of a useful
  // explanation (what it is, how it works, why it matters, what is done about it) on the question's topic.
  const [gist, ...rest] = content;
  const defined = gist !== undefined && (gist.substance >= 3 || (gist.cues.get('definition') ?? 0) > 0);
  const how = rest.some((sentence) => sentence.substance >= 3 && sentence.star.sentence.tokens.some((token) => token.pos === 'VERB'));
  const why = content.some((sentence) => sentence.substance >= 2 && (sentence.star.sentence.cues.has('reasoning') || (sentence.cues.get('because') ?? 0) > 0));
  const action = rest.some((sentence) => sentence.steps > 0 && sentence.substance >= 3);
  const parts = [defined, how, why, action].filter(Boolean).length;
  let score = content.length === 0 ? 1 : 1 + parts;
  if (features.relevance.score <= 2) score = Math.min(score, 2);
  const named = [defined ? 'what it is' : '', how ? 'how it works' : '', why ? 'why it matters' : '', action ? 'what is done about it' : ''].filter(
    (part) => part !== '',
  );
  const rationale =
    score <= 2
      ? 'The core idea does not come across (an estimate: offline grading cannot check facts).'
      : `Covers ${listOf(named)} (an estimate: offline grading cannot check facts).`;
  return { score, rationale };
}

function structure(content: readonly ResponseSentence[], topic: ReadonlySet<string>): DimensionDraft {
  const [first, ...rest] = content;
  if (!first) return { score: 1, rationale: 'No explanation.' };
  const firstWords = wordTokens(first.star.sentence).length;
  const gist = firstWords <= 25 && first.substance >= 2 && jargonIn(first, topic).length <= 1;
  const layered = rest.length >= 2 && rest.some((sentence) => sentence.star.sentence.cues.has('reasoning') || (sentence.cues.get('because') ?? 0) > 0);
  const score = !gist ? (rest.length > 0 ? 2 : 1) : rest.length === 0 ? 2 : layered ? 5 : rest.length >= 2 ? 4 : 3;
  const rationale = !gist
    ? `It opens in the details: ${quote(first)}.`
    : score >= 4
      ? `The gist first (${quote(first)}), then detail${score === 5 ? ' and why it matters' : ''}.`
      : `A gist (${quote(first)}), but little built on it.`;
  return { score, rationale, evidence: [first.star.sentence.text] };
}

export const gradeExplanation: TypeGrader = (context) => {
  const features = readResponse(context.answer, context.profile, context.question, 0.3);
  const concision = answerConcision(context, WORD_BANDS.explanation);
  // What is being explained is named, not jargon: the question's terms, and a technical term the answer
  // keeps coming back to ("overfitting" in an explanation of overfitting).
  const mentions = new Map<string, number>();
  for (const sentence of features.sentences) {
    for (const token of sentence.star.sentence.tokens) if (JARGON_LEMMAS.has(token.lemma)) mentions.set(token.term, (mentions.get(token.term) ?? 0) + 1);
  }
  const topic = new Set([...context.profile.questionTerms, ...[...mentions].filter(([, count]) => count >= 2).map(([term]) => term)]);
  // "Sure!" or "Great question." opens many spoken answers without being its first point.
  const content = features.sentences.filter((sentence) => sentence.substance >= 2);
  const drafts: Record<string, DimensionDraft> = {
    'plain-language': plainLanguage(features, topic),
    analogy: analogy(features),
    accuracy: accuracy(features, content),
    structure: structure(content, topic),
    concision: concision.draft,
  };
  const score = (key: string): number => drafts[key]?.score ?? 5;
  const advice: Advice[] = [];
  if (score('plain-language') <= 3) advice.push({ key: 'plain-language', text: 'Plain language: replace technical terms with everyday words, or explain each one in passing ("…, which means …").' });
  if (score('analogy') <= 3) advice.push({ key: 'analogy', text: 'Analogy: make it concrete with something everyone knows ("It is like a student who memorises the answers instead of learning the subject").' });
  if (score('accuracy') <= 3) advice.push({ key: 'accuracy', text: 'Core idea: say what it is, why it matters and what is done about it, simply but correctly.' });
  if (score('structure') <= 3) advice.push({ key: 'structure', text: 'Big picture first: open with a one-sentence gist, then add detail in layers.' });
  const strengths: string[] = [];
  if (score('plain-language') >= 4) strengths.push('Plain words a non-expert can follow.');
  if (score('analogy') >= 4) strengths.push('An everyday analogy makes it concrete.');
  if (score('structure') >= 4) strengths.push('Leads with the gist.');
  const missing = [
    ...(score('analogy') <= 1 ? ['An everyday analogy or example'] : []),
    ...(score('structure') <= 2 ? ['A one-sentence gist up front'] : []),
  ];
  return finishFeedback(context.rubric, drafts, [...advice, ...concision.advice, ...context.extraAdvice], strengths, missing, features.relevance.offTopic);
};
