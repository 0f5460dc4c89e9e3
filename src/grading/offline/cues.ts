/*
 * Cue phrases are data, compiled once into wink-nlp's custom-entity automaton (see nlp.ts). Patterns
 * match token normals (so "I'd" matches "I would", "I’ll" matches "I will"); a bracketed item is a set
 * of alternatives, a part-of-speech tag or an entity type. wink assigns one cue per span (first/longest
 * pattern wins), so a phrase that serves two purposes lives in one neutral cue ("temporal") and each
 * grader interprets it. wink expands bracketed alternatives into every combination and warns above 512
 * per pattern, so long alternations are split over several patterns.
 */

const SETTING_NOUNS = '[job|role|company|team|project|employer|internship|position|startup|workplace|sprint|quarter]';
const SETTING_ADJECTIVES = '[last|previous|current|former|first|old|prior]';
const SUBJECTS = '[i|we]';

export const CUE_PATTERNS = [
  {
    // Before "hypothetical" so that "I should have …" reads as reflection, not as a hypothetical.
    name: 'learning',
    patterns: [
      'i [learned|learnt|realized|realised|discovered|understood] [that|how|the|to|a|what|why]',
      'i [learned|learnt|realized|realised]',
      '[taught|showed|reminded] me',
      '[the|my|a|one] [lesson|takeaway|learning]',
      '[lesson|lessons] learned',
      'since then',
      'now i',
      'i now',
      'going forward',
      'i should have',
      'in hindsight',
      'looking back',
    ],
  },
  {
    name: 'hypothetical',
    patterns: [
      `${SUBJECTS} [would|could|might|will|should|may|shall]`,
      'if i [were|was|had|am|get|got]',
      'i am going to',
      'i [plan|intend|hope] to',
      '[hypothetically|ideally|theoretically|hopefully]',
    ],
  },
  {
    name: 'generic',
    patterns: [
      `${SUBJECTS} [always|usually|typically|generally|normally|often|tend|mostly|regularly]`,
      '[generally|usually|typically|normally|traditionally] [,]',
      '[generally|usually|typically|normally]',
      'in general',
      'as a rule',
      'in [most|many|any] [cases|situations|projects]',
    ],
  },
  {
    name: 'setting',
    patterns: [
      `[at|in|on|during] my ${SETTING_ADJECTIVES} ${SETTING_NOUNS}`,
      `[at|in|on|during] our ${SETTING_ADJECTIVES} ${SETTING_NOUNS}`,
      `[at|in] my ${SETTING_NOUNS} at`,
      'earlier in my career',
      'early in my career',
      '[last|this|that] [year|quarter|month|summer|spring|autumn|fall|winter]',
      '[a|two|three|few|several|some] [months|years|weeks] ago',
      'a few [months|years|weeks] ago',
      'back [in|then|when]',
    ],
  },
  { name: 'temporal', patterns: ['when', 'while', 'during', 'once', 'at the time', 'at that time'] },
  {
    name: 'context',
    patterns: ['[the|our] [context|situation|background|problem|issue] was', 'we [had|faced]', 'i [faced|inherited|joined|encountered]', 'i was working'],
  },
  {
    name: 'task',
    patterns: [
      '[my|our|the] [goal|task|job|responsibility|objective|mission|mandate|challenge|assignment|brief] [was|is]',
      'my [goal|task|responsibility|objective|mission|mandate|assignment|remit]',
      'my role was',
      'i [needed|had|wanted|aimed|set|got|decided] to',
      'i set out to',
      '[i|we] was [asked|tasked|expected|supposed|responsible|accountable|assigned|hired|brought|charged|chosen|given]',
      'we were [asked|tasked|expected|supposed|responsible|accountable|assigned|hired|brought|charged|chosen|given]',
      'we [needed|had|wanted|aimed|set|decided] to',
      'i was in charge',
      'i [owned|volunteered]',
      'it was [up|down] to me',
      'i took [ownership|responsibility|charge]',
      // Ownership told as a role: "I was on call", "I was the only one who knew that pipeline".
      'i was on call',
      'i was the only',
      'i was the [owner|lead|point]',
      'it was my [job|responsibility|project|model|call|decision]',
    ],
  },
  {
    name: 'result',
    patterns: [
      'as a [result|consequence]',
      '[resulted|resulting] in',
      '[the|our|my|final] [result|outcome|impact|effect] [was|is|:]',
      '[led|leading] to',
      '[this|which|that] meant',
      'in the end',
      '[ultimately|eventually|consequently|thereby]',
      'ended up',
      'paid off',
      '[on|ahead of] [time|schedule|budget]',
      'went live',
      '[within|under] budget',
    ],
  },
  {
    name: 'reasoning',
    patterns: ['because', 'so that', 'in order to', 'since', 'given that', 'to [VERB]', 'which [allowed|let|meant|helped]', 'the reason'],
  },
  {
    name: 'tradeoff',
    patterns: [
      'however',
      'trade-off',
      'trade-offs',
      '[tradeoff|tradeoffs]',
      'trade [off|offs]',
      'on the other hand',
      'but',
      '[whereas|although|though|conversely|instead]',
      '[downside|downsides|drawback|drawbacks|disadvantage|disadvantages|cons|cost|costs]',
      'at the [cost|expense] of',
      'in contrast',
      '[versus|vs]',
      'vs.',
    ],
  },
  {
    name: 'whenToUse',
    patterns: [
      '[use|choose|pick|prefer] it [if|when]',
      '[prefer|preferred|preferable]',
      '[better|best|ideal|suited|suitable|useful|appropriate|good] [for|when|if]',
      'it depends',
      'depends on',
      'in cases',
      'if you [need|want|have]',
      'you should use',
      'makes sense',
    ],
  },
  { name: 'example', patterns: ['for [example|instance]', 'e.g.', 'e.g', 'eg', 'such as', 'imagine', 'say you', 'suppose', 'consider', 'like [a|an]'] },
  {
    name: 'pitfall',
    patterns: [
      '[pitfall|pitfalls|mistake|mistakes|caveat|caveats|gotcha|gotchas]',
      '[avoid|careful|beware|danger|dangerous]',
      'watch out',
      'be aware',
      '[leak|leakage|leaks]',
      'common [error|errors|problem|problems|issue|issues]',
      '[do|does] not',
      'never',
    ],
  },
  {
    name: 'filler',
    patterns: ['[um|uh|erm|er|hmm|umm|uhm]', '[basically|literally|honestly]', 'you know', 'i mean', '[kind|sort] of [ADJ|VERB|ADV]'],
  },
  {
    // A number asked for or stated as a grade ("give 5/5", "score: 5"). Arithmetic and metrics say the same
    // words ("0.9 and 0.1 give 0.18", "an F1 score = 0.82"), so answer-text.ts reads the number before
    // taking the sentence for one addressed to the grader.
    name: 'markRequest',
    patterns: [
      '[give|award|assign|grant|rate|score|grade|mark] [me|this|it|us|the|my|candidate] [CARDINAL]',
      '[give|award|assign|grant|rate|score|grade|mark] [me|this|it|us] [a|an|the] [CARDINAL]',
      '[give|award|assign|grant|rate|score|grade|mark] [this|the|my] [answer|response|candidate|reply] [CARDINAL]',
      '[give|award|assign|grant|rate|score|grade|mark] [this|the|my] [answer|response|candidate|reply] [a|an] [CARDINAL]',
      '[give|award|assign|grant] [CARDINAL]',
      '[score|scores|rating|grade|overall|points] [:|=] [CARDINAL]',
    ],
  },
  {
    // Text addressed to the grader instead of the interviewer. A match never earns credit: the whole
    // sentence is dropped from analysis (see answer-text.ts).
    name: 'graderDirected',
    patterns: [
      '[ignore|disregard|forget|override|bypass] [previous|prior|above|earlier|preceding|all|any|your|the|these|system|my] [instructions|instruction|prompt|prompts|rules|guidelines|messages]',
      '[ignore|disregard|forget] [all|any|the|your] [previous|prior|above|earlier|system|grading] [instructions|instruction|prompt|prompts|rules|guidelines|messages]',
      '[ignore|disregard|forget] [everything|all] [above|before|else]',
      '[ignore|disregard|forget] the above',
      // Marks and points are a grader's words; "the highest score", "a perfect score on the training set" are an ML answer's.
      '[full|maximum|max|perfect|top|highest] [marks|mark|points]',
      'full [score|scores|rating|ratings|grade|grades]',
      'you are [a|an|the|now] [grader|evaluator|assistant|model|ai|judge|examiner]',
      'as an [ai|assistant|evaluator|grader]',
      '[system|developer|grader|grading|evaluator] [prompt|message|mode|instructions|note|override]',
      'note to the [grader|evaluator|reviewer|examiner|model|system|assistant]',
      'note to [grader|evaluator|reviewer|examiner|model|system|assistant]',
      'new instructions',
      '[score|rate|grade|mark] [every|each|all] [dimension|dimensions|criterion|criteria|category|categories|section|sections]',
    ],
  },
] as const satisfies readonly { name: string; patterns: readonly string[] }[];

export type CueName = (typeof CUE_PATTERNS)[number]['name'];

/**
 * Words that deny. wink also opens a negation after verbs such as "eliminate" ("can eliminate the overhead
 * of copying"), which affirm a claim of their own.
 */
export const NEGATORS: ReadonlySet<string> = new Set(['not', 'no', 'never', 'neither', 'nor', 'none', 'nothing', 'nobody', 'nowhere', 'cannot', 'without']);

export const FIRST_PERSON_SINGULAR: ReadonlySet<string> = new Set(['i', 'me', 'my', 'mine', 'myself']);
export const FIRST_PERSON_PLURAL: ReadonlySet<string> = new Set(['we', 'us', 'our', 'ours', 'ourselves']);

/** Lemmas of verbs that report a change in a measure: the grammar of a result sentence. */
export const IMPACT_LEMMAS: ReadonlySet<string> = new Set([
  'reduce', 'increase', 'improve', 'cut', 'boost', 'grow', 'decrease', 'save', 'lower', 'raise', 'double',
  'triple', 'halve', 'speed', 'accelerate', 'shrink', 'drop', 'rise', 'achieve', 'exceed', 'beat', 'eliminate',
  'prevent', 'recover', 'win', 'succeed', 'launch', 'ship', 'deliver', 'generate', 'lift', 'outperform',
  'fall', 'climb', 'jump', 'soar', 'plummet',
]);

/*
 * Verbs whose past tense is spelt like the base form: the lite model has no tense feature, so without
 * this list "I cut the latency" would read as a present-tense habit.
 */
export const SAME_FORM_PAST: ReadonlySet<string> = new Set([
  'cut', 'set', 'put', 'let', 'read', 'hit', 'shut', 'spread', 'split', 'quit', 'cost', 'upset', 'forecast', 'broadcast',
]);

/** Auxiliaries that keep a clause in the past ("I had already…", "I did not…"). */
export const PAST_AUXILIARIES: ReadonlySet<string> = new Set(['was', 'were', 'had', 'did']);

/*
 * Content lemmas that carry no topic: they appear in answers to any question, so counting them would
 * let an off-topic answer look relevant and inflate key-point overlap.
 */
export const LOW_INFORMATION_LEMMAS: ReadonlySet<string> = new Set([
  'use', 'make', 'get', 'thing', 'way', 'example', 'lot', 'good', 'able', 'need', 'want', 'know', 'think',
  'go', 'take', 'give', 'say', 'see', 'look', 'come', 'put', 'keep', 'let', 'mean', 'help', 'try', 'work',
  'time', 'case', 'kind', 'sort', 'type', 'part', 'point', 'bit', 'really', 'actually', 'basically', 'many',
  'much', 'more', 'most', 'other', 'different', 'same', 'new', 'well', 'also', 'important', 'key', 'main',
  'specific', 'certain', 'various', 'several', 'like', 'instance', 'people', 'someone', 'something', 'etc',
  'yes', 'okay', 'ok', 'sure', 'great', 'big', 'small', 'high', 'low', 'occur', 'include', 'result', 'provide',
  'allow', 'become', 'happen', 'involve', 'tend', 'consider', 'base', 'compare', 'ensure', 'require', 'vs', 'versus', 'via',
]);

/*
 * Words of the question's frame rather than its topic ("Tell me about a time you…"): an answer is not
 * more relevant for repeating them.
 */
export const QUESTION_FRAME_LEMMAS: ReadonlySet<string> = new Set([
  'tell', 'describe', 'explain', 'give', 'share', 'walk', 'talk', 'discuss', 'example', 'time', 'situation',
  'experience', 'question', 'answer', 'difference', 'define', 'definition', 'concept', 'work', 'happen', 'do',
  'would', 'could', 'recent', 'past', 'specific', 'instance', 'handle', 'approach', 'mean', 'role',
]);

/** Entity types that make a statement checkable: counts, shares, money, time spans and dates. */
// ORDINAL is left out: "First, I…" orders a story, it does not make it checkable.
export const QUANTITY_ENTITY_TYPES: ReadonlySet<string> = new Set(['CARDINAL', 'PERCENT', 'MONEY', 'DURATION', 'DATE', 'TIME']);

/** Topic words of a behavioural story's stakes: what made the situation matter. */
export const STAKES_LEMMAS: ReadonlySet<string> = new Set([
  'deadline', 'customer', 'client', 'user', 'revenue', 'production', 'launch', 'release', 'outage', 'risk',
  'critical', 'urgent', 'delay', 'late', 'block', 'budget', 'churn', 'complaint', 'incident', 'stakeholder',
  'pressure', 'cost', 'loss', 'failure', 'fail', 'escalate', 'conflict', 'disagree', 'miss', 'behind',
]);

/** Words that mark a constraint on a task: a deadline, a quality bar, something to protect. */
export const CONSTRAINT_LEMMAS: ReadonlySet<string> = new Set([
  'deadline', 'while', 'without', 'before', 'within', 'budget', 'constraint', 'limit', 'maintain', 'keep',
  'ensure', 'schedule', 'target', 'requirement', 'sla', 'quality', 'week', 'day', 'month', 'hour',
]);

/*
 * Related terms of core ML (and teamwork) concepts, so that a paraphrase meets the reference's wording:
 * "underfits", "high bias" and "too simple" all say the model underfits. Every member of a group gets
 * the group's matching key instead of its own stem, in answers and references alike. Members are
 * lemmas or normal forms; a member with spaces or hyphens is a phrase of consecutive tokens ("team
 * member", "go down", "trade-off"). Groups are narrow on purpose: a loose group lets an answer cover a
 * point by naming a neighbouring idea.
 */
export const RELATED_TERMS: readonly { readonly key: string; readonly members: readonly string[] }[] = [
  {
    key: 'underfit',
    members: ['underfit', 'underfits', 'underfitting', 'underfitted', 'high bias', 'too simple', 'overly simple', 'oversimplify', 'oversimplified', 'simplistic', 'under-fit', 'under-fitting'],
  },
  {
    key: 'overfit',
    members: [
      'overfit', 'overfits', 'overfitting', 'overfitted', 'high variance', 'too complex', 'overly complex', 'memorize', 'memorise', 'memorizes', 'memorization',
      'memorisation', 'over-fit', 'over-fitting', 'overtrain', 'overtrained', 'overtraining',
    ],
  },
  {
    key: 'regularize',
    members: [
      'regularization', 'regularisation', 'regularize', 'regularise', 'regularized', 'regularised', 'regularizer', 'regularizes', 'penalty', 'penalize',
      'penalise', 'l1', 'l2', 'lasso', 'ridge', 'weight decay', 'elasticnet', 'elastic net',
    ],
  },
  { key: 'crossval', members: ['cross-validation', 'cross validation', 'cross-validate', 'cross-validated', 'crossvalidation', 'k-fold', 'kfold', 'cv', 'leave-one-out', 'loocv'] },
  {
    key: 'generalize',
    members: ['generalize', 'generalise', 'generalizes', 'generalization', 'generalisation', 'unseen data', 'new data', 'unseen examples', 'unseen', 'out-of-sample', 'new examples', 'new inputs'],
  },
  { key: 'tradeoff', members: ['tradeoff', 'tradeoffs', 'trade-off', 'trade-offs', 'trade off', 'sweet spot'] },
  { key: 'reduce', members: ['reduce', 'decrease', 'minimize', 'minimise', 'go down', 'lessen'] },
  { key: 'increase', members: ['increase', 'go up', 'grow'] },
  { key: 'noise', members: ['noise', 'noisy', 'randomness'] },
  { key: 'earlystop', members: ['early stopping', 'stop early', 'stopping early', 'early-stopping', 'earlystopping'] },
  { key: 'augment', members: ['augmentation', 'augment', 'augmented', 'synthetic data'] },
  { key: 'hyperparameter', members: ['hyperparameter', 'hyperparameters', 'hyper-parameter', 'hyper-parameters', 'hyperparam', 'hyperparams'] },
  { key: 'imbalance', members: ['imbalanced', 'imbalance', 'unbalanced', 'skewed classes', 'class imbalance'] },
  { key: 'leakage', members: ['leakage', 'leak', 'leaks', 'leaky'] },
  { key: 'interpretable', members: ['interpretable', 'interpretability', 'explainable', 'explainability'] },
  { key: 'falsepositive', members: ['false positive', 'false positives', 'false alarm', 'false alarms', 'type i error'] },
  { key: 'falsenegative', members: ['false negative', 'false negatives', 'type ii error'] },
  /*
   * Round 20: spellings of one term the stemmer keeps apart ("mini-batch"/"minibatch", "matrix"/"matrices",
   * "non-linear"/"nonlinear") and names beside their acronyms ("RMSE", "root mean squared error"), written from the
   * corpus's model answers and ML usage without reading labelled answers. Measured and dropped
   * (data/grader/history/round-20-terms.md): names of one thing in other words ("predictor" for a feature, "ground
   * truth" for a label, "cost function" for the loss, "anomaly" for an outlier, 33 groups), which lifted the ML set's
   * paraphrases and its negations with them and lowered two held-out sets; the meta-model and stacking groups (a
   * stacking answer 4.8 → 2.7); NumPy, pandas and Matplotlib with "np", "pd", "plt", "df", which code answers write
   * as identifiers. Left out on purpose, after round 12: "gradient" ~ "slope" (a question word joined to an
   * explanation word discounts the explanation), "step size" (np.arange's), "sensitivity" ("sensitive to outliers"),
   * "parameters" (a function's), "data point" ("data" is everywhere), "error". A phrase takes its words' terms, so a
   * phrase whose words a paraphrase says apart ("learning rate", "gradient boosting", "group by") stays out.
   */
  { key: 'nonlinear', members: ['non-linear', 'nonlinear', 'non linear', 'non-linearity', 'nonlinearity', 'non-linearities', 'nonlinearities'] },
  { key: 'minibatch', members: ['mini-batch', 'minibatch', 'mini batch', 'mini-batches', 'minibatches', 'mini batches'] },
  { key: 'matrix', members: ['matrix', 'matrices'] },
  { key: 'transpose', members: ['transpose', 'transposes', 'transposed', 'transposing', 'transposition'] },
  { key: 'dimension', members: ['dimension', 'dimensions', 'dimensional', 'dimensionality', 'high-dimensional'] },
  { key: 'pretrained', members: ['pretrained', 'pre-trained', 'pre trained'] },
  {
    key: 'finetune',
    members: ['fine-tune', 'fine-tuned', 'fine-tunes', 'fine-tuning', 'fine tune', 'fine tuned', 'fine tuning', 'finetune', 'finetuned', 'finetuning'],
  },
  { key: 'elementwise', members: ['element-wise', 'elementwise', 'element wise'] },
  { key: 'realtime', members: ['real-time', 'realtime', 'real time'] },
  { key: 'dataset', members: ['dataset', 'datasets', 'data set', 'data sets'] },
  { key: 'sklearn', members: ['sklearn', 'scikit-learn', 'scikit learn', 'scikit'] },
  { key: 'dict', members: ['dict', 'dicts', 'dictionary', 'dictionaries'] },
  { key: 'gil', members: ['gil', 'global interpreter lock'] },
  { key: 'oop', members: ['oop', 'object-oriented', 'object oriented'] },
  { key: 'garbagecollect', members: ['garbage collection', 'garbage collector', 'gc'] },
  { key: 'venv', members: ['venv', 'virtualenv', 'virtual environment', 'virtual environments'] },
  { key: 'mutable', members: ['mutable', 'changeable', 'modifiable'] },
  { key: 'immutable', members: ['immutable', 'unchangeable', 'unmodifiable'] },
  { key: 'groupby', members: ['groupby', 'group-by'] },
  { key: 'scatter', members: ['scatter', 'scatterplot', 'scatterplots'] },
  { key: 'heatmap', members: ['heatmap', 'heatmaps', 'heat map', 'heat maps'] },
  { key: 'boxplot', members: ['boxplot', 'boxplots', 'box plot', 'box plots', 'box-and-whisker'] },
  { key: 'barchart', members: ['bar chart', 'bar charts', 'bar plot', 'bar plots', 'bar graph', 'bar graphs', 'barplot'] },
  { key: 'histogram', members: ['histogram', 'histograms', 'hist'] },
  { key: 'std', members: ['standard deviation', 'standard deviations', 'std', 'stdev', 'std dev'] },
  // Porter stems "standardize" to "standard", which joined it with "standard deviation" and "standard practice". The class
  // StandardScaler is left out: with it, "Standardize first, e.g. StandardScaler in a pipeline" lost a point of
  // correctness against the Ridge scaling reference (yes-no.test.ts).
  {
    key: 'standardize',
    members: [
      'standardize', 'standardise', 'standardized', 'standardised', 'standardizes', 'standardizing', 'standardization', 'standardisation', 'z-score', 'z-scores',
      'zscore', 'z score', 'z scores',
    ],
  },
  { key: 'minmax', members: ['min-max', 'minmax', 'min max', 'minmaxscaler'] },
  { key: 'collinear', members: ['multicollinearity', 'collinearity', 'collinear', 'multicollinear', 'multi-collinearity'] },
  { key: 'rsquared', members: ['r-squared', 'r squared', 'r2', 'coefficient of determination'] },
  { key: 'pvalue', members: ['p-value', 'p-values', 'p value', 'p values', 'pvalue', 'pvalues'] },
  { key: 'mse', members: ['mse', 'mean squared error', 'mean square error'] },
  { key: 'rmse', members: ['rmse', 'root mean squared error', 'root mean square error'] },
  { key: 'mae', members: ['mae', 'mean absolute error'] },
  { key: 'f1', members: ['f1', 'f1-score', 'f1 score', 'f1score', 'f-score', 'f score', 'f-measure', 'f measure'] },
  { key: 'auc', members: ['auc', 'auroc', 'roc-auc', 'roc auc', 'auc-roc', 'area under the curve', 'area under the roc curve', 'area under curve'] },
  { key: 'relu', members: ['relu', 'rectified linear unit', 'rectified linear units', 'rectifier'] },
  { key: 'tanh', members: ['tanh', 'hyperbolic tangent'] },
  { key: 'cnn', members: ['cnn', 'cnns', 'convnet', 'convnets', 'convolutional neural network', 'convolutional neural networks', 'convolutional network'] },
  { key: 'rnn', members: ['rnn', 'rnns', 'recurrent neural network', 'recurrent neural networks', 'recurrent network'] },
  { key: 'lstm', members: ['lstm', 'lstms', 'long short-term memory', 'long short term memory'] },
  { key: 'batchnorm', members: ['batch normalization', 'batch normalisation', 'batch norm', 'batchnorm', 'batch-norm', 'batchnormalization'] },
  { key: 'layernorm', members: ['layer normalization', 'layer normalisation', 'layer norm', 'layernorm'] },
  { key: 'oob', members: ['oob', 'out-of-bag', 'out of bag'] },
  // Its own key: Porter stems "bagging" to "bag", the bag of words'.
  { key: 'bagging', members: ['bagging', 'bootstrap aggregating', 'bootstrap aggregation'] },
  { key: 'adaboost', members: ['adaboost', 'adaptive boosting'] },
  { key: 'svm', members: ['svm', 'svms', 'support vector machine', 'support vector machines', 'svc'] },
  { key: 'pca', members: ['pca', 'principal component analysis', 'principal component', 'principal components'] },
  { key: 'tsne', members: ['t-sne', 'tsne'] },
  {
    key: 'knn',
    members: [
      'knn', 'k-nn', 'k-nearest neighbors', 'k-nearest neighbours', 'k nearest neighbors', 'k nearest neighbours', 'nearest neighbors', 'nearest neighbours',
      'nearest neighbor', 'nearest neighbour',
    ],
  },
  { key: 'tfidf', members: ['tf-idf', 'tfidf', 'tf idf'] },
  { key: 'nlp', members: ['nlp', 'natural language processing'] },
  { key: 'impute', members: ['impute', 'imputes', 'imputed', 'imputing', 'imputation', 'imputer', 'simpleimputer', 'fillna'] },
  { key: 'oversample', members: ['oversample', 'oversampled', 'oversampling', 'over-sampling', 'upsample', 'upsampled', 'upsampling', 'up-sampling'] },
  { key: 'undersample', members: ['undersample', 'undersampled', 'undersampling', 'under-sampling', 'downsample', 'downsampled', 'downsampling', 'down-sampling'] },
  { key: 'gridsearch', members: ['grid search', 'gridsearch', 'gridsearchcv', 'grid-search'] },
  { key: 'randomsearch', members: ['random search', 'randomized search', 'randomizedsearchcv'] },
  {
    key: 'onehot',
    members: ['one-hot', 'one hot', 'onehot', 'onehotencoder', 'dummy variable', 'dummy variables', 'get_dummies'],
  },
  { key: 'teammate', members: ['teammate', 'teammates', 'team member', 'team members', 'colleague', 'colleagues', 'coworker', 'coworkers', 'co-worker', 'co-workers'] },
  { key: 'manager', members: ['manager', 'boss', 'supervisor'] },
  { key: 'disagree', members: ['disagree', 'disagreement', 'conflict', 'dispute'] },
];

/**
 * Members of a related-terms group that name one specific thing among the several the group joins: "Lasso" and
 * "L1" are one penalty, "Ridge" and "L2" another. They keep the group's key, so "the L1 penalty" still meets
 * "Lasso regularization" and "penalises the weights"; their own identity (`TokenInfo.identity`) tells the two
 * apart where that matters: a question contrasting two of them ("How do you choose between Ridge and Lasso?"),
 * whose answer may give each what the model answer says of the other, and a key point naming one of them
 * ("Elastic Net combines both penalties"), which a sentence about another does not make.
 */
export const SPECIFIC_MEMBERS: readonly { readonly key: string; readonly members: readonly string[] }[] = [
  { key: 'l1', members: ['l1', 'lasso'] },
  { key: 'l2', members: ['l2', 'ridge'] },
  { key: 'elasticnet', members: ['elasticnet', 'elastic net'] },
];

/**
 * Names wink splits into parts none of which is a content word ("K-means" is "K", "-" and "means"), so the
 * question "When should you use DBSCAN versus K-means?" named one thing to compare. They are read as names
 * (`TokenInfo.identity`) for comparisons only: made a term, "K-means" moved grades of the labelled K-means and
 * DBSCAN answers the wrong way (data/grader/README.md, 2026.11.17).
 */
export const SPLIT_NAMES: readonly { readonly key: string; readonly members: readonly string[] }[] = [{ key: 'kmeans', members: ['k-means', 'kmeans'] }];

/*
 * Markdown references label their blocks ("**Formal Definition:**", "**Interview Follow-ups:**").
 * The label says what a block is for, which decides whether its lines can be key points.
 */
/** Blocks that are not points to cover: follow-up questions, mistakes and tips about answering, code. */
export const SKIPPED_SECTION = /follow-?ups?|mistake|pitfall|pro tip|expected level|pseudocode|implementation|\bcode\b/i;
/** The condensed ideal answer: each of its sentences is a strong key point. */
export const TEMPLATE_SECTION = /\b(?:answer template|template answer|sample answer|model answer|complete answer|ideal answer|short answer|tl;?dr|summary|bottom line)\b/i;
/** Definitions and the one-line takeaway: strong key points. */
export const CONDENSED_SECTION = /\b(?:definition|key insight|key idea|key takeaway|takeaway|intuition|in short)\b/i;
/** Worked examples: points, but weaker than what they illustrate. */
export const EXAMPLE_SECTION = /\bexamples?\b/i;

/**
 * Label words that name a kind of block rather than a subject: "Problem: …", "Example: …", "Key Insight:".
 * Such a label is dropped from a point's wording, where a subject label ("Bias:", "Early Stopping:")
 * is kept because it says what the line is about.
 */
export const GENERIC_LABEL_LEMMAS: ReadonlySet<string> = new Set([
  'answer', 'problem', 'solution', 'example', 'concrete', 'real-world', 'real', 'world', 'note', 'interpretation',
  'result', 'insight', 'key', 'definition', 'formal', 'idea', 'intuition', 'summary', 'tip', 'component',
  'advantage', 'disadvantage', 'pro', 'con', 'step', 'overview', 'detail', 'variant', 'method', 'strategy',
  'practice', 'best', 'common', 'typical', 'main', 'important', 'remember', 'interview', 'template', 'complete',
  'call', 'work', 'need', 'use', 'diagnose', 'prevention', 'detection', 'foundation', 'metric',
]);

/*
 * Opening sentences that announce the topic without saying anything about it ("The bias-variance
 * tradeoff is fundamental to understanding model performance."). Not points to cover.
 */
export const GENERIC_INTRO_PATTERNS: readonly RegExp[] = [
  /(?:\b(?:is|are)|['’]s)\s+(?:a\s+|an\s+|one\s+of\s+the\s+)?(?:most\s+)?(?:fundamental|essential|crucial|central|critical|important|key|core)\s+(?:concepts?\s+|ideas?\s+|topics?\s+)?(?:to|for|in)\s+(?:understanding|machine learning|ml|data science|any)\b/i,
  /\b(?:is|are)\s+(?:a|an|one\s+of\s+the(?:\s+most)?)\s+(?:fundamental|essential|crucial|central|critical|important|key|core)\s+(?:concepts?|ideas?|topics?|questions?)(?:\s+(?:in|of)\s+(?:machine learning|ml|data science|statistics))?\s*[.!]?$/i,
  /\bplays?\s+an?\s+(?:important|crucial|key|central|critical|vital)\s+role(?:\s+in(?:\s+\S+){1,3})?\s*[.!]?$/i,
  // "Lists and tuples might look similar, but they have one key difference." (and then says which)
  /\b(?:one|a|two|three|some|several)\s+(?:key|main|important|major|fundamental|crucial)\s+differences?\s*[.!]?$/i,
  /^(?:let'?s|let\s+me)\s+(?:explain|break|walk|look|dive)\b/i,
];

/*
 * Reference sentences that announce a list ("A typical ML project follows these stages."), say why the topic matters
 * ("Understanding broadcasting rules helps you write efficient code.", "These measures help you understand both your
 * data and model behavior."), judge the sentence before ("This is a major advantage of Ridge over ordinary linear
 * regression.") or offer an analogy ("It's similar to training a dog with treats and corrections.", "Think of a class
 * as a cookie cutter…"): never advice on what the answer missed, since an interviewer would not ask for them. They stay
 * key points for scoring, whose weights were fitted with them.
 */
export const NOT_ADVICE_PATTERNS: readonly RegExp[] = [
  /\b(?:these|the\s+following)\s+(?:\w+\s+)?(?:stages|steps|phases|parts|components|ways|points|reasons|things)\s*[.:]?$/i,
  /^understanding\s.+?\b(?:helps?|is\s+(?:essential|important|key|crucial|fundamental)|matters)\b/i,
  /^(?:this|these|that|it|they)\b[^,;]{0,40}\bhelps?\s+(?:you\s+)?understand\b/i,
  /^(?:this|that|it)\s+is\s+(?:a|an|the|one)\s+(?:(?:major|main|key|big|huge|significant|great|important|real|notable)\s+)?(?:advantage|benefit|strength|drawback|disadvantage|weakness|limitation)\b/i,
  // An analogy to an everyday act ("similar to training a dog"), not a comparison with another method ("similar to sigmoid").
  /^(?:imagine|picture|think\s+of|(?:it|this|that)(?:['’]s|\s+is|\s+works)\s+(?:just\s+)?(?:like|similar\s+to)\s+\w+ing\b|like\s+an?\s)/i,
];

/*
 * Words that show a kind of depth by themselves, for quoting a reference sentence as the model of it in
 * advice. The cue patterns above also count weaker signs, which help the depth score but make poor models:
 * a negation alone is not a warning ("A copy is independent, so changes don't affect the original"), nor is
 * "versus" or "instead" a trade-off ("a table showing predicted versus actual classes").
 */
export const ADVICE_DEPTH_EVIDENCE: Partial<Record<CueName, RegExp>> = {
  // "Consider your dataset size…" and a figure in words ("it ranges from zero to one") are no example to give.
  example: /\b(?:for\s+(?:example|instance)|e\.g\.?|such\s+as|imagine|suppose|say\s+you|consider\s+(?:a|an|the\s+case)|like\s+an?)\b|\d/i,
  tradeoff:
    /\b(?:trade-?offs?|trade\s+offs?|however|on\s+the\s+other\s+hand|but|whereas|although|though|conversely|downsides?|drawbacks?|disadvantages?|cons|costs?|in\s+contrast)\b/i,
  pitfall: /\b(?:pitfalls?|mistakes?|caveats?|gotchas?|avoid\w*|careful|beware|dangers?|dangerous|watch\s+out|be\s+aware|leak\w*|common\s+(?:errors?|problems?|issues?))\b/i,
};
