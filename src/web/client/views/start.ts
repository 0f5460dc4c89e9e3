import { InterviewModeSchema, MAX_JOB_DESCRIPTION_CHARS, type InterviewMode, type Pacing } from '../../../contracts/protocol.js';
import { api, errorMessage, type SessionListItem, type Topic } from '../api.js';
import type { AppContext, Cleanup, Route } from '../context.js';
import { formatDateTime, h, uniqueId } from '../dom.js';
import type { StartInput } from '../connection.js';

const MODES: Array<{ value: InterviewMode; title: string; text: string }> = [
  { value: 'behavioural', title: 'Behavioural', text: 'Stories about your work, graded with STAR.' },
  { value: 'technical', title: 'Technical', text: 'ML concepts and trade-offs, graded on correctness and depth.' },
  { value: 'mixed', title: 'Mixed', text: 'Both kinds, like a real loop.' },
  {
    value: 'drill',
    title: 'Drill',
    text: 'From your history: questions you answered badly or skipped come back soon, good answers later, new ones on what you miss.',
  },
];

const PACINGS: Array<{ value: Pacing; title: string; text: string }> = [
  { value: 'practice', title: 'Practice', text: 'Feedback after each answer; the next question comes when you are ready.' },
  { value: 'realistic', title: 'Realistic', text: 'Like a real interview: questions back to back, all feedback at the end.' },
];

const TIMES = [
  { seconds: 30, label: '30 seconds (lightning round)' },
  { seconds: 60, label: '1 minute' },
  { seconds: 120, label: '2 minutes' },
  { seconds: 180, label: '3 minutes' },
  { seconds: 300, label: '5 minutes' },
  { seconds: 600, label: '10 minutes' },
];

const START_TIMEOUT_MS = 20_000;

/** Mode that fits a set of topics: one kind → that kind, both → mixed. */
function modeFor(topics: readonly string[], all: readonly Topic[]): InterviewMode {
  const kinds = new Set(all.filter((topic) => topics.includes(topic.topic)).map((topic) => topic.kind));
  if (kinds.size === 1) return kinds.has('technical') ? 'technical' : 'behavioural';
  return 'mixed';
}

/** The start page: mode, topics, number of questions, time per question, follow-ups. */
export function startView(ctx: AppContext, root: HTMLElement, route: Route): Cleanup {
  let disposed = false;
  const presetTopics = route.query.getAll('topic');
  // A retake (from a feedback card or a history entry): exactly these questions, started at once.
  const retake = route.query.getAll('retake');
  const retakeMode = InterviewModeSchema.safeParse(route.query.get('mode'));
  const autoStart = (route.query.get('go') === '1' && presetTopics.length > 0) || retake.length > 0;

  const heading = h('h1', { attrs: { tabindex: '-1' } }, 'Practise an interview');
  const formError = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  const startButton = h('button', { class: 'btn btn-primary btn-large', attrs: { type: 'submit' } }, 'Start interview');

  const modeName = uniqueId('mode');
  const modeInputs = MODES.map((mode, index) => {
    const input = h('input', { attrs: { type: 'radio', name: modeName, value: mode.value, id: `${modeName}-${mode.value}`, checked: index === 0 } });
    return { mode, input };
  });
  const modeField = h(
    'fieldset',
    { class: 'field' },
    h('legend', null, 'Kind of interview'),
    h(
      'div',
      { class: 'mode-options' },
      modeInputs.map(({ mode, input }) =>
        h(
          'label',
          { class: 'mode-option', attrs: { for: input.id } },
          input,
          h('span', { class: 'mode-title' }, mode.title),
          h('span', { class: 'mode-text' }, mode.text),
        ),
      ),
    ),
  );

  const pacingName = uniqueId('pacing');
  const pacingInputs = PACINGS.map((pacing, index) => {
    const input = h('input', { attrs: { type: 'radio', name: pacingName, value: pacing.value, id: `${pacingName}-${pacing.value}`, checked: index === 0 } });
    return { pacing, input };
  });
  const pacingField = h(
    'fieldset',
    { class: 'field' },
    h('legend', null, 'Pacing'),
    h(
      'div',
      { class: 'mode-options pacing-options' },
      pacingInputs.map(({ pacing, input }) =>
        h(
          'label',
          { class: 'mode-option', attrs: { for: input.id } },
          input,
          h('span', { class: 'mode-title' }, pacing.title),
          h('span', { class: 'mode-text' }, pacing.text),
        ),
      ),
    ),
  );
  const selectedPacing = (): Pacing => pacingInputs.find(({ input }) => input.checked)?.pacing.value ?? 'practice';

  const topicsHost = h('div', { class: 'topic-groups' }, h('p', { class: 'hint' }, 'Loading topics…'));
  const topicsSummary = h('span', { class: 'hint', attrs: { 'aria-live': 'polite' } }, 'Any topic');
  const clearTopics = h('button', { class: 'btn btn-link', attrs: { type: 'button' } }, 'Clear');
  const topicsField = h(
    'fieldset',
    { class: 'field' },
    h('legend', null, 'Topics ', h('span', { class: 'optional' }, '(optional)')),
    h('div', { class: 'field-row-between' }, topicsSummary, clearTopics),
    topicsHost,
  );

  const countId = uniqueId('count');
  const countInput = h('input', { attrs: { id: countId, type: 'number', min: 1, max: 20, value: 5, inputmode: 'numeric', required: true } });
  const timeId = uniqueId('time');
  const timeSelect = h(
    'select',
    { attrs: { id: timeId } },
    TIMES.map((time) => h('option', { attrs: { value: time.seconds, selected: time.seconds === 180 } }, time.label)),
  );
  const jobId = uniqueId('job');
  const jobInput = h('textarea', {
    class: 'job-description',
    attrs: { id: jobId, rows: 6, maxlength: MAX_JOB_DESCRIPTION_CHARS, 'aria-describedby': `${jobId}-hint` },
  });
  const jobHint = h(
    'p',
    { class: 'hint', attrs: { id: `${jobId}-hint` } },
    'Paste the job advert: questions are chosen for its requirements, and the summary says which ones you covered.',
  );
  const jobField = h(
    'div',
    { class: 'field' },
    h('label', { class: 'field-label', attrs: { for: jobId } }, 'Job description ', h('span', { class: 'optional' }, '(optional)')),
    jobInput,
    jobHint,
  );
  const followId = uniqueId('followups');
  const followInput = h('input', { attrs: { id: followId, type: 'checkbox' } });

  const form = h(
    'form',
    { class: 'panel start-form', attrs: { novalidate: true, 'aria-labelledby': 'start-heading' } },
    modeField,
    pacingField,
    topicsField,
    jobField,
    h(
      'div',
      { class: 'field-grid' },
      h('div', { class: 'field' }, h('label', { class: 'field-label', attrs: { for: countId } }, 'Questions'), countInput),
      h('div', { class: 'field' }, h('label', { class: 'field-label', attrs: { for: timeId } }, 'Time per question'), timeSelect),
      h(
        'div',
        { class: 'field field-check' },
        followInput,
        h('label', { attrs: { for: followId } }, 'Ask follow-up questions'),
      ),
    ),
    formError,
    h('div', { class: 'form-actions' }, startButton),
  );
  heading.id = 'start-heading';

  const resumeHost = h('div');
  const welcomeHost = h('div');
  if (ctx.firstVisit) welcomeHost.append(welcomePanel());

  function welcomePanel(): HTMLElement {
    const nameId = uniqueId('name');
    const input = h('input', { attrs: { id: nameId, type: 'text', maxlength: 80, autocomplete: 'nickname', placeholder: 'e.g. Ada' } });
    const status = h('p', { class: 'form-error', attrs: { role: 'alert' } });
    const dismiss = () => {
      ctx.firstVisit = false;
      welcomeHost.replaceChildren();
    };
    const form = h(
      'form',
      { class: 'panel welcome', attrs: { 'aria-labelledby': `${nameId}-title` } },
      h('h2', { attrs: { id: `${nameId}-title` } }, 'Welcome!'),
      h('p', null, 'A private profile was created in this browser; your interviews and scores are kept with it.'),
      h('label', { class: 'field-label', attrs: { for: nameId } }, 'What should we call you?'),
      input,
      status,
      h(
        'div',
        { class: 'welcome-actions' },
        h('button', { class: 'btn btn-link', attrs: { type: 'button' }, on: { click: dismiss } }, 'Not now'),
        h('button', { class: 'btn btn-primary btn-small', attrs: { type: 'submit' } }, 'Save name'),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = input.value.trim();
      if (name === '') {
        status.textContent = 'Enter a name, or choose "Not now".';
        input.focus();
        return;
      }
      api
        .rename(name)
        .then((profile) => {
          ctx.refreshProfile({ ...ctx.identity, ...profile });
          dismiss();
        })
        .catch((error: unknown) => {
          status.textContent = `Could not save: ${errorMessage(error)}`;
        });
    });
    return form;
  }
  root.append(
    h(
      'div',
      { class: 'start-layout' },
      h(
        'div',
        { class: 'start-main' },
        heading,
        h('p', { class: 'lead' }, 'One question at a time, a visible countdown, and rubric feedback after every answer.'),
        form,
      ),
      h(
        'aside',
        { class: 'start-aside', attrs: { 'aria-label': 'Your profile, sessions and tips' } },
        welcomeHost,
        resumeHost,
        h(
          'section',
          { class: 'panel tips' },
          h('h2', null, 'How it works'),
          h(
            'ol',
            null,
            h('li', null, 'Read the question and answer in the box below it. Your draft saves as you type.'),
            h('li', null, 'Submit before the timer runs out — at time-up your latest draft is graded.'),
            h('li', null, 'Each answer gets scores per rubric dimension, quotes from your answer and concrete improvements.'),
          ),
          h('p', { class: 'hint' }, 'Behavioural answers are graded with STAR: situation, task, action, result.'),
        ),
      ),
    ),
  );

  let topics: Topic[] = [];
  const checkboxes = new Map<string, HTMLInputElement>();
  const groups = new Map<string, HTMLElement>();

  const selectedMode = (): InterviewMode => modeInputs.find(({ input }) => input.checked)?.mode.value ?? 'behavioural';
  const selectedTopics = (): string[] => [...checkboxes].filter(([, box]) => box.checked && !box.disabled).map(([topic]) => topic);

  function syncTopics(): void {
    const mode = selectedMode();
    const any = mode === 'mixed' || mode === 'drill';
    for (const [kind, group] of groups) group.hidden = !any && mode !== kind;
    for (const topic of topics) {
      const box = checkboxes.get(topic.topic);
      if (box) box.disabled = !any && mode !== topic.kind;
    }
    // A drill follows your history, not a job advert.
    jobField.hidden = mode === 'drill';
    const chosen = selectedTopics();
    topicsSummary.textContent = chosen.length === 0 ? 'Any topic' : `${chosen.length} selected`;
  }

  function renderTopics(): void {
    topicsHost.replaceChildren();
    for (const kind of ['behavioural', 'technical'] as const) {
      const ofKind = topics.filter((topic) => topic.kind === kind);
      if (ofKind.length === 0) continue;
      const group = h(
        'div',
        { class: 'topic-group' },
        h('h2', { class: 'topic-group-title' }, kind === 'behavioural' ? 'Behavioural' : 'Technical'),
        h(
          'ul',
          { class: 'topic-chips' },
          ofKind.map((topic) => {
            const id = uniqueId('topic');
            const box = h('input', { attrs: { type: 'checkbox', id, value: topic.topic, checked: presetTopics.includes(topic.topic) } });
            box.addEventListener('change', syncTopics);
            checkboxes.set(topic.topic, box);
            return h(
              'li',
              null,
              box,
              h('label', { class: 'topic-chip', attrs: { for: id } }, topic.topic, h('span', { class: 'topic-count' }, String(topic.count))),
            );
          }),
        ),
      );
      groups.set(kind, group);
      topicsHost.append(group);
    }
    syncTopics();
  }

  for (const { input } of modeInputs) input.addEventListener('change', syncTopics);
  clearTopics.addEventListener('click', () => {
    for (const box of checkboxes.values()) box.checked = false;
    syncTopics();
  });

  async function start(replace: boolean): Promise<void> {
    formError.textContent = '';
    const count = Number(countInput.value);
    if (!Number.isInteger(count) || count < 1 || count > 20) {
      formError.textContent = 'Questions: choose a whole number from 1 to 20.';
      countInput.focus();
      return;
    }
    const chosen = selectedTopics();
    const jobDescription = jobInput.value.trim();
    const options: StartInput = {
      mode: retake.length > 0 && retakeMode.success ? retakeMode.data : selectedMode(),
      count,
      secondsPerQuestion: Number(timeSelect.value),
      followUps: followInput.checked,
      pacing: selectedPacing(),
      ...(retake.length > 0 ? { questionIds: retake.slice(0, 20) } : chosen.length > 0 ? { topics: chosen } : {}),
      ...(jobDescription !== '' && selectedMode() !== 'drill' && retake.length === 0 ? { jobDescription } : {}),
    };
    startButton.disabled = true;
    startButton.textContent = 'Starting…';
    let timer: number | undefined;
    try {
      const sessionId = await Promise.race([
        ctx.controller.start(options),
        new Promise<never>((_, reject) => {
          timer = window.setTimeout(() => {
            // Stop waiting; starting again with the same options reuses this start's id, so no second interview.
            ctx.controller.cancelStart();
            reject(new Error('the server did not answer; check your connection and try again'));
          }, START_TIMEOUT_MS);
        }),
      ]);
      if (!disposed) ctx.navigate(`#/interview/${encodeURIComponent(sessionId)}`, { replace });
    } catch (error) {
      if (disposed) return;
      formError.textContent = `Could not start: ${errorMessage(error)}`;
      startButton.disabled = false;
      startButton.textContent = 'Start interview';
    } finally {
      window.clearTimeout(timer);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void start(false);
  });

  function renderResume(sessions: SessionListItem[]): void {
    const active = sessions.filter((session) => session.status === 'active');
    if (active.length === 0) return;
    resumeHost.replaceChildren(
      h(
        'section',
        { class: 'panel resume' },
        h('h2', null, 'Unfinished interview'),
        active.slice(0, 2).map((session) =>
          h(
            'p',
            { class: 'resume-item' },
            h('span', null, `${session.mode} · started ${formatDateTime(session.createdAt)}`),
            h('a', { class: 'btn btn-small', attrs: { href: `#/interview/${encodeURIComponent(session.id)}` } }, 'Continue'),
          ),
        ),
      ),
    );
  }

  void api
    .topics()
    .then((list) => {
      if (disposed) return;
      topics = list;
      if (presetTopics.length > 0) {
        const mode = modeFor(presetTopics, topics);
        for (const { mode: option, input } of modeInputs) input.checked = option.value === mode;
      }
      renderTopics();
      if (autoStart) void start(true);
    })
    .catch((error: unknown) => {
      if (disposed) return;
      topicsHost.replaceChildren(h('p', { class: 'form-error' }, `Topics could not be loaded: ${errorMessage(error)}`));
    });
  if (!autoStart) {
    void api
      .sessions(10)
      .then((list) => {
        if (!disposed) renderResume(list.items);
      })
      .catch(() => undefined);
  }

  return () => {
    disposed = true;
  };
}
