import { announce } from '../announce.js';
import { formatClock, h, spokenDuration } from '../dom.js';

/** The last stretch, shown in the urgent colour and announced. */
export const URGENT_MS = 20_000;

export interface CountdownTarget {
  /** Server epoch ms of the deadline. */
  deadline: number;
  /** Total time of the turn in ms, for the bar. */
  total: number;
}

/**
 * Renders the time left on a turn. `now` gives the server's time (the page corrects its own clock with the
 * messages' `at`), so the display follows the server's deadline, not the local clock. The display itself
 * is not a live region; only milestones are announced (a minute left, 20 seconds left, time up).
 */
export class Countdown {
  readonly element: HTMLElement;
  private readonly digits: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly caption: HTMLElement;
  private target: CountdownTarget | null = null;
  private timer: number | undefined;
  private announced = new Set<string>();
  private last = '';

  constructor(
    private readonly now: () => number,
    private readonly hooks: { onNearlyOver?: () => void; announce?: boolean } = {},
  ) {
    this.digits = h('span', { class: 'timer-digits' }, '–:––');
    this.caption = h('span', { class: 'timer-caption' }, 'left');
    this.fill = h('span', { class: 'timer-fill' });
    this.element = h(
      'div',
      { class: 'timer', attrs: { role: 'timer', 'aria-label': 'Time left for this question' } },
      h('span', { class: 'timer-row' }, this.digits, this.caption),
      h('span', { class: 'timer-bar', attrs: { 'aria-hidden': 'true' } }, this.fill),
    );
    this.element.hidden = true;
  }

  set(target: CountdownTarget | null): void {
    this.target = target;
    this.announced.clear();
    this.last = '';
    window.clearInterval(this.timer);
    this.element.hidden = target === null;
    if (target === null) return;
    // Milestones already behind us when the turn is (re)shown are not announced.
    const left = target.deadline - this.now();
    if (left <= 60_000) this.announced.add('minute');
    if (left <= URGENT_MS) this.announced.add('urgent');
    this.render();
    this.timer = window.setInterval(() => this.render(), 250);
  }

  /** Shows the time left at a given moment (replay): no interval, no announcements. */
  show(target: CountdownTarget | null, at: number): void {
    window.clearInterval(this.timer);
    this.target = target;
    this.element.hidden = target === null;
    if (target) this.paint(target.deadline - at, target.total);
  }

  stop(): void {
    window.clearInterval(this.timer);
    this.target = null;
    this.element.hidden = true;
  }

  private render(): void {
    const target = this.target;
    if (!target) return;
    const left = target.deadline - this.now();
    this.paint(left, target.total);
    if (this.hooks.announce === false) return;
    if (left <= 60_000 && left > URGENT_MS && target.total > 90_000 && !this.announced.has('minute')) {
      this.announced.add('minute');
      announce('One minute left for this question.');
    }
    if (left <= URGENT_MS && left > 0 && !this.announced.has('urgent')) {
      this.announced.add('urgent');
      announce(`${spokenDuration(left)} left. Submit your answer soon.`, 'assertive');
    }
    if (left <= 2_000 && !this.announced.has('flush')) {
      this.announced.add('flush');
      this.hooks.onNearlyOver?.();
    }
    if (left <= 0 && !this.announced.has('over')) {
      this.announced.add('over');
      announce('Time is up for this question.', 'assertive');
      window.clearInterval(this.timer);
    }
  }

  private paint(left: number, total: number): void {
    const text = left > 0 ? formatClock(left) : '0:00';
    if (text !== this.last) {
      this.last = text;
      this.digits.textContent = text;
      this.caption.textContent = left > 0 ? 'left' : "time's up";
    }
    this.element.classList.toggle('timer-urgent', left <= URGENT_MS);
    this.element.classList.toggle('timer-over', left <= 0);
    this.fill.style.width = `${Math.max(0, Math.min(1, left / Math.max(1, total))) * 100}%`;
  }
}
