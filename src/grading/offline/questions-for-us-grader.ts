import { WORD_BANDS } from '../behavioural-rubrics.js';
import { answerConcision, evidenceOf, finishFeedback, listOf, type TypeGrader } from './behavioural-grading.js';
import { readResponse, type ResponseSentence } from './response-features.js';
import type { Advice, DimensionDraft } from './scoring.js';
import { shorten } from './terms.js';

/*
 * "Do you have any questions for us?": two or three real questions about the role, the team and how ML is
 * done there, tied to what the candidate learned, with pay and perks left for later (the corpus guide,
 * 4.5 "Questions to Ask Interviewers"). The answer is read question by question: one sentence often holds
 * two ("What does success look like, and who owns the monitoring?"), and a question can be asked as a
 * statement ("I'd love to know how models reach production").
 */

/** A sentence that asks something without a question mark. */
const EMBEDDED_QUESTION =
  /\b(?:i(?:'d| would) (?:like|love) to (?:know|hear|understand|learn|ask)|i(?:'m| am) (?:curious|wondering|interested to (?:know|hear))|i wonder(?:ed)?|(?:could|can) you (?:tell|walk|say|share|describe|explain)|tell me (?:more )?about)\b/i;
const OPENS_QUESTION = /^(?:and |also |so |then |finally |lastly |secondly |first(?:ly)? |second )?(?:what|what's|how|who|whom|whose|where|when|why|which|is|are|do|does|did|can|could|would|will|should|have|has)\b/i;
/** Where a second question starts inside a sentence: ", and what …", "; who …". */
const CLAUSE_BREAK = /(?:\?\s*|[,;]\s*(?:and |or |also |plus )?|\s(?:and|or) )(?=(?:what|what's|how|who|where|when|why|which|is there|are there|do you|does the|does it)\b)/i;

/** Declining to ask anything, or only thanking the interviewer. */
const DECLINES = /\b(?:no(?:,|\.|!| i| not| questions| thanks| thank)|nope|not really|not at the moment|not right now|you(?:'ve| have)? covered (?:it|everything|all)|nothing (?:else|comes to mind|from me|at the moment)|i(?:'m| am) (?:good|all set|fine)|all good|i think that(?:'s| is) (?:all|everything))\b/i;

/** What a question is about. */
const TOPICS = {
  role: /\b(?:role|position|the job|day[- ]to[- ]day|typical (?:week|day) (?:for|in)|first (?:\d+|thirty|sixty|ninety|few|three|six) (?:days|weeks|months)|\d+ days|(?:six|three|twelve) months|success|successful|measured?|expect(?:ations?|ed)?|responsibilit\w+|onboarding|ramp(?:ing)? up|goals?|okrs?|kpis?|the hire|this hire|in this seat)\b/i,
  team: /\b(?:team|teams|manager|managers|colleagues|structure|structured|collaborat\w*|product managers?|engineers|scientists|stakeholders|code reviews?|reviews?|mentor\w*|who (?:owns|decides|works|else)|report(?:s|ing)? to)\b/i,
  practice: /\b(?:models?|production|deploy\w*|monitor\w*|notebooks?|pipelines?|data|datasets?|labell?(?:ing|ed|s)?|features?|experiments?|a\/b|offline|metrics?|evaluat\w*|infrastructure|stack|tooling|tools?|mlops|retrain\w*|drift|gpus?|research|papers?|training|inference|latency|ml|machine learning|ai|llms?)\b/i,
  challenge: /\b(?:challenges?|problems?|hardest|biggest|roadmap|strategy|plans?|next year|this year|direction|bottlenecks?|pain points?|customers?|users?|product|products|trade-?offs?)\b/i,
  growth: /\b(?:learn\w*|grow\w*|career|conferences?|develop(?:ment)?|progress\w*|feedback)\b/i,
} as const;
type Topic = keyof typeof TOPICS;
/** Topics about the work itself; growth questions are welcome but fit any job. */
const WORK_TOPICS: readonly Topic[] = ['role', 'team', 'practice', 'challenge'];

/** Pay, perks and time off: what the guide says not to open with. */
const PERKS =
  /\b(?:salary|salaries|pay|paid|compensation|bonus\w*|equity|stock options?|benefits|perks|vacation|holidays?|time off|pto|annual leave|remote|work from home|wfh|working hours|overtime|promot\w*|pay rise|raise|pension|401k|gym|free lunch)\b/i;

/** Research or listening behind a question. */
const PREPARED =
  /\b(?:you mentioned|you said|you told|earlier you|as you (?:said|mentioned)|i (?:read|saw|noticed|watched|listened|heard)|i(?:'ve| have) (?:read|seen|used|noticed|heard)|your (?:blog|engineering blog|paper|talk|post|announcement|launch|website|site|careers page|job (?:ad|post|posting|description))|the (?:job|role) (?:description|posting|ad)|on your (?:blog|website|site))\b/i;
/** Why a question matters to the candidate. */
const REASON = /\b(?:because|since|i ask (?:because|since)|(?:that|this|it) matters to me|i(?:'m| am) (?:keen|asking)|i(?:'d| would) want to|so (?:that )?i (?:can|could|know))\b/i;
const INTEREST_ONLY = /\b(?:sounds? (?:great|amazing|exciting|interesting)|(?:really |very )?excited|love (?:the|this|your)|great (?:company|team|place))\b/i;

interface AskedQuestion {
  readonly text: string;
  readonly sentence: ResponseSentence;
  readonly topics: ReadonlySet<Topic>;
  readonly perks: boolean;
  /** Enough content words to be a real question ("Any tips?" is not). */
  readonly clear: boolean;
}

const isQuestion = (text: string): boolean => /\?\s*$/.test(text) || OPENS_QUESTION.test(text) || EMBEDDED_QUESTION.test(text);

/** The questions of the answer, a sentence split where a second question begins. */
function questionsOf(sentences: readonly ResponseSentence[]): AskedQuestion[] {
  const asked: AskedQuestion[] = [];
  for (const sentence of sentences) {
    const text = sentence.star.sentence.text.trim();
    if (!isQuestion(text)) continue;
    const clauses = text.split(CLAUSE_BREAK).map((clause) => clause.trim()).filter((clause) => clause.length > 0);
    for (const clause of clauses) {
      const topics = new Set((Object.keys(TOPICS) as Topic[]).filter((topic) => TOPICS[topic].test(clause)));
      const words = clause.split(/\s+/).filter((word) => /[a-z]{3,}/i.test(word)).length;
      asked.push({ text: clause, sentence, topics, perks: PERKS.test(clause), clear: words >= 4 && sentence.substance >= 2 });
    }
  }
  return asked;
}

const quoted = (question: AskedQuestion): string => `"${shorten(question.text, 90)}"`;

function questionsDraft(asked: readonly AskedQuestion[], declined: boolean): DimensionDraft {
  const clear = asked.filter((question) => question.clear);
  const score = clear.length >= 3 ? 5 : clear.length === 2 ? 4 : clear.length === 1 ? 3 : asked.length > 0 ? 2 : 1;
  const rationale =
    asked.length === 0
      ? declined
        ? 'Declines to ask anything: to an interviewer that reads as no interest in the job.'
        : 'No question is asked.'
      : clear.length === 0
        ? `Only a vague question: ${quoted(asked[0]!)}.`
        : `${clear.length} clear question${clear.length === 1 ? '' : 's'}, e.g. ${quoted(clear[0]!)}.`;
  return { score, rationale, evidence: evidenceOf(asked.map((question) => question.sentence)) };
}

function specificityDraft(asked: readonly AskedQuestion[]): DimensionDraft {
  const covered = WORK_TOPICS.filter((topic) => asked.some((question) => question.topics.has(topic)));
  const about = asked.filter((question) => WORK_TOPICS.some((topic) => question.topics.has(topic)));
  const generic = asked.filter((question) => !WORK_TOPICS.some((topic) => question.topics.has(topic)) && !question.perks);
  const score = asked.length === 0 ? 1 : covered.length === 0 ? 2 : covered.length === 1 ? 3 : covered.length === 2 ? 4 : 5;
  const names: Record<Topic, string> = { role: 'the role and its success', team: 'the team', practice: 'how ML is done there', challenge: 'their challenges and plans', growth: 'growth' };
  const rationale =
    asked.length === 0
      ? 'No question about the role, the team or the work.'
      : covered.length === 0
        ? `The questions would fit any job: ${quoted(generic[0] ?? asked[0]!)}.`
        : `Asks about ${listOf(covered.map((topic) => names[topic]))}: ${quoted(about[0]!)}.`;
  return { score, rationale, evidence: evidenceOf(about.map((question) => question.sentence)) };
}

function prioritiesDraft(asked: readonly AskedQuestion[]): DimensionDraft {
  const perks = asked.filter((question) => question.perks);
  const work = asked.filter((question) => WORK_TOPICS.some((topic) => question.topics.has(topic)) && !question.perks);
  let score: number;
  if (asked.length === 0) score = 2;
  else if (perks.length === asked.length) score = 1;
  else if (asked[0]?.perks) score = 2;
  else if (perks.length > 0) score = 3;
  else score = work.length === asked.length ? 5 : 4;
  const rationale =
    asked.length === 0
      ? 'No questions, so nothing shows what matters to you in the job.'
      : score === 1
        ? `Only pay, perks or time off: ${quoted(perks[0]!)}.`
        : score === 2
          ? `Opens with pay, perks or time off: ${quoted(perks[0]!)}.`
          : score === 3
            ? `Pay or perks among the work questions: ${quoted(perks[0]!)}.`
            : score === 5
              ? 'Every question is about the work.'
              : 'Work questions first; none about pay or perks.';
  return { score, rationale, evidence: evidenceOf(perks.map((question) => question.sentence)) };
}

function preparationDraft(sentences: readonly ResponseSentence[], asked: readonly AskedQuestion[]): DimensionDraft {
  const prepared = sentences.filter((sentence) => PREPARED.test(sentence.star.sentence.text));
  const reasoned = sentences.filter((sentence) => REASON.test(sentence.star.sentence.text));
  const interest = sentences.filter((sentence) => INTEREST_ONLY.test(sentence.star.sentence.text));
  const aboutThem = asked.some((question) => WORK_TOPICS.some((topic) => question.topics.has(topic)));
  const score = prepared.length > 0 ? (reasoned.length > 0 ? 5 : 4) : aboutThem ? 3 : interest.length > 0 || asked.length > 0 ? 2 : 1;
  const shown = prepared[0] ?? interest[0];
  const rationale =
    score >= 4
      ? `Built on research or the conversation: "${shorten(prepared[0]!.star.sentence.text, 90)}"${score === 5 ? ', with why it matters to you' : ''}.`
      : score === 3
        ? 'The questions are about this role and team, but nothing ties them to what you read or heard.'
        : score === 2
          ? shown
            ? `Interest is stated, with nothing behind it: "${shorten(shown.star.sentence.text, 90)}".`
            : 'Nothing shows you looked into this company.'
          : 'No sign of interest in this company.';
  return { score, rationale, evidence: evidenceOf([...prepared, ...reasoned]) };
}

export const gradeQuestionsForUs: TypeGrader = (context) => {
  const features = readResponse(context.answer, context.profile, context.question, 0.3);
  const concision = answerConcision(context, WORD_BANDS['questions-for-us'], Infinity);
  const asked = questionsOf(features.sentences);
  const declined = features.sentences.some((sentence) => DECLINES.test(sentence.star.sentence.text));
  const drafts: Record<string, DimensionDraft> = {
    questions: questionsDraft(asked, declined),
    specificity: specificityDraft(asked),
    priorities: prioritiesDraft(asked),
    preparation: preparationDraft(features.sentences, asked),
    concision: concision.draft,
  };
  const score = (key: string): number => drafts[key]?.score ?? 5;
  const advice: Advice[] = [];
  if (score('questions') <= 3) {
    advice.push({
      key: 'questions',
      text:
        asked.length === 0
          ? 'Questions asked: always have two or three ready; "No, you covered everything" reads as no interest. For example: "What would make you say, six months from now, that this hire was a success?"'
          : 'Questions asked: ask two or three clear questions (prepare five to ten, since some get answered during the interview).',
    });
  }
  if (score('specificity') <= 3) {
    advice.push({
      key: 'specificity',
      text: 'About the role: ask what only this team can answer — how success in the role is measured, the ML team\'s biggest challenge this year, how models get from a notebook to production and who monitors them.',
    });
  }
  if (score('priorities') <= 3 && asked.length > 0) {
    advice.push({ key: 'priorities', text: 'Priorities: leave salary, holidays and perks for the offer stage unless the interviewer raises them; lead with questions about the work.' });
  }
  if (score('preparation') <= 3) {
    advice.push({
      key: 'preparation',
      text: 'Preparation: tie a question to what you read about them or what the interviewer said ("You mentioned the ranking model is retrained weekly — what decides that cadence?").',
    });
  }
  const strengths: string[] = [];
  if (score('questions') >= 4) strengths.push('Has real questions ready rather than declining.');
  if (score('specificity') >= 4) strengths.push('The questions are about this role, this team and how they do ML.');
  if (score('preparation') >= 4) strengths.push('The questions show research or listening.');
  const missing = [
    ...(score('questions') <= 2 ? ['Two or three questions of your own'] : []),
    ...(!asked.some((question) => question.topics.has('role')) ? ['A question about how success in the role is measured'] : []),
    ...(!asked.some((question) => question.topics.has('practice')) ? ['A question about how ML is done there (data, deployment, monitoring)'] : []),
  ];
  return finishFeedback(context.rubric, drafts, [...advice, ...concision.advice, ...context.extraAdvice], strengths, missing);
};
