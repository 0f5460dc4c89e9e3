import type { QuestionType } from './question-type.js';

/*
 * Rule-based classification of a pasted question that is not in the corpus (corpus questions carry a
 * curated type, see data/question-types.json). Rules are tried in order and the first that matches
 * wins, so the more specific shapes come first: a salary question mentioning "your experience" is about
 * compensation, and "tell me about a time you explained…" is a story.
 *
 * "How do you …?" is the hard case: it opens process questions about how the candidate works ("How do
 * you prioritise?") and technical ones ("How do you reshape a NumPy array?"). It is read as a process
 * question when its verb is about working with people, time or oneself, or when it asks about the
 * candidate's own practice ("your data", "the models you build", "in your projects"); else technical.
 */

interface Rule {
  readonly type: QuestionType;
  readonly name: string;
  readonly pattern: RegExp;
}

/** Where a question asks about the candidate's own practice rather than a technique in general. */
const OWN_PRACTICE =
  /\b(?:your|yours|yourself|you(?:'ve| have)? (?:build|built|work|worked|train|trained|deploy|deployed|develop|developed|ship|shipped|lead|led|manage|use|used)|in practice|at work|on the job|as an? (?:engineer|data scientist|ml engineer|developer|team lead|lead)|in (?:a|your|real) (?:team|project|projects|job|role|company)|the success of|the right (?:algorithm|model|approach|tool|metric|architecture|features?|technique))\b/;

/** "How do you …" verbs that are about how someone works, whatever their object. */
const WORKING_VERBS =
  /^(?:how (?:do|would|should|can|will) you) (?:approach|prioriti[sz]e|stay|keep (?:up|learning|yourself|track|motivated|current|improving|growing)|manage|adapt|cope|balance|collaborate|contribute|communicate|present|mentor|uphold|resolve|respond|react|organi[sz]e|plan your|learn|grow|give feedback|receive|build trust|work (?:with|under|across|alongside|in a|on a team|remotely)|make (?:sure|decisions|technical decisions|trade-?offs|time)|decide (?:what|which|when|between) to work|go about|tackle|push back|say no|ask for help|deal with (?:ambiguity|pressure|stress|conflict|failure|criticism|feedback|deadlines|stakeholders|difficult|setbacks|change|uncertainty|rejection|competing|multiple)|handle (?:ambiguity|pressure|stress|conflict|failure|criticism|feedback|deadlines|tight|stakeholders|difficult|setbacks|change|changing|uncertainty|rejection|competing|multiple|disagreements?|mistakes|on-?call|interruptions))\b/;

/** "How do you …" verbs that make a process question only about the candidate's own practice. */
const PRACTICE_VERBS =
  /^(?:how (?:do|would|should|can|will) you|what do you do to) (?:handle|ensure|measure|choose|select|pick|debug|evaluate|validate|test|address|deal with|decide|tackle|approach|monitor|document|review|prevent|detect|mitigate|reduce|improve|maintain|guarantee|make|build|set up|structure|run|track|check|verify|avoid|know)\b/;

const RULES: readonly Rule[] = [
  {
    type: 'compensation',
    name: 'salary or pay',
    pattern:
      /\b(?:salary|salaries|compensation|remuneration|pay (?:range|expectations?|package|band)|what (?:kind of )?pay|expected (?:ctc|pay|package)|current ctc|total comp\b|how much (?:money )?(?:do|would|are|will) you (?:expect|want|need|ask|looking|charge)|(?:your|a) (?:day|hourly) rate|what are you (?:currently )?(?:earning|making)|(?:offer|package) (?:are|would) you (?:expect|accept|looking))/,
  },
  {
    type: 'approach',
    name: 'how you usually explain or present',
    pattern: /^how do you (?:usually |typically |normally )?(?:explain|communicate|present|translate)\b/,
  },
  {
    type: 'explanation',
    name: 'explain for a non-expert',
    pattern:
      /\b(?:explain|describe|teach|break down|simplify|walk (?:me|us) through)\b.*\b(?:in (?:simple|plain|layman'?s?|lay|everyday|non-?technical|simpler) (?:terms|language|words|english)|(?:to|for) (?:a |an |your |the |my |someone |somebody )?(?:non-?technical|non-?expert|non-?engineer|layperson|layman|lay person|lay audience|child|kid|teenager|five-?year-?old|5-?year-?old|ten-?year-?old|grand(?:parent|mother|father|ma|pa)|business (?:person|user|stakeholder|audience|team|leader)|executive|ceo|product manager|marketing|someone (?:without|with no|who (?:is not|isn't|has no))|customer|client|stakeholder)|like (?:i'?m|i am) (?:five|5|a child)|without (?:using )?(?:jargon|technical terms|math|maths|equations)|so that (?:anyone|a non|someone))/,
  },
  { type: 'explanation', name: 'ELI5', pattern: /\beli5\b/ },
  {
    type: 'story',
    name: 'a time when',
    pattern:
      /\b(?:tell (?:me|us) about (?:a|an|one|the) (?:time|situation|occasion|moment|instance|case|day|period)|(?:describe|share|recall|talk about|walk (?:me|us) through|think of|tell (?:me|us) about) (?:a|an|one|the) (?:time|situation|occasion|moment|instance|case|day|period) (?:when|where|that|in which|you)|(?:a|one) time (?:when|where) you|when was the last time|have you ever|has there been a time|was there a time)\b/,
  },
  {
    type: 'story',
    name: 'an example from your experience',
    pattern:
      /\b(?:give (?:me |us )?(?:an|one|a specific|a concrete|a real) example|(?:can|could) you (?:give|share|provide|describe) (?:an|a|one) (?:example|instance|case)|share (?:an|a) (?:example|experience|story)|an example of (?:a time|when|how you|where you|something you))\b/,
  },
  {
    type: 'story',
    name: 'a past project, challenge or mistake',
    pattern:
      /\b(?:(?:tell (?:me|us) about|describe|walk (?:me|us) through|talk (?:me |us )?(?:about|through)) (?:a|an|one|the|your|some) (?:(?:recent|past|previous|particular|specific|difficult|challenging|complex|hard|big|major|favou?rite|proudest|biggest|best|worst|most \w+|ml|machine learning|data science|significant|notable|technical|successful|failed) )*(?:project|projects|challenge|mistake|failure|setback|conflict|disagreement|decision|achievement|accomplishment|problem|incident|outage|bug|experience (?:where|when|in which)|model (?:that|you)|system (?:that|you)|initiative|launch|deadline|crisis|risk)|what (?:was|is|has been) (?:the|your) (?:most \w+|biggest|hardest|toughest|greatest|proudest|best|worst) (?:\w+ ){0,3}(?:you(?:'ve| have)?|your) (?:ever )?(?:solved|faced|made|had|handled|tackled|overcome|overcame|worked on|built|shipped|learned|received|led|fixed|achieved|debugged)|how have you (?:\w+ ){0,2}(?:reduced|improved|increased|handled|dealt|resolved|fixed|solved|led|managed|overcome|overcame|convinced|influenced|saved|cut|sped|scaled|debugged)|how did you (?!usually\b|typically\b|normally\b)\w+|what did you learn from (?:a|the|your|that|this)|what lessons did you learn|what (?:was|were) your (?:specific |exact |own )?(?:role|contribution|responsibilities)(?: and (?:your )?\w+)? (?:in|on)|what (?:measurable )?impact did (?:your|you|the)|(?:your|the) (?:biggest|greatest|proudest) (?:achievement|accomplishment|failure|mistake|success))/,
  },
  {
    type: 'self-presentation',
    name: 'about yourself',
    pattern:
      /\b(?:about yourself|introduce yourself|(?:a|an) (?:brief |short |quick )?introduction|(?:walk|take|talk) (?:me|us) through your (?:resume|cv|r[ée]sum[ée]|background|career|journey|profile)|tell (?:me|us) (?:a (?:bit|little) )?(?:more )?about your (?:background|career|journey|profile)|describe yourself|who are you|how would (?:you|your \w+|others|people|colleagues|your friends) describe (?:you|yourself)|what would your (?:\w+ )?(?:say|tell) (?:about|is)|in (?:three|3) words)\b/,
  },
  {
    type: 'self-presentation',
    name: 'strengths, weaknesses, goals, skills',
    pattern:
      /\b(?:strengths?|weakness(?:es)?|areas? (?:of|for) (?:improvement|growth|development)|what (?:are|is) (?:you|your) (?:good|best|great|strongest|weakest) at|(?:where|how) do you see yourself|career (?:goals?|plans?|aspirations?|path|ambitions?|objectives?)|(?:professional|long-?term|short-?term) goals?|(?:in|next|over the next|the next) (?:two|three|five|ten|2|3|5|10) years|what are you (?:proficient|skilled|experienced|comfortable|strongest|fluent) (?:in|with)|(?:which|what) (?:tools|technologies|languages|frameworks|libraries|skills|programming languages|tech stack|stack|platforms)(?: \w+){0,4} (?:do|are|have|did|would|can) you|(?:your|any) (?:experience|background|expertise|skills|proficiency) (?:with|in)|describe your (?:experience|background|expertise|skills|skill set)|what is your (?:experience|background|expertise) (?:with|in)|why should we hire you|what makes you (?:a (?:good|great|strong)|the right|unique|stand out|different|qualified)|what (?:can|do|would|will) you bring|what sets you apart|what do you (?:bring|offer))\b/,
  },
  // Before motivation and opinion: "How do you stay motivated / keep up with trends?" asks how you work.
  { type: 'approach', name: 'how you work', pattern: WORKING_VERBS },
  {
    type: 'motivation',
    name: 'why this field, company or role',
    pattern:
      /\b(?:why (?:do|did|would|are|should) you (?:want|wish|choose|chose|apply|applied|pick|decide|decided|join|leave|leaving|pursue|get into|go into|become|like|love|enjoy|interested|applying|looking|considering)|why (?:this|our|the) (?:company|role|job|team|position|industry|field|organi[sz]ation|opportunity)|why (?:machine learning|ml|data science|ai|artificial intelligence|deep learning|us|here)\b|what (?:inspired|motivated|drew|attracted|brought|led|draws|attracts|got) you|what (?:excites|interests|motivates|drives|inspires|fascinates) you|what do you know about (?:us|our|the company|this company|the team|this role)|what are you looking for in (?:a|your|the|this) (?:next )?(?:role|job|position|company|team|employer|manager)|why (?:are you|do you want to be) (?:a|an|in) (?:machine learning|ml|data)|what (?:do you|would you) (?:like|love|enjoy) (?:most )?about (?:this|the|our) (?:role|job|company|field|work))/,
  },
  {
    type: 'opinion',
    name: 'your view',
    pattern:
      /\b(?:what do you think (?:of|about|is|are|will|the|makes)|what(?:'s| is| are) your (?:opinion|view|views|take|stance|position|perspective|thoughts)|your thoughts on|do you (?:think|believe|agree|feel)|how do you (?:feel|see|view) (?:about )?(?:the )?(?:future|state|role|rise|current|recent)|(?:favou?rite|preferred|least favou?rite) (?:\w+ ){0,3}(?:algorithm|model|technique|method|tool|framework|library|paper|language|loss|metric|architecture|approach|area|topic|field|book|course|researcher|idea)|future of|(?:where|how) (?:do you (?:think|see)|is) (?:\w+ ){1,6}(?:heading|going|evolving|changing)|(?:current|latest|recent|emerging|important|key|major) (?:\w+ )?(?:trends?|developments|advances|breakthroughs)|trends? (?:in|do you|that)|opportunities and (?:limitations|risks|challenges|threats)|(?:limitations|risks|promise|hype|impact|dangers) of (?:generative|gen ?ai|ai|llms?|large language|machine learning|deep learning|automl)|is (?:\w+ ){1,5}(?:overrated|overhyped|hype|worth it|the future|dead|a bubble)|what do you see as|biggest (?:challenges?|risks?|problems?|open problems?|opportunit(?:y|ies)) (?:in|facing|for|of) (?:the )?(?:ml|ai|machine learning|field|industry|data science|deep learning)|what would you (?:improve|change|do differently|add)|if you could (?:change|improve|redo|start over))\b/,
  },
  {
    type: 'approach',
    name: 'your process',
    pattern:
      /\b(?:what (?:steps|process|approach|strategy|strategies|framework|methodology|methods|techniques|workflow|checklist) (?:do|would|did) you (?:take|follow|use|apply|go through|have)|what(?:'s| is) your (?:approach|process|strategy|workflow|philosophy|method|methodology|routine|framework) (?:to|for|when)|walk (?:me|us) through (?:your|how you)|(?:which|what) (?:\w+ ){0,4}(?:best practices|practices|habits|routines|principles|rituals) do you (?:follow|use|apply|rely on|swear by)|what (?:would|do) you do (?:if|when|first)|how (?:would|do) you go about|describe (?:your|how you) (?:approach|process|workflow))\b/,
  },
];

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u2032]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Classification {
  readonly type: QuestionType;
  /** The rule that decided, for explanations and tests; `technical` when none matched. */
  readonly rule: string;
}

/** The type of a question from its wording alone. */
export function classifyQuestion(text: string): Classification {
  const question = normalise(text);
  // Each sentence of a multi-part question is tried from the start, so "Tell me about X. How did you…"
  // is read by its first sentence and a "how do you" rule can anchor at the start of any sentence.
  const sentences = question.split(/(?<=[.?!])\s+/).filter((sentence) => sentence.length > 0);
  for (const rule of RULES) {
    if (sentences.some((sentence) => rule.pattern.test(sentence))) return { type: rule.type, rule: rule.name };
  }
  if (sentences.some((sentence) => PRACTICE_VERBS.test(sentence) && OWN_PRACTICE.test(sentence))) {
    return { type: 'approach', rule: 'how you handle it in your own work' };
  }
  return { type: 'technical', rule: 'no behavioural shape' };
}
