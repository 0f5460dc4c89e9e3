/*
 * Screen-reader announcements that are not part of the chat log (which is its own polite live region):
 * the timer's milestones, saved/failed states. Re-setting the text after a tick makes repeated
 * announcements of the same words heard again.
 */

function region(id: string): HTMLElement | null {
  return document.getElementById(id);
}

export function announce(text: string, politeness: 'polite' | 'assertive' = 'polite'): void {
  const target = region(politeness === 'assertive' ? 'announcer-assertive' : 'announcer');
  if (!target) return;
  target.textContent = '';
  window.setTimeout(() => {
    target.textContent = text;
  }, 50);
}
