import { MAX_DISPUTE_NOTE_CHARS, type Dispute } from '../../../contracts/dispute-schema.js';
import { errorMessage } from '../api.js';
import { disputeStore } from '../disputes.js';
import { h, uniqueId } from '../dom.js';

export interface ContestTarget {
  feedbackId: string;
  /** A dimension key, or null for the overall score. */
  dimension: string | null;
  /** How the score is named to the user: "Situation", "overall". */
  label: string;
  /** The score the grader gave. */
  score: number;
}

const SCORES = [1, 2, 3, 4, 5] as const;

function describe(dispute: Dispute): string {
  return `You contested this score: you expected ${dispute.expected}/5${dispute.note ? ` (“${dispute.note}”)` : ''}.`;
}

/**
 * "Contest" on one score of a feedback card: an inline form (never a native dialog) with the score the
 * candidate expected and an optional note. Escape closes it and focus returns to the button that opened it.
 */
export function contestControl(target: ContestTarget): HTMLElement {
  const formId = uniqueId('contest');
  const noteId = uniqueId('contest-note');
  const choiceName = uniqueId('contest-score');
  const subject = target.dimension === null ? 'the overall score' : `the ${target.label} score`;
  let current = disputeStore.get(target.feedbackId)?.find((dispute) => dispute.dimension === target.dimension);

  const status = h('p', { class: 'contest-status', attrs: { role: 'status' } });
  const toggleText = h('span');
  const toggle = h(
    'button',
    { class: 'btn btn-link btn-small contest-toggle', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': formId } },
    toggleText,
    // The overall control stands alone under the dimensions, so it names its subject on screen.
    h('span', { class: target.dimension === null ? undefined : 'visually-hidden' }, ` ${subject}`),
  );
  const withdraw = h(
    'button',
    { class: 'btn btn-link btn-small contest-withdraw', attrs: { type: 'button' } },
    'Withdraw',
    h('span', { class: 'visually-hidden' }, ` your dispute of ${subject}`),
  );
  const choices = SCORES.map((score) =>
    h('input', { attrs: { type: 'radio', name: choiceName, value: score, id: `${choiceName}-${score}` } }),
  );
  const note = h('textarea', {
    attrs: { id: noteId, rows: 2, maxlength: MAX_DISPUTE_NOTE_CHARS, placeholder: 'e.g. My last sentence gives the measured result.' },
  });
  const error = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  const send = h('button', { class: 'btn btn-primary btn-small', attrs: { type: 'submit' } }, 'Send');
  const cancel = h('button', { class: 'btn btn-ghost btn-small', attrs: { type: 'button' } }, 'Cancel');
  const form = h(
    'form',
    { class: 'contest-form', attrs: { id: formId, hidden: true, novalidate: true, 'aria-label': `Contest ${subject}` } },
    h(
      'fieldset',
      { class: 'contest-scores' },
      h('legend', null, target.dimension === null ? 'What should the overall score be?' : `What should ${target.label} score?`),
      SCORES.map((score, index) =>
        h('label', { class: 'contest-choice', attrs: { for: `${choiceName}-${score}` } }, choices[index], String(score)),
      ),
    ),
    h('label', { class: 'field-label', attrs: { for: noteId } }, 'Why? (optional)'),
    note,
    error,
    h('div', { class: 'form-actions' }, send, cancel),
  );

  function render(): void {
    status.textContent = current ? describe(current) : '';
    status.hidden = current === undefined;
    toggleText.textContent = current ? 'Change' : 'Contest';
    withdraw.hidden = current === undefined;
  }

  function open(): void {
    form.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    error.textContent = '';
    note.value = current?.note ?? '';
    for (const choice of choices) choice.checked = current !== undefined && Number(choice.value) === current.expected;
    (choices.find((choice) => choice.checked) ?? choices[0])?.focus();
  }

  function close(): void {
    form.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    toggle.focus();
  }

  toggle.addEventListener('click', async () => {
    if (!form.hidden) {
      close();
      return;
    }
    if (disputeStore.get(target.feedbackId) === undefined) {
      // Cards drawn from a replayed interview do not carry their disputes: read them before editing.
      toggle.disabled = true;
      try {
        current = (await disputeStore.load(target.feedbackId)).find((dispute) => dispute.dimension === target.dimension);
        render();
      } catch (failure) {
        status.hidden = false;
        status.textContent = `Could not read your disputes: ${errorMessage(failure)}`;
        return;
      } finally {
        toggle.disabled = false;
      }
    }
    open();
  });

  cancel.addEventListener('click', close);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = choices.find((choice) => choice.checked);
    if (!chosen) {
      error.textContent = 'Choose the score you expected.';
      choices[0]?.focus();
      return;
    }
    const expected = Number(chosen.value);
    if (target.dimension !== null && expected === target.score) {
      error.textContent = `${target.score} is the score it has; choose the one you expected instead.`;
      chosen.focus();
      return;
    }
    send.disabled = true;
    try {
      const text = note.value.trim();
      current = await disputeStore.contest(target.feedbackId, {
        ...(target.dimension === null ? {} : { dimension: target.dimension }),
        expected,
        ...(text === '' ? {} : { note: text }),
      });
      render();
      close();
    } catch (failure) {
      error.textContent = `Could not send: ${errorMessage(failure)}`;
    } finally {
      send.disabled = false;
    }
  });

  withdraw.addEventListener('click', async () => {
    if (!current) return;
    withdraw.disabled = true;
    try {
      await disputeStore.withdraw(target.feedbackId, current);
      current = undefined;
      render();
      status.hidden = false;
      status.textContent = 'Dispute withdrawn.';
      toggle.focus();
    } catch (failure) {
      status.hidden = false;
      status.textContent = `Could not withdraw: ${errorMessage(failure)}`;
    } finally {
      withdraw.disabled = false;
    }
  });

  render();
  return h(
    'div',
    { class: 'contest', dataset: { dimension: target.dimension ?? 'overall' } },
    h('div', { class: 'contest-row' }, status, toggle, withdraw),
    form,
  );
}
