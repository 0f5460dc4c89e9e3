import { subjectTerms } from '../corpus/related-questions.js';
import type { TermIndex } from './term-relevance.js';
import type { RequirementCoverageSchema } from '../contracts/protocol.js';
import type { z } from 'zod';

type RequirementCoverage = z.infer<typeof RequirementCoverageSchema>;

/*
 * A pasted job description steers an interview. Its requirement phrases are extracted (bullets, and
 * sentences that ask for something: "experience with…", "you will…"), each becomes a BM25 query over
 * the corpus's questions and reference answers, and questions are picked greedily so that together they
 * cover as many requirements as they can. The summary then says which requirements the interview covered.
 */

/** Requirements kept from one description: the most specific ones when there are more. */
export const MAX_REQUIREMENTS = 12;
/**
 * A question covers a requirement when its BM25 for the requirement reaches this: about one rare term of the
 * requirement (a technique's name) present in the question or its reference answer, or several common ones.
 * Chosen by reading the matches for a handful of real-looking descriptions (see src/practice/README.md).
 */
export const COVER_MIN = 4;
/** Once a requirement is covered by a picked question, later questions on it count this much. */
const COVERED_WEIGHT = 0.7;
/** Questions the user was asked recently count this much, so a second interview for one job rotates. */
const SEEN_WEIGHT = 0.6;

/** Words every job advert uses that say nothing about what will be asked (stemmed like the terms). */
const BOILERPLATE = new Set(
  subjectTerms(
    `experience experienced years year strong solid proven excellent good great ability able skills skill knowledge
    familiarity familiar proficiency proficient understanding understand expertise expert background degree bachelor
    master phd equivalent field related plus bonus nice preferred required requirement requirements must should
    will you we our us team teams company role position candidate candidates looking join work working opportunity
    responsibilities responsible qualifications including include includes such etc e.g ie hands on across within
    new help drive own ownership passion passionate motivated environment fast paced exciting world class salary
    competitive benefits equity vacation holiday holidays office remote hybrid insurance pension gym flexible hours
    offer offers apply application equal employer diverse diversity`,
  ),
);

/** Sentences that ask for something, when they are not bullets. */
const CUE = /\b(experience|knowledge|familiar|proficien|understanding|skills?|ability|expertise|background|degree|must|should|you will|you'll|responsib|build|design|develop|deploy|lead|hands-on)\b/i;
const BULLET = /^\s*(?:[-*•·▪◦‣–]|\d{1,2}[.)])\s+/;

export interface Requirement {
  text: string;
  /** Distinct stemmed terms the corpus knows, without job-advert boilerplate. */
  terms: string[];
}

function display(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= 160 ? clean : `${clean.slice(0, 157).trimEnd()}…`;
}

/** The description's requirement phrases, in their order, at most MAX_REQUIREMENTS (the most specific ones). */
export function extractRequirements(description: string, index: TermIndex): Requirement[] {
  // Blocks: a bullet with its wrapped lines, or a paragraph of wrapped lines; a blank line or a heading ends one.
  const blocks: Array<{ lines: string[]; bullet: boolean }> = [];
  let open: { lines: string[]; bullet: boolean } | undefined;
  for (const line of description.normalize('NFKC').split(/\r?\n/)) {
    const body = line.replace(BULLET, '').trim();
    // A heading ("Requirements:", "What you'll do") introduces requirements; it is not one.
    if (body === '' || (/:\s*$/.test(body) && body.split(/\s+/).length <= 6)) {
      open = undefined;
      continue;
    }
    if (BULLET.test(line) || !open) {
      open = { lines: [body], bullet: BULLET.test(line) };
      blocks.push(open);
    } else {
      open.lines.push(body);
    }
  }
  const segments = blocks.flatMap(({ lines, bullet }) => {
    const text = lines.join(' ');
    return (bullet ? [text] : text.split(/(?<=[.!?;])\s+/)).map((part) => ({ text: part, bullet }));
  });
  const seen = new Set<string>();
  const found: Array<Requirement & { specificity: number; order: number }> = [];
  for (const [order, segment] of segments.entries()) {
    if (!segment.bullet && !CUE.test(segment.text)) continue;
    const terms = index.known(subjectTerms(segment.text).filter((term) => !BOILERPLATE.has(term)));
    if (terms.length === 0) continue;
    const key = [...terms].sort().join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const specificity = Math.max(...terms.map((term) => index.idf(term)));
    found.push({ text: display(segment.text), terms, specificity, order });
  }
  return found
    .sort((a, b) => b.specificity - a.specificity)
    .slice(0, MAX_REQUIREMENTS)
    .sort((a, b) => a.order - b.order)
    .map(({ text, terms }) => ({ text, terms }));
}

/** BM25 of every candidate for every requirement. */
function relevanceTable(ids: readonly string[], requirements: readonly Requirement[], index: TermIndex): Map<string, number[]> {
  return new Map(ids.map((id) => [id, requirements.map((requirement) => index.score(id, requirement.terms))]));
}

export interface RankedQuestion<T> {
  item: T;
  /** The requirement the question serves best, when it serves one. */
  requirement?: string;
}

/**
 * Orders candidates for a job: greedily, each next question the one that adds most to the requirements
 * still uncovered (each requirement's best question scores 1 on it), then every candidate that covers no
 * requirement, in the order given. `recent` are question ids the user was asked lately.
 */
export function rankForJob<T extends { id: string }>(
  candidates: readonly T[],
  requirements: readonly Requirement[],
  index: TermIndex,
  recent: ReadonlySet<string>,
  picks: number,
): Array<RankedQuestion<T>> {
  const table = relevanceTable(
    candidates.map((candidate) => candidate.id),
    requirements,
    index,
  );
  const weights = requirements.map(() => 1);
  const remaining = [...candidates];
  const ranked: Array<RankedQuestion<T>> = [];
  while (ranked.length < picks && remaining.length > 0) {
    let choice: { at: number; gain: number; requirement: number } | undefined;
    for (const [at, candidate] of remaining.entries()) {
      const row = table.get(candidate.id) ?? [];
      let gain = 0;
      let top = { requirement: -1, value: 0 };
      for (const [r, value] of row.entries()) {
        if (value < COVER_MIN) continue;
        const share = (weights[r] ?? 0) * value;
        gain += share;
        if (share > top.value) top = { requirement: r, value: share };
      }
      if (recent.has(candidate.id)) gain *= SEEN_WEIGHT;
      if (gain > 0 && (!choice || gain > choice.gain)) choice = { at, gain, requirement: top.requirement };
    }
    if (!choice) break;
    const [picked] = remaining.splice(choice.at, 1);
    if (!picked) break;
    for (const [r, value] of (table.get(picked.id) ?? []).entries()) if (value >= COVER_MIN) weights[r] = (weights[r] ?? 0) * COVERED_WEIGHT;
    const requirement = requirements[choice.requirement]?.text;
    ranked.push(requirement === undefined ? { item: picked } : { item: picked, requirement });
  }
  return [...ranked, ...remaining.map((item) => ({ item }))];
}

/**
 * Which requirements an interview covered: `covered` when an answered question is about it, `skipped` when
 * its only questions were skipped or left unanswered, `not_asked` otherwise.
 */
export function requirementCoverage(
  requirements: readonly Requirement[],
  asked: ReadonlyArray<{ turnId: string; questionId: string; answered: boolean; requirement?: string | undefined }>,
  index: TermIndex,
): RequirementCoverage[] {
  return requirements.map((requirement) => {
    // A question the model wrote for a requirement covers that one; corpus questions by their terms.
    const on = asked.filter((turn) => turn.requirement === requirement.text || index.score(turn.questionId, requirement.terms) >= COVER_MIN);
    const answered = on.filter((turn) => turn.answered);
    const status: RequirementCoverage['status'] = answered.length > 0 ? 'covered' : on.length > 0 ? 'skipped' : 'not_asked';
    return { text: requirement.text, status, turnIds: (answered.length > 0 ? answered : on).map((turn) => turn.turnId) };
  });
}
