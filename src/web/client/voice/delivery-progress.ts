import type { ChartConfiguration } from 'chart.js';
import { DELIVERY_GUIDE, type DeliveryProgress } from '../../../contracts/voice-schemas.js';
import { chartFigure, dataTable, paletteColor, reducedMotion } from '../charts.js';
import { formatDateTime, h } from '../dom.js';

/**
 * The progress page's delivery panel: pace and fillers of every spoken answer over time, with the
 * 120–160 words-per-minute guide drawn as two dashed lines, and the same numbers as a table.
 */
export function deliveryPanel(progress: DeliveryProgress): { element: HTMLElement; destroy: () => void } {
  const times = progress.points.map((point) => Date.parse(point.at));
  // Padded, so that one answer still shows the guide lines around it.
  const pad = Math.max(3_600_000, (Math.max(...times) - Math.min(...times)) * 0.05);
  const first = Math.min(...times) - pad;
  const last = Math.max(...times) + pad;
  const tick =
    last - first < 36 * 3_600_000
      ? (value: number) => new Date(value).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
      : (value: number) => new Date(value).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  const guideLine = (value: number, label: string) => ({
    label,
    data: [
      { x: first, y: value },
      { x: last, y: value },
    ],
    borderColor: '#9aa3b5',
    borderDash: [6, 4],
    borderWidth: 1,
    pointRadius: 0,
    yAxisID: 'pace',
  });
  const config: ChartConfiguration<'line', Array<{ x: number; y: number | null }>> = {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'Words per minute',
          data: progress.points.map((point) => ({ x: Date.parse(point.at), y: point.wordsPerMinute })),
          borderColor: paletteColor(0),
          backgroundColor: paletteColor(0),
          pointRadius: 3,
          tension: 0.25,
          spanGaps: true,
          yAxisID: 'pace',
        },
        {
          label: 'Fillers per 100 words',
          data: progress.points.map((point) => ({ x: Date.parse(point.at), y: point.fillerRate })),
          borderColor: paletteColor(2),
          backgroundColor: paletteColor(2),
          pointRadius: 3,
          tension: 0.25,
          yAxisID: 'fillers',
        },
        guideLine(DELIVERY_GUIDE.paceMin, `Guide: ${DELIVERY_GUIDE.paceMin} wpm`),
        guideLine(DELIVERY_GUIDE.paceMax, `Guide: ${DELIVERY_GUIDE.paceMax} wpm`),
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion() ? false : { duration: 400 },
      scales: {
        x: { type: 'linear', min: first, max: last, ticks: { maxTicksLimit: 6, callback: (value) => tick(Number(value)) } },
        pace: { position: 'left', suggestedMin: 80, suggestedMax: 200, title: { display: true, text: 'words per minute' } },
        fillers: { position: 'right', min: 0, suggestedMax: 10, grid: { display: false }, title: { display: true, text: 'fillers per 100 words' } },
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 10 } } },
    },
  };
  const table = dataTable(
    'Delivery of spoken answers',
    ['Answer', 'Words per minute', 'Fillers per 100 words', 'Long pauses'],
    progress.points.map((point) => [
      formatDateTime(point.at),
      point.wordsPerMinute ?? '—',
      point.fillerRate,
      point.longPauses ?? 'unknown',
    ]),
  );
  const { averages } = progress;
  const label = `Delivery over time: average pace ${averages.wordsPerMinute ?? 'unknown'} words per minute, ${averages.fillerRate ?? 0} fillers per 100 words`;
  const figure = chartFigure(label, config, table, 'chart-lines');
  const element = h(
    'section',
    { class: 'panel chart-panel delivery-progress', attrs: { 'aria-labelledby': 'delivery-progress-title' } },
    h('h2', { attrs: { id: 'delivery-progress-title' } }, 'Delivery of spoken answers'),
    h(
      'div',
      { class: 'stats' },
      h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(progress.spokenAnswers)), h('span', { class: 'stat-label' }, progress.spokenAnswers === 1 ? 'spoken answer' : 'spoken answers')),
      h(
        'div',
        { class: 'stat' },
        h('span', { class: 'stat-value' }, averages.wordsPerMinute === null ? '—' : String(Math.round(averages.wordsPerMinute))),
        h('span', { class: 'stat-label' }, `words per minute on average (guide ${DELIVERY_GUIDE.paceMin}–${DELIVERY_GUIDE.paceMax})`),
      ),
      h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(averages.fillerRate ?? 0)), h('span', { class: 'stat-label' }, 'fillers per 100 words on average')),
    ),
    progress.topFillers.length > 0
      ? h('p', { class: 'hint' }, `Your most frequent fillers: ${progress.topFillers.map((filler) => `“${filler.word}” ×${filler.count}`).join(', ')}.`)
      : null,
    figure.element,
  );
  return { element, destroy: figure.destroy };
}
