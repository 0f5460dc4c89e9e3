import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { formatDate, h } from './dom.js';

/*
 * Chart.js, tree-shaken to what the summary and progress pages draw. It sizes canvases through
 * element.style (CSSOM), which the page's `style-src 'self'` allows; it injects no stylesheet.
 * Every chart also comes with the same numbers as a table for screen readers and keyboard users.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

const PALETTE = ['#4356c8', '#1f8a5b', '#c2410c', '#7c3aed', '#0e7490', '#b7791f', '#be185d', '#475569', '#15803d', '#9333ea'];

export function paletteColor(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#4356c8';
}

export function reducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'system-ui, sans-serif';
Chart.defaults.color = '#4b5565';
Chart.defaults.borderColor = '#e6e8ee';

/** A chart in a sized box, with its data as a table behind a disclosure. Returns the wrapper and a destroy hook. */
export function chartFigure(label: string, config: ChartConfiguration, table: HTMLTableElement, className: string): { element: HTMLElement; destroy: () => void } {
  const canvas = h('canvas', { attrs: { role: 'img', 'aria-label': label } });
  const box = h('div', { class: ['chart-box', className] }, canvas);
  const figure = h(
    'figure',
    { class: 'chart' },
    box,
    h('details', { class: 'chart-table' }, h('summary', null, 'Show the numbers'), table),
  );
  const chart = new Chart(canvas, config);
  return { element: figure, destroy: () => chart.destroy() };
}

export function dataTable(caption: string, head: string[], rows: Array<Array<string | number>>): HTMLTableElement {
  return h(
    'table',
    { class: 'data-table' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, head.map((cell) => h('th', { attrs: { scope: 'col' } }, cell)))),
    h(
      'tbody',
      null,
      rows.map((row) => h('tr', null, row.map((cell, index) => (index === 0 ? h('th', { attrs: { scope: 'row' } }, String(cell)) : h('td', null, String(cell)))))),
    ),
  );
}

/** Horizontal bars of scores out of 5 (the session summary's dimension averages). */
export function scoreBars(title: string, items: Array<{ label: string; value: number }>): { element: HTMLElement; destroy: () => void } {
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: items.map((item) => item.label),
      datasets: [
        {
          label: 'Average score',
          data: items.map((item) => item.value),
          backgroundColor: items.map((item) => (item.value >= 4 ? '#1f8a5b' : item.value >= 3 ? '#4356c8' : '#c2410c')),
          borderRadius: 6,
          barThickness: 16,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion() ? false : { duration: 400 },
      scales: {
        x: { min: 0, max: 5, ticks: { stepSize: 1 }, grid: { color: '#eef0f4' } },
        y: { grid: { display: false } },
      },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (context) => ` ${context.formattedValue} / 5` } } },
    },
  };
  const summary = items.map((item) => `${item.label} ${item.value.toFixed(1)}`).join(', ');
  const table = dataTable(title, ['Dimension', 'Average (of 5)'], items.map((item) => [item.label, item.value.toFixed(1)]));
  const figure = chartFigure(`${title}: ${summary}`, config, table, 'chart-bars');
  const box = figure.element.querySelector('.chart-box');
  if (box instanceof HTMLElement) box.style.height = `${Math.max(140, items.length * 30 + 40)}px`;
  return figure;
}

export interface Series {
  label: string;
  points: Array<{ at: string; score: number; sessionId?: string | null }>;
}

/** Tick labels for a time axis: the time of day within a day and a half, else the date. */
function timeTick(times: readonly number[]): (value: number) => string {
  const span = times.length > 0 ? Math.max(...times) - Math.min(...times) : 0;
  if (span >= 36 * 3_600_000) return formatDate;
  return (value: number) =>
    new Date(value).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', ...(span < 600_000 ? { second: '2-digit' } : {}) });
}

/**
 * The time axis runs from the first point to the last, no further (Chart.js would otherwise round it out to
 * "nice" ticks past the data); a single point gets an hour before it so it is not drawn on the edge.
 */
function timeBounds(times: readonly number[]): { min: number; max: number } | Record<string, never> {
  if (times.length === 0) return {};
  const max = Math.max(...times);
  const min = Math.min(...times);
  return { min: min === max ? max - 3_600_000 : min, max };
}

/**
 * Scores over time, one line per series; x is time (a linear axis labelled with dates, no date adapter
 * needed). Monotone interpolation: a curve never goes past its points, so it stays inside the 1–5 scale.
 */
export function scoreLines(title: string, series: Series[]): { element: HTMLElement; destroy: () => void } {
  const times = series.flatMap((entry) => entry.points.map((point) => Date.parse(point.at)));
  const tick = timeTick(times);
  // One line (a small multiple) needs no legend and little room; several share a larger chart.
  const compact = series.length === 1;
  const config: ChartConfiguration<'line', Array<{ x: number; y: number }>> = {
    type: 'line',
    data: {
      datasets: series.map((entry, index) => ({
        label: entry.label,
        data: entry.points.map((point) => ({ x: Date.parse(point.at), y: point.score })),
        borderColor: paletteColor(index),
        backgroundColor: paletteColor(index),
        cubicInterpolationMode: 'monotone',
        pointRadius: 3,
        borderWidth: 2,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion() ? false : { duration: 400 },
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: { type: 'linear', ...timeBounds(times), ticks: { maxTicksLimit: compact ? 3 : 6, callback: (value) => tick(Number(value)) }, grid: { color: '#eef0f4' } },
        y: { min: 1, max: 5, ticks: { stepSize: 1 }, grid: { color: '#eef0f4' } },
      },
      plugins: {
        legend: compact ? { display: false } : { position: 'bottom', labels: { boxWidth: 10, boxHeight: 10, usePointStyle: true } },
        tooltip: { callbacks: { title: (items) => (items[0] ? new Date(items[0].parsed.x ?? 0).toLocaleString() : '') } },
      },
    },
  };
  // Every point, oldest first, with where it came from.
  const rows = series.flatMap((entry) =>
    entry.points.map((point) => [
      ...(series.length > 1 ? [entry.label] : []),
      new Date(point.at).toLocaleString(),
      point.score.toFixed(1),
      point.sessionId === undefined ? '' : point.sessionId === null ? 'Quick feedback' : 'Interview',
    ]),
  );
  const hasSource = series.some((entry) => entry.points.some((point) => point.sessionId !== undefined));
  const head = [...(series.length > 1 ? ['Series'] : []), 'When', 'Score (of 5)', ...(hasSource ? ['From'] : [])];
  const table = dataTable(title, head, hasSource ? rows : rows.map((row) => row.slice(0, -1)));
  const averages = series.map((entry) => {
    const scores = entry.points.map((point) => point.score);
    const average = scores.reduce((sum, score) => sum + score, 0) / (scores.length || 1);
    return `${entry.label} averages ${average.toFixed(1)} over ${scores.length} answer${scores.length === 1 ? '' : 's'}`;
  });
  return chartFigure(`${title}: ${averages.join(', ')}`, config, table, compact ? 'chart-small' : 'chart-lines');
}
