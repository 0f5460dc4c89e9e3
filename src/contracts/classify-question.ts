import type { QuestionType } from './question-type.js';

/*
 * Rule-based classification of a pasted question that is not in the corpus (corpus questions carry a
 * curated type, see data/question-types.json). Each cue is a pattern with a weight for one type: the
 * shapes that decide a question alone ("tell me about a time", "salary") weigh 3 to 5, hints that only
 * lean one way ("did you", "in your view", "worth") weigh 1 or 2. The type with the most weight wins if
 * it reaches 2, ties going to the more specific type; a question with no such cue is technical, because
 * technical questions are about a subject, not about the candidate.
 *
 * "How do you …?" is the hard case: it opens process questions about how the candidate works ("How do
 * you prioritise?") and technical ones ("How do you reshape a NumPy array?"). It is read as a process
 * question when its verb is about working with people, time or oneself, or when it asks about the
 * candidate's own practice ("your data", "the models you build", "in your projects"); else technical.
 */

interface Rule {
  readonly type: QuestionType;
  readonly name: string;
  readonly matches: (sentence: string) => boolean;
  /** How strongly a match points to the type; 3 or more decides a question on its own. */
  readonly weight: number;
  /** The rule reads the whole question, its sentences joined, instead of each sentence on its own. */
  readonly whole?: boolean;
}

/** Where a question asks about the candidate's own practice rather than a technique in general. */
const OWN_PRACTICE =
  /\b(?:when (?!to\b)(?:[a-z]+ ){1,4}(?:is|are|get|gets|run|runs)|your|yours|yourself|(?<!\b(?:would|do|should|can|will|could) )you(?:'ve| have)? (?:build|built|work|worked|train|trained|deploy|deployed|develop|developed|ship|shipped|lead|led|manage|use|used)|in practice|at work|on the job|as an? (?:engineer|data scientist|ml engineer|developer|team lead|lead)|in (?:a|your|real) (?:team|project|projects|job|role|company)|the success of|the right (?:algorithm|model|approach|tool|metric|architecture|features?|technique))\b/;

/** "How do you …" verbs that are about how someone works, whatever their object. */
const WORKING_VERBS =
  /^(?:how (?:do|would|should|can|will) you) (?:approach|prioriti[sz]e|stay|keep (?:up|learning|yourself|track|motivated|current|improving|growing|your (?:skills?|knowledge) (?:up|current|sharp|fresh))|manage|adapt|cope|balance|collaborate|contribute|communicate|present|mentor|uphold|resolve|respond|react|organi[sz]e|plan (?:your|a|an|the|new|projects?|work|sprints?|experiments?)|estimate|scope|learn|grow|give feedback|receive|build trust|work (?:with|under|across|alongside|in a|on a team|remotely)|make (?:sure|decisions|technical decisions|trade-?offs|time)|decide (?:what|which|when|between) (?:[\w-]+ )?to work|go about|tackle|push back|say no|ask for help|deal with (?:ambiguity|pressure|stress|conflict|failure|criticism|feedback|deadlines|stakeholders|difficult|setbacks|change|uncertainty|rejection|competing|multiple)|handle (?:ambiguity|pressure|stress|conflict|failure|criticism|feedback|deadlines|tight|stakeholders|difficult|setbacks|change|changing|uncertainty|rejection|competing|multiple|disagreements?|mistakes|on-?call|interruptions))\b/;

/** "How do you …" verbs that make a process question only about the candidate's own practice. */
const PRACTICE_VERBS =
  /^(?:how (?:do|would|should|can|will) you|what do you do to) (?:handle|ensure|measure|choose|select|pick|debug|evaluate|validate|test|address|deal with|decide|tackle|approach|monitor|document|review|prevent|detect|mitigate|reduce|improve|maintain|guarantee|make|build|set up|structure|run|track|check|verify|avoid|know|get|act|find|keep|stay)\b/;

const test = (pattern: RegExp) => (sentence: string): boolean => pattern.test(sentence);

/*
 * Technical terms: models, methods, metrics, data and engineering terms a question about a subject names.
 * "Why would you choose a random forest over logistic regression?" and "Why use ReLU rather than sigmoid?"
 * compare two techniques, and "What's the most interesting paper you've read?" names a thing to have a view
 * on: the cues of choosing ("why would you choose", "rather than", "compared with") only mean a career
 * choice or a judgement when no technical term is named. Fields a career is made in ("machine learning",
 * "data science", "computer vision") are not in the list: "Why machine learning rather than software
 * engineering?" is still a motivation question.
 */
const TECHNICAL_TERM = new RegExp(
  String.raw`\b(?:` +
    [
      // models and architectures
      String.raw`(?:random|isolation) forests?|(?:decision|regression|gradient[- ]boosted) trees?|trees?|forests?|xgboost|lightgbm|catboost|gradient boosting|boosting|bagging|ensembles?|(?:logistic|linear|ridge|lasso|polynomial|softmax) regression|regressions?|classifiers?|svms?|support vector(?: machines?)?|k-?nn|k-?nearest|naive bayes|k-?means|dbscan|pca|t-?sne|umap|autoencoders?|neural (?:network|net)s?|networks?|cnns?|rnns?|lstms?|grus?|transformers?|vision transformers?|vits?|berts?|gpts?|llms?|attention|embeddings?|encoders?|decoders?|gans?|vaes?|diffusion|mlps?|perceptrons?|resnets?|word2vec|markov|hmms?`,
      // methods, training and evaluation
      String.raw`cross-?entropy|entropy|(?:mean )?squared error|mse|mae|rmse|losse?s?|loss functions?|objectives?|gradients?|(?:stochastic )?gradient descent|sgd|adam|rmsprop|optimi[sz]ers?|learning rates?|momentum|backprop(?:agation)?|regulari[sz]ation|l1|l2|dropout|early stopping|batch ?norm(?:ali[sz]ation)?|layer ?norm(?:ali[sz]ation)?|normali[sz]ation|standardi[sz]ation|(?:feature )?scaling|relu|leaky relu|sigmoid|tanh|softmax|gelu|activations?|epochs?|(?:mini-?|full-?)?batch(?:es)?|fine-?tun(?:e|ed|ing)|pre-?trained|pre-?training|transfer learning|from scratch|hyper-?parameters?|grid search|random search|bayesian optimi[sz]ation|cross-?validation|k-?fold|stratified|train(?:ing)?[- ](?:test|validation) split|(?:random|time-?based|temporal) split|splits?|bootstrap(?:ping)?|imputation|imput(?:e|ing)|one-?hot|target encoding|encoding|tokeni[sz](?:er|ation)|stemming|lemmati[sz]ation|tf-?idf|bag of words|n-?grams?|kernels?|kernel trick|convolutions?|pooling|residual|skip connections?|(?:over|under)-?fitting|bias-?variance|variance|overfit|underfit|vanishing|exploding|quantization|pruning|distillation|inference|a/b tests?|p-?values?|null hypothesis|confidence intervals?|hypothesis tests?|t-?tests?|chi-?squared`,
      // metrics and statistics
      String.raw`accuracy|precision|recall|f1(?:[- ]score)?|auc|roc(?:-auc)?|pr-?auc|log[- ]loss|perplexity|bleu|r-?squared|r2|median|mean|standard deviation|covariance|correlation|likelihood|mle|map estimate|posterior|distributions?|gaussian|normal distribution|cosine similarity|euclidean(?: distance)?|manhattan distance|dot products?|matri(?:x|ces)|vectors?|tensors?|eigen\w*`,
      // data and engineering
      String.raw`features?|labels?|class imbalance|imbalanced|outliers?|missing values|data leakage|leakage|parquet|csv|json|sql|joins?|left join|inner join|indexes|indices|dataframes?|pandas|numpy|scikit-learn|sklearn|pytorch|tensorflow|keras|jax|spark|hadoop|kafka|airflow|docker|kubernetes|rest api|apis?|grpc|batch jobs?|streaming|latency|throughput|caching|caches?|hash(?:able|ing|es)?|tuples?|lists?|dictionar(?:y|ies)|arrays?|generators?|decorators?|lambdas?|gpus?|tpus?|cuda|feature stores?`,
    ].join('|') +
    String.raw`)\b`,
);

/** Whether the sentence names a technical term. */
const namesTechnicalTerm = (sentence: string): boolean => TECHNICAL_TERM.test(sentence);

/** A cue of choosing or comparing that means a career choice or a judgement only when nothing technical is named. */
const unlessTechnical = (pattern: RegExp) => (sentence: string): boolean => pattern.test(sentence) && !namesTechnicalTerm(sentence);

/*
 * Logistics ("What is your notice period?", "Are you open to relocating?", "Do you need visa sponsorship?") ask
 * the candidate about themselves, so each cue needs the candidate addressed ("you", "your"). Their words also
 * name technical things ("the start token", "a warm start", "the on-call rotation of an ML service", "relocate
 * a model to the edge", "a notice period feature"): a question that names a technical term or an object of ML
 * work (other than the candidate's own, see OWN_WORK) is never read as logistics, and "how would you …" asks for a
 * method, not for a yes or a date.
 */
const ML_OBJECT =
  /\b(?:models?|data|datasets?|pipelines?|services?|systems?|endpoints?|clusters?|servers?|tokens?|training|retraining|pre-?training|checkpoints?|weights|logs?|sessions?|events?|predict\w*|classif\w*|forecast\w*|algorithms?|edge|deploy\w*|alerting|architectures?|design|schedul\w*|cron|airflow)\b/;
const ADDRESSES_CANDIDATE = /\b(?:you|your|yours|yourself)\b/;
const ASKS_FOR_A_METHOD = /^(?:how (?:would|do|should|can|will|could) you(?! feel\b)|why)\b/;
/** "What's your notice period and current pay?" is graded as compensation: its rubric covers the harder half. */
const ASKS_ABOUT_PAY = /\b(?:pay|paid|salary|salaries|compensation|remuneration|earn\w*|wages?|ctc|bonus(?:es)?|equity)\b/;

/*
 * "Are you okay being on call for the models you deploy?": the models are the candidate's own work, what the duty is
 * for, not the subject of the question. An object of ML work that the candidate builds, owns or runs ("the services
 * you own", "your pipelines") is read past; one named as a subject ("the on-call rotation of an ML service") is not.
 */
const OWN_WORK =
  /\b(?:(?:the|any|all) )?(?:models?|services?|systems?|pipelines?|endpoints?|clusters?|servers?|jobs?)(?: (?:that|which))? (?:you|your team)(?:'ve| have| will|'ll| would|'d)? (?:build|built|own|owned|deploy|deployed|ship|shipped|maintain|maintained|train|trained|run|ran|support|develop|developed|release|released|manage|managed|put into production|work on|worked on)\b|\byour (?:own )?(?:models?|services?|systems?|pipelines?|endpoints?)\b/g;

/** A logistics cue counts only in a question to the candidate about themselves, naming nothing technical. */
const logistics = (pattern: RegExp) => (sentence: string): boolean => {
  if (!ADDRESSES_CANDIDATE.test(sentence) || ASKS_FOR_A_METHOD.test(sentence) || ASKS_ABOUT_PAY.test(sentence)) return false;
  const subject = sentence.replace(OWN_WORK, 'them');
  return (
    pattern.test(subject) &&
    !ML_OBJECT.test(subject) &&
    // "How soon could you join us?": joining a team is not a table join.
    !namesTechnicalTerm(subject.replace(/\bjoin(?=(?: us| the team| our team| the company)?\s*[?.!]?$)/, ''))
  );
};

/** "Are you willing / able / happy / okay / comfortable …", the opening of most yes-or-no logistics questions. */
const ARE_YOU_OK = String.raw`(?:are|would|will|could|were) you (?:be )?(?:currently )?(?:open|willing|able|happy|comfortable|okay|ok|fine|prepared|ready|available|free|interested|set up)`;
/** What may follow "are you okay": "with", "to", "about" — or nothing, before a gerund ("comfortable relocating", "fine carrying a pager"). */
const OK_LINK = String.raw`(?:(?:to|with|in|for|about) )?`;
/*
 * The end of a question about the start: the question mark, or a condition after it ("…could you start if we made
 * you an offer?"). "When can you start evaluating a model…?" goes on with an object, and is no such question.
 */
const START_ENDS = String.raw`(?=\s*[?.!]?$|,? (?:if|once|after|assuming|provided|should|were) )`;
/** "start", "join us", "be available to work here". */
const START_VERB = String.raw`(?:realistically |possibly |actually )?(?:be able to )?(?:start|join|begin|be available)(?: (?:with us|working|here|us|the (?:job|role|position)|in (?:this|the) (?:role|position|job)|on the team))?`;

/*
 * An arrangement of the job put to the candidate: "This role includes an on-call rotation one week in six. Is that
 * okay for you?", "The team runs a weekly on-call rota. How do you feel about that?", "Our start date is 1 March. Does
 * that work for you?". The arrangement is told first and the question asks only whether "that" suits the candidate,
 * so the question is read whole; "you" may not be said at all ("The role has an on-call rotation. Is that okay?").
 * "How do you feel about on-call duties?" names the arrangement in the asking sentence itself. A question that names a
 * technical term or an object of ML work ("random rotation during training", "the model's start date feature") is
 * about that, not about the candidate's working life.
 */
const ARRANGEMENT = String.raw`(?:on[- ]?call|pager|rota|(?:support|duty|weekend|night) (?:rotation|shifts?)|night shifts?|weekend (?:work|shifts?)|notice period|start(?:ing)? date|start (?:within|in|on|by|before|from)\b|relocat\w*|visas?|sponsor\w*|work permit|(?:days?|times) a week in the office)`;
const THAT_SUITS = String.raw`(?:(?:is|would|will) (?:that|this|it) (?:be )?(?:(?:okay|ok|fine|alright|acceptable|feasible|possible|doable|manageable|workable|realistic)(?: for you)?|(?:a |an |any )?(?:problem|issue|concern|deal-?breaker)(?: for you)?|something you(?:'d| could| can| would| are)? (?:[\w-]+ ){0,2}?(?:do|manage|accept|consider|happy with|okay with|comfortable with|open to))|(?:does|would|will|could|can) (?:that|this|it) work(?: for you)?|how (?:do|would) you feel about (?:that|this|it)|(?:are|would) you (?:be )?(?:okay|ok|fine|comfortable|happy|alright|good) with (?:that|this|it)|(?:what are )?your thoughts on (?:that|this|it)|can you (?:do|manage|accept) (?:that|this|it))`;
const ARRANGEMENT_PUT = new RegExp(String.raw`\b${ARRANGEMENT}\b[^?]*[.!?] (?:[^.?!]*[,;] )?${THAT_SUITS}\s*[?.!]?$`);
/*
 * "How do you feel about on-call duties?", "…about relocating to Berlin?": the arrangement is what the question ends on.
 * "How do you feel about on-call alert fatigue?" or "…sponsorship bias in search ranking?" asks for a view of something
 * the arrangement word only qualifies.
 */
const FEEL_ABOUT_ARRANGEMENT = new RegExp(
  String.raw`\b(?:how (?:do|would) you feel about|(?:what are )?your thoughts on) (?:[\w-]+ ){0,3}?${ARRANGEMENT}(?: (?:duties|duty|work|rotations?|shifts?|requirements?|arrangements?|expectations?|schedules?))?(?: (?:to|in|for|every|once|one|a|the|at|on|with)(?: [\w-]+){1,4})?\s*[?.!]?$`,
);

const arrangementPut = (question: string): boolean => {
  if (ASKS_ABOUT_PAY.test(question)) return false;
  const subject = question.replace(OWN_WORK, 'them');
  return (ARRANGEMENT_PUT.test(subject) || FEEL_ABOUT_ARRANGEMENT.test(subject)) && !ML_OBJECT.test(subject) && !namesTechnicalTerm(subject);
};

const RULES: readonly Rule[] = [
  {
    type: 'logistics',
    name: 'notice period or start date',
    weight: 5,
    matches: logistics(
      new RegExp(
        String.raw`\b(?:your (?:current )?notice(?: period)?|how much notice|notice (?:(?:do|would|will) )?you(?:'d| would| will)? (?:have|need) to (?:give|serve)|(?:serving|on) (?:your |a )?notice|(?:when|how soon|how quickly|how fast)(?: (?:after|once)(?: [\w'-]+){1,4}?)? (?:could|can|would|will) you ${START_VERB}${START_ENDS}|(?:the )?(?:earliest|soonest)(?: (?:date|day|time))? (?:that )?you(?:'d| could| can| would| will) ${START_VERB}${START_ENDS}|(?:your )?earliest (?:possible )?(?:start(?:ing)?|joining) date|(?:your|a) (?:possible |preferred )?start(?:ing)? date|(?:able|available|free) to (?:start|join)\b|(?:stop|delay|prevent|keep|hold) you (?:back )?(?:from )?(?:starting|joining)|(?:can|could|would|will) you (?:be able to )?(?:start|join|begin)(?: work| working)? (?:in|on|by|before|after|from|next|this|at the (?:start|beginning|end) of) (?:[\w-]+ ){0,3}?(?:january|february|march|april|may|june|july|august|september|october|november|december|week|month|quarter|year|monday|tuesday|wednesday|thursday|friday|\d+(?:st|nd|rd|th)?)\b|under (?:a |your )?(?:current )?contract|probation(?:ary)?(?: period)?|(?:interviewing|in (?:the )?process|talking) with (?:other|any other) (?:companies|employers|firms)|(?:planned|booked|upcoming) (?:holidays?|vacations?|leave|time off|trips?)|non-?compete|non-?solicit\w*|garden(?:ing)? leave)\b`,
      ),
    ),
  },
  {
    type: 'logistics',
    name: 'relocation, visa or right to work',
    weight: 5,
    matches: logistics(
      new RegExp(
        String.raw`\b(?:${ARE_YOU_OK} ${OK_LINK}(?:a )?(?:relocat\w*|mov(?:e|ing) (?:to|for|cities|countries|abroad|here))|(?:would|will|do|could) you (?:consider |need to |have to |plan to |want to |be willing to )?(?:relocat\w*|mov(?:e|ing) to [a-z]+(?: for (?:this|the) (?:role|job|position))?(?=\s*[?.!]?$))|relocation (?:be )?(?:an option|possible|a problem)|(?:relocat\w*|moving (?:to|abroad)) .*\byou(?:'d| would)? (?:consider|be open to|be willing)|commut\w* distance|visa sponsorship|(?:need|require|requires|needs|want) (?:a |any )?(?:visa|sponsorship|work permit)|sponsorship for (?:a|an|your)|(?:right|authori[sz]ed|eligible|permitted|allowed|entitled|legally able) to work (?:in|for)|work (?:permit|authori[sz]ation|visa)|(?:h-?1b|blue card|tier 2|skilled worker) (?:visa|sponsorship)|(?:your|a) visa\b)`,
      ),
    ),
  },
  {
    type: 'logistics',
    name: 'working pattern, on-call or travel',
    weight: 5,
    matches: logistics(
      new RegExp(
        String.raw`\b(?:${ARE_YOU_OK} ${OK_LINK}(?:[\w-]+ ){0,4}(?:on[- ]?call|pager|weekends?|evenings?|nights?|shifts?|overtime|(?:outside|out of|after) (?:(?:office|working|business|normal) )?hours|travel\w*|work (?:from|in) the office|work (?:fully |mostly |partly )?(?:remote\w*|on-?site|onsite|in person|hybrid))|(?:can|could|would|will) you (?:commit to |be able to |manage to )?(?:work(?:ing)?|be|come in) (?:from |in |at |into )?(?:the |our )?(?:office|on-?site|onsite|in person|remotely)\b|(?:can|could|would|will) you (?:be able to )?work (?:in|across|within) (?:the |our |a )?(?:[\w-]+ ){0,3}time ?zones?|(?:hours|days?|schedule) (?:that )?overlap(?:s|ping)? with (?:our|the|a) (?:[\w-]+ ){0,3}(?:team|office|colleagues)|(?:join|joining|be on|be part of|take part in|participate in) (?:the |our |an? )?on[- ]?call(?: rotation)?|(?:coming|come|going|go) (?:in(?:to)?|to) (?:the |our )?office|how (?:do|would) you feel about (?:coming|working|being|going|relocating|moving|travel\w*|joining)|(?:full-?time or part-?time|part-?time or full-?time)|(?:how flexible (?:are|is) )?your (?:working )?hours|(?:hybrid|remote|on-?site|office|contract|arrangement|schedule|pattern|rota|shifts?) (?:[\w-]+ ){0,6}(?:ok|okay|fine|acceptable|work|suit) for you)\b`,
      ),
    ),
  },
  { type: 'logistics', name: 'an arrangement of the job put to you', weight: 5, whole: true, matches: arrangementPut },
  {
    type: 'compensation',
    name: 'salary or pay',
    weight: 5,
    matches: test(/\b(?:salary|salaries|compensation|remuneration|pay (?:range|expectations?|package|band)|what (?:kind of )?pay|expected (?:ctc|pay|package)|current ctc|total comp\b|how much (?:money )?(?:do|would|are|will) you (?:expect|want|need|ask|looking|charge)|(?:your|a) (?:day|hourly) rate|what are you (?:currently )?(?:earning|making)|(?:offer|package) (?:are|would) you (?:expect|accept|looking))/),
  },
  {
    type: 'approach',
    name: 'how you usually explain or present',
    weight: 4,
    matches: test(/^how do you (?:usually |typically |normally )?(?:explain|communicate|present|translate)\b/),
  },
  {
    type: 'explanation',
    name: 'explain for a non-expert',
    weight: 3,
    matches: test(/\b(?:explain|describe|teach|break down|simplify|walk (?:me|us) through)\b.*\b(?:(?:a|an|any|the) (?:non-?expert|non-?technical (?:person|colleague|friend|manager|audience)|layperson|layman|newcomer|beginner)|in (?:simple|plain|layman'?s?|lay|everyday|non-?technical|simpler) (?:terms|language|words|english)|(?:to|for) (?:a |an |your |the |my |someone |somebody )?(?:non-?technical|non-?expert|non-?engineer|layperson|layman|lay person|lay audience|child|kid|teenager|five-?year-?old|5-?year-?old|ten-?year-?old|grand(?:parent|mother|father|ma|pa)|business (?:person|user|stakeholder|audience|team|leader)|executive|ceo|product manager|marketing|someone (?:without|with no|who (?:is not|isn't|has no))|customer|client|stakeholder|(?:high-?school |new )?student|intern|newcomer|sales (?:team|person|people)|marketing (?:team|person))|like (?:i'?m|i am) (?:five|5|a child)|so that (?:a |an |the |your |any )?[\w -]+ understands?|without (?:using )?(?:jargon|technical terms|math|maths|equations)|so that (?:anyone|a non|someone))/),
  },
  { type: 'explanation', name: 'ELI5', weight: 3, matches: test(/\beli5\b/) },
  {
    type: 'story',
    name: 'a time when',
    weight: 4,
    matches: test(/\b(?:tell (?:me|us) about (?:a|an|one|the) (?:time|situation|occasion|moment|instance|case|day|period)|(?:describe|share|recall|talk about|walk (?:me|us) through|think of|tell (?:me|us) about) (?:a|an|one|the) (?:time|situation|occasion|moment|instance|case|day|period) (?:when|where|that|in which|you)|(?:a|one) time (?:when|where) you|when was the last time|have you ever|has there been a time|was there a time)\b/),
  },
  {
    type: 'story',
    name: 'something you did',
    weight: 3,
    matches: test(/\b(?:describe|share|tell (?:me|us)|walk (?:me|us) through) (?:how|what|when|why) you (?:once |recently |last )?(?!would\b|usually\b|typically\b|normally\b|will\b|do\b|can\b|should\b)[a-z]+(?:ed|ought|ew|ade|ent|ot|it|ound|ilt|uck|ook)\b|\b(?:have|did) you (?:ever )?(?:cracked|solved|fixed|built|shipped|led|won|lost|faced|overcome|handled|managed|delivered|made|broken|learned|learnt|changed)\b|^(?!how (?:do|would|should|can|will) you\b).*\byou (?:hit|faced|made|built|fixed|solved|overcame|helped|led|shipped|fought|learned|learnt|broke|missed|ran into|came across|dealt with|pushed back|took on)\b|\b(?:it|that|this) (?:taught|showed) you\b|\byou(?:'re| are| were) (?:most )?proud(?:est)? of\b|\bwhat (?:are|were) you (?:most )?proud of\b|\b(?:what|which) (?:[\w-]+ ){0,2}(?:achievements?|accomplishments?|projects?|pieces? of work|results?|contributions?|successes|success|launch(?:es)?|moments?) (?:are|were) you (?:the )?(?:most )?proud(?:est)? of\b|\bwent wrong\b/),
  },
  {
    type: 'story',
    name: 'an example from your experience',
    weight: 4,
    matches: test(/\b(?:give (?:me |us )?(?:an|one|a specific|a concrete|a real) example|(?:can|could) you (?:give|share|provide|describe) (?:an|a|one) (?:example|instance|case)|share (?:an|a) (?:example|experience|story)|an example of (?:a time|when|how you|where you|something you))\b/),
  },
  {
    type: 'story',
    name: 'a past project, challenge or mistake',
    weight: 3,
    matches: test(/\b(?:(?:tell (?:me|us) about|describe|walk (?:me|us) through|talk (?:me |us )?(?:about|through)) (?:a|an|one|the|your|some) (?:(?:recent|past|previous|particular|specific|difficult|challenging|complex|hard|big|major|favou?rite|proudest|biggest|best|worst|most \w+|ml|machine learning|data science|significant|notable|technical|successful|failed) )*(?:project|projects|challenge|mistake|failure|setback|conflict|disagreement|decision|achievement|accomplishment|problem|incident|outage|bug|experience (?:where|when|in which)|model (?:that|you)|system (?:that|you)|initiative|launch|deadline|crisis|risk)|what (?:was|is|has been) (?:the|your) (?:most \w+|biggest|hardest|toughest|greatest|proudest|best|worst) (?:\w+ ){0,3}(?:you(?:'ve| have)?|your) (?:ever )?(?:solved|faced|made|had|handled|tackled|overcome|overcame|worked on|built|shipped|learned|received|led|fixed|achieved|debugged)|how have you (?:\w+ ){0,2}(?:reduced|improved|increased|handled|dealt|resolved|fixed|solved|led|managed|overcome|overcame|convinced|influenced|saved|cut|sped|scaled|debugged)|how did you (?!usually\b|typically\b|normally\b|(?:get|go|end up|come|move) (?:into|in|to)\b)\w+|what did you learn from (?:a|the|your|that|this)|what lessons did you learn|what (?:was|were) your (?:specific |exact |own )?(?:role|contribution|responsibilities)(?: and (?:your )?\w+)? (?:in|on)|what (?:measurable )?impact did (?:your|you|the)|(?:your|the) (?:biggest|greatest|proudest|most (?:significant|important|memorable)) (?:[\w-]+ ){0,2}(?:achievement|accomplishment|failure|mistake|success)s?)/),
  },
  {
    type: 'self-presentation',
    name: 'about yourself',
    weight: 4,
    matches: test(/\b(?:about yourself|introduce yourself|(?:a|an) (?:brief |short |quick )?introduction|(?:walk|take|talk) (?:me|us) through your (?:resume|cv|r[ée]sum[ée]|background|career|journey|profile)|tell(?:ing)? (?:me|us) (?:a (?:bit|little) )?(?:more )?about (?:yourself|your (?:background|career|journey|profile))|describe yourself|who are you|how would (?:you|your \w+|others|people|colleagues|your friends) describe (?:you|yourself|working with you)|what would your (?:\w+ ){0,2}(?:say|tell)\b|in (?:three|3) words)\b/),
  },
  {
    type: 'self-presentation',
    name: 'strengths, weaknesses, goals, skills',
    weight: 3,
    matches: test(/\b(?:strengths?|weakness(?:es)?|areas? (?:of|for) (?:improvement|growth|development)|what (?:are|is) (?:you|your) (?:good|best|great|strongest|weakest) at|(?:where|how) do you see yourself|career (?:goals?|plans?|aspirations?|path|ambitions?|objectives?)|(?:professional|long-?term|short-?term) goals?|(?:in|next|over the next|the next) (?:two|three|five|ten|2|3|5|10) years|what are you (?:proficient|skilled|experienced|comfortable|strongest|fluent) (?:in|with)|(?:which|what) (?:tools|technologies|languages|frameworks|libraries|skills|programming languages|tech stack|stack|platforms)(?:,? (?:and |or )?[\w-]+){0,5} (?:do|are|have|did|would|can) you|your (?:career|background|profile|résumé|resume|cv|skill set|skillset|expertise)\b|(?:of|about) yours\b|needs? improvement|better than (?:most|other|others|your peers)|how much (?:experience )?(?:do|have) you|(?:your|any) (?:experience|background|expertise|skills|proficiency) (?:with|in)|describe your (?:experience|background|expertise|skills|skill set)|what is your (?:experience|background|expertise) (?:with|in)|why should we hire you|what makes you (?:a (?:good|great|strong)|the right|unique|stand out|different|qualified)|what (?:can|do|would|will) you bring|what sets you apart|what do you (?:bring|offer))\b/),
  },
  // Before motivation and opinion: "How do you stay motivated / keep up with trends?" asks how you work.
  { type: 'approach', name: 'how you work', weight: 4, matches: test(WORKING_VERBS) },
  { type: 'approach', name: 'how you handle it in your own work', weight: 2, matches: (sentence) => PRACTICE_VERBS.test(sentence) && OWN_PRACTICE.test(sentence) },
  {
    type: 'motivation',
    name: 'why this field, company or role',
    weight: 3,
    matches: test(/\b(?:why (?:do|did|would|are|should) you (?:want|wish|apply|applied|decide|decided|join|leave|leaving|pursue|get into|go into|become|interested|applying|looking|considering)|why (?:this|our|the) (?:company|role|job|team|position|industry|field|organi[sz]ation|opportunity)|why (?:machine learning|ml|data science|ai|artificial intelligence|deep learning|us|here)\b|what (?:first |originally |really )?(?:inspired|motivated|drew|attracted|brought|led|draws|attracts|got) you|what (?:motivates|drives|inspires) you|what do you know about (?:us|our|the company|this company|the team|this role)|what are you looking for in (?:a|your|the|this) (?:next )?(?:role|job|position|company|team|employer|manager)|why (?:are you|do you want to be) (?:a|an|in) (?:machine learning|ml|data)|what (?:do you|would you) (?:like|love|enjoy) (?:most )?about (?:this|the|our) (?:role|job|company|field|work))/),
  },
  // "Why would you choose a random forest over logistic regression?" asks for technical reasons, not a career choice.
  { type: 'motivation', name: 'why you chose it', weight: 3, matches: unlessTechnical(/\bwhy (?:do|did|would|should) you (?:choose|chose|pick|like|love|enjoy)\b/) },
  // "Why do you love working on neural networks?" and "Why did you choose to build features for end users?" ask about
  // the candidate's own feelings or career choice, whatever technical term they name.
  { type: 'motivation', name: 'why you love it or chose to do it', weight: 3, matches: test(/\bwhy (?:(?:do|did) you (?:really |so )?(?:love|enjoy)|did you (?:choose|decide|opt) to)\b/) },
  {
    type: 'questions-for-us',
    name: 'questions for the interviewer',
    weight: 5,
    matches: test(/\b(?:(?:any|some|other|more|further|final|last) questions?(?: (?:for|about) (?:us|me|the (?:team|role|company|panel))| you(?:'d| would) like to ask| (?:before|for) (?:we|you (?:go|leave)|us|me|the (?:end|team|role|company|panel|interviewers?)|today)(?: [\w ]+)?)?\s*[?.]?$|questions? (?:for|to ask) (?:us|me|the (?:team|panel|interviewers?))\b|what questions do you have|\banything\b[^?]*\byou(?:'d| would)? (?:like|want|wish) to ask\b|do you have (?:any )?(?:other |more |further |final |last )?questions?(?:\s*[?.]?$| (?:for|to ask) (?:us|me|the (?:team|panel|interviewers?))\b| about (?:us|me|the (?:role|team|company|position|job|interview process)|working (?:here|with|at|for)|our)\b| before we\b)|anything (?:else )?(?:(?:that )?you(?:'d| would) like|you want|you wish|you'd want) to (?:ask|know about (?:the|this|our|working|us|me|how))|what would you like to (?:ask|know about (?:the|this|our|working|us|how))|(?:is there )?anything (?:else )?(?:i|we) can (?:tell you|answer|clarify) (?:about|for)|what (?:else )?(?:would|do) you (?:like|want) to (?:ask|know) (?:us|me)\b)/),
  },
  {
    type: 'opinion',
    name: 'your view',
    weight: 3,
    matches: test(/\b(?:what do you think (?:of|about|is|are|will|the|makes)|what(?:'s| is| are) your (?:opinion|view|views|take|stance|position|perspective|thoughts)|your thoughts on|do you (?:think|believe|agree|feel)|how do you (?:feel|see|view) (?:about )?(?:the )?(?:future|state|role|rise|current|recent)|(?:favou?rite|preferred|least favou?rite) (?:\w+ ){0,3}(?:algorithm|model|technique|method|tool|framework|library|paper|language|loss|metric|architecture|approach|area|topic|field|book|course|researcher|idea)|future of|(?:where|how) (?:do you (?:think|see)|is) (?:\w+ ){1,6}(?:heading|going|evolving|changing)|(?:current|latest|recent|emerging|important|key|major) (?:\w+ )?(?:trends?|developments|advances|breakthroughs)|trends? (?:in|do you|that)|opportunities and (?:limitations|risks|challenges|threats)|(?:limitations|risks|promise|hype|impact|dangers) of (?:generative|gen ?ai|ai|llms?|large language|machine learning|deep learning|automl)|is (?:\w+ ){1,5}(?:overrated|overhyped|hype|worth it|the future|dead|a bubble)|what do you see as|biggest (?:challenges?|risks?|problems?|open problems?|opportunit(?:y|ies)) (?:in|facing|for|of) (?:the )?(?:ml|ai|machine learning|field|industry|data science|deep learning)|(?:which|what) (?:[\w-]+ ){0,3}do you (?:like|prefer|love|enjoy|rate) (?:the )?(?:most|best)|what makes it your (?:pick|favou?rite|choice)|what would you (?:improve|change|do differently|add)|if you could (?:change|improve|redo|start over))\b/),
  },
  {
    type: 'approach',
    name: 'a situation, then what you do',
    weight: 3,
    // "When time is short, how do you organise yourself?", "A model flops on held-out data: what next?"
    matches: test(/^(?:when|if|with|on|once|whenever|after|before|during|given)\b[^?]*,\s*(?:how (?:do|would|should|can) you|what (?:do|would|should) you do|where do you start|what happens)\b|\b(?:when|if|whenever) you (?:start|begin|join|get|receive|inherit|face|have|need|are given|take over)\b.*\b(?:how do you|what (?:do you do|happens|comes)|where do you start)|:\s*what (?:next|now|then|do you do)\??$/),
  },
  {
    type: 'approach',
    name: 'your process',
    weight: 3,
    matches: test(/\b(?:what (?:steps|process|approach|strategy|strategies|framework|methodology|methods|techniques|workflow|checklist) (?:do|would|did) you (?:take|follow|use|apply|go through|have)|what(?:'s| is) your (?:way|approach|process|strategy|workflow|philosophy|method|methodology|routine|framework) (?:of|to|for|when)|(?:habits|practices|routines|rituals|principles) (?:keep|make|help|that|do you)|walk (?:me|us) through (?:your|how you)|(?:which|what) (?:\w+ ){0,4}(?:best practices|practices|habits|routines|principles|rituals) do you (?:follow|use|apply|rely on|swear by)|what (?:would|do) you do (?:if|when|first)|how (?:would|do) you go about|describe (?:your|how you) (?:approach|process|workflow))\b/),
  },
  // Hints: each leans one way and decides nothing alone, but two of them, or one with a shape above, do.
  { type: 'story', name: 'asks what happened', weight: 2, matches: test(/\b(?:did you|have you had to|had you|you(?:'ve| have) (?:ever )?(?:built|done|led|made|shipped|had to|worked on|faced|seen|delivered)|you last|think back|recount|what happened|how did it go|what did you do)\b/) },
  { type: 'story', name: 'an instance', weight: 2, matches: test(/\b(?:instance|occasion|episode|incident) (?:where|when|in which|that|of)\b|\bspecific (?:instance|example|case|situation)\b/) },
  { type: 'story', name: 'the most … you have', weight: 2, matches: test(/\bthe (?:most|biggest|hardest|largest|toughest|best|worst) [\w -]+ you(?:'ve| have| ever)\b(?! (?:ever )?(?:read|seen|heard|watched|used|tried|come across|followed|attended|listened)\b)/) },
  // "What's the most interesting paper you've read?" asks for a view on something, not for a story.
  { type: 'opinion', name: 'the best … you have read or seen', weight: 3, matches: test(/\b(?:most|best|worst|favou?rite|least) [\w -]+ (?:(?:that )?you(?:'ve| have)?|you(?:'ve| have) ever) (?:ever )?(?:read|seen|heard|watched|used|tried|come across|followed|attended|listened to)\b/) },
  { type: 'opinion', name: 'what you follow', weight: 3, matches: test(/\b(?:which|what) (?:[\w-]+ ){0,4}(?:blogs?|podcasts?|newsletters?|researchers?|papers?|books?|conferences?|journals?|channels?|communities|sources|people|accounts) (?:do|did) you (?:follow|read|listen to|recommend|watch|rate)\b|^(?:do|would) you prefer\b/) },
  { type: 'self-presentation', name: 'describes you', weight: 2, matches: test(/\b(?:your (?:working style|work style|style|personality|profile|strengths?|weakness(?:es)?|skills?|experience|goals?|growth)|describe (?:your|yourself)|set(?:s)? you apart|professionally|in the long run|(?:most|least|more|less) experienced|experienced (?:in|with)|hoping to achieve|areas? for growth|as a (?:colleague|person|teammate|candidate|professional))\b/) },
  { type: 'motivation', name: 'what made you choose this', weight: 2, matches: test(/\b(?:what (?:made|makes|got|led|brought) you (?:apply|join|want|choose|move|switch|leave|decide|consider|interested)|made you want|why (?:are|were) you (?:moving|leaving|switching|changing|interested|applying)|(?:and |but )?why (?:ours|us)\b|most rewarding|what about (?:our|this|the) [\w ]+ (?:made|makes|drew|draws|attracted|attracts) you)\b/) },
  // "Why use ReLU rather than sigmoid?" compares techniques; "Why a startup rather than a big company?" is a choice of career.
  { type: 'motivation', name: 'this rather than that', weight: 2, matches: unlessTechnical(/^(?!how\b).*\brather than\b/) },
  { type: 'opinion', name: 'compared with', weight: 2, matches: unlessTechnical(/\bcompared (?:with|to)\b/) },
  { type: 'motivation', name: 'what excites you', weight: 2, matches: test(/\bwhat (?:excites|interests|fascinates|energi[sz]es) you\b/) },
  { type: 'opinion', name: 'asks for a judgement', weight: 2, matches: test(/\b(?:in your (?:view|opinion|eyes)|impressed you|(?:going to|will|could) (?:replace|change|kill|transform|take over)|worth (?:it|the|sacrificing|paying)|which is better|better for most|do you see|excites? you most|(?:over|under)(?:rated|hyped)|right now|these days|the state of)\b/) },
  { type: 'opinion', name: 'about the field', weight: 1, matches: test(/\b(?:in (?:ml|ai|the field|the industry|research|machine learning)|ml research|foundation models|large language models|llms?|generative)\b/) },
  { type: 'approach', name: 'how you deal with someone or something', weight: 2, matches: test(/^how (?:would|do|will) you (?:handle|deal with|respond to|react to|manage|work with|convince|persuade|approach|support) (?:(?:a|an|the|your|a difficult|an unhappy|a new) )?(?:stakeholder|manager|boss|colleague|teammate|client|customer|team|situation|person|someone|people|conflict|disagreement|request|deadline|change|junior|lead|peer)s?\b|^how (?:would|do|will) you (?:onboard|ramp up|get up to speed|get started)\b|\b(?:onboard|ramp up|organi[sz]e|motivate|pace) yourself\b/) },
  { type: 'self-presentation', name: 'what you want to improve or become', weight: 3, matches: test(/\b(?:(?<!\bwhy (?:do|did|would) you )(?:would like|want|need|hope) to (?:get better at|improve on|work on)|(?:kind|type|sort) of (?:engineer|professional|leader|person|colleague|scientist|manager) (?:do you want|would you like|are you hoping) to (?:be|become))\b/) },
  { type: 'motivation', name: 'what you want from the job', weight: 3, matches: test(/\b(?:(?:hope|want|expect) to (?:get|gain|learn) (?:out of|from) (?:this|the|our) (?:job|role|position|team|company)|why now\b|right time for (?:a|this) (?:move|change))/) },
  { type: 'opinion', name: 'a judgement call', weight: 2, matches: test(/(?:^should (?:every|all|most|we|teams?|companies|engineers|ml)\b|\bwould you bet on\b|\byour bet\b|\bwhat do you make of\b|\bhype\b|\bhow important is\b|\bif you could (?:fix|solve|change)\b|\bthe industry\b)/) },
  { type: 'approach', name: 'what you do at a step', weight: 3, matches: test(/\bwhat do you (?:check|look at|verify|test|monitor|measure|review|do) (?:before|after|when|first|once)\b/) },
  { type: 'compensation', name: 'an offer or a negotiation', weight: 3, matches: test(/\b(?:make you an offer|(?:accept|decline|counter) (?:an|the|our|this|a) offer|counter-?offer|what number|budget for (?:this|the) role|the range you (?:mentioned|gave|quoted)|negotiat\w*|(?:base|salary) (?:against|versus|vs\.?) (?:equity|bonus|stock))\b/) },
  { type: 'self-presentation', name: 'what you need to develop', weight: 3, matches: test(/\b(?:area|areas|skill|skills|thing|things) (?:that )?you (?:most )?(?:need|have) to (?:develop|improve|work on|grow)\b/) },
  { type: 'compensation', name: 'pay', weight: 3, matches: test(/\b(?:pay|paid|earn|earnings|wage|remunerat\w*|ctc|equity package)\b/) },
  { type: 'explanation', name: 'in simple words', weight: 3, matches: test(/\bin (?:layman'?s?|lay|plain|simple|everyday|non-?technical) (?:terms|language|english|words)\b/) },
  // Broader shapes, written against the development lists of test/question-types/fixtures (see the README).
  { type: 'story', name: 'a past situation you were in', weight: 3, matches: test(/\b(?:hear about (?:a|an|one|the) (?:time|situation|occasion|moment|project)|the last time you|(?:a|an|the) (?:situation|occasion|moment|time) (?:where|when|in which) you (?:had|were|have|did|made|found)|(?:incident|outage|project|launch|migration|crisis) (?:you were|you've been|you have been) (?:involved|part of|responsible)|(?:a|one) (?:project|team|initiative) you (?:led|ran|owned|drove)|a time you)\b/) },
  { type: 'self-presentation', name: 'what kind of professional you are', weight: 3, matches: test(/\b(?:what (?:kind|type|sort) of (?:[\w-]+ ){0,2}(?:engineer|scientist|professional|colleague|leader|person|researcher|teammate|developer) are you|(?:managers?|colleagues?|teammates?|team|peers?|boss|reports|friends|people) (?:would )?(?:say|said|tell|told|think) (?:about you|you (?:do|are|were))|(?:would|do|did) (?:your )?(?:previous |past |former |current )?(?:managers?|colleagues?|teammates?|team|peers?|boss) (?:describe|see|rate) you|skills? (?:that )?you(?:'re| are) (?:still )?(?:developing|working on|improving|learning)|pick you over|hire you (?:over|rather)|(?:what|which) experience do you have|over other candidates|the other candidates)\b/) },
  { type: 'motivation', name: 'how you came to the field', weight: 4, matches: test(/\b(?:how|why) did you (?:get|go|move|end up|come) (?:into|to|in)\b/) },
  { type: 'motivation', name: 'what draws you to it', weight: 4, matches: test(/\b(?:appeals? to you|makes? you want to (?:work|join|apply|build)|keeps? you (?:excited|motivated|interested|engaged|passionate)|(?:like|love|enjoy) about (?:working|being|this|our|the) |(?:why|what) (?:this|our) (?:team|company|role|product|mission)\b)/) },
  { type: 'opinion', name: 'what you rate or recommend', weight: 3, matches: test(/\b(?:(?:paper|book|course|talk|blog|podcast|researcher)s? (?:you|that you) (?:found|find|consider|would recommend|recommend|liked|love)|(?:which|what) (?:[\w-]+ ){0,4}would you recommend|(?:most )?influential (?:paper|book|idea|work)|excites? you the most|^is (?:[\w-]+ ){1,4}(?:just|really|still|only|simply) (?:a |an )?[\w-]+)/) },
  { type: 'compensation', name: 'an offer and what it takes', weight: 4, matches: test(/\b(?:(?:we|they|i) (?:made|make|offered|offer) you (?:an|the|a) (?:offer|job|role|position)|(?:figure|number|amount|range) (?:did|do) you have in mind|financially|equity (?:against|versus|vs\.?|or) (?:cash|salary|base)|(?:cash|salary|base) (?:against|versus|vs\.?|or) equity|(?:minimum|least|lowest) (?:(?:offer|salary|figure|number|amount|package|base|pay) )?(?:that )?you(?:'d| would| will)? (?:accept|take|consider)|how important is (?:equity|money|pay|the salary|salary|compensation|the package))\b/) },
  { type: 'explanation', name: 'for an audience without the background', weight: 3, matches: test(/\b(?:as if (?:i|we|they|you) (?:had|have|were) (?:no|not|never)|(?:with|has|had|have) no (?:maths?|math|technical|statistics|stats|ml|programming|coding|science) background|without (?:using )?(?:any )?(?:jargon|technical (?:terms|words|language)|maths?|equations|formulas)|so (?:that )?(?:a|an|any|your) (?:child|kid|five-?year-?old|non-?expert|beginner|layperson) (?:could|can|would|will) understand|(?:explain|describe|tell)\b.*\b(?:to|for) (?:a|an|your|the|my) (?:doctor|nurse|lawyer|teacher|parents?|mum|mom|dad|friend|neighbou?r|journalist|patient|manager|director|executive|exec|board|investor|accountant|designer|recruiter|family)\b|\b(?:tell|explain to|teach) (?:a|an|the|your) non-?technical)/) },
  // Written against the first held-out list (now development) and the corpus; measured on a second list.
  {
    type: 'approach',
    name: 'how you handle a common data problem',
    weight: 3,
    // "How do you handle missing data?" asks for the candidate's method; "…with MICE?", "…in pandas?",
    // "…when loading data?" ask how a named technique or tool does it, and stay technical.
    matches: (sentence) =>
      /^how (?:do|would|should|will) you (?:usually |typically |normally )?(?:handle|deal with|approach|tackle|address|treat|manage|work with|cope with) (?:the )?(?:(?:issue|problem) of )?(?:missing (?:data|values)|incomplete data|(?:highly )?imbalanced (?:data|datasets?|classes|classification)|(?:data|class) imbalance|outliers|noisy (?:labels|data)|label noise|messy data|dirty data|data quality|small (?:data|datasets?)|limited (?:data|labels)|scarce labels|(?:data|concept) drift|skewed data|biased data|data leakage|leakage)\b/.test(sentence) &&
      !/\b(?:with|using|via|through|in (?:python|pandas|numpy|sql|r|spark|sklearn|scikit-learn)|in (?:a|an|the) (?:[\w-]+ ){0,2}(?:loss(?: function)?|objective|model|network|tree|forest|regression|classifier|svm|layer|dataframe|table|query)|when loading)\b(?! (?:your|my|our)\b)/.test(sentence.replace(/^how (?:do|would|should|will) you (?:[\w-]+ )?(?:deal|work|cope) with/, '')),
  },
  { type: 'self-presentation', name: 'what you are known for', weight: 3, matches: test(/\b(?:(?:words?|adjectives?) (?:that |which |to )?(?:best )?describes? you|(?:are|were) (?:best |most )?known for|(?:people|colleagues|teammates|your team) come to you for)\b/) },
  { type: 'motivation', name: 'why this is the right move for you', weight: 3, matches: test(/\b(?:the right (?:next )?(?:step|move|fit|role|place|time) for you|(?:a|the) (?:good|great|logical|natural) (?:next )?(?:step|move|fit) for you)\b/) },
  { type: 'opinion', name: 'which you prefer and why', weight: 3, matches: test(/(?:\b(?:which|what) (?:[\w-]+ ){0,3}do you prefer\b|^(?:are|is) (?:[\w-]+ ){1,4}(?:over-?used|under-?used|overrated|underrated|over-?hyped|overkill|over-?engineered|a fad|here to stay)\b)/) },
  { type: 'opinion', name: 'and why', weight: 1, matches: test(/,? and why\??$/) },
  { type: 'compensation', name: 'base, equity or package', weight: 4, matches: test(/\b(?:(?:lower|higher|bigger|smaller|reduced) (?:base|salary|pay|package)|(?:more|less) equity|in exchange for (?:more |less )?(?:equity|pay|money|stock)|what (?:kind of |sort of )?(?:package|offer) would)\b/) },
  { type: 'compensation', name: 'where your number comes from', weight: 5, matches: test(/\b(?:arrive at|come up with|get to|settle on) (?:that|this|your|the) (?:number|figure|amount)\b/) },
  { type: 'explanation', name: 'tell someone affected why', weight: 3, matches: test(/\b(?:(?:tell|explain to|show) (?:a|an|the|your) (?:customer|client|user|patient|applicant|borrower|stakeholder|manager|executive|doctor|regulator|auditor|journalist)s? (?:why|how|what)|^(?:explain|describe) [^?]* to (?:a|an|the|your) (?:[\w-]+ ){0,2}(?:administrator|officer|official|regulator|auditor|lawyer|banker|marketer|owner|founder|director|committee|board|panel|reporter|politician|policymaker|clinician|physician|nurse|teacher|parent|colleague|stakeholder|customer|client|user|patient)s?\.?$)/) },
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

/** Ties go to the type whose cues are the more specific: a salary question that says "your" is compensation. */
const PRIORITY: readonly QuestionType[] = ['questions-for-us', 'compensation', 'logistics', 'story', 'explanation', 'self-presentation', 'motivation', 'approach', 'opinion'];

/** The type of a question from its wording alone. */
export function classifyQuestion(text: string): Classification {
  // Each sentence of a multi-part question is read on its own, so a "how do you" cue can anchor at the
  // start of any of them.
  const sentences = normalise(text)
    .split(/(?<=[.?!])\s+/)
    .filter((sentence) => sentence.length > 0);
  const scores = new Map<QuestionType, { total: number; strongest: Rule }>();
  for (const rule of RULES) {
    if (!(rule.whole === true ? rule.matches(sentences.join(' ')) : sentences.some(rule.matches))) continue;
    const score = scores.get(rule.type);
    if (!score) scores.set(rule.type, { total: rule.weight, strongest: rule });
    else scores.set(rule.type, { total: score.total + rule.weight, strongest: rule.weight > score.strongest.weight ? rule : score.strongest });
  }
  let best: { type: QuestionType; total: number; strongest: Rule } | undefined;
  for (const type of PRIORITY) {
    const score = scores.get(type);
    if (score && score.total >= 2 && (!best || score.total > best.total)) best = { type, ...score };
  }
  return best ? { type: best.type, rule: best.strongest.name } : { type: 'technical', rule: 'no behavioural shape' };
}
