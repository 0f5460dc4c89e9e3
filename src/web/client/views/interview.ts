import { QUESTION_TYPES } from '../../../contracts/question-type.js';
import type { SessionMessage } from '../../../contracts/protocol.js';
import { MAX_ANSWER_CHARS } from '../../../contracts/protocol.js';
import { announce } from '../announce.js';
import { api, ApiError, errorMessage } from '../api.js';
import { practiseHref, retakeHref, type AppContext, type Cleanup } from '../context.js';
import { confirmDialog } from '../dialog.js';
import { formatScore, h, scrollBehavior } from '../dom.js';
import type { ControllerEvent, QuestionMessage } from '../interview-controller.js';
import { toast } from '../toast.js';
import { answerBubble, cardItem, gradingCard, noteItem, questionBubble, type AnswerBubble } from './chat.js';
import { Countdown } from './countdown.js';
import { feedbackCard } from './feedback-card.js';
import { summaryCard } from './summary.js';
import type { Transcription } from '../../../contracts/voice-schemas.js';
import { questionSpeaker, type QuestionSpeaker } from '../voice/question-speaker.js';
import { voiceInput, type VoiceInput } from '../voice/voice-input.js';

const DRAFT_DEBOUNCE_MS = 1_500;
/** A question asked longer ago than this (a reload, a resume) is not read aloud again by itself. */
const FRESH_QUESTION_MS = 15_000;
const finePointer = () => window.matchMedia('(pointer: fine)').matches;

/** The interview room: the conversation, a live countdown, the answer box with autosave, feedback cards and the summary. */
export function interviewView(ctx: AppContext, root: HTMLElement, sessionId: string): Cleanup {
  const { controller } = ctx;
  const { store } = controller;
  const destroyers: Array<() => void> = [];
  const answerBubbles = new Map<string, AnswerBubble>();
  const gradingCards = new Map<string, ReturnType<typeof gradingCard>>();
  const questions = new Map<string, QuestionMessage>();
  let draftTimer: number | undefined;
  let disposed = false;
  let voice: VoiceInput | null = null;
  let speaker: QuestionSpeaker | null = null;

  const heading = h('h1', { class: 'room-title', attrs: { tabindex: '-1' } }, 'Mock interview');
  const progress = h('p', { class: 'room-progress' }, 'Connecting…');
  const countdown = new Countdown(() => controller.serverNow(), { onNearlyOver: () => saveDraft() });
  const endButton = h(
    'button',
    { class: 'btn btn-ghost btn-small', attrs: { type: 'button' } },
    h('span', { class: 'label-long' }, 'End interview'),
    h('span', { class: 'label-short' }, 'End'),
  );
  // The live region wraps the list: a role on the <ol> itself would take its list semantics from the items.
  const log = h('ol', { class: 'chat', attrs: { 'aria-label': 'Interview conversation' } });
  const logRegion = h(
    'div',
    { attrs: { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': 'Interview conversation' } },
    h('h2', { class: 'visually-hidden' }, 'Conversation'),
    log,
  );

  const currentQuestion = h('p', { class: 'composer-question' });
  const textarea = h('textarea', {
    attrs: {
      id: 'answer',
      name: 'answer',
      rows: 6,
      maxlength: MAX_ANSWER_CHARS,
      placeholder: 'Type your answer…',
      'aria-describedby': 'answer-hint answer-save',
    },
  });
  const saveState = h('span', { class: 'save-state', attrs: { id: 'answer-save' } });
  const counter = h('span', { class: 'counter', attrs: { 'aria-hidden': 'true' } }, '0 words');
  const skipButton = h('button', { class: 'btn btn-ghost', attrs: { type: 'button' } }, 'Skip question');
  // Practice pacing: shown instead of the answer box while the feedback is read; the next countdown starts on it.
  const nextButton = h('button', { class: 'btn btn-primary next-question', attrs: { type: 'button' } }, 'Next question');
  const nextPanel = h(
    'div',
    { class: 'next-panel' },
    h('p', { class: 'next-hint' }, 'Take your time with the feedback. The next question’s clock starts when you continue.'),
    nextButton,
  );
  nextPanel.hidden = true;
  const submitButton = h('button', { class: 'btn btn-primary', attrs: { type: 'submit' } }, 'Submit answer');
  const formError = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  const voiceSlot = h('div', { class: 'composer-voice' });
  const speakSlot = h('div', { class: 'room-speak' });
  const composer = h(
    'form',
    { class: 'composer', attrs: { 'aria-label': 'Answer the current question', novalidate: true } },
    currentQuestion,
    h('label', { class: 'visually-hidden', attrs: { for: 'answer' } }, 'Your answer'),
    textarea,
    formError,
    voiceSlot,
    h(
      'div',
      { class: 'composer-foot' },
      h(
        'p',
        { class: 'hint', attrs: { id: 'answer-hint' } },
        h('span', { class: 'kbd-hint' }, h('kbd', null, 'Ctrl'), '+', h('kbd', null, 'Enter'), ' submits · '),
        counter,
        ' · ',
        saveState,
      ),
      h('div', { class: 'composer-actions' }, skipButton, submitButton),
    ),
  );
  const after = h('div', { class: 'after-actions' });
  after.hidden = true;

  const room = h(
    'section',
    { class: 'room' },
    h('div', { class: 'room-head' }, h('div', { class: 'room-info' }, heading, progress), speakSlot, countdown.element, endButton),
    logRegion,
    after,
    nextPanel,
    composer,
  );
  root.append(room);

  api
    .capabilities()
    .then((capabilities) => {
      if (disposed) return;
      voice = voiceInput({ capabilities, onTranscript: insertTranscript });
      if (voice) voiceSlot.append(voice.element);
      speaker = questionSpeaker(capabilities);
      if (speaker) speakSlot.append(speaker.element);
      const turn = controller.openTurn();
      if (turn) speakIfFresh(turn);
    })
    .catch(() => {
      // Without the capabilities the room works as before: typed answers, questions on screen.
    });

  function scrollTo(element: HTMLElement, block: ScrollLogicalPosition): void {
    element.scrollIntoView({ block, behavior: scrollBehavior() });
  }

  function add(item: HTMLElement, live: boolean, block: ScrollLogicalPosition = 'nearest'): void {
    log.append(item);
    if (live) scrollTo(item, block);
  }

  function statusFor(turnId: string): { text: string; state: 'pending' | 'queued' | 'ok' } {
    const answer = controller.answers.get(turnId);
    if (!answer || answer.accepted || answer.clientId === null) return { text: 'Received', state: 'ok' };
    if (!controller.isReady) return { text: 'Waiting for the connection — will send when reconnected', state: 'queued' };
    return { text: 'Sending…', state: 'pending' };
  }

  function showAnswer(turnId: string, live: boolean, label = 'You'): AnswerBubble {
    let bubble = answerBubbles.get(turnId);
    const answer = controller.answers.get(turnId);
    if (!bubble) {
      bubble = answerBubble(turnId, answer?.text ?? '(answer received)', '', label);
      answerBubbles.set(turnId, bubble);
      add(bubble.element, live);
    } else if (answer) {
      bubble.setText(answer.text);
    }
    const status = statusFor(turnId);
    bubble.setStatus(status.text, status.state);
    return bubble;
  }

  function showGrading(turnId: string, live: boolean): void {
    if (gradingCards.has(turnId)) return;
    const card = gradingCard();
    card.update(controller.deltas.get(turnId) ?? '');
    gradingCards.set(turnId, card);
    add(cardItem(card.element, turnId), live);
  }

  function dropGrading(turnId: string): void {
    gradingCards.get(turnId)?.element.closest('li')?.remove();
    gradingCards.delete(turnId);
  }

  function render(message: SessionMessage, live: boolean): void {
    switch (message.type) {
      case 'session.started': {
        const minutes = message.secondsPerQuestion >= 60 ? `${Math.round(message.secondsPerQuestion / 60)} min` : `${message.secondsPerQuestion} s`;
        const count = `${message.total} question${message.total === 1 ? '' : 's'}`;
        add(noteItem(`Interview started: ${message.mode}, ${count}, ${minutes} each${message.followUps ? ', with follow-ups' : ''}. Good luck!`), live);
        break;
      }
      case 'question':
      case 'followup':
        questions.set(message.turnId, message);
        add(questionBubble(message), live);
        break;
      case 'answer.accepted':
        showAnswer(message.turnId, live);
        if (controller.pacing() === 'realistic') {
          if (!controller.ended()) add(noteItem('Answer received. Feedback comes with the summary at the end.'), live);
        } else {
          showGrading(message.turnId, live);
        }
        break;
      case 'time.up': {
        const pending = controller.answers.get(message.turnId);
        if (pending && !pending.accepted) {
          // Typed while offline and the deadline passed first: say so instead of showing it as sent.
          answerBubbles.get(message.turnId)?.setStatus('Not delivered before the time ran out', 'queued');
          answerBubbles.delete(message.turnId);
          controller.answers.delete(message.turnId);
        }
        add(noteItem(message.graded === 'draft' ? "Time's up — your draft was sent for grading." : "Time's up — no answer was given.", 'warn'), live);
        if (message.graded === 'draft') {
          const known = controller.answers.has(message.turnId);
          const bubble = showAnswer(message.turnId, live, 'You (draft at time-up)');
          if (!known) {
            // The server graded the draft it holds; the controller fetches that text and updates this bubble.
            // Until then this device's copy shows, labelled as such (it may differ if typed offline).
            const draft = store.serverDraft(message.turnId) || store.deviceText(message.turnId);
            bubble.setText(draft || '…');
            bubble.setStatus('Your draft at time-up (this device’s copy)', 'pending');
          }
          if (controller.pacing() !== 'realistic') showGrading(message.turnId, live);
        }
        break;
      }
      case 'turn.skipped': {
        const pending = controller.answers.get(message.turnId);
        if (pending && !pending.accepted) {
          // Skipped (e.g. from another tab) before this answer got through.
          answerBubbles.get(message.turnId)?.setStatus('Not delivered: the question was skipped', 'queued');
          answerBubbles.delete(message.turnId);
          controller.answers.delete(message.turnId);
        }
        add(noteItem('Question skipped.'), live);
        break;
      }
      case 'feedback': {
        dropGrading(message.turnId);
        const question = questions.get(message.turnId);
        const title = question
          ? question.type === 'followup'
            ? `Feedback on the follow-up to question ${question.index}`
            : `Feedback on question ${question.index}`
          : 'Feedback';
        // Feedback graded just now has no disputes yet; a replayed one's are read when a control is opened.
        const card = feedbackCard(message, {
          title,
          modelAnswer: message.modelAnswer,
          modelAnswerNote: message.modelAnswerNote,
          ...(message.delivery ? { delivery: message.delivery } : {}),
          feedbackId: message.feedbackId,
          ...(live ? { disputes: [] } : {}),
          ...(message.previous ? { previous: message.previous } : {}),
          ...(question?.type === 'question' && question.questionId !== null
            ? { onRetake: () => ctx.navigate(retakeHref([question.questionId ?? ''], question.kind)) }
            : {}),
        });
        const item = cardItem(card, message.turnId);
        add(item, live, 'start');
        if (live) announce(`${title}: ${formatScore(message.overall)} out of 5.`);
        break;
      }
      case 'session.summary': {
        const summary = summaryCard(message, { onPractise: (topics) => ctx.navigate(practiseHref(topics)) });
        destroyers.push(summary.destroy);
        add(cardItem(summary.element), live, 'start');
        break;
      }
      case 'next.ready':
        if (live) announce('Feedback is ready. Choose Next question when you want to go on.');
        break;
      case 'session.ended':
        add(noteItem(message.reason === 'completed' ? 'The interview is complete.' : 'You ended the interview.'), live);
        if (live) announce('The interview has ended. Your summary is ready.');
        break;
    }
  }

  function updateProgress(): void {
    if (controller.ended()) {
      progress.textContent = 'Finished';
      return;
    }
    const latest = controller.messages.findLast((message): message is QuestionMessage => message.type === 'question' || message.type === 'followup');
    if (!latest) {
      progress.textContent = controller.isReady ? 'Starting…' : 'Connecting…';
      return;
    }
    const position = latest.type === 'followup' ? `Follow-up to question ${latest.index} of ${latest.total}` : `Question ${latest.index} of ${latest.total}`;
    progress.textContent = `${position} · ${latest.topic}${latest.questionType ? ` · ${QUESTION_TYPES[latest.questionType].label}` : ''}`;
  }

  function refreshComposer(focusNew: boolean): void {
    updateProgress();
    const ready = controller.isReady;
    room.classList.toggle('room-ended', controller.ended());
    nextPanel.hidden = !controller.awaitingNext() || controller.ended();
    nextButton.disabled = !ready;
    if (controller.ended()) {
      composer.hidden = true;
      countdown.stop();
      endButton.hidden = true;
      after.hidden = false;
      after.replaceChildren(
        h('a', { class: 'btn btn-primary', attrs: { href: '#/start' } }, 'Start another interview'),
        h('a', { class: 'btn btn-ghost', attrs: { href: `#/replay/${encodeURIComponent(sessionId)}` } }, 'Replay'),
        h('a', { class: 'btn btn-ghost', attrs: { href: '#/history' } }, 'History'),
      );
      return;
    }
    composer.hidden = !nextPanel.hidden;
    endButton.hidden = false;
    endButton.disabled = !ready;
    const turn = controller.openTurn();
    if (!turn) {
      voice?.reset('The question closed before the recording was used.');
      speaker?.stop();
      countdown.stop();
      textarea.readOnly = true;
      submitButton.disabled = true;
      skipButton.disabled = true;
      currentQuestion.textContent = waitingText();
      return;
    }
    countdown.set({ deadline: turn.deadline, total: Math.max(1, turn.deadline - turn.at) });
    textarea.readOnly = false;
    submitButton.disabled = false;
    skipButton.disabled = !ready;
    currentQuestion.textContent = turn.text;
    if (textarea.dataset.turn !== turn.turnId) {
      textarea.dataset.turn = turn.turnId;
      voice?.reset('The question changed, so the recording was not used.');
      speakIfFresh(turn);
      textarea.value = store.draft(turn.turnId) ?? store.serverDraft(turn.turnId) ?? '';
      saveState.textContent = textarea.value ? 'Draft restored' : 'Not saved yet';
      formError.textContent = '';
      updateCounter();
      // Not on touch screens: focusing would pop the keyboard up over the feedback being read.
      if (focusNew && finePointer() && !log.contains(document.activeElement)) textarea.focus({ preventScroll: true });
    }
  }

  function waitingText(): string {
    if (controller.messages.length === 0) return 'Connecting to the interviewer…';
    const latest = controller.messages.findLast((message): message is QuestionMessage => message.type === 'question' || message.type === 'followup');
    const answer = latest ? controller.answers.get(latest.turnId) : undefined;
    if (answer && !answer.accepted) {
      return controller.isReady ? 'Sending your answer…' : 'Your answer is kept on this device and will be sent when the connection is back.';
    }
    if (latest && gradingCards.has(latest.turnId)) return 'Grading your answer…';
    return 'Waiting for the interviewer…';
  }

  function updateCounter(): void {
    const words = textarea.value.trim() === '' ? 0 : textarea.value.trim().split(/\s+/).length;
    counter.textContent = `${words} word${words === 1 ? '' : 's'}`;
  }

  function saveDraft(): void {
    window.clearTimeout(draftTimer);
    const turnId = textarea.dataset.turn;
    const turn = controller.openTurn();
    if (!turnId || !turn || turn.turnId !== turnId) return;
    const saved = controller.saveDraft(turnId, textarea.value);
    if (saved === 'unchanged') return;
    saveState.textContent = saved === 'saved' ? 'Draft saved' : 'Draft kept on this device — it will sync when reconnected';
  }

  function submit(): void {
    const turn = controller.openTurn();
    if (!turn || textarea.readOnly) return;
    const text = textarea.value.trim();
    if (text === '') {
      formError.textContent = 'Write an answer first, or skip the question.';
      textarea.focus();
      return;
    }
    if (text.length > MAX_ANSWER_CHARS) {
      formError.textContent = `The answer is longer than ${MAX_ANSWER_CHARS.toLocaleString()} characters; shorten it before submitting.`;
      textarea.focus();
      return;
    }
    window.clearTimeout(draftTimer);
    formError.textContent = '';
    // The text now lives in the answer bubble; the box is for the next question.
    textarea.value = '';
    saveState.textContent = '';
    updateCounter();
    controller.answer(turn.turnId, text);
  }

  /** Puts a transcript in the answer box for review: replacing an earlier transcript left as it was, else after what is typed. */
  function insertTranscript(result: Transcription): void {
    const turn = controller.openTurn();
    if (!turn || textarea.readOnly || textarea.dataset.turn !== turn.turnId) return;
    const current = textarea.value.trim();
    textarea.value = current === '' || current === store.recording(turn.turnId)?.text ? result.text : `${current} ${result.text}`;
    store.setRecording(turn.turnId, { transcriptionId: result.id, text: textarea.value.trim() });
    formError.textContent = '';
    updateCounter();
    // Saved at once: if the time runs out now, the transcript is the draft that gets graded.
    saveDraft();
    textarea.focus({ preventScroll: true });
  }

  function speakIfFresh(turn: QuestionMessage): void {
    if (controller.serverNow() - turn.at < FRESH_QUESTION_MS) speaker?.speak(turn.text, turn.turnId);
  }

  textarea.addEventListener('input', () => {
    if (textarea.value.trim() === '' && textarea.dataset.turn) store.setRecording(textarea.dataset.turn, null);
    updateCounter();
    saveState.textContent = 'Editing…';
    window.clearTimeout(draftTimer);
    draftTimer = window.setTimeout(saveDraft, DRAFT_DEBOUNCE_MS);
  });
  textarea.addEventListener('blur', saveDraft);
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  nextButton.addEventListener('click', () => {
    if (!controller.awaitingNext()) return;
    if (!controller.command({ type: 'next' })) toast('You are offline; continue once reconnected.', 'error');
  });
  skipButton.addEventListener('click', () => {
    const turn = controller.openTurn();
    if (!turn) return;
    if (!controller.command({ type: 'skip', turnId: turn.turnId })) toast('You are offline; skip again once reconnected.', 'error');
  });
  endButton.addEventListener('click', async () => {
    const confirmed = await confirmDialog({
      title: 'End the interview now?',
      body: 'Questions not answered yet will be marked unanswered. An answer being graded still gets its feedback.',
      confirm: 'End interview',
      danger: true,
    });
    if (confirmed && !controller.command({ type: 'end' })) toast('You are offline; try again once reconnected.', 'error');
  });

  function onEvent(event: ControllerEvent): void {
    switch (event.kind) {
      case 'message':
        render(event.message, event.live);
        refreshComposer(event.live);
        // The answer box just hid: keep the keyboard where the next step is.
        if (event.live && event.message.type === 'next.ready' && (document.activeElement === document.body || composer.contains(document.activeElement))) {
          nextButton.focus({ preventScroll: true });
        }
        break;
      case 'answer':
        showAnswer(event.turnId, true);
        refreshComposer(false);
        break;
      case 'delta':
        gradingCards.get(event.turnId)?.update(event.text);
        break;
      case 'connection':
        for (const turnId of answerBubbles.keys()) {
          const status = statusFor(turnId);
          answerBubbles.get(turnId)?.setStatus(status.text, status.state);
        }
        refreshComposer(false);
        break;
      case 'rejected':
        showRejected(event.turnId, event.text, event.message);
        break;
      case 'error':
        if (event.code === 'session_deleted') showDeleted();
        else if (event.code === 'not_found' && (event.ref === undefined || event.ref.type === 'resume')) showMissing();
        else toast(event.message, 'error');
        break;
      case 'reset':
        break;
    }
  }

  /** The server refused a queued answer: say so at the answer, and give its text back if the question is open. */
  function showRejected(turnId: string, text: string, message: string): void {
    const bubble = answerBubbles.get(turnId);
    bubble?.setStatus(`Not accepted: ${message}`, 'queued');
    // The refused bubble stays as a record; a new submission gets its own.
    answerBubbles.delete(turnId);
    refreshComposer(false);
    if (controller.openTurn()?.turnId === turnId && textarea.dataset.turn === turnId) {
      if (textarea.value.trim() === '') {
        textarea.value = text;
        updateCounter();
      }
      store.setDraft(turnId, textarea.value);
      formError.textContent = `Your answer was not accepted: ${message}`;
    } else {
      store.setDraft(turnId, '');
      toast(`Your answer was not accepted: ${message}`, 'error');
    }
  }

  function showDeleted(): void {
    countdown.stop();
    window.clearTimeout(draftTimer);
    root.replaceChildren(
      h(
        'section',
        { class: 'panel empty' },
        h('h1', { attrs: { tabindex: '-1' } }, 'This interview was deleted'),
        h('p', null, 'It was deleted (perhaps from another tab), so it cannot go on. Its answers and feedback are gone.'),
        h('a', { class: 'btn btn-primary', attrs: { href: '#/start' } }, 'Start a new interview'),
      ),
    );
    announce('This interview was deleted.');
  }

  function showMissing(): void {
    countdown.stop();
    root.replaceChildren(
      h(
        'section',
        { class: 'panel empty' },
        h('h1', { attrs: { tabindex: '-1' } }, 'Interview not found'),
        h('p', null, 'It may have been deleted, or it belongs to another profile.'),
        h('a', { class: 'btn btn-primary', attrs: { href: '#/start' } }, 'Start a new interview'),
      ),
    );
  }

  function renderAll(): void {
    for (const message of controller.messages) render(message, false);
    // Answers still waiting for the server (e.g. submitted offline before a reload).
    for (const [turnId, answer] of controller.answers) if (!answer.accepted) showAnswer(turnId, false);
    refreshComposer(true);
    log.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }

  const unsubscribe = controller.subscribe(onEvent);
  if (controller.sessionId === sessionId) {
    renderAll();
    controller.follow(sessionId);
  } else {
    controller
      .open(sessionId)
      .then(renderAll)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) showMissing();
        else toast(errorMessage(error), 'error');
      });
  }

  return () => {
    disposed = true;
    voice?.destroy();
    speaker?.stop();
    saveDraft();
    unsubscribe();
    countdown.stop();
    window.clearTimeout(draftTimer);
    for (const destroy of destroyers) destroy();
  };
}
