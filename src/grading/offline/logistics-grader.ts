import { WORD_BANDS } from '../behavioural-rubrics.js';
import { answerConcision, finishFeedback, type TypeGrader } from './behavioural-grading.js';
import type { Concision } from './concision.js';
import type { SentenceInfo } from './nlp.js';
import type { Advice, DimensionDraft } from './scoring.js';
import { shorten } from './terms.js';

/*
 * "What is your notice period?", "Are you open to relocating?", "Do you need visa sponsorship?": the
 * interviewer needs a fact to plan with. A good answer gives it first (a date or a period, a yes or a no),
 * then the real conditions behind it and the flexibility the candidate truly has, and stops. Evasion, a bare
 * "it depends", a yes taken back, private detail and bargaining over pay are what lose points.
 */

/** What the question asks for: a date or a period, a yes or a no, or a plain fact ("How flexible are your hours?"). */
type Ask = 'when' | 'yes-no' | 'open';
/** Questions of status (the right to work, a non-compete): nothing to bend, so a plain answer is not rigid. */
const STATUS_QUESTION = /\b(?:visa|sponsor\w*|right to work|authori[sz]\w*|permit|eligible|non-?compete|non-?solicit\w*|citizen\w*|interviewing|other (?:companies|employers|processes)|live within|commut\w*)\b/i;
const WHEN_QUESTION = /^(?:when|how soon|how quickly|how fast|how much notice|how long|what(?:'s| is| would be) your (?:current )?(?:notice|earliest|start|availability|timeline))\b/i;
const YES_NO_QUESTION = /^(?:are|is|do|does|would|will|can|could|have|has|were|did|should)\b/i;

/** "How do you feel about on-call duties?": a view of an arrangement asked as whether it suits. */
const FEEL_ABOUT = /^how (?:do|would) you feel about\b/i;

function askOf(question: string): Ask {
  const text = question.trim().replace(/^(?:and |so |also )/i, '');
  // "If we made you an offer next week, how quickly could you start?": the ask is the last clause.
  const last = text.split(/,\s*/).at(-1) ?? text;
  if (WHEN_QUESTION.test(text) || WHEN_QUESTION.test(last)) return 'when';
  // "This role includes an on-call rotation one week in six. Is that okay for you?": the ask is the last sentence.
  const final = text.split(/(?<=[.!?])\s+/).at(-1) ?? text;
  return YES_NO_QUESTION.test(text) || YES_NO_QUESTION.test(final) || FEEL_ABOUT.test(final) ? 'yes-no' : 'open';
}

const YES =
  /^(?:yes|yeah|yep|yup|sure|absolutely|definitely|certainly|of course|correct|happy to|glad to|that (?:works|is fine|'s fine|suits me)|no problem|fine|ok|okay|i (?:am|do|would|will|can|could|have)\b(?! not)|i(?:'m|'d|'ll|'ve)\b(?! not))/i;
/** A yes said after its subject: "One week in six is fine for me", "Anything up to a week a month works for me". */
const YES_AFTER = /^[^.!?]{0,80}?\b(?:is|are|would be|sounds) (?:fine|okay|ok|good|no problem) (?:for|with|by) me\b|^[^.!?]{0,80}?\b(?:works|suits) (?:for )?me\b/i;
const NO = /^(?:no\b(?! (?:problem|worries|issue))|nope|not (?:really|at the moment|currently|right now|at all|every|each|always|permanently|full[- ]time|nights?|weekends?)|i (?:don't|do not|wouldn't|would not|won't|will not|can't|cannot|can not|am not|haven't|have not|couldn't|could not)\b|i'm not\b(?! sure))/i;
const HEDGE =
  /\b(?:not sure|unsure|maybe|perhaps|probably|possibly|i think so|i (?:don't|do not) (?:think|believe) so|i doubt (?:it|that)|i guess|i suppose|hopefully|hard to say|we'll see|i'd have to (?:check|think|see))\b/i;
/*
 * Reassurance in place of the fact: "I'm sure something will work out", "we'll figure it out", "I've always managed".
 * It sounds like a yes ("I'm…") and may name the subject ("…with the visa"), but says nothing the interviewer can
 * plan with; unless it opens with a real yes or no, or gives a date or a period, it is no answer.
 */
const REASSURANCE =
  /\b(?:(?:something|it|things|everything|that|this|all)(?:'ll| will| should| would|'d)? (?:all |surely |probably |definitely )?(?:work (?:itself |themselves )?out|be (?:fine|ok|okay|alright|all right|sorted|manageable|figured out)|sort (?:itself|themselves) out|fall into place)|(?:we|i)(?:'ll| will| can| could|'d| would)? (?:figure|sort|work|iron|hash) (?:it|that|this|something|things|those|these|(?:these|those|the) (?:things|details))(?: \w+)? out|(?:we|i)(?:'ll| will| can| could)? (?:figure|work|sort) out (?:a|the|some) (?:date|details|timing|logistics|solution|arrangement)|(?:we|i)(?:'ll| will| can| could)? (?:find a way|manage somehow)|(?:don't|no need to) worry|(?:i've|i have) always (?:managed|figured|worked|sorted|found a way)|i(?:'m| am) (?:sure|confident|certain) (?:that )?(?:it|we|something|things|everything|there|this|that|all)\b)/i;
/** An answer said in so many words: a reassurance that opens with one still answers. */
const EXPLICIT = /^(?:yes|yeah|yep|yup|no|nope|absolutely|definitely|certainly|of course|correct|not at all)\b/i;
/** Putting the question off or refusing it: no answer at all. */
const EVASIVE =
  /\b(?:(?:i'd|i would) (?:rather|prefer) not (?:say|answer|get into|go into|discuss|commit)|(?:let's|can we|we can|i'd (?:rather|prefer to)) (?:discuss|talk about|come back to|leave|cover) (?:that|this|it|those details|the details)\b|that's (?:personal|private)|depends on the offer|(?:not|isn't) something i(?:'m| am) (?:ready|comfortable|willing) to (?:share|discuss))/i;
const BARE_DEPENDS = /^(?:well,? )?(?:it|that) (?:all |really )?depends\b(?:\s+on (?:a lot of things|many things|the situation|circumstances|things))?\s*[.!]*$/i;

const MONTH = String.raw`(?:january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)`;
/** A date: "1 March", "March 3rd", "early June", "next Monday", "immediately", "Q2". */
const DATE = new RegExp(
  String.raw`\b(?:\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:${MONTH}|may)|(?:${MONTH}|may) \d{1,2}(?:st|nd|rd|th)?|(?:in|from|by|early|mid|late|end of|start of|beginning of|the (?:start|end|middle) of|before|after|until) (?:-)?(?:${MONTH}|may)|${MONTH}\b|immediately|right away|straight away|tomorrow|(?:next|this) (?:week|month|quarter|monday|tuesday|wednesday|thursday|friday)|on (?:monday|tuesday|wednesday|thursday|friday)|q[1-4]|20\d\d|the (?:start|end|beginning|middle) of (?:the |next )?(?:month|quarter|year))\b`,
  'i',
);
const NUMBER_WORD = String.raw`(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|sixty|ninety|a|an)`;
/** A period: "four weeks", "3 months", "one month's notice". */
const PERIOD = new RegExp(String.raw`\b${NUMBER_WORD}[- ](?:(?:calendar|working|business|full) )?(?:days?|weeks?|months?|years?)(?:'s?|’s?)?(?![\w-])`, 'gi');
/** A period that is no fact: "a few weeks", "a couple of months", "some time". */
const VAGUE_TIME = /\b(?:soon|as soon as (?:possible|i can)|asap|at some point|sometime|eventually|in a while|a (?:few|couple of) (?:days|weeks|months)|some time|a bit|whenever)\b/i;
/** Other facts a plan can use: days a week, a share of time, a visa or status, a place. */
const FACT =
  /\b(?:\d+|one|two|three|four|five) days? (?:a|per|each) (?:week|month)|\d+\s?%|\b(?:\d+|ten|fifteen|twenty|thirty|forty|forty-five|an?) (?:minutes?|hours?)\b|\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b\d{1,2}(?::\d\d)? (?:to|until|till) \d{1,2}(?::\d\d)?\b|\b(?:cet|cest|gmt|utc|bst|est|pst)\b|\b(?:h-?1b|blue card|skilled worker|tier 2|green card|eu citizen|uk citizen|us citizen|citizen(?:ship)?|permanent resident(?:cy)?|settled status|indefinite leave|work permit|passport|visa|every (?:other|second|third|fourth) (?:week|month|weekend)|once (?:a|per) (?:week|month|quarter|year)|(?:every|each) (?:week|month|quarter))\b/i;
const PLACE = /\b(?:in|to|from|near|at|around) (?:[A-Z][a-z]+)(?: [A-Z][a-z]+)?\b/;

/** A limit or condition of the answer. */
const CONSTRAINT =
  /\b(?:notice|contract\w*|clause|visa|sponsor\w*|permit|non-?compete|lease|family|partner|wife|husband|children|kids|school|holiday|vacation|wedding|leave|exam|degree|graduat\w*|thesis|studies|vest\w*|commitments?|hand ?over|handover|relocation (?:support|package|costs?)|childcare|care for|caring for)\b/i;
/** A constraint word said of its absence: "I don't need sponsorship", "without a permit". */
const NO_CONSTRAINT = /\b(?:(?:don't|do not|won't|will not|wouldn't|would not|no) need|without (?:any |a )?(?:sponsor\w*|visa|permit|notice)|no (?:notice|visa|sponsorship|non-?compete))\b/i;
const CONDITION = /\b(?:if|unless|as long as|provided|providing|on condition|depending on|once|after|until|before|except|but|though|although|however|subject to|because|since)\b/i;
const CONSEQUENCE = /\b(?:so|which means|that means|meaning|that gives|that puts|so that)\b/i;
/** Constraints hinted at and not said. */
const HINT =
  /\b(?:a (?:few|couple of) things|some things|(?:it's|it is) complicated|personal (?:reasons|circumstances|situation)|various (?:factors|things|reasons)|a number of factors|circumstances|sort (?:some )?things out|figure (?:it|things|some things) out|things (?:to|i need to) (?:sort|work|figure) out|other (?:factors|considerations))\b/i;
/**
 * "I'm open to relocating. But I wouldn't leave Madrid.": a yes taken back by a turn ("but", "actually"), without a
 * condition that would explain it. A negative that goes on from a yes ("Yes, I'm a US citizen. I don't need
 * sponsorship.") is no turn.
 */
const TAKEN_BACK = /^(?:but|actually|although|though|however|honestly|to be honest|then again|on second thought),? (?:i (?:won't|wouldn't|can't|cannot|couldn't|don't|am not)|i'm not|no\b|not really)/i;
const BOUNDED = /\b(?:if|unless|as long as|provided|before|until|without|for the first|more than|over|every|permanently|full-?time|each|longer than|beyond|because|since)\b/i;
const TIMED = /\b(?:notice|start\w*|join\w*|available|free|release\w*|contract\w*)\b/i;
/** What turns one notice period into two without contradiction: a stated way to shorten it. */
const NEGOTIATED = /\b(?:shorten\w*|negotiat\w*|reduce\w*|buy(?:ing)? (?:me |it )?out|bought out|release|down to|usually|agree\w*|could|might|earlier|instead|rather than|on paper|in practice)\b/i;

/** Turning a practical question into a bargaining position. */
const ULTIMATUM =
  /\b(?:non-?negotiable|not negotiable|take it or leave it|deal-?breaker|that's final|or i (?:walk|won't|will not|withdraw)|otherwise i(?:'ll| will) (?:walk|decline|withdraw|look elsewhere)|only if you (?:pay|add|increase|double|raise|match|give me|cover))\b/i;
/** Pay asked for here is bargaining; relocation support or on-call pay is a condition of the arrangement, and not listed. */
const PAY = /\b(?:salary|money|(?:signing|sign-on|retention) bonus|bonus|equity|raise|(?:higher|more|better) (?:pay|salary|base))\b|[$€£]/i;
const DEMAND = /\b(?:(?:i'd|i would|i will|i'll) (?:need|expect|want|require)|i (?:need|expect|want|require)|(?:has|have|would have) to (?:be|match|increase|include)|only if|in exchange|in return|unless you)\b/i;
const FLEXIBLE =
  /\b(?:flexib\w*|open to|happy to|willing to|(?:could|can|would|might) (?:also |probably |certainly )?(?:ask|try|negotiate|discuss|talk to|arrange|shorten|start (?:part-?time|remotely|earlier|sooner)|come in|travel|move|work remotely|work from)|(?:might|may|could|can) be (?:possible|arranged|negotiable|doable|moved)|earlier release|(?:a|one|two|three|\d+) weeks? (?:earlier|sooner)|shorten\w*|buy(?:ing)? (?:me |it )?out|early release|release me early|earlier if|work around|make it work|if (?:needed|necessary|that helps|it helps|you need)|alternatively|in the meantime|either|at first|initially|for the first (?:few )?(?:weeks|months)|temporar\w*|remotely until|until (?:my|the) (?:move|visa))\b/i;
const FLEX_BASIS =
  /\b(?:because|since|my (?:contract|manager|employer|company|team|lead) (?:allows|has|lets|agreed|usually|already|is|would)|(?:has|have) done (?:that|it|this) before|policy|(?:i(?:'ve| have)|we(?:'ve| have)) (?:done|agreed|arranged|checked|discussed) (?:that|this|it)|already (?:agreed|discussed|checked|asked|spoken))\b/i;

/** Private detail and complaints an interviewer does not need. */
const OVERSHARE =
  /\b(?:divorc\w*|break-?up|broke up|my ex\b|health (?:issues|problems|condition)|medical (?:condition|issues|history|problems)|illness|surgery|diagnos\w*|therapy|therapist|mental health|depress\w*|anxiety|pregnan\w*|ivf|debts?|mortgage|money (?:is tight|troubles|problems|worries)|bills|landlord|lawsuit|custody|funeral)\b/i;
const COMPLAINT = /\b(?:(?:i )?hate (?:my|the|this) (?:job|manager|boss|company|employer|team|work)|can't stand|cannot stand|toxic|terrible|awful|horrible|nightmare|miserable|fed up|sick of|micromanag\w*|incompetent|useless|clueless)\b/i;
/** Words a logistics answer uses: none of them, and no answer, means the answer is about something else. */
const LOGISTICS_WORDS =
  /\b(?:notice|start\w*|join\w*|available|availability|weeks?|months?|days?|date|relocat\w*|move|moving|visa|sponsor\w*|permit|citizen\w*|office|remote\w*|hybrid|on-?site|on[- ]?call|travel\w*|hours|shifts?|contract\w*|weekends?|time ?zones?|commut\w*|flexib\w*|employer|current (?:role|job)|leave)\b/i;

interface Sentence {
  readonly text: string;
  readonly info: SentenceInfo;
}

const quoted = (sentence: Sentence): string => `"${shorten(sentence.text, 90)}"`;
const periodsOf = (text: string): string[] => [...text.matchAll(PERIOD)].map((match) => match[0]);
const NUMBER_VALUES: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, sixty: 60, ninety: 90,
};
const UNIT_DAYS: Readonly<Record<string, number>> = { day: 1, week: 7, month: 30, year: 365 };
/** A period in days, so that "four weeks" and "one month" are the same notice. */
function daysOf(period: string): number {
  const [count = '', unit = ''] = period.toLowerCase().split(/[- ]/);
  const value = /^\d+$/.test(count) ? Number(count) : (NUMBER_VALUES[count] ?? 1);
  const base = Object.entries(UNIT_DAYS).find(([name]) => unit.startsWith(name))?.[1] ?? 1;
  return value * base;
}
/** A reassurance without a real yes, no, date or period: it states nothing, whatever subject it names. */
const reassures = (text: string): boolean => REASSURANCE.test(text) && !EXPLICIT.test(text) && !DATE.test(text) && periodsOf(text).length === 0;
const specificIn = (text: string): boolean => !reassures(text) && (DATE.test(text) || periodsOf(text).length > 0 || FACT.test(text) || PLACE.test(text));

interface Reading {
  readonly ask: Ask;
  /** The first sentence that answers the question, if any. */
  readonly direct: number | null;
  readonly specific: boolean;
  readonly hedged: boolean;
  readonly vague: boolean;
  readonly evasive: boolean;
  /** The first sentence that reassures in place of the fact, if any. */
  readonly reassurance: Sentence | null;
  /** The first sentence about oneself that sounds like a yes and does not say it ("I've lived in four countries"). */
  readonly implied: Sentence | null;
  readonly contradiction: Sentence | null;
}

/** "I am", "I'd", "I've…": a yes only when what follows says yes to the question. */
const FIRST_PERSON = /^i(?:'m|'d|'ll|'ve| am| do| would| will| can| could| have)\b/i;
const AGREES =
  /^i(?:'m| am|'d| would|'ll| will|'ve| have| can| could)? (?:(?:be|definitely|absolutely|really|very|totally|also|more than|perfectly|quite|fully) )*(?:happy|glad|fine|okay|ok|open|willing|able|comfortable|available|keen|used to|on board|ready|prepared|good with)\b/i;
const QUESTION_FILLER = new Set(['your', 'would', 'could', 'should', 'about', 'there', 'this', 'that', 'with', 'have', 'will', 'being', 'currently', 'still', 'able', 'willing', 'open', 'happy', 'comfortable', 'okay']);
/** The question's own words, cut to their first five letters so that "relocating" meets "relocate". */
const stemsOf = (text: string): string[] => (text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((word) => !QUESTION_FILLER.has(word)).map((word) => word.slice(0, 5));

/*
 * "Do you need visa sponsorship?" — "I've moved countries twice and I'm very adaptable": a sentence about oneself
 * sounds like a yes and answers nothing. A first-person opening is a yes when it is short ("I do.", "I would, yes."),
 * agrees ("I'm happy to"), gives a fact, or takes up the question's own words ("I'd need a new visa").
 */
function affirms(question: string, text: string): boolean {
  if (!FIRST_PERSON.test(text) || text.split(/\s+/).length <= 4 || AGREES.test(text) || specificIn(text)) return true;
  const asked = new Set(stemsOf(question));
  return stemsOf(text).some((stem) => asked.has(stem));
}

/** Whether a sentence answers the question: a yes or a no, or for "when" a date or a period. */
function answers(ask: Ask, question: string, text: string): boolean {
  if (EVASIVE.test(text) || BARE_DEPENDS.test(text)) return false;
  if (ask === 'when') return DATE.test(text) || periodsOf(text).length > 0 || /\b(?:now|any ?time)\b/i.test(text);
  if (reassures(text)) return false;
  if (ask === 'yes-no') return NO.test(text) || YES_AFTER.test(text) || (YES.test(text) && affirms(question, text));
  // "How flexible are your working hours?": any plain statement answers it; a vague one does not.
  return !VAGUE_TIME.test(text) && !HINT.test(text) && !HEDGE.test(text) && text.split(/\s+/).length >= 3;
}

/** A yes taken back, or two different notice periods with nothing that reconciles them. */
function contradictionOf(ask: Ask, sentences: readonly Sentence[], direct: number | null): Sentence | null {
  const opening = direct === null ? undefined : sentences[direct];
  if (opening && YES.test(opening.text) && !NO.test(opening.text)) {
    const takenBack = sentences.slice((direct ?? 0) + 1).find((sentence) => TAKEN_BACK.test(sentence.text) && !BOUNDED.test(sentence.text));
    if (takenBack) return takenBack;
  }
  // Only periods said of the notice or the start: "I've been in my role for three years" is no second notice period.
  const timed = sentences.filter((sentence, index) => TIMED.test(sentence.text) || (ask === 'when' && index === direct));
  const days = timed.flatMap((sentence) => periodsOf(sentence.text).filter((period) => !/year/i.test(period)).map(daysOf));
  const differ = days.length >= 2 && Math.max(...days) > Math.min(...days) * 1.35;
  if (differ && !timed.some((sentence) => NEGOTIATED.test(sentence.text))) return timed.findLast((sentence) => periodsOf(sentence.text).length > 0) ?? null;
  return null;
}

function read(ask: Ask, question: string, sentences: readonly Sentence[]): Reading {
  const found = sentences.findIndex((sentence) => answers(ask, question, sentence.text));
  const direct = found === -1 ? null : found;
  const all = sentences.map((sentence) => sentence.text).join(' ');
  return {
    ask,
    direct,
    specific: sentences.some((sentence) => specificIn(sentence.text) && !VAGUE_TIME.test(sentence.text)) || (ask === 'when' && direct !== null && /\b(?:now|any ?time)\b/i.test(sentences[direct]!.text)),
    hedged: direct !== null && HEDGE.test(sentences[direct]!.text),
    vague: VAGUE_TIME.test(all) || HEDGE.test(all) || HINT.test(all) || REASSURANCE.test(all) || /\bdepends\b/i.test(all),
    evasive: sentences.some((sentence) => EVASIVE.test(sentence.text) || BARE_DEPENDS.test(sentence.text)),
    reassurance: sentences.find((sentence) => reassures(sentence.text)) ?? null,
    implied: ask === 'yes-no' ? (sentences.find((sentence) => YES.test(sentence.text) && !affirms(question, sentence.text)) ?? null) : null,
    contradiction: contradictionOf(ask, sentences, direct),
  };
}

/** A sentence the candidate could open with, for the subject the question asks about. */
function exampleFor(ask: Ask, question: string): string {
  if (ask === 'when' || /\b(?:notice|start|join)\b/i.test(question)) return '"Four weeks: my notice period is one month, so I could start on 3 March."';
  if (/\b(?:visa|sponsor\w*|permit|right to work|authori[sz]\w*)\b/i.test(question)) return '"Yes — I\'m on a Skilled Worker visa tied to my current employer, so you would need to sponsor a new one."';
  if (/\b(?:relocat\w*|mov(?:e|ing))\b/i.test(question)) return '"Yes — I could move by June; until then I could work remotely and come in one week a month."';
  if (/\b(?:on[- ]?call|weekends?|shifts?|evenings?|nights?|overtime)\b/i.test(question)) return '"Yes — I\'m on a one-in-six rotation now; every other week would be hard, so I\'d want to know the frequency."';
  if (/\b(?:travel\w*)\b/i.test(question)) return '"Yes, up to about a week a month; longer trips I would need to plan around."';
  if (/\b(?:office|remote\w*|hybrid|on-?site|days? a week|hours|time ?zones?)\b/i.test(question)) return '"Yes, three days works; Tuesday to Thursday suits me best."';
  return '"Yes — and the one thing to plan around is …"';
}

/** Where a candidate may have room, and a limit said plainly, for the subject the question asks about: the advice's examples. */
function roomFor(question: string): { room: string; alternative: string; limit: string } {
  if (/\b(?:visa|sponsor\w*|permit|right to work|authori[sz]\w*)\b/i.test(question)) {
    return {
      room: 'I could start remotely while the new visa is processed',
      alternative: 'not before the visa is through, but I could start remotely from here until then',
      limit: 'my visa is tied to my current employer, so you would need to sponsor a new one',
    };
  }
  if (/\b(?:relocat\w*|mov(?:e|ing))\b/i.test(question)) {
    return {
      room: 'I could come over for the first month and move with my family in the summer',
      alternative: 'not this year, but I could come in one week a month until we move',
      limit: 'my partner\'s contract runs to June, so I could move in July',
    };
  }
  if (/\b(?:on[- ]?call|rotation|pager|weekends?|shifts?|evenings?|nights?|overtime)\b/i.test(question)) {
    return {
      room: 'one week in four works; every other week would be hard',
      alternative: 'not nights, but I could take the daytime rotation and the escalations after 7',
      limit: 'I can\'t take night pages while my children are small, so daytime shifts only',
    };
  }
  if (/\b(?:travel\w*)\b/i.test(question)) {
    return {
      room: 'up to a week a month, longer trips with some notice',
      alternative: 'not every week, but I could travel for launches and the quarterly planning',
      limit: 'I care for a parent, so trips longer than three days need a few weeks\' notice',
    };
  }
  if (/\b(?:office|remote\w*|hybrid|on-?site|days? a week|hours|time ?zones?)\b/i.test(question)) {
    return { room: 'three days work, and a fourth in launch weeks', alternative: 'not permanently, but I could come in one week a month', limit: 'I live 90 minutes away, so three days is my limit' };
  }
  return {
    room: 'my manager has agreed an earlier release before',
    alternative: 'not before March, but I could ask to be released two weeks early',
    limit: 'my contract has a three-month notice, so June at the earliest',
  };
}

const WANTED: Record<Ask, string> = { when: 'a date or a period', 'yes-no': 'a yes or a no', open: 'a plain fact' };

function answerDraft(reading: Reading, sentences: readonly Sentence[]): DimensionDraft {
  const { direct, contradiction } = reading;
  const shown = direct === null ? undefined : sentences[direct];
  if (contradiction) {
    return { score: 2, rationale: `The answer contradicts itself: ${quoted(contradiction)} takes back what came before.`, evidence: [contradiction.text] };
  }
  if (!shown) {
    if (reading.evasive) return { score: 1, rationale: `No answer: the question is put off or answered with "it depends" and nothing after; the interviewer needs ${WANTED[reading.ask]}.` };
    if (reading.reassurance) {
      return { score: 2, rationale: `Reassurance instead of an answer: ${quoted(reading.reassurance)} does not say ${WANTED[reading.ask]}.`, evidence: [reading.reassurance.text] };
    }
    if (reading.implied) {
      return { score: 2, rationale: `An answer implied, never said: ${quoted(reading.implied)} leaves the interviewer to guess ${WANTED[reading.ask]}.`, evidence: [reading.implied.text] };
    }
    if (reading.vague) return { score: 2, rationale: `Only a vague answer ("soon", "probably", "a few things"): the interviewer needs ${WANTED[reading.ask]}.` };
    return { score: 1, rationale: `The answer never gives ${WANTED[reading.ask]}.` };
  }
  const evidence = [shown.text];
  const before = sentences.slice(0, direct ?? 0);
  if (ULTIMATUM.test(shown.text) || (PAY.test(shown.text) && DEMAND.test(shown.text))) {
    return { score: 3, rationale: `The answer is tied to a demand: ${quoted(shown)}.`, evidence };
  }
  if ((direct ?? 0) >= 2 || before.some((sentence) => OVERSHARE.test(sentence.text) || COMPLAINT.test(sentence.text))) return { score: 3, rationale: `The answer comes only after other talk: ${quoted(shown)}.`, evidence };
  if (reading.hedged) return { score: 3, rationale: `An answer, but hedged: ${quoted(shown)}.`, evidence };
  if (reading.ask === 'when' && VAGUE_TIME.test(shown.text) && !reading.specific) return { score: 2, rationale: `Only a vague time: ${quoted(shown)}.`, evidence };
  if (reading.specific) return { score: 5, rationale: `A clear, specific answer up front: ${quoted(shown)}.`, evidence };
  return { score: 4, rationale: `A clear answer: ${quoted(shown)}; a detail (a date, the days, the status) would make it one to plan with.`, evidence };
}

function conditionsDraft(reading: Reading, sentences: readonly Sentence[]): DimensionDraft {
  if (reading.contradiction) return { score: 1, rationale: `Misleading: ${quoted(reading.contradiction)} takes back the answer.`, evidence: [reading.contradiction.text] };
  const demands = (sentence: Sentence): boolean => ULTIMATUM.test(sentence.text) || (PAY.test(sentence.text) && DEMAND.test(sentence.text));
  const hinted = sentences.filter((sentence) => HINT.test(sentence.text));
  const stated = sentences.filter(
    (sentence) => !NO_CONSTRAINT.test(sentence.text) && !reassures(sentence.text) && (CONSTRAINT.test(sentence.text) || (CONDITION.test(sentence.text) && specificIn(sentence.text) && !HINT.test(sentence.text))),
  );
  if (stated.length === 0) {
    if (hinted.length > 0) return { score: 2, rationale: `A constraint is hinted at but not said: ${quoted(hinted[0]!)}.`, evidence: [hinted[0]!.text] };
    if (reading.direct === null) return { score: 2, rationale: 'Nothing the interviewer can plan with: no answer and no constraint is stated.' };
    return { score: 4, rationale: 'A plain answer with no condition attached.' };
  }
  // A condition that is a demand ("only if you add a signing bonus") is no constraint to plan around.
  const withMeaning = stated.filter((sentence) => specificIn(sentence.text) && !demands(sentence));
  const evidence = stated.slice(0, 3).map((sentence) => sentence.text);
  if (withMeaning.length === 0) return { score: 3, rationale: `A constraint is named without what it means (a date, a length, a requirement): ${quoted(stated[0]!)}.`, evidence };
  const explained = withMeaning.some((sentence) => CONSEQUENCE.test(sentence.text)) || withMeaning.length >= 2;
  return explained
    ? { score: 5, rationale: `The constraint is stated with what it means for the role: ${quoted(withMeaning[0]!)}.`, evidence }
    : { score: 4, rationale: `The constraint is stated plainly: ${quoted(withMeaning[0]!)}.`, evidence };
}

function flexibilityDraft(reading: Reading, sentences: readonly Sentence[], question: string, words: number): DimensionDraft {
  const ultimatum = sentences.find((sentence) => ULTIMATUM.test(sentence.text));
  if (ultimatum) return { score: 1, rationale: `Turns the question into a negotiation or an ultimatum: ${quoted(ultimatum)}.`, evidence: [ultimatum.text] };
  const demand = sentences.find((sentence) => PAY.test(sentence.text) && DEMAND.test(sentence.text));
  if (demand) return { score: 2, rationale: `Bargains over pay in an answer about logistics: ${quoted(demand)}; that belongs to the offer stage.`, evidence: [demand.text] };
  const opening = reading.direct === null ? undefined : sentences[reading.direct];
  // "I'm flexible" without the date or the yes it would bend is nothing to plan with.
  if (!opening) return { score: 2, rationale: 'No answer, so nothing is offered: the interviewer is left without a plan.' };
  const flexible = sentences.filter((sentence) => FLEXIBLE.test(sentence.text));
  if (flexible.length > 0) {
    const grounded = flexible.find((sentence) => FLEX_BASIS.test(sentence.text)) ?? sentences.find((sentence) => FLEX_BASIS.test(sentence.text) && CONSTRAINT.test(sentence.text));
    const evidence = [...new Set([...flexible, ...(grounded ? [grounded] : [])])].slice(0, 3).map((sentence) => sentence.text);
    return grounded
      ? { score: 5, rationale: `Offers real flexibility and says what it rests on: ${quoted(flexible[0]!)}.`, evidence }
      : { score: 4, rationale: `Offers flexibility: ${quoted(flexible[0]!)}.`, evidence };
  }
  if (STATUS_QUESTION.test(question)) {
    return reading.specific && sentences.some((sentence) => CONSEQUENCE.test(sentence.text))
      ? { score: 5, rationale: 'A question of fact, answered with the fact and what follows from it, bargaining for nothing.' }
      : { score: 4, rationale: 'A question of fact: a plain answer that bargains for nothing.' };
  }
  // A refusal of what a yes/no question asks stays a refusal with its reasons ("No. On-call is for ops people, not
  // for ML engineers."): only an alternative or a condition, read above as flexibility, makes it flexible. ("I can't
  // start before March" answers a "when", and is no refusal.)
  if (NO.test(opening.text) && (words <= 6 || reading.ask === 'yes-no')) {
    return words <= 6
      ? { score: 2, rationale: `A flat no with no reason or alternative: ${quoted(opening)}.`, evidence: [opening.text] }
      : { score: 2, rationale: `A no with no alternative or condition offered: ${quoted(opening)}.`, evidence: [opening.text] };
  }
  return { score: 3, rationale: 'Neither flexible nor rigid: no alternative is offered.' };
}

/** Whether any sentence is about the practical question at all. */
const speaksToIt = (sentences: readonly Sentence[]): boolean => sentences.some((sentence) => LOGISTICS_WORDS.test(sentence.text) || YES.test(sentence.text) || NO.test(sentence.text));

function focusDraft(reading: Reading, sentences: readonly Sentence[]): DimensionDraft {
  const personal = sentences.filter((sentence) => OVERSHARE.test(sentence.text) || COMPLAINT.test(sentence.text));
  if (reading.direct === null && !speaksToIt(sentences)) {
    return {
      score: 1,
      rationale: reading.evasive || reading.vague ? 'Nothing in the answer gives the interviewer a fact to plan with.' : 'The answer is about something else: nothing in it speaks to the practical question.',
    };
  }
  if (personal.length > 0) {
    return { score: 2, rationale: `Over-shares: ${quoted(personal[0]!)} — private detail or complaints the interviewer does not need.`, evidence: personal.slice(0, 3).map((sentence) => sentence.text) };
  }
  if (reading.direct === null) return { score: 3, rationale: 'Words around the question, but no fact the interviewer can use.' };
  if (reading.direct >= 2) return { score: 3, rationale: `${reading.direct} sentences come before the answer.` };
  return reading.direct === 0 ? { score: 5, rationale: 'Answer first, then only what the interviewer needs.' } : { score: 4, rationale: 'Stays on the question.' };
}

/**
 * "Two weeks' notice; I could start March 3.": a practical question is answered best by the fact and nothing else, so
 * a clear answer below the word band loses nothing for its length (filler still costs a point).
 */
function shortIsIdeal(concision: Concision): Concision {
  if (concision.words >= WORD_BANDS.logistics.idealMin) return concision;
  const advice = concision.advice.filter((item) => !item.text.startsWith(`At ${concision.words} words`));
  return {
    words: concision.words,
    draft: { score: advice.length > 0 ? 4 : 5, rationale: `${concision.words} words: the fact asked for and nothing else, which is all a practical question needs.` },
    advice,
  };
}

export const gradeLogistics: TypeGrader = (context) => {
  const sentences: Sentence[] = context.answer.sentences.map((info) => ({ text: info.text.trim(), info }));
  const ask = askOf(context.question);
  const reading = read(ask, context.question, sentences);
  // No padding measure: a plain practical answer ("I could be in Berlin by June") is mostly function words.
  const measured = answerConcision(context, WORD_BANDS.logistics, Infinity);
  const answer = answerDraft(reading, sentences);
  const flexibility = flexibilityDraft(reading, sentences, context.question, measured.words);
  // A bare "No." to "Are you willing to be on call?" is short for want of its reason: only a fact that needs none is ideal.
  const concision = answer.score >= 4 && flexibility.score >= 3 ? shortIsIdeal(measured) : measured;
  const drafts: Record<string, DimensionDraft> = {
    answer,
    conditions: conditionsDraft(reading, sentences),
    flexibility,
    focus: focusDraft(reading, sentences),
    concision: concision.draft,
  };
  const score = (key: string): number => drafts[key]?.score ?? 5;
  const advice: Advice[] = [];
  const example = exampleFor(ask, context.question);
  if (score('answer') <= 3) {
    advice.push({
      key: 'answer',
      text: reading.contradiction
        ? `Direct answer: say one thing and keep to it — ${quoted(reading.contradiction)} takes back what you said before.`
        : reading.direct === null && (reading.reassurance ?? reading.implied)
          ? `Direct answer: state the fact — ${WANTED[ask]} — instead of ${quoted((reading.reassurance ?? reading.implied)!)}, then explain, e.g. ${example}`
          : reading.direct !== null && reading.hedged
            ? `Direct answer: say it without the hedge — ${quoted(sentences[reading.direct]!)} leaves the interviewer guessing; give ${WANTED[ask]} you can stand behind, e.g. ${example}`
            : `Direct answer: open with ${WANTED[ask]}, then explain, e.g. ${example}`,
    });
  } else if (score('answer') === 4) {
    advice.push({ key: 'answer', text: 'Direct answer: add the detail the interviewer will plan with — the date, the weeks of notice, the days a week or the visa status.' });
  }
  if (score('conditions') <= 3) {
    advice.push({
      key: 'conditions',
      text:
        score('conditions') === 1
          ? 'Honest constraints: if there is a catch, say it with the answer rather than after it; a yes taken back costs more trust than a plain "yes, if…".'
          : `Honest constraints: name the real limit and what it means ("${roomFor(context.question).limit}"), rather than hinting at "a few things to sort out".`,
    });
  }
  const bargains = sentences.some((sentence) => ULTIMATUM.test(sentence.text) || (PAY.test(sentence.text) && DEMAND.test(sentence.text)));
  if (score('flexibility') <= 2 && bargains) {
    advice.push({
      key: 'flexibility',
      text: `Flexibility: keep pay and conditions for the offer stage; here, say what you can do and where you have room ("${roomFor(context.question).room}").`,
    });
  } else if (score('flexibility') <= 2 && reading.direct !== null) {
    // With no answer at all, the direct-answer advice says what is missing: a "flat no" would misread it.
    advice.push({
      key: 'flexibility',
      text: `Flexibility: a flat no closes the door; give the reason, and any alternative you could live with ("${roomFor(context.question).alternative}").`,
    });
  } else if (score('flexibility') === 3 && ask !== 'open' && !STATUS_QUESTION.test(context.question)) {
    advice.push({ key: 'flexibility', text: `Flexibility: if you have real room, say so and what it rests on ("${roomFor(context.question).room}").` });
  }
  if (score('focus') <= 3) {
    advice.push({
      key: 'focus',
      text:
        score('focus') === 2
          ? 'Focus: leave out private detail and complaints about your employer; the interviewer only needs the facts that affect the plan.'
          : 'Focus: give the answer in the first sentence; background can follow if they ask.',
    });
  }
  const strengths: string[] = [];
  if (score('answer') >= 4) strengths.push('Answers the practical question directly.');
  if (score('conditions') >= 5) strengths.push('States the real constraint plainly, with what it means for the dates.');
  if (score('flexibility') >= 4 && drafts.flexibility?.evidence !== undefined) strengths.push('Shows real flexibility without bargaining.');
  const missing = [
    ...(score('answer') <= 2 ? [`A direct answer: ${WANTED[ask]}`] : []),
    ...(score('answer') === 4 ? ['The detail to plan with: the date, the period, the days or the status'] : []),
    ...(score('conditions') <= 3 && !reading.contradiction ? ['The real constraint, said plainly with what it means'] : []),
  ];
  // An evasive "It depends." says nothing about the question but is no answer to another one: only unrelated talk is held off-topic.
  const offTopic = reading.direct === null && !reading.evasive && !reading.vague && !speaksToIt(sentences);
  return finishFeedback(context.rubric, drafts, [...advice, ...concision.advice, ...context.extraAdvice], strengths, missing, offTopic);
};
