import { h } from './dom.js';

/** A modal confirmation built on <dialog> (focus trap, Escape to cancel); resolves true on confirm. */
export function confirmDialog(options: { title: string; body: string; confirm: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    const cancel = h('button', { class: 'btn btn-ghost', attrs: { type: 'button', value: 'cancel' } }, 'Cancel');
    const ok = h('button', { class: ['btn', options.danger ? 'btn-danger' : 'btn-primary'], attrs: { type: 'button', value: 'ok' } }, options.confirm);
    const titleId = `dialog-title-${Date.now()}`;
    const dialog = h(
      'dialog',
      { class: 'dialog', attrs: { 'aria-labelledby': titleId } },
      h('h2', { attrs: { id: titleId } }, options.title),
      h('p', null, options.body),
      h('div', { class: 'dialog-actions' }, cancel, ok),
    );
    let answered = false;
    const finish = (value: boolean) => {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    cancel.addEventListener('click', () => finish(false));
    ok.addEventListener('click', () => finish(true));
    dialog.addEventListener('close', () => finish(false));
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

/** A modal with a single text field; resolves with the value, or null when cancelled. */
export function promptDialog(options: { title: string; label: string; value: string; confirm: string; hint?: string }): Promise<string | null> {
  return new Promise((resolve) => {
    const inputId = `dialog-input-${Date.now()}`;
    const titleId = `${inputId}-title`;
    const input = h('input', { attrs: { id: inputId, type: 'text', maxlength: 80, autocomplete: 'nickname' } });
    input.value = options.value;
    const cancel = h('button', { class: 'btn btn-ghost', attrs: { type: 'button' } }, 'Cancel');
    const ok = h('button', { class: 'btn btn-primary', attrs: { type: 'submit' } }, options.confirm);
    const form = h(
      'form',
      { attrs: { method: 'dialog' } },
      h('h2', { attrs: { id: titleId } }, options.title),
      h('label', { class: 'field-label', attrs: { for: inputId } }, options.label),
      input,
      options.hint ? h('p', { class: 'hint' }, options.hint) : null,
      h('div', { class: 'dialog-actions' }, cancel, ok),
    );
    const dialog = h('dialog', { class: 'dialog', attrs: { 'aria-labelledby': titleId } }, form);
    let answered = false;
    const finish = (value: string | null) => {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      finish(input.value.trim());
    });
    cancel.addEventListener('click', () => finish(null));
    dialog.addEventListener('close', () => finish(null));
    document.body.append(dialog);
    dialog.showModal();
    input.select();
  });
}
