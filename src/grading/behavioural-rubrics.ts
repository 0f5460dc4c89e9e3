import { RubricSchema, type Rubric } from '../contracts/rubric-schema.js';

/*
 * The rubrics of the non-story behavioural question types (stories keep STAR, in rubrics.ts). Each is
 * data with anchored levels (index 0 = score 1), versioned like STAR: a changed level, weight or word
 * band needs a new version. `basis` says where the criteria come from; the corpus guide's sections are
 * cited by number (data/corpus/ml-interview-preparation-guide.txt, part 3), the rest is common
 * interview-coaching practice named in src/grading/README.md.
 */

/** The spoken length of a focused answer, shared by the word bands below and the offline graders. */
export const WORD_BANDS = {
  'self-presentation': { idealMin: 40, idealMax: 300 },
  motivation: { idealMin: 40, idealMax: 250 },
  opinion: { idealMin: 40, idealMax: 250 },
  approach: { idealMin: 40, idealMax: 300 },
  compensation: { idealMin: 20, idealMax: 120 },
  explanation: { idealMin: 40, idealMax: 200 },
  'questions-for-us': { idealMin: 25, idealMax: 150 },
  logistics: { idealMin: 10, idealMax: 90 },
} as const;

const concision = (idealMin: number, idealMax: number, what: string) => ({
  key: 'concision',
  label: 'Concision',
  weight: 0.5,
  description: `A spoken answer of roughly ${idealMin}–${idealMax} words, without filler: ${what}.`,
  levels: [
    'A fragment, or a monologue far beyond the point.',
    'Much too short to make the point, or much too long; heavy filler.',
    'Somewhat short or long, or noticeable filler.',
    'A good length with little filler.',
    'Tight and complete: every sentence earns its place.',
  ],
});

const relevance = (probes: string) => ({
  key: 'relevance',
  label: 'Relevance',
  weight: 1,
  description: `Answers the question that was asked: ${probes}.`,
  levels: [
    'Off-topic: answers a different question.',
    'Touches the question only in passing.',
    'Related to the question but drifts.',
    'Answers the question.',
    'Answers the question directly and stays on it throughout.',
  ],
});

export const selfPresentationRubric: Rubric = RubricSchema.parse({
  id: 'self-presentation',
  version: 'self-presentation-2026.11.1',
  title: 'Self-presentation',
  summary:
    'A focused picture of you as a candidate: a clear arc (present, past, future for an introduction), claims backed by real accomplishments, honest self-assessment, tied to the role.',
  basis: [
    'Guide 2.1 "Tell Me About Yourself": current role and accomplishments, relevant background, why this role (the present–past–future structure taught by most interview coaches); no life story, no unrelated jobs.',
    'Guide 2.3 "Strengths and Weaknesses": strengths relevant to ML roles, each supported by a specific example; a real weakness that is not a deal-breaker, with how you are addressing it; no clichés ("I work too hard").',
    'Guide 2.4 "Career Goals": ambitious but realistic goals, aligned with what the company offers.',
    'Guide 7.5 "Popular ML Tools": tools named with what you used them for, chosen for the project rather than by preference.',
  ],
  dimensions: [
    {
      key: 'structure',
      label: 'Structure',
      weight: 1.5,
      description:
        'A clear arc the listener can follow. Introduction: where you are now, the relevant path there, and what you want next. Weakness: what it is, what you do about it, what has changed. Strengths, goals or experience: the claim, the proof, what it means for this role.',
      levels: [
        'No recognisable structure: a list of unconnected facts, a life story, or a refusal.',
        'Some order, but the main point is buried or only one part of the arc is there.',
        'A recognisable arc with a part missing (no future or link to the role; a weakness without what you do about it).',
        'A complete arc in a sensible order.',
        'A complete, tight arc that leads with the most relevant point and ends on where you are heading.',
      ],
    },
    {
      key: 'evidence',
      label: 'Evidence',
      weight: 2,
      description: 'Claims about yourself backed by concrete accomplishments: projects, results, numbers, tools used for something.',
      levels: [
        'Adjectives only ("passionate", "hard-working"); nothing checkable.',
        'One vague example or a bare list of names.',
        'Concrete projects or tools, but no outcomes.',
        'Concrete accomplishments with at least one outcome or measure.',
        'Each main claim backed by a specific, checkable accomplishment with its result.',
      ],
    },
    {
      key: 'self-awareness',
      label: 'Self-awareness',
      weight: 1,
      description:
        'Honest, specific self-assessment: a weakness that is real (not a disguised strength) with evidence of working on it; strengths and a focus that are specific, not clichés.',
      levels: [
        'Clichés or evasion ("I am a perfectionist", "I have no weaknesses").',
        'Generic traits with no reflection.',
        'Specific, but without what you do about it or why it matters.',
        'Specific and reflective, with concrete steps you have taken.',
        'Candid and specific, with steps taken and evidence that they worked.',
      ],
    },
    {
      key: 'role-fit',
      label: 'Connection to the role',
      weight: 1,
      description: 'Ties your profile to this kind of role or company: why you, why now, where you are heading.',
      levels: [
        'No link to the role; about unrelated things.',
        'A generic link ("I like ML").',
        'Relevant to ML work in general, not to this role.',
        'Tied to the role or the company with a reason.',
        'A specific, convincing link between what you bring or want and what this role offers.',
      ],
    },
    concision(WORD_BANDS['self-presentation'].idealMin, WORD_BANDS['self-presentation'].idealMax, 'one to two minutes'),
  ],
});

export const motivationRubric: Rubric = RubricSchema.parse({
  id: 'motivation',
  version: 'motivation-2026.11.1',
  title: 'Motivation and fit',
  summary:
    'Reasons specific to the role, company or field (not praise that fits any company), grounded in your own experience, and what you would bring.',
  basis: [
    'Guide 2.5 "Why This Company": two or three specific reasons from research (products, technical challenges, engineering blog); no generic "leader in the industry" or "great culture".',
    'Guide 2.2 "Why Machine Learning": an origin story (a project, course or problem) and a link from personal interest to tangible impact.',
    'Guide 2.4: frame goals to align with what the company offers.',
  ],
  dimensions: [
    {
      key: 'specifics',
      label: 'Specific reasons',
      weight: 2,
      description:
        'Reasons that name specifics of the role, company or field (a product, a technical challenge, a team practice, a problem worth solving) rather than praise that fits anyone.',
      levels: [
        'No reason, or only "it is a great company / a hot field".',
        'Generic praise ("innovative projects", "cutting-edge", "great culture").',
        'One specific reason among generic ones.',
        'Two or more specific reasons.',
        'Several specific, well-researched reasons, each with why it matters to you.',
      ],
    },
    {
      key: 'personal',
      label: 'Personal connection',
      weight: 1.5,
      description: 'Grounded in your own experience: a project, a moment or a problem that made this matter to you.',
      levels: [
        'Nothing about you.',
        'A claimed passion without any experience behind it.',
        'A general reference to your background or studies.',
        'A specific experience of yours that explains the motivation.',
        'A specific experience and what it showed you, linked to what you want to do here.',
      ],
    },
    {
      key: 'contribution',
      label: 'Fit and contribution',
      weight: 1.5,
      description: 'What you would bring and how the role fits where you are going.',
      levels: [
        'Only what you want to get; nothing about what you bring.',
        'A vague wish to "grow" or "contribute".',
        'A general match between your skills and the role.',
        'A concrete contribution you would make, or a clear link to your goals.',
        'A concrete contribution tied to the role\'s needs and to your own direction.',
      ],
    },
    relevance('why this field, company or role, as asked'),
    concision(WORD_BANDS.motivation.idealMin, WORD_BANDS.motivation.idealMax, 'about a minute'),
  ],
});

export const opinionRubric: Rubric = RubricSchema.parse({
  id: 'opinion',
  version: 'opinion-2026.11.1',
  title: 'Opinion and awareness',
  summary:
    'A clear position, the reasons behind it, a concrete example, and an honest view of its limits: claim, reasons, evidence, counterpoint.',
  basis: [
    'The structure of an argument: a claim, the reasons (grounds) for it, evidence or an example, and its limits (the qualifier and rebuttal of Toulmin\'s model), as taught for opinion questions in interviews and debate.',
    'Guide 7.1 "Current Trends": not just aware but with thoughtful opinions about trends and their applications, with specific developments named.',
    'Guide 7.2 "Generative AI": a balanced perspective recognising both opportunities and risks (hallucinations, bias, ethics).',
    'Guide 6.6 "Future Improvements": specific improvements with what each would achieve.',
  ],
  dimensions: [
    {
      key: 'position',
      label: 'Clear position',
      weight: 1.5,
      description: 'States a specific view or choice early, so the listener knows what you think.',
      levels: [
        'No position: "it depends" or a survey of everything.',
        'A position hedged until it says nothing.',
        'A position, but vague or only at the end.',
        'A specific position stated early.',
        'A specific position stated up front and carried through to the close.',
      ],
    },
    {
      key: 'reasoning',
      label: 'Reasons',
      weight: 2,
      description: 'Why you hold the view: mechanisms, evidence, consequences, not just assertions.',
      levels: [
        'No reasons.',
        'One generic reason ("it is powerful").',
        'Some reasons, thin or asserted.',
        'Clear reasons for the main claim.',
        'Well-developed reasons that explain why, each tied to the claim.',
      ],
    },
    {
      key: 'example',
      label: 'Concrete example',
      weight: 1.5,
      description: 'A concrete case that grounds the view: a product, a paper, a result, or your own project.',
      levels: [
        'No example.',
        'A passing mention ("many applications").',
        'A named example without detail.',
        'A concrete example that shows the point.',
        'A concrete example from your own work or a well-known result, clearly tied to the claim.',
      ],
    },
    {
      key: 'nuance',
      label: 'Limits and nuance',
      weight: 1,
      description: 'Awareness of limitations, risks, counterarguments or when the view does not hold.',
      levels: [
        'One-sided, no limitation.',
        'A token "but it has challenges".',
        'One limitation named.',
        'Limitations or counterpoints, with what follows from them.',
        'A balanced view: the main limits, when it does not hold, and how you would handle them.',
      ],
    },
    relevance('the topic the question asks your view on'),
    concision(WORD_BANDS.opinion.idealMin, WORD_BANDS.opinion.idealMax, 'about a minute'),
  ],
});

export const approachRubric: Rubric = RubricSchema.parse({
  id: 'approach',
  version: 'approach-2026.11.1',
  title: 'Approach and process',
  summary:
    'A concrete method in a sensible order, the reasons for its steps and when you would do otherwise, and an example of it in practice.',
  basis: [
    'Guide chapters 3–5 and 8 (e.g. 3.4 "Managing Tight Deadlines", 4.5 "Prioritizing", 5.1 "Systematic Troubleshooting": walk through your methodology; 5.5 "Algorithm Choice Rationale": strengths and limitations of the options).',
    'Common coaching for "how do you…" questions: describe the steps you actually take, explain why, and prove it with a real example (the guide\'s sample answers close with "For example, when…").',
  ],
  dimensions: [
    {
      key: 'method',
      label: 'Method',
      weight: 2,
      description: 'The concrete steps you take, in a sensible order, named specifically (techniques, tools, checks).',
      levels: [
        'No method: platitudes ("I do my best", "it depends") or a restatement of the question.',
        'A vague intention or one generic step.',
        'Some concrete steps, generic or unordered.',
        'Several concrete, specific steps in a sensible order.',
        'A complete, ordered method with specific techniques at each step, including how you check it worked.',
      ],
    },
    {
      key: 'reasoning',
      label: 'Reasons and judgement',
      weight: 1.5,
      description: 'Why each step, and when you would choose differently (conditions, trade-offs).',
      levels: [
        'No reasons.',
        'A generic reason ("because it is important").',
        'Reasons for some steps.',
        'Reasons for the main steps and at least one condition or trade-off.',
        'Clear reasons throughout and the conditions that change the choice.',
      ],
    },
    {
      key: 'example',
      label: 'Example from experience',
      weight: 1.5,
      description: 'A real case where you applied the method, with what happened.',
      levels: [
        'No example.',
        'A passing mention ("in my projects").',
        'A specific case, but no outcome.',
        'A specific case with what you did and how it turned out.',
        'A specific case with a measured outcome that shows the method working.',
      ],
    },
    relevance('the situation or task the question names'),
    concision(WORD_BANDS.approach.idealMin, WORD_BANDS.approach.idealMax, 'one to two minutes'),
  ],
});

export const compensationRubric: Rubric = RubricSchema.parse({
  id: 'compensation',
  version: 'compensation-2026.11.1',
  title: 'Compensation',
  summary: 'A range grounded in market research for the role, level and location, openness on the whole package, and a calm, collaborative tone.',
  basis: [
    'Guide 2.6 "Salary Expectations": research market rates for the role, location and level (Glassdoor, Levels.fyi, Payscale, LinkedIn Salary); defer politely if asked early; if pressed, give a range based on that research and stay flexible on the complete package.',
    'Guide 2.6 "Negotiation Mindset": compensation is base, bonus, equity, benefits, learning budget and work-life balance; negotiate professionally.',
  ],
  dimensions: [
    {
      key: 'research',
      label: 'Research basis',
      weight: 1.5,
      description: 'The expectation rests on market research for the role, level and location, not on need or a guess.',
      levels: [
        'No basis, or the current salary or personal need as the anchor.',
        'A vague "what is fair" or "industry standard".',
        'A mention of research without what it covered.',
        'Research for the role with level or location.',
        'Research named (sources or data) for the role, level and location, and what you bring.',
      ],
    },
    {
      key: 'range',
      label: 'A range',
      weight: 1.5,
      description: 'Gives a range (or says one is ready) rather than refusing, naming a single demand, or leaving it to the employer.',
      levels: [
        'Refuses to answer, or "whatever you offer".',
        'A single fixed number or an ultimatum.',
        'Defers without offering anything, or a range with no basis.',
        'A range (or a clear offer to give one) for this role.',
        'A specific, researched range, its top justified by what you bring.',
      ],
    },
    {
      key: 'flexibility',
      label: 'Flexibility on the package',
      weight: 1.5,
      description: 'Open to the whole package (base, bonus, equity, benefits, growth) and to discussion.',
      levels: [
        'Rigid: non-negotiable, base salary only.',
        'Grudging or unclear openness.',
        'Open in principle, nothing specific.',
        'Open, naming parts of the package beyond base.',
        'Open and clear about what matters most to you in the package.',
      ],
    },
    {
      key: 'professionalism',
      label: 'Tone',
      weight: 1,
      description: 'Calm, confident and collaborative: focused on the role and a fair agreement, neither demanding nor apologetic.',
      levels: [
        'Demanding or dismissive, or visibly uncomfortable.',
        'Apologetic or unsure ("I do not know, anything is fine").',
        'Neutral.',
        'Confident and collaborative.',
        'Confident, collaborative and focused on mutual fit and the role.',
      ],
    },
    concision(WORD_BANDS.compensation.idealMin, WORD_BANDS.compensation.idealMax, 'a few sentences'),
  ],
});

export const explanationRubric: Rubric = RubricSchema.parse({
  id: 'explanation',
  version: 'explanation-2026.11.1',
  title: 'Explaining simply',
  summary: 'The core idea first in plain words, an everyday analogy or example, correct in substance, with detail added in layers.',
  basis: [
    'Guide 1.2 "The Layered Explanation Approach": a one-sentence summary, then a paragraph of key details, then the technical specifics.',
    'Guide 1.2 "Real-World Examples Always Win" and 1.1: analogies and everyday examples; avoid jargon with non-technical audiences; start with the main point (the pyramid principle).',
  ],
  dimensions: [
    {
      key: 'plain-language',
      label: 'Plain language',
      weight: 1.5,
      description: 'Words a non-expert understands: jargon avoided or explained, short sentences.',
      levels: [
        'Dense jargon; a non-expert would be lost.',
        'Mostly jargon, little explained.',
        'Mixed: plain in places, unexplained terms in others.',
        'Plain language; the few technical terms are explained.',
        'Plain throughout, precise, and every necessary term explained in passing.',
      ],
    },
    {
      key: 'analogy',
      label: 'Analogy or example',
      weight: 1.5,
      description: 'An everyday analogy or concrete example that makes the abstract idea concrete.',
      levels: [
        'No analogy and no example.',
        'A vague gesture at an example.',
        'An example, but abstract or technical.',
        'A fitting everyday analogy or example.',
        'A vivid, accurate analogy or example, tied back to the idea.',
      ],
    },
    {
      key: 'accuracy',
      label: 'Core idea',
      weight: 1.5,
      description: 'The essential idea is right and complete enough to be useful; simplified, not wrong.',
      levels: [
        'Wrong or missing.',
        'Mostly wrong or too vague to be useful.',
        'Partly right, with a gap or a misleading simplification.',
        'Right, with the key point present.',
        'Right and complete at the level asked: what it is, why it matters, what to do about it.',
      ],
    },
    {
      key: 'structure',
      label: 'Big picture first',
      weight: 1,
      description: 'Leads with a one-sentence gist, then adds detail in layers.',
      levels: [
        'Starts in the details; no gist.',
        'A gist, but buried.',
        'A gist, then unordered details.',
        'Gist first, then supporting detail.',
        'A clear layered explanation: gist, how it works, why it matters.',
      ],
    },
    concision(WORD_BANDS.explanation.idealMin, WORD_BANDS.explanation.idealMax, 'under a minute'),
  ],
});

export const questionsForUsRubric: Rubric = RubricSchema.parse({
  id: 'questions-for-us',
  version: 'questions-for-us-2026.11.1',
  title: 'Questions for the interviewer',
  summary:
    'Two or three prepared questions about the role, the team and how ML is done there — how success is measured, the biggest challenge, how models reach production — tied to what you learned; pay and perks can wait.',
  basis: [
    'Guide 4.5 "Questions to Ask Interviewers": always prepare 5-10 questions and ask 2-3; the questions reveal your priorities, depth of thinking, preparation and genuine interest.',
    'Guide 4.5 "Technical Questions to Ask" and "Team and Culture Questions": the ML stack, data quality, deployment and monitoring, research against production, how model failures are handled; team structure, code review, how success is measured in the role, the project lifecycle.',
    'Guide 4.5 "Avoid These Questions": nothing answered on the company website; salary, vacation or benefits not first unless the interviewer raises them; nothing that sounds unprepared or uninterested. Guide part 3, "Questions to Ask Interviewers": what success looks like in the first 90 days, the biggest challenges the ML team faces.',
  ],
  dimensions: [
    {
      key: 'questions',
      label: 'Questions asked',
      weight: 1.5,
      description: 'Asks two or three real questions rather than declining: "No, you covered everything" reads as no interest.',
      levels: [
        'No question: declines, or only thanks the interviewer.',
        'One vague question, or a remark rather than a question.',
        'One clear question.',
        'Two clear questions.',
        'Two or three clear, distinct questions, each one worth the interviewer\'s time.',
      ],
    },
    {
      key: 'specificity',
      label: 'About the role and the ML work',
      weight: 1.5,
      description:
        'The questions are about this role, this team and how they do ML: how success is measured, the biggest current challenge, how models get to production and are monitored, data, team structure — not questions any job would fit.',
      levels: [
        'Nothing about the role, the team or the work.',
        'Generic questions that fit any job ("What is the culture like?").',
        'One question about the role, the team or the ML work; the rest generic.',
        'Questions about the role and the team or the ML practice.',
        'Sharp questions about how success is measured, the team\'s real challenges and how ML is done there.',
      ],
    },
    {
      key: 'priorities',
      label: 'Priorities',
      weight: 1,
      description: 'Leads with the work; salary, holidays, perks and "how soon can I be promoted" wait until the offer stage.',
      levels: [
        'Only pay, perks or time off.',
        'Opens with pay, perks or time off.',
        'Pay or perks among work questions, or a question the company website answers.',
        'Work questions first; practicalities, if any, come last.',
        'Every question is about the work, the team or growing in the role.',
      ],
    },
    {
      key: 'preparation',
      label: 'Preparation and interest',
      weight: 1,
      description: 'Shows research or listening: ties a question to something the company does or the interviewer said, or says why it matters to the candidate.',
      levels: [
        'No sign of interest in this company.',
        'Interest stated ("sounds great") but nothing behind it.',
        'A question that shows some knowledge of the company or the role.',
        'A question tied to research or to the conversation ("You mentioned…", "I read that…").',
        'Questions built on research or the conversation, with why each matters to the candidate.',
      ],
    },
    concision(WORD_BANDS['questions-for-us'].idealMin, WORD_BANDS['questions-for-us'].idealMax, 'two or three questions'),
  ],
});

export const logisticsRubric: Rubric = RubricSchema.parse({
  id: 'logistics',
  version: 'logistics-2026.11.2',
  title: 'Logistics and availability',
  summary:
    'A direct, specific answer first — a date or a period, a yes or a no — then the real conditions behind it, the flexibility you truly have, and nothing else: no evasion, no over-sharing, no negotiating in the wrong place.',
  basis: [
    'Recruiter screening practice: notice period, start date, relocation, work authorisation and working pattern are planning questions; the interviewer needs a fact to plan with (a date, a period, a yes or no), so answer first and explain after.',
    'Honesty about constraints: a notice clause, a visa that needs sponsoring or a planned absence said plainly at the start is a detail to plan around; the same fact discovered at offer stage breaks trust, and a misstated work authorisation can end an offer.',
    'Guide 8.3 "Negotiation Strategies": ask for what you want but be flexible on how it is met, and negotiate at the offer, professionally — not in a screening answer about dates. Guide 8.6: start date logistics are settled after you accept. Guide 7.6: location and immigration status are part of the decision.',
  ],
  dimensions: [
    {
      key: 'answer',
      label: 'Direct answer',
      weight: 1.5,
      description: 'Answers what was asked, first: a date or a period for "when", a yes or a no for "are you / do you / would you", without taking it back later.',
      levels: [
        'No answer: evades, defers ("let\'s talk about that later"), or says "it depends" with nothing after.',
        'A vague or contradictory answer ("soon", "probably"; yes, then no; two different notice periods).',
        'An answer, but hedged or buried behind other talk.',
        'A clear answer: a yes or a no, a date or a period.',
        'A clear answer first, and specific: the date, the weeks of notice, the days a week, the visa status.',
      ],
    },
    {
      key: 'conditions',
      label: 'Honest constraints',
      weight: 1.5,
      description:
        'Says plainly what limits or conditions the answer — a contractual notice, a visa to sponsor, a move that depends on something, a planned absence — instead of hinting at it or leaving the interviewer to find out later.',
      levels: [
        'Misleading: a yes that the rest of the answer takes back, or a constraint denied and then admitted.',
        'Constraints hinted at but not said ("there are a few things to sort out", "it\'s complicated").',
        'A constraint or condition named without what it means (no date, no length, no requirement).',
        'Constraints or conditions stated plainly, or a plain unconditional answer when there are none.',
        'Every constraint stated plainly with what it means for the role: the date it gives, the sponsorship needed, what a move depends on.',
      ],
    },
    {
      key: 'flexibility',
      label: 'Flexibility where it is real',
      weight: 1,
      description:
        'Offers the flexibility the candidate really has (an earlier release, another office pattern, a later move) and keeps bargaining for the offer stage: no ultimatums, no pay demands in an answer about dates or places.',
      levels: [
        'Turns the question into a hard negotiation or an ultimatum ("only if you add a signing bonus", "non-negotiable").',
        'Closed without a reason ("No.", "Not possible"), or a demand out of place.',
        'Neither flexible nor rigid: the answer stands alone.',
        'Offers real flexibility or an alternative; on a question of fact (the right to work, a non-compete), a plain answer that bargains for nothing.',
        'Offers real flexibility and says what it rests on ("my manager has agreed an earlier release before"); on a question of fact, the fact and what follows from it.',
      ],
    },
    {
      key: 'focus',
      label: 'Focus',
      weight: 1,
      description: 'Stays on what the interviewer needs to plan: no over-sharing of private detail, no complaints about the current employer, no unrelated talk.',
      levels: [
        'Not about the question: unrelated talk.',
        'Over-shares: private detail (health, family troubles, money worries) or complaints about the current employer.',
        'On the question, after a detour or with detail the interviewer does not need.',
        'On the question throughout.',
        'Only what the interviewer needs to plan, answer first.',
      ],
    },
    concision(WORD_BANDS.logistics.idealMin, WORD_BANDS.logistics.idealMax, 'a sentence or three, and a few words that state the fact asked for are ideal'),
  ],
});
