import { WORD_BANDS } from '../behavioural-rubrics.js';
import { answerConcision, detailsOf, evidenceOf, finishFeedback, listOf, quote, type TypeGrader } from './behavioural-grading.js';
import { hasCue, readResponse, type ResponseFeatures, type ResponseSentence } from './response-features.js';
import type { Advice, DimensionDraft } from './scoring.js';

/*
 * "Tell me about yourself", strengths, weaknesses, goals, experience. One rubric, but the arc a good
 * answer follows depends on what was asked, so the structure check reads the question's focus first.
 */

export type SelfPresentationFocus = 'introduction' | 'weakness' | 'strength' | 'strengths-and-weaknesses' | 'goals' | 'experience';

export function focusOf(question: string): SelfPresentationFocus {
  const text = question.toLowerCase();
  // A weakness is asked for under many names: "an area you need to develop", "what would you improve
  // about yourself", "what criticism do you get", "what do you struggle with".
  const weakness =
    /weakness|weakest|areas? (?:of|for|in need of) (?:improvement|growth|development)|\bareas?\b[^.?]{0,30}\b(?:develop|improve|work on)\b|development areas?|improve (?:about|in) yourself|critici[sz]|struggle with|not (?:so |as )?good at|could (?:you )?do better/.test(
      text,
    );
  const strength = /strength|strongest|(?<!not (?:so |as |very )?)good at|best at|great at|bring|hire you|sets you apart|makes you/.test(text);
  if (weakness && strength) return 'strengths-and-weaknesses';
  if (weakness) return 'weakness';
  if (strength) return 'strength';
  if (/goal|years|see yourself|aspiration|ambition|career plan|long-?term|future/.test(text)) return 'goals';
  if (/yourself|introduc|background|resume|résumé|\bcv\b|journey|who are you/.test(text)) return 'introduction';
  return 'experience';
}

const says = (sentence: ResponseSentence, minimum = 2): boolean => sentence.substance >= minimum;

/** A part of the arc and the sentences that serve as it. */
interface ArcPart {
  readonly name: string;
  readonly sentences: readonly ResponseSentence[];
}

/** Something came of it: a result told as having happened, not an intention to improve. */
const outcomeOf = (sentence: ResponseSentence): boolean =>
  sentence.star.part === 'result' ||
  (sentence.star.impact && sentence.star.mode === 'narrative') ||
  sentence.star.sentence.cues.has('result') ||
  hasCue(sentence, 'progress');

function arcOf(features: ResponseFeatures, focus: SelfPresentationFocus): ArcPart[] {
  const all = features.sentences;
  const past = all.filter((sentence) => hasCue(sentence, 'past') || (sentence.experience && sentence.star.mode === 'narrative'));
  const future = all.filter((sentence) => hasCue(sentence, 'future'));
  const strengthNamed = all.filter(
    (sentence) => says(sentence) && /\b(?:strength|strong|skilled|good at|best at|experienced|proficient|meticulous|excel)/i.test(sentence.star.sentence.text),
  );
  const backed = all.filter((sentence) => sentence.experience || sentence.measured.length > 0 || (sentence.names.length > 0 && sentence.steps > 0));
  const weakness = all.filter((sentence) => hasCue(sentence, 'weakness') || (sentence.star.sentence.cues.has('learning') && hasCue(sentence, 'past')));
  const improving = all.filter((sentence) => hasCue(sentence, 'improving') && !weakness.slice(0, 1).includes(sentence));
  const progress = all.filter((sentence) => hasCue(sentence, 'progress') || (improving.length > 0 && sentence.star.part === 'result'));
  switch (focus) {
    case 'introduction':
      return [
        { name: 'where you are now', sentences: all.filter((sentence) => hasCue(sentence, 'present')) },
        { name: 'the path that led here', sentences: past },
        { name: 'what you want next and why this role', sentences: future },
      ];
    case 'weakness':
      return [
        { name: 'a real weakness', sentences: weakness },
        { name: 'what you do about it', sentences: improving },
        { name: 'evidence that it is working', sentences: progress },
      ];
    case 'strength':
      return [
        { name: 'the strengths', sentences: strengthNamed },
        { name: 'an example behind them', sentences: backed },
        { name: 'what they mean for this role', sentences: all.filter((sentence) => hasCue(sentence, 'future') || hasCue(sentence, 'company')) },
      ];
    case 'strengths-and-weaknesses':
      return [
        { name: 'a strength with an example', sentences: strengthNamed.length > 0 && backed.length > 0 ? strengthNamed : [] },
        { name: 'a real weakness', sentences: weakness },
        { name: 'what you do about the weakness', sentences: improving },
      ];
    case 'goals':
      return [
        { name: 'a near-term goal', sentences: all.filter((sentence) => /immediate|short[- ]term|first|next|near/i.test(sentence.star.sentence.text) || (hasCue(sentence, 'future') && says(sentence, 3))) },
        { name: 'a longer-term goal', sentences: all.filter((sentence) => /long[- ]term|eventually|years|ultimate|someday|one day|lead/i.test(sentence.star.sentence.text)) },
        { name: 'how this role fits', sentences: all.filter((sentence) => hasCue(sentence, 'company') || /\b(?:role|position|opportunit)/i.test(sentence.star.sentence.text)) },
      ];
    case 'experience':
      return [
        { name: 'what you have worked with', sentences: all.filter((sentence) => says(sentence) && (sentence.names.length > 0 || hasCue(sentence, 'present') || hasCue(sentence, 'past'))) },
        { name: 'a project where you used it', sentences: all.filter((sentence) => sentence.experience && says(sentence, 3)) },
        { name: 'what came of it', sentences: all.filter(outcomeOf) },
      ];
  }
}

function structure(arc: readonly ArcPart[], focus: SelfPresentationFocus, features: ResponseFeatures): DimensionDraft {
  const present = arc.filter((part) => part.sentences.length > 0);
  const missing = arc.filter((part) => part.sentences.length === 0).map((part) => part.name);
  let score = present.length === 0 ? 1 : present.length + 1;
  // The full arc is a 5 when it ends where it should: on what comes next, or on what is being done.
  const lastTwo = features.sentences.slice(-2);
  const endsForward = lastTwo.some((sentence) => arc.at(-1)?.sentences.includes(sentence) ?? false);
  if (score === 4 && features.sentences.length >= 3 && endsForward) score = 5;
  const rationale =
    missing.length === 0
      ? `The full arc is there: ${listOf(arc.map((part) => part.name))}.`
      : present.length === 0
        ? `None of the arc a ${focus.replace(/-/g, ' ')} answer follows: ${listOf(arc.map((part) => part.name))}.`
        : `Missing from the arc: ${listOf(missing)}.`;
  return { score, rationale, evidence: evidenceOf(present.map((part) => part.sentences[0]).filter((sentence) => sentence !== undefined)) };
}

function evidence(features: ResponseFeatures, focus: SelfPresentationFocus): DimensionDraft {
  const all = features.sentences;
  // For a weakness, the evidence is what is being done about it, told concretely.
  const experience = all.filter(
    (sentence) => says(sentence, 3) && (sentence.experience || (focus === 'weakness' && hasCue(sentence, 'improving') && sentence.steps > 0)),
  );
  const outcomes = all.filter((sentence) => outcomeOf(sentence) && says(sentence));
  const { measured, names } = detailsOf(all);
  const concrete = experience.length + (names.length >= 3 ? 1 : 0) + (measured.length > 0 ? 1 : 0);
  let score: number;
  if (concrete === 0) score = names.length > 0 ? 2 : 1;
  else if (outcomes.length === 0 && measured.length === 0) score = experience.length > 0 || names.length >= 3 ? 3 : 2;
  else score = measured.length > 0 && experience.length + names.length >= 2 ? 5 : 4;
  // Claims that name no project, tool, result or number and tell no real event are not evidence.
  if (features.concrete.length === 0 && experience.length === 0) score = Math.min(score, 2);
  const rationale =
    score === 1
      ? 'Nothing checkable backs the claims: no project, tool, result or number.'
      : score === 2
        ? 'Little evidence: claims without the projects, actions or results behind them.'
        : score === 3
          ? `Concrete ${experience.length > 0 ? 'experience' : 'tools'}, but no outcome: ${quote(experience[0] ?? all[0] ?? features.sentences[0]!)}.`
          : `Accomplishments with their outcome${measured.length > 0 ? ` (${listOf(measured.slice(0, 3).map((value) => `"${value}"`))})` : ''}.`;
  return { score, rationale, evidence: evidenceOf([...experience, ...outcomes]) };
}

function selfAwareness(features: ResponseFeatures, focus: SelfPresentationFocus, arc: readonly ArcPart[]): DimensionDraft {
  const cliches = features.withCue('cliche');
  const reflective = features.sentences.filter(
    (sentence) => sentence.star.sentence.cues.has('learning') || hasCue(sentence, 'improving') || hasCue(sentence, 'weakness'),
  );
  const progress = features.sentences.some((sentence) => hasCue(sentence, 'progress'));
  let score: number;
  if (focus === 'weakness' || focus === 'strengths-and-weaknesses') {
    const [named, working, evidenced] = focus === 'weakness' ? arc : [arc[1], arc[2], { name: '', sentences: features.withCue('progress') }];
    score = !named?.sentences.length ? 2 : !working?.sentences.length ? 3 : evidenced?.sentences.length ? 5 : 4;
  } else {
    score = reflective.length === 0 ? 3 : progress ? 5 : 4;
  }
  if (features.sentences.every((sentence) => !says(sentence))) score = 1;
  score = Math.max(1, score - cliches.length);
  const rationale =
    cliches.length > 0
      ? `Clichés weaken it: ${quote(cliches[0]!)}.`
      : score >= 5
        ? 'Candid and specific, with steps taken and evidence they work.'
        : score === 4
          ? 'Specific and reflective, with steps you have taken.'
          : score === 3
            ? focus === 'weakness'
              ? 'A weakness is named, but not what you do about it.'
              : 'Specific about yourself, but without reflection on what you are working on.'
            : focus === 'weakness' || focus === 'strengths-and-weaknesses'
              ? 'No real weakness is named.'
              : 'Generic traits, no reflection.';
  return { score, rationale, evidence: evidenceOf([...cliches, ...reflective]) };
}

/**
 * A weakness question does not ask why this role: a weakness told as it shows up in the candidate's work,
 * with what they do about it, is the link to the role it looks for.
 */
function weaknessAtWork(features: ResponseFeatures, arc: readonly ArcPart[]): ResponseSentence | undefined {
  const [named, working] = arc;
  if (!named?.sentences.length || !working?.sentences.length || features.relevance.offTopic) return undefined;
  return features.sentences.find((sentence) => sentence.experience && says(sentence, 3));
}

function roleFit(features: ResponseFeatures, focus: SelfPresentationFocus, arc: readonly ArcPart[]): DimensionDraft {
  const linked = features.sentences.filter((sentence) => (hasCue(sentence, 'company') || hasCue(sentence, 'future')) && says(sentence, 3));
  const reasoned = linked.find((sentence) => sentence.star.sentence.cues.has('reasoning') || (sentence.cues.get('because') ?? 0) > 0 || sentence.names.length > 0);
  const onTopic = features.relevance.score >= 3;
  const score = reasoned && hasCue(reasoned, 'company') ? 5 : linked.length > 0 ? 4 : onTopic ? 3 : features.relevance.score === 2 ? 2 : 1;
  const atWork = focus === 'weakness' && score < 4 ? weaknessAtWork(features, arc) : undefined;
  if (atWork) {
    return { score: 4, rationale: `The weakness is told as it shows up in your work: ${quote(atWork)}.`, evidence: evidenceOf([atWork]) };
  }
  const rationale =
    score >= 4
      ? `Tied to the role: ${quote(reasoned ?? linked[0]!)}.`
      : score === 3
        ? 'Relevant to ML work in general, but not tied to this role.'
        : 'No link to the role you are interviewing for.';
  return { score, rationale, evidence: evidenceOf(linked) };
}

const ARC_ADVICE: Record<SelfPresentationFocus, string> = {
  introduction: 'Structure: present, past, future — your current role and one accomplishment, the background that led there, and why this role is your next step.',
  weakness: 'Structure: name a real weakness, say what you are doing about it, and show that it is working (what changed).',
  strength: 'Structure: name two or three strengths that matter for this role and back each with a specific example.',
  'strengths-and-weaknesses': 'Structure: one strength with an example, then a real weakness and what you are doing about it.',
  goals: 'Structure: a near-term goal, a longer-term one, and how this role moves you towards them.',
  experience: 'Structure: say what you have worked with, one project where you used it, and what came of it.',
};

export const gradeSelfPresentation: TypeGrader = (context) => {
  const features = readResponse(context.answer, context.profile, context.question, 0.3);
  const focus = focusOf(context.question);
  const arc = arcOf(features, focus);
  const concision = answerConcision(context, WORD_BANDS['self-presentation']);
  const drafts: Record<string, DimensionDraft> = {
    structure: structure(arc, focus, features),
    evidence: evidence(features, focus),
    'self-awareness': selfAwareness(features, focus, arc),
    'role-fit': roleFit(features, focus, arc),
    concision: concision.draft,
  };
  const score = (key: string): number => drafts[key]?.score ?? 5;
  const missingParts = arc.filter((part) => part.sentences.length === 0).map((part) => part.name);
  const advice: Advice[] = [];
  if (score('structure') <= 4) advice.push({ key: 'structure', text: ARC_ADVICE[focus] });
  if (score('evidence') <= 3) advice.push({ key: 'evidence', text: 'Evidence: back each claim with a real accomplishment — the project, what you did and the result, with a number if you can.' });
  if (score('self-awareness') <= 3) {
    advice.push({
      key: 'self-awareness',
      text:
        focus === 'weakness' || focus === 'strengths-and-weaknesses'
          ? 'Self-awareness: choose a real weakness (not a disguised strength) and say what you are doing about it and what has improved.'
          : 'Self-awareness: be specific about what you are strongest at and what you are working on, instead of general traits.',
    });
  }
  if (focus === 'weakness') {
    if (score('role-fit') <= 3) advice.push({ key: 'role-fit', text: 'Connection to the role: tell the weakness as it shows up in your work, with one project where it mattered.' });
    else if (advice.length === 0 && score('structure') >= 4 && score('evidence') >= 4 && score('self-awareness') >= 4) {
      // A weakness question never asks why this role: a strong answer is told so, with the follow-up to prepare.
      advice.push({ key: 'role-fit', text: 'Strong answer: a real weakness, what you do about it and evidence that it works. Prepare the follow-up: a second weakness, or what you do when the fix is not enough.' });
    }
  } else if (score('role-fit') <= 3) {
    advice.push({ key: 'role-fit', text: 'Connection to the role: end with why this role fits what you bring and where you are heading.' });
  }
  const strengths: string[] = [];
  if (score('structure') >= 4) strengths.push(`A clear arc: ${listOf(arc.map((part) => part.name))}.`);
  if (score('evidence') >= 4) strengths.push('Claims backed by accomplishments and their outcome.');
  if (score('role-fit') >= 4) strengths.push(focus === 'weakness' ? 'Tells the weakness as it shows up in your work.' : 'Ties your profile to the role.');
  return finishFeedback(
    context.rubric,
    drafts,
    [...advice, ...concision.advice, ...context.extraAdvice],
    strengths,
    missingParts.map((part) => part.charAt(0).toUpperCase() + part.slice(1)),
    features.relevance.offTopic,
  );
};
