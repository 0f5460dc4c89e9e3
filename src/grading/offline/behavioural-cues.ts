/*
 * Cue phrases of the non-story behavioural graders, as data. They are matched by their own small
 * matcher (`phrase-matcher.ts`) over the token normals and lemmas wink already produced, rather than
 * compiled into wink's custom-entity automaton with the cues of cues.ts: there one span gets one cue,
 * and these lists overlap those (and each other) on purpose.
 *
 * Syntax: words separated by spaces, `a|b` for alternatives; a word matches a token's normal form
 * ("I'm" → "i am", "I'd" → "i would") or its lemma.
 */
export const BEHAVIOURAL_CUE_PHRASES = {
  // Introductions: where the candidate is now, where they come from, where they are heading.
  present: [
    'currently', 'right now', 'at the moment', 'these days', 'today i', 'my current', 'i am a|an', 'i work as|at|on|in',
    'i am working', 'i lead', 'i have been working', 'i have been a|an', 'in my current',
  ],
  past: [
    'before that', 'previously', 'prior to', 'earlier in my career', 'early in my career', 'i graduate', 'i graduated',
    'i studied', 'i completed', 'i earned', 'i started', 'i spent', 'i began', 'my degree', 'a degree',
    'bachelor|bachelors|master|masters|phd|bsc|msc', 'my background', 'i have a background', 'years of experience',
    'over the past|last', 'i have worked', 'i worked', 'my studies', 'my undergraduate|undergrad', 'during my',
  ],
  future: [
    'i want to', 'i would like to', 'i would love to', 'i hope to', 'i am looking for|to', 'looking to', 'excited about this|the',
    'this role', 'this position', 'this opportunity', 'next step', 'in the future', 'my goal', 'my goals', 'long-term', 'long term',
    'i aim', 'i plan to', 'i see myself', 'aspire to', 'drawn to', 'in five|5|ten|two|three years', 'eventually', 'grow into',
    'immediate goal', 'short-term', 'short term', 'career goals', 'my career', 'next role', 'join your|this', 'want to grow',
    'want to learn', 'want to do', 'want to work', 'want to build', 'i am looking for', 'what i look for', 'looking for in',
    'step forward', 'where i want', 'what i want', 'the scope', 'learn from', 'specialize|specialise|specializing|specialising', 'focus on',
  ],
  // Weaknesses: naming one, working on it, and showing that it helps.
  weakness: [
    'weakness', 'weaknesses', 'area i am working on', 'area to improve', 'area for improvement', 'i struggle', 'i struggled',
    'i tend to', 'i used to', 'not as strong', 'too much time', 'i am not naturally', 'my challenge', 'i have found it hard',
    'i find it hard', 'i can be', 'i sometimes', 'one area', 'working to improve',
  ],
  improving: [
    'i am working on', 'working to improve', 'to improve this', 'to address this', 'i have started', 'i started', 'i now',
    'now i', 'i have learned to', 'i learned to', 'i am taking', 'i am practicing|practising', 'taking steps', 'seek feedback',
    'seeking feedback', 'i ask for feedback', 'i set', 'i establish', 'i have been', 'i signed up', 'i joined', 'i practice|practise',
    'i am learning', 'i take', 'by practicing|practising',
  ],
  progress: [
    'this helps me', 'this has helped', 'as a result', 'since then', 'which has', 'i have seen', 'now i can', 'i can now',
    'has improved', 'improved', 'fewer', 'faster', 'more confident', 'more comfortable', 'feedback has', 'people have noticed',
  ],
  cliche: [
    'perfectionist', 'work too hard', 'too hard', 'care too much', 'no weaknesses', 'no real weakness', 'team player',
    'hard-working', 'hardworking', 'hard worker', 'go-getter', 'think outside the box', 'results-driven', 'self-starter',
    'fast learner', 'quick learner', 'people person',
  ],
  // Motivation: what reads as praise that fits any company or field.
  genericPraise: [
    'innovative', 'cutting-edge', 'cutting edge', 'leader in', 'industry leader', 'great culture', 'great company', 'great team',
    'great place', 'good reputation', 'reputation', 'dynamic', 'world-class', 'best in class', 'fast-paced', 'mission and goals',
    'mission and values', 'values continuous learning', 'real-world problems', 'meaningful projects', 'meaningful problems',
    'exciting', 'amazing', 'passion for ai', 'passionate about ai', 'growth opportunities', 'always been fascinated',
    'power of data', 'i admire',
  ],
  contribution: [
    'contribute', 'contributing', 'bring', 'help you', 'help your', 'help the team', 'my experience in|with', 'i would love to',
    'i would like to', 'add value', 'tackle', 'i can help', 'i could help', 'i can bring', 'aligns with', 'align with',
    'aligns perfectly', 'my skills', 'make an impact', 'make a difference', 'i could build', 'i can build', 'help build',
  ],
  company: ['your', 'this company', 'this team', 'this role', 'this position', 'this job', 'this opportunity', 'you are building'],
  // Opinions: the claim, the reasons beyond wink's reasoning cues, the limits.
  claim: [
    'i think', 'i believe', 'in my view', 'in my opinion', 'in my experience', 'my favourite|favorite', 'my view', 'my take',
    'my bet', 'my pick', 'i see', 'i would say', 'i am excited about|by', 'i am most excited', 'the biggest', 'the most important',
    'i follow', 'i am convinced', 'is likely to', 'will be', 'will become', 'will continue', 'will focus', 'i prefer',
    'i would argue', 'i expect', 'i would pick|choose', 'i would improve', 'i would add', 'i would build', 'i would experiment',
    'i would implement', 'the future of', 'are likely to', 'i am watching', 'i keep an eye on',
  ],
  because: [
    'due to', 'thanks to', 'which means', 'which makes', 'which enables', 'which allows', 'which helps', 'which lets', 'that is why',
    'this means', 'this matters', 'matters because', 'it matters', 'enables', 'enabling', 'makes it', 'allows', 'allowing',
    'lets', 'so that', 'so the|it|i|we|they|my|our|that|everyone|stakeholders', 'because of', 'as a result', 'that means',
    'this is why', 'the reason',
  ],
  limits: [
    'limitation', 'limitations', 'limit', 'risk', 'risks', 'challenge', 'challenges', 'concern', 'concerns', 'hallucination',
    'hallucinations', 'hallucinate', 'biased', 'not always', 'struggle with', 'struggles with', 'downside', 'drawback',
    'cost', 'costly', 'expensive', 'privacy', 'overhyped', 'hype', 'caveat', 'however', 'but', 'although', 'though', 'whereas',
    'on the other hand', 'does not', 'can not', 'cannot', 'is not', 'are not', 'fail', 'fails', 'failure', 'weakness',
    'trade-off', 'tradeoff', 'misuse', 'unreliable', 'opaque', 'black box', 'prone to', 'sensitive to',
  ],
  // Sweeping claims: a view or a method stated as if it had no exceptions shows no judgement.
  absolute: [
    'always', 'never', 'everything', 'nothing', 'nobody', 'everyone', 'completely', 'entirely', 'definitely', 'certainly',
    'obviously', 'no doubt', 'without exception', 'the only way|thing|option|answer', 'guaranteed', 'any dataset|problem|case|data',
    'all of', 'basically', 'every company|field|team|problem|case|time', 'go straight', 'no matter',
  ],
  // Qualified claims: the view holds under conditions.
  hedge: ['usually', 'typically', 'often', 'mostly', 'in most cases', 'generally', 'tends to', 'tend to', 'rarely', 'sometimes', 'unless'],
  // Process answers: order, and checking that it worked.
  sequence: [
    'first', 'firstly', 'second', 'secondly', 'third', 'thirdly', 'fourth', 'fifth', 'then', 'next', 'after that', 'afterwards',
    'finally', 'lastly', 'start by', 'start with', 'begin by', 'begin with', 'i start', 'i begin', 'once', 'before', 'step',
    'steps', 'followed by', 'from there',
  ],
  verify: [
    'validate', 'validation', 'verify', 'check', 'checks', 'test', 'tests', 'testing', 'monitor', 'monitoring', 'measure', 'track',
    'review', 'evaluate', 'evaluation', 'compare', 'a/b', 'metric', 'metrics', 'confirm', 'cross-validation', 'audit', 'alert',
    'alerts', 'benchmark',
  ],
  condition: [
    'it depends', 'depends on', 'depending on', 'if', 'when the', 'when it', 'unless',
    'in cases', 'for small', 'for large', 'for tabular', 'for image', 'for text', 'for sequence', 'for structured', 'otherwise',
    'instead', 'rather than', 'trade-off', 'trade-offs', 'tradeoff', 'tradeoffs', 'balance', 'balanced', 'at the cost',
    'even though', 'whereas', 'but', 'however',
  ],
  // Compensation.
  research: [
    'research', 'researched', 'market', 'levels.fyi', 'levels fyi', 'glassdoor', 'payscale', 'linkedin', 'benchmark',
    'benchmarks', 'industry standard', 'industry average', 'industry rate', 'similar roles', 'comparable', 'for this role',
    'for the role', 'for this level', 'in this area', 'in this region', 'in this city', 'in this location', 'for this location',
    'my experience level', 'years of experience', 'based on', 'data', 'surveys', 'peers', 'going rate',
  ],
  range: [
    'range', 'between', 'band', 'targeting', 'in the region of', 'ballpark', 'somewhere around', 'around', 'x to y',
  ],
  demand: [
    'at least', 'minimum', 'no less than', 'must be', 'i deserve', 'not go below', 'i will not go below',
  ],
  // A demand with a threat or a closed door: read as such even when it names a range ("150 to 160k or I walk").
  ultimatum: [
    'i will not accept', 'i would not accept', 'i can not accept', 'i do not accept', 'i will not consider', 'i would not consider',
    'non-negotiable', 'non negotiable',
    'not negotiable', 'or i walk|leave|go|quit', 'or i will walk|leave|go|quit', 'or i am out|gone|leaving|walking', 'walk away',
    'final offer', 'take it or leave it', 'i expect nothing less', 'nothing less', 'not a penny|cent less', 'bottom line',
    'deal-breaker', 'dealbreaker', 'deal breaker', 'end of discussion', 'end of story',
  ],
  flexible: [
    'flexible', 'flexibility', 'open to', 'open', 'negotiable', 'discuss', 'total compensation', 'compensation package',
    'the package', 'complete package', 'whole package', 'full package', 'overall package', 'equity', 'bonus', 'bonuses',
    'benefits', 'stock', 'options', 'growth opportunities', 'learning budget', 'work-life', 'remote', 'the whole offer',
    'total package',
  ],
  collaborative: [
    'learn more about the role', 'learn more about the responsibilities', 'learn more about the position', 'understand the role',
    'understand the responsibilities', 'mutual fit', 'mutually', 'fair', 'reach an agreement', 'reach a fair', 'confident we',
    'happy to discuss', 'i am sure we can', 'work something out', 'find something that works', 'the role itself', 'excited about the role',
    'good fit',
  ],
  unsure: [
    'whatever you offer', 'whatever you think', 'whatever you want', 'i do not know', 'anything is fine', 'i do not care',
    'sorry', 'i guess', 'as much as possible', 'the more the better', 'i have no idea', 'not sure', 'any amount',
  ],
  anchorCurrent: ['my current salary', 'i currently earn', 'i currently make', 'i am currently paid', 'i make', 'i earn'],
  // Explanations.
  definition: [
    'which means', 'that is', 'in other words', 'i.e.', 'meaning', 'means', 'is when', 'refers to', 'we call', 'is called',
    'stands for', 'simply put', 'in short', 'put simply', 'basically', 'the idea is',
  ],
} as const satisfies Record<string, readonly string[]>;

export type BehaviouralCue = keyof typeof BEHAVIOURAL_CUE_PHRASES;

/*
 * Question themes and the words an on-topic answer uses for them without repeating the question:
 * "work under pressure" is answered with deadlines and launches, "a difficult team member" with a
 * colleague who delivered late. Relevance counts a question word as used when the answer uses it or one
 * of these. Keys and members are single words, matched by their grading term (stem or related-terms key).
 */
/*
 * What a question's focus word is not: a success story for "a project that failed", working alone for "a collaborative
 * team culture", strengths for "your weaknesses". An answer that says one of these and none of the focus words (nor
 * their themes) answers the opposite question. Single words, matched by their grading term.
 */
export const QUESTION_OPPOSITES: Readonly<Record<string, readonly string[]>> = {
  fail: ['success', 'successful', 'proud', 'proudest', 'favourite', 'favorite'],
  failure: ['success', 'successful', 'proud', 'proudest', 'favourite', 'favorite'],
  mistake: ['success', 'successful', 'proud', 'proudest'],
  collaborate: ['independently', 'independent', 'alone', 'solo'],
  collaborative: ['independently', 'independent', 'alone', 'solo'],
  weakness: ['strength', 'strengths'],
  strength: ['weakness', 'weaknesses'],
};

export const QUESTION_THEMES: Readonly<Record<string, readonly string[]>> = {
  pressure: ['deadline', 'deadlines', 'urgent', 'urgency', 'stress', 'stressful', 'crunch', 'launch', 'release', 'tight', 'rush', 'outage', 'incident', 'escalation'],
  deadline: ['pressure', 'urgent', 'late', 'schedule', 'time', 'weeks', 'days', 'deliver', 'delivered', 'timeline', 'launch', 'release'],
  tight: ['deadline', 'pressure', 'urgent', 'short', 'limited'],
  difficult: ['challenging', 'toughest', 'hard', 'complex', 'tension', 'late', 'frustrated', 'frustrating', 'struggled', 'clash', 'conflict', 'disagree', 'overwhelmed', 'unresponsive', 'resistant'],
  conflict: ['disagree', 'disagreed', 'disagreement', 'argue', 'argued', 'argument', 'tension', 'dispute', 'clash', 'pushback', 'compromise', 'resolve', 'resolved'],
  resolve: ['resolved', 'agree', 'agreed', 'compromise', 'settle', 'settled', 'align', 'aligned'],
  colleague: ['manager', 'engineer', 'teammate', 'peer', 'stakeholder', 'designer', 'analyst', 'scientist'],
  fail: [
    'failed', 'failure', 'mistake', 'wrong', 'broke', 'broken', 'missed', 'setback', 'poor', 'degraded', 'stale', 'outage', 'lesson', 'learned',
    'bug', 'crash', 'crashed', 'weird', 'ignored', 'abandoned', 'cancelled', 'canceled', 'scrapped', 'shelved', 'flopped', 'wasted',
    'complaint', 'complaints', 'incorrect', 'underperformed', 'reverted', 'rollback', 'regret', 'disappointing', 'embarrassing', 'crushing',
  ],
  failure: [
    'failed', 'fail', 'mistake', 'wrong', 'broke', 'setback', 'missed', 'lesson', 'bug', 'crash', 'crashed', 'weird', 'ignored',
    'abandoned', 'cancelled', 'canceled', 'scrapped', 'shelved', 'flopped', 'wasted', 'incorrect', 'underperformed', 'reverted', 'regret',
  ],
  mistake: ['wrong', 'error', 'bug', 'broke', 'broken', 'failed', 'rolled', 'rollback', 'postmortem', 'forgot', 'overlooked', 'missed', 'fault', 'regret', 'lesson'],
  learn: ['learned', 'lesson', 'taught', 'realized', 'realised', 'insight', 'takeaway', 'read', 'studied', 'course', 'tutorial', 'paper', 'picked', 'unfamiliar', 'never'],
  lesson: ['learned', 'taught', 'realized', 'realised', 'takeaway', 'insight'],
  lead: ['led', 'leading', 'leader', 'manage', 'managed', 'coordinated', 'drove', 'ran', 'owned', 'directed', 'organized', 'organised'],
  mentor: ['mentored', 'mentoring', 'taught', 'teach', 'coached', 'coach', 'onboarding', 'guided', 'paired', 'junior', 'graduate', 'intern'],
  junior: ['graduate', 'intern', 'new', 'newcomer', 'mentee'],
  adapt: ['adapted', 'pivot', 'pivoted', 'switch', 'switched', 'migrate', 'migrated', 'standardized', 'standardised', 'shift', 'transition', 'change', 'changed', 'learned', 'acquired', 'acquisition', 'merger', 'restructured', 'forced'],
  change: ['changed', 'pivot', 'pivoted', 'switch', 'switched', 'migrate', 'migrated', 'shift', 'shifted', 'new', 'standardized', 'standardised', 'reorganization', 'acquired', 'acquisition', 'merger', 'restructured', 'forced'],
  collaborate: ['worked', 'partnered', 'partner', 'stakeholder', 'stakeholders', 'business', 'product', 'marketing', 'sales', 'analysts', 'executives', 'together'],
  outside: ['business', 'product', 'marketing', 'sales', 'legal', 'finance', 'operations', 'executives', 'customer', 'stakeholders'],
  production: ['deployed', 'live', 'prod', 'serving', 'users', 'customers', 'monitoring'],
  model: ['classifier', 'predictor', 'network', 'regression', 'recommender', 'ranking'],
  project: ['system', 'model', 'pipeline', 'product', 'feature', 'initiative'],
  challenge: ['problem', 'difficult', 'hard', 'obstacle', 'issue', 'struggled', 'blocker'],
  overcome: ['solved', 'fixed', 'resolved', 'addressed', 'tackled', 'overcame'],
  impact: ['increased', 'reduced', 'improved', 'saved', 'revenue', 'percent', 'users', 'cost', 'faster', 'result'],
  achievement: ['proud', 'achieved', 'delivered', 'shipped', 'built', 'launched', 'led', 'saved', 'increased', 'reduced', 'improved'],
  contribution: ['responsible', 'owned', 'built', 'designed', 'implemented', 'my', 'role'],
  assumption: ['question', 'questioned', 'asked', 'probe', 'probed', 'clarify', 'clarified', 'requirement', 'request', 'why'],
  question: ['asked', 'probe', 'probed', 'clarify', 'clarified', 'challenged'],
  request: ['requirement', 'requirements', 'ask', 'asked', 'requested'],
  prioritize: ['priority', 'priorities', 'urgent', 'important', 'impact', 'first', 'order', 'eisenhower', 'triage'],
  priority: ['prioritize', 'prioritise', 'urgent', 'important', 'impact', 'first'],
  deadlines: ['pressure', 'urgent', 'late', 'schedule', 'timeline'],
  feedback: ['criticism', 'review', 'reviews', 'comments', 'suggestions', 'input'],
  motivated: ['motivation', 'milestones', 'goals', 'progress', 'energy', 'focus', 'productive'],
  trend: ['llm', 'llms', 'transformer', 'transformers', 'generative', 'mlops', 'federated', 'diffusion', 'agents', 'multimodal', 'rag'],
  trends: ['llm', 'llms', 'transformer', 'transformers', 'generative', 'mlops', 'federated', 'diffusion', 'agents', 'multimodal', 'rag'],
  future: ['will', 'next', 'coming', 'emerging', 'automl', 'trend', 'heading'],
  generative: ['llm', 'llms', 'gpt', 'diffusion', 'chatgpt', 'genai'],
  favorite: ['favourite', 'prefer', 'love', 'like'],
  favourite: ['favorite', 'prefer', 'love', 'like'],
  salary: ['compensation', 'pay', 'paid', 'money', 'range', 'package', 'base', 'equity', 'bonus'],
  expectation: ['expect', 'range', 'targeting', 'looking'],
  inspire: ['passion', 'passionate', 'fascinated', 'interested', 'drew', 'excited'],
  interested: ['excited', 'excites', 'drawn', 'appeals', 'love', 'keen', 'attracted', 'role', 'position', 'opportunity'],
  career: ['role', 'job', 'path', 'goal', 'field'],
  strength: ['good', 'strong', 'skill', 'skills', 'best', 'excel'],
  weakness: ['improve', 'struggle', 'working', 'area', 'challenge'],
  goal: ['aim', 'plan', 'want', 'hope', 'become', 'lead', 'grow'],
  proficient: ['experienced', 'skilled', 'fluent', 'python', 'tools', 'frameworks', 'use', 'used'],
  tool: ['python', 'pytorch', 'tensorflow', 'sklearn', 'docker', 'git', 'sql', 'framework', 'library'],
  update: ['read', 'follow', 'papers', 'courses', 'blogs', 'newsletters', 'conferences', 'podcasts', 'arxiv', 'current'],
  quality: ['clean', 'cleaning', 'missing', 'outliers', 'validation', 'checks', 'errors', 'duplicates', 'consistent'],
  imbalance: ['minority', 'majority', 'resampling', 'oversampling', 'undersampling', 'smote', 'weights', 'rare'],
  debug: ['investigate', 'diagnose', 'root', 'cause', 'check', 'inspect', 'bug', 'fix'],
  interpretable: ['shap', 'lime', 'importance', 'explain', 'transparent', 'understand'],
  missing: ['imputation', 'impute', 'null', 'nan', 'drop', 'gaps', 'incomplete'],
  success: ['metric', 'metrics', 'kpi', 'measure', 'accuracy', 'precision', 'recall', 'business', 'goal'],
  ethics: ['ethical', 'privacy', 'honest', 'integrity', 'fairness', 'consent', 'transparent'],
  culture: ['team', 'share', 'sharing', 'help', 'reviews', 'documentation', 'support', 'inclusive'],
  resources: ['gpu', 'memory', 'compute', 'budget', 'cloud', 'cost', 'batch', 'quantization'],
  introduce: ['name', 'background', 'degree', 'currently', 'role', 'experience', 'graduate', 'engineer', 'scientist', 'work'],
  machine: ['model', 'system', 'algorithm', 'data', 'predict', 'pattern', 'patterns', 'train', 'recommend', 'suggest', 'network', 'ai'],
  complex: ['complicated', 'hard', 'advanced', 'difficult'],
  simple: ['like', 'imagine', 'everyday', 'simply', 'plain', 'think'],
  concept: ['model', 'system', 'algorithm', 'data', 'learn', 'learns', 'predict', 'pattern', 'patterns', 'train', 'suggest', 'recommend', 'network'],
  bias: ['fairness', 'fair', 'disparate', 'demographic', 'gender', 'discrimination', 'equitable'],
  // "Your experience with deep learning" is answered with the networks, frameworks and tasks, not the field's name.
  deep: ['neural', 'network', 'networks', 'cnn', 'cnns', 'rnn', 'lstm', 'transformer', 'transformers', 'bert', 'resnet', 'efficientnet', 'pytorch', 'tensorflow', 'keras', 'jax', 'gpu', 'gpus', 'backpropagation', 'embeddings', 'vision', 'nlp', 'llm', 'llms'],
  vision: ['image', 'images', 'photo', 'photos', 'video', 'cnn', 'cnns', 'resnet', 'efficientnet', 'detection', 'segmentation', 'yolo', 'opencv', 'pixels'],
  nlp: ['text', 'language', 'tokens', 'tokenizer', 'transformer', 'transformers', 'bert', 'gpt', 'llm', 'llms', 'embeddings', 'sentiment', 'translation', 'spacy'],
};
