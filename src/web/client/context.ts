import type { InterviewMode } from '../../contracts/protocol.js';
import type { InterviewController } from './interview-controller.js';
import type { Identity } from './profile.js';

/** What every view gets: who is signed in, the interview being followed, and navigation. */
export interface AppContext {
  identity: Identity;
  controller: InterviewController;
  /** True on the visit that created the profile, until the welcome is dismissed. */
  firstVisit: boolean;
  navigate(hash: string, options?: { replace?: boolean }): void;
  /** Re-renders the header after a profile change. */
  refreshProfile(identity: Identity): void;
}

/** What a view returns: called when the user navigates away. */
export type Cleanup = () => void;

export interface Route {
  /** Path segments after `#/`, e.g. ['replay', 's_123']. */
  segments: string[];
  query: URLSearchParams;
}

/** `#/start?topics=a` → link for topics to practise (and start at once when `go`). */
export function practiseHref(topics: readonly string[], go = true): string {
  const query = new URLSearchParams();
  for (const topic of topics) query.append('topic', topic);
  if (go) query.set('go', '1');
  return `#/start?${query.toString()}`;
}

/** `#/start?retake=…` → an interview over exactly these corpus questions, started at once (a retake). */
export function retakeHref(questionIds: readonly string[], mode: InterviewMode = 'mixed'): string {
  const query = new URLSearchParams();
  for (const id of questionIds) query.append('retake', id);
  query.set('mode', mode);
  return `#/start?${query.toString()}`;
}
