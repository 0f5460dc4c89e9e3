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
