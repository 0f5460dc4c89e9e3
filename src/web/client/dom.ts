/*
 * The only way the UI builds elements. Text always goes in through text nodes, so model output and
 * user input can never become markup; attributes that would execute or style inline are refused,
 * because the page's CSP forbids them and they are how injected HTML usually runs.
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Listeners = { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

export interface Props {
  class?: string | readonly (string | false | null | undefined)[];
  /** Attributes set with setAttribute; `true` sets an empty attribute, `false`/undefined leaves it out. */
  attrs?: Record<string, string | number | boolean | undefined | null>;
  on?: Listeners;
  dataset?: Record<string, string>;
}

const FORBIDDEN_ATTRIBUTE = /^(on|style$|srcdoc$)/i;
const SAFE_URL = /^(#|\/(?!\/)|blob:|mailto:)/;

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (typeof child === 'string' || typeof child === 'number') parent.appendChild(document.createTextNode(String(child)));
    else if (child instanceof Node) parent.appendChild(child);
    else append(parent, ...child);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props) {
    const classes = typeof props.class === 'string' ? [props.class] : (props.class ?? []);
    for (const name of classes) if (name) element.classList.add(...name.split(' ').filter(Boolean));
    for (const [name, value] of Object.entries(props.attrs ?? {})) {
      if (value === undefined || value === null || value === false) continue;
      if (FORBIDDEN_ATTRIBUTE.test(name)) throw new Error(`dom: attribute ${name} is not allowed`);
      const text = value === true ? '' : String(value);
      if ((name === 'href' || name === 'src' || name === 'action') && !SAFE_URL.test(text)) {
        throw new Error(`dom: unsafe URL in ${name}`);
      }
      element.setAttribute(name, text);
    }
    for (const [key, value] of Object.entries(props.dataset ?? {})) element.dataset[key] = value;
    if (props.on) listen(element, props.on);
  }
  append(element, ...children);
  return element;
}

/** Attaches typed listeners to an element. */
export function listen(element: HTMLElement, listeners: Listeners): void {
  for (const type of Object.keys(listeners)) {
    if (isEventName(type)) addListener(element, type, listeners);
  }
}

function addListener<K extends keyof HTMLElementEventMap>(element: HTMLElement, type: K, listeners: Listeners): void {
  const listener = listeners[type];
  if (listener) element.addEventListener(type, listener);
}

function isEventName(name: string): name is keyof HTMLElementEventMap {
  return `on${name}` in HTMLElement.prototype;
}

export function clear(element: Element): void {
  element.replaceChildren();
}

/** Replaces an element's content with text (never markup). */
export function setText(element: Element, text: string): void {
  element.textContent = text;
}

export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id} is missing`);
  return element;
}

let uid = 0;
/** A page-unique id for label/aria wiring. */
export function uniqueId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Smooth scrolling unless the user asked for reduced motion. */
export function scrollBehavior(): ScrollBehavior {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

export function formatDateTime(value: string | number): string {
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(value: string | number): string {
  return new Date(value).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** m:ss for a duration in milliseconds (rounded up, so "0:01" shows until the last second is over). */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Spoken form of a duration, for announcements. */
export function spokenDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)} minute${seconds < 120 ? '' : 's'} ${seconds % 60} seconds`;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

export function scoreClass(score: number): string {
  if (score >= 4) return 'score-high';
  if (score >= 3) return 'score-mid';
  return 'score-low';
}

export function formatScore(score: number): string {
  return (Math.round(score * 10) / 10).toFixed(1);
}
