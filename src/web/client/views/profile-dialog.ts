import { api, errorMessage } from '../api.js';
import { formatDateTime, h } from '../dom.js';
import { adoptProfile, type Identity } from '../profile.js';
import { toast } from '../toast.js';

/**
 * The profile: its name, a recovery code to carry it to another device (shown once, with a copy button),
 * and the other way round, a code from another device to use its profile here.
 */
export function openProfileDialog(identity: Identity, onSaved: (next: Identity) => void): void {
  let current = identity;
  const stamp = Date.now();
  const titleId = `profile-title-${stamp}`;
  const nameId = `profile-name-${stamp}`;
  const codeInputId = `profile-code-${stamp}`;

  const nameInput = h('input', { attrs: { id: nameId, type: 'text', maxlength: 80, autocomplete: 'nickname' } });
  nameInput.value = identity.name ?? '';
  const nameForm = h(
    'form',
    { class: 'profile-section' },
    h('label', { class: 'field-label', attrs: { for: nameId } }, 'Name'),
    h('div', { class: 'inline-field' }, nameInput, h('button', { class: 'btn btn-primary', attrs: { type: 'submit' } }, 'Save name')),
    h('p', { class: 'hint' }, 'Shown only to you.'),
  );
  nameForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    api
      .rename(name === '' ? null : name)
      .then((profile) => {
        current = { ...current, ...profile };
        onSaved(current);
        toast('Profile saved.');
      })
      .catch((error: unknown) => toast(`Could not save the name: ${errorMessage(error)}`, 'error'));
  });

  const codeSlot = h('div', { class: 'recovery-slot', attrs: { 'aria-live': 'polite' } });
  const codeStatus = h('p', { class: 'hint' });
  const makeButton = h('button', { class: 'btn btn-ghost', attrs: { type: 'button' } });
  const revokeButton = h('button', { class: 'btn btn-ghost btn-danger-text', attrs: { type: 'button' } }, 'Revoke the code');
  const showStatus = () => {
    const made = current.recoveryCodeCreatedAt;
    codeStatus.textContent = made === null ? 'This profile has no recovery code.' : `A recovery code was made on ${formatDateTime(made)}.`;
    makeButton.textContent = made === null ? 'Make a recovery code' : 'Make a new code (the old one stops working)';
    revokeButton.hidden = made === null;
  };
  showStatus();

  makeButton.addEventListener('click', () => {
    api
      .createRecoveryCode()
      .then(({ code, createdAt }) => {
        current = { ...current, recoveryCodeCreatedAt: createdAt };
        onSaved(current);
        showStatus();
        const output = h('output', { class: 'recovery-code', attrs: { 'aria-label': 'Your recovery code' } }, code);
        const copy = h('button', { class: 'btn btn-primary btn-small', attrs: { type: 'button' } }, 'Copy');
        copy.addEventListener('click', () => {
          navigator.clipboard
            .writeText(code)
            .then(() => toast('Recovery code copied.'))
            .catch(() => {
              // No clipboard permission: select the code so the user can copy it themselves.
              const range = document.createRange();
              range.selectNodeContents(output);
              window.getSelection()?.removeAllRanges();
              window.getSelection()?.addRange(range);
              toast('Copy it by hand: the code is selected.', 'error');
            });
        });
        codeSlot.replaceChildren(
          h('div', { class: 'recovery-box' }, output, copy),
          h('p', { class: 'hint' }, 'Shown only this once: keep it somewhere safe, like a password manager. Anyone who has it can open this profile.'),
        );
        copy.focus();
      })
      .catch((error: unknown) => toast(`Could not make a recovery code: ${errorMessage(error)}`, 'error'));
  });
  revokeButton.addEventListener('click', () => {
    api
      .revokeRecoveryCode()
      .then(() => {
        current = { ...current, recoveryCodeCreatedAt: null };
        onSaved(current);
        codeSlot.replaceChildren();
        showStatus();
        makeButton.focus();
        toast('Recovery code revoked.');
      })
      .catch((error: unknown) => toast(`Could not revoke the code: ${errorMessage(error)}`, 'error'));
  });

  const codeInput = h('input', { attrs: { id: codeInputId, type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 100, 'aria-describedby': `${codeInputId}-hint` } });
  const useError = h('p', { class: 'form-error', attrs: { role: 'alert' } });
  useError.hidden = true;
  const useForm = h(
    'form',
    { class: 'profile-section' },
    h('h3', null, 'Use a profile from another device'),
    h('label', { class: 'field-label', attrs: { for: codeInputId } }, 'Recovery code'),
    h('div', { class: 'inline-field' }, codeInput, h('button', { class: 'btn btn-ghost', attrs: { type: 'submit' } }, 'Use this code')),
    h('p', { class: 'hint', attrs: { id: `${codeInputId}-hint` } }, 'This browser switches to that profile. Its current profile stays on the server, reachable only through its own recovery code.'),
    useError,
  );
  useForm.addEventListener('submit', (event) => {
    event.preventDefault();
    useError.hidden = true;
    api
      .recover(codeInput.value)
      .then((created) => {
        adoptProfile(created);
        location.hash = '#/start';
        location.reload();
      })
      .catch((error: unknown) => {
        useError.textContent = `That did not work: ${errorMessage(error)}`;
        useError.hidden = false;
        codeInput.focus();
      });
  });

  const close = h('button', { class: 'btn btn-ghost', attrs: { type: 'button' } }, 'Close');
  const dialog = h(
    'dialog',
    { class: 'dialog dialog-wide', attrs: { 'aria-labelledby': titleId } },
    h('h2', { attrs: { id: titleId } }, 'Your profile'),
    nameForm,
    h(
      'section',
      { class: 'profile-section' },
      h('h3', null, 'Take this profile to another device'),
      h('p', { class: 'hint' }, 'Your profile lives in this browser. A recovery code opens it on another device, or here again after clearing the browser.'),
      codeStatus,
      h('div', { class: 'dialog-row' }, makeButton, revokeButton),
      codeSlot,
    ),
    useForm,
    h('div', { class: 'dialog-actions' }, close),
  );
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  nameInput.focus();
}
