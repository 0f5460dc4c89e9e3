import { DELIVERY_GUIDE, type Delivery, type SpokenAnswer } from '../../../contracts/voice-schemas.js';
import { api, errorMessage } from '../api.js';
import { formatClock, h, uniqueId } from '../dom.js';

/** The pace scale runs from 60 to 220 words per minute; the guide is the band inside it. */
const SCALE_MIN = 60;
const SCALE_MAX = 220;
const position = (wpm: number) => `${(Math.min(SCALE_MAX, Math.max(SCALE_MIN, wpm)) - SCALE_MIN) / (SCALE_MAX - SCALE_MIN) * 100}%`;

const quoted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([word, count]) => `“${word}” ×${count}`)
    .join(', ');

function paceText(delivery: Delivery): { line: string; tip: string | null } {
  const guide = `${DELIVERY_GUIDE.paceMin}–${DELIVERY_GUIDE.paceMax}`;
  if (delivery.wordsPerMinute === null) return { line: 'Pace unknown: the answer was too short to time.', tip: null };
  const wpm = `${delivery.wordsPerMinute} words per minute`;
  if (delivery.pace === 'slow') return { line: `${wpm}: slower than the ${guide} guide.`, tip: 'Keep sentences moving; a short silent pause between points is better than a long one mid-sentence.' };
  if (delivery.pace === 'fast') return { line: `${wpm}: faster than the ${guide} guide.`, tip: 'Slow down a little and pause after each point so it lands.' };
  return { line: `${wpm}: within the ${guide} guide.`, tip: null };
}

/**
 * How a spoken answer was delivered: pace against the 120–160 words-per-minute guide (with a scale), filler
 * words, long pauses and hedges. Everything is text; the numbers come from the server's metrics.
 */
export function deliverySection(delivery: Delivery, options: { durationSec?: number } = {}): HTMLElement {
  const titleId = uniqueId('delivery');
  const pace = paceText(delivery);
  const scale =
    delivery.wordsPerMinute === null
      ? null
      : (() => {
          const band = h('span', { class: 'pace-band' });
          band.style.left = position(DELIVERY_GUIDE.paceMin);
          band.style.width = `calc(${position(DELIVERY_GUIDE.paceMax)} - ${position(DELIVERY_GUIDE.paceMin)})`;
          const marker = h('span', { class: ['pace-marker', `pace-${delivery.pace ?? 'good'}`] });
          marker.style.left = position(delivery.wordsPerMinute);
          return h('div', { class: 'pace-scale', attrs: { 'aria-hidden': 'true' } }, band, marker);
        })();
  const fillers =
    delivery.fillerCount === 0
      ? 'No filler words.'
      : `${delivery.fillerCount} filler${delivery.fillerCount === 1 ? '' : 's'} (${delivery.fillerRate} per 100 words): ${quoted(delivery.fillerWords)}.`;
  const pauses =
    delivery.longPauses === null
      ? 'Long pauses: unknown (the speech-to-text server gave no word timings).'
      : delivery.longPauses.length === 0
        ? `No long pauses (${DELIVERY_GUIDE.longPauseSec} s or more).`
        : `${delivery.longPauses.length} long pause${delivery.longPauses.length === 1 ? '' : 's'} (${DELIVERY_GUIDE.longPauseSec} s or more): ${delivery.longPauses
            .map((pause) => `${pause.durationSec.toFixed(1)} s at ${formatClock(pause.atSec * 1000)}`)
            .join(', ')}.`;
  const tips = [
    pace.tip,
    delivery.fillerRate >= 5 ? 'Replace fillers with a short silent pause: it sounds more confident.' : null,
    delivery.longPauses && delivery.longPauses.length > 0 ? 'Bridge a long silence out loud (“let me think about the trade-off for a second”).' : null,
  ].filter((tip): tip is string => tip !== null);

  return h(
    'section',
    { class: 'delivery', attrs: { 'aria-labelledby': titleId }, dataset: { pace: delivery.pace ?? 'unknown' } },
    h('h4', { attrs: { id: titleId } }, 'Delivery', options.durationSec === undefined ? null : h('span', { class: 'delivery-length' }, ` · spoken for ${formatClock(options.durationSec * 1000)}`)),
    h('p', { class: 'delivery-pace' }, pace.line),
    scale,
    h('p', { class: 'delivery-fillers' }, fillers),
    h('p', { class: 'delivery-pauses' }, pauses),
    delivery.hedgeCount > 0 ? h('p', { class: 'delivery-hedges' }, `Hedges: ${quoted(delivery.hedges)}.`) : null,
    tips.length > 0 ? h('ul', { class: 'delivery-tips' }, tips.map((tip) => h('li', null, tip))) : null,
  );
}

/** "Spoken · 1:05" on an answer, with a player for the kept recording (loaded on demand). */
export function spokenNote(spoken: SpokenAnswer): HTMLElement {
  const note = h('div', { class: 'spoken-note' }, h('span', { class: 'spoken-label' }, `Spoken · ${formatClock(spoken.durationSec * 1000)}`));
  if (!spoken.audio) return note;
  const button = h('button', { class: ['btn', 'btn-ghost', 'btn-small'], attrs: { type: 'button' } }, 'Play recording');
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Loading…';
    try {
      const blob = await api.recording(spoken.transcriptionId);
      const player = h('audio', { class: 'spoken-player', attrs: { controls: true, preload: 'auto', 'aria-label': 'Your recorded answer' } });
      player.src = URL.createObjectURL(blob);
      button.replaceWith(player);
      await player.play().catch(() => undefined);
    } catch (error) {
      button.disabled = false;
      button.textContent = 'Play recording';
      note.append(h('span', { class: 'form-error' }, ` ${errorMessage(error)}`));
    }
  });
  note.append(button);
  return note;
}
