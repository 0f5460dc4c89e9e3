import { h } from './dom.js';

/** A short message at the bottom of the screen; errors stay until dismissed. */
export function toast(text: string, kind: 'info' | 'error' = 'info'): void {
  const host = document.getElementById('toasts');
  if (!host) return;
  const close = h('button', { class: 'toast-close', attrs: { type: 'button', 'aria-label': 'Dismiss' } }, '×');
  const item = h('div', { class: ['toast', `toast-${kind}`], attrs: { role: kind === 'error' ? 'alert' : 'status' } }, h('span', null, text), close);
  close.addEventListener('click', () => item.remove());
  host.append(item);
  if (kind === 'info') window.setTimeout(() => item.remove(), 5_000);
}
