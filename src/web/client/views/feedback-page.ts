import { curatedAnswerNote } from '../../../contracts/curation.js';
import { MAX_REFERENCE_CHARS } from '../../../contracts/feedback-schema.js';
import { RUBRIC_FOR_TYPE, RUBRIC_LABELS, RubricIdSchema } from '../../../contracts/rubric-schema.js';
import { MAX_ANSWER_CHARS } from '../../../contracts/protocol.js';
import { classifyQuestion } from '../../../contracts/classify-question.js';
import { QUESTION_TYPES, type QuestionType } from '../../../contracts/question-type.js';
import { api, errorMessage, type QuestionSummary } from '../api.js';
import { retakeHref, type AppContext, type Cleanup } from '../context.js';
import { formatDateTime, formatScore, h, scoreClass, scrollBehavior, uniqueId } from '../dom.js';
import { feedbackCard } from './feedback-card.js';
import type { Transcription } from '../../../contracts/voice-schemas.js';
import { voiceInput, type VoiceInput } from '../voice/voice-input.js';
import { rubricHref } from './rubrics.js';

/** One-shot feedback: paste a question and an answer, get rubric feedback without a timed interview. */
export function feedbackView(ctx: AppContext, root: HTMLElement): Cleanup {
  let disposed = false;
  let chosenQuestion: QuestionSummary | null = null;
  let searchTimer: number | undefined;
  let searchSeq = 0;
  let voice: VoiceInput | null = null;
  /** The recording whose transcript is in the answer box, if the answer was spoken. */
  let spoken: Transcription | null = null;

  const questionId = uniqueId('question');
  const answerId = uniqueId('answer');
  const rubricId = uniqueId('rubric');
  const suggestionsId = uniqueId('suggestions');

  const questionInput = h('input', {
    attrs: {
      id: questionId,
      type: 'text',
      maxlength: 2000,
      autocomplete: 'off',
      placeholder: 'e.g. Tell me about a time you disagreed with a teammate',
      'aria-describedby': `${questionId}-hint`,
      'aria-controls': suggestionsId,
    },
  });
  const suggestions = h('ul', { class: 'suggestions', attrs: { id: suggestionsId, 'aria-label': 'Matching questions from the question bank' } });
  const chosenNote = h('p', { class: 'hint', attrs: { id: `${questionId}-hint` } }, 'Type your own question or pick one from the question bank as you type.');
  const answerInput = h('textarea', {
    attrs: { id: answerId, rows: 10, maxlength: MAX_ANSWER_CHARS, placeholder: 'Paste or write your answer…', required: true },
  });
  const rubricSelect = h(
    'select',
    { attrs: { id: rubricId, 'aria-describedby': `${rubricId}-hint` } },
    h('option', { attrs: { value: '' } }, 'Automatic (from the question type)'),
    RubricIdSchema.options.map((id) => h('option', { attrs: { value: id } }, id === 'star' ? 'STAR (stories)' : RUBRIC_LABELS[id])),
  );
  const referenceId = uniqueId('reference');
  const referenceInput = h('textarea', {
    attrs: {
      id: referenceId,
      rows: 5,
      maxlength: MAX_REFERENCE_CHARS,
      placeholder: 'A model answer or answer key to grade against instead of the question bank…',
      'aria-describedby': `${referenceId}-hint`,
    },
  });
  const referenceField = h(
    'details',
    { class: 'field reference-field' },
    h('summary', null, 'Grade against your own reference answer (optional)'),
    h('label', { class: 'field-label', attrs: { for: referenceId } }, 'Reference answer'),
    referenceInput,
    h(
      'p',
      { class: 'hint', attrs: { id: `${referenceId}-hint` } },
      'For your own question or a course’s answer key: the key points are taken from this text and shown as covered, partly covered or missed.',
    ),
  );
  // Which type the question reads as, and so which rubric "Automatic" picks, updated as the user types.
  const typeHint = h('p', { class: 'hint type-hint', attrs: { id: `${rubricId}-hint`, 'aria-live': 'polite' } });
  const showType = (type: QuestionType | null) => {
    if (type === null) {
      typeHint.replaceChildren();
      return;
    }
    const rubric = RUBRIC_FOR_TYPE[type];
    typeHint.replaceChildren(
      'Question type: ',
      h('span', { class: 'chip chip-type', dataset: { type } }, QUESTION_TYPES[type].label),
      ` — graded with the ${RUBRIC_LABELS[rubric]} rubric. `,
      h('a', { attrs: { href: rubricHref(rubric) } }, 'How it scores'),
    );
  };
  const formError = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  const submitButton = h('button', { class: 'btn btn-primary', attrs: { type: 'submit' } }, 'Get feedback');
  const result = h('div', { class: 'feedback-result', attrs: { 'aria-live': 'polite' } });
  const recent = h('div');
  const voiceSlot = h('div', { class: 'composer-voice' });

  const form = h(
    'form',
    { class: 'panel', attrs: { novalidate: true, 'aria-label': 'Answer to grade' } },
    h('div', { class: 'field' }, h('label', { class: 'field-label', attrs: { for: questionId } }, 'Question'), questionInput, chosenNote, suggestions),
    h('div', { class: 'field' }, h('label', { class: 'field-label', attrs: { for: answerId } }, 'Your answer'), answerInput, voiceSlot),
    referenceField,
    h(
      'div',
      { class: 'field-grid' },
      h('div', { class: 'field' }, h('label', { class: 'field-label', attrs: { for: rubricId } }, 'Rubric'), rubricSelect),
    ),
    typeHint,
    formError,
    h('div', { class: 'form-actions' }, submitButton),
  );

  root.append(
    h(
      'div',
      { class: 'page-narrow' },
      h('h1', { attrs: { tabindex: '-1' } }, 'Feedback on one answer'),
      h(
        'p',
        { class: 'lead' },
        'Paste an answer and get scores on the rubric of its question type — STAR for a story, its own rubric for an introduction, an opinion, a process or a salary question, or the technical rubric — with quotes from your answer and what to improve.',
      ),
      form,
      result,
      recent,
    ),
  );

  function showSuggestions(items: QuestionSummary[]): void {
    suggestions.replaceChildren(
      ...items.map((item) =>
        h(
          'li',
          null,
          h(
            'button',
            {
              class: 'suggestion',
              attrs: { type: 'button' },
              on: {
                click: () => {
                  chosenQuestion = item;
                  questionInput.value = item.text;
                  suggestions.replaceChildren();
                  chosenNote.textContent = `From the question bank: ${item.topic} (${QUESTION_TYPES[item.type].label})${item.hasModelAnswer ? ' — has a model answer' : ''}.`;
                  showType(item.type);
                  answerInput.focus();
                },
              },
            },
            h('span', { class: 'suggestion-text' }, item.text),
            h('span', { class: 'suggestion-meta' }, `${QUESTION_TYPES[item.type].label} · ${item.topic}`),
          ),
        ),
      ),
    );
  }

  questionInput.addEventListener('input', () => {
    chosenQuestion = null;
    chosenNote.textContent = 'Type your own question or pick one from the question bank as you type.';
    window.clearTimeout(searchTimer);
    const query = questionInput.value.trim();
    showType(query.length >= 8 ? classifyQuestion(query).type : null);
    if (query.length < 3) {
      suggestions.replaceChildren();
      return;
    }
    searchTimer = window.setTimeout(() => {
      const seq = ++searchSeq;
      api
        .questions({ q: query, limit: 5 })
        .then((found) => {
          if (!disposed && seq === searchSeq) showSuggestions(found.items);
        })
        .catch(() => undefined);
    }, 300);
  });
  questionInput.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') suggestions.replaceChildren();
  });
  answerInput.addEventListener('focus', () => suggestions.replaceChildren());
  answerInput.addEventListener('input', () => {
    // Everything spoken was deleted: what is left is typed.
    if (answerInput.value.trim() === '') spoken = null;
  });
  answerInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    formError.textContent = '';
    suggestions.replaceChildren();
    window.clearTimeout(searchTimer);
    searchSeq += 1;
    const question = questionInput.value.trim();
    const answer = answerInput.value.trim();
    const referenceAnswer = referenceInput.value.trim();
    if (question === '') {
      formError.textContent = 'Question: enter the question you answered.';
      questionInput.focus();
      return;
    }
    if (answer === '') {
      formError.textContent = 'Your answer: paste or write the answer to grade.';
      answerInput.focus();
      return;
    }
    const chosenRubric = RubricIdSchema.safeParse(rubricSelect.value);
    const rubric = chosenRubric.success ? chosenRubric.data : undefined;
    submitButton.disabled = true;
    submitButton.textContent = 'Grading…';
    result.replaceChildren(h('div', { class: 'grading-card', attrs: { 'aria-busy': 'true' } }, h('p', { class: 'grading-title' }, h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), 'Grading your answer…')));
    try {
      const recording = spoken;
      const feedback = await api.feedback({
        ...(chosenQuestion && chosenQuestion.text === question ? { questionId: chosenQuestion.id } : { question }),
        answer,
        ...(rubric ? { rubric } : {}),
        ...(recording ? { transcriptionId: recording.id } : {}),
        ...(referenceAnswer === '' ? {} : { referenceAnswer }),
      });
      // The recording now belongs to this feedback; a new submission is graded as typed unless recorded again.
      spoken = null;
      if (disposed) return;
      // The user's own reference is the model answer this grade was measured against.
      const record = referenceAnswer === '' && feedback.questionId ? await api.question(feedback.questionId).catch(() => null) : null;
      if (disposed) return;
      const card = feedbackCard(feedback, {
        title: 'Your feedback',
        modelAnswer: referenceAnswer === '' ? (record?.answers[0] ?? null) : referenceAnswer,
        modelAnswerNote: record ? curatedAnswerNote(record) : null,
        ...(recording ? { delivery: recording.delivery } : {}),
        feedbackId: feedback.id,
        disputes: feedback.disputes,
        ...(feedback.previous ? { previous: feedback.previous } : {}),
        ...(feedback.questionId !== null ? { onRetake: () => ctx.navigate(retakeHref([feedback.questionId ?? ''])) } : {}),
      });
      result.replaceChildren(h('h2', { class: 'visually-hidden' }, 'Result'), card);
      card.scrollIntoView({ block: 'start', behavior: scrollBehavior() });
      card.querySelector('h3')?.setAttribute('tabindex', '-1');
      card.querySelector('h3')?.focus({ preventScroll: true });
      void loadRecent();
    } catch (error) {
      if (disposed) return;
      result.replaceChildren();
      formError.textContent = `Could not grade: ${errorMessage(error)}`;
    } finally {
      submitButton.disabled = false;
      submitButton.textContent = 'Get feedback';
    }
  });

  async function loadRecent(): Promise<void> {
    try {
      const items = await api.recentFeedback(5);
      if (disposed || items.length === 0) return;
      recent.replaceChildren(
        h(
          'section',
          { class: 'panel recent' },
          h('h2', null, 'Recent one-shot feedback'),
          h(
            'ul',
            { class: 'recent-list' },
            items.map((item) =>
              h(
                'li',
                null,
                h(
                  'button',
                  {
                    class: 'recent-item',
                    attrs: { type: 'button' },
                    on: {
                      click: () => {
                        questionInput.value = item.question;
                        answerInput.value = item.answer;
                        const card = feedbackCard(item, { title: 'Earlier feedback', feedbackId: item.id, disputes: item.disputes });
                        result.replaceChildren(card);
                        card.scrollIntoView({ block: 'start' });
                      },
                    },
                  },
                  h('span', { class: ['chip', scoreClass(item.overall)] }, formatScore(item.overall)),
                  h('span', { class: 'recent-question' }, item.question),
                  h('span', { class: 'recent-date' }, formatDateTime(item.createdAt)),
                ),
              ),
            ),
          ),
        ),
      );
    } catch {
      // The list is a convenience; the form works without it.
    }
  }
  void loadRecent();

  api
    .capabilities()
    .then((capabilities) => {
      if (disposed) return;
      voice = voiceInput({
        capabilities,
        onTranscript: (result) => {
          const current = answerInput.value.trim();
          answerInput.value = current === '' || current === spoken?.text ? result.text : `${current} ${result.text}`;
          spoken = { ...result, text: answerInput.value.trim() };
          answerInput.focus();
        },
      });
      if (voice) voiceSlot.append(voice.element);
    })
    .catch(() => {
      // Typing works without it.
    });

  return () => {
    disposed = true;
    voice?.destroy();
    window.clearTimeout(searchTimer);
  };
}
