import type { Dispute, NewDispute } from '../../contracts/dispute-schema.js';
import { api } from './api.js';

/*
 * The one owner of the page's knowledge of disputes, by feedback id. Feedback cards are rebuilt (a replay
 * scrubbed back, an interview resumed), so a card reads what was contested here rather than from the
 * feedback it was first drawn from.
 */
const known = new Map<string, Dispute[]>();
const loading = new Map<string, Promise<Dispute[]>>();

function withDispute(disputes: readonly Dispute[], dispute: Dispute): Dispute[] {
  return [...disputes.filter((other) => other.id !== dispute.id && other.dimension !== dispute.dimension), dispute];
}

export const disputeStore = {
  /** What this page knows, or undefined when it has not seen the feedback's disputes yet. */
  get: (feedbackId: string): readonly Dispute[] | undefined => known.get(feedbackId),

  /** Records disputes read with a feedback, unless the page already knows newer ones. */
  seed(feedbackId: string, disputes: readonly Dispute[]): void {
    if (!known.has(feedbackId)) known.set(feedbackId, [...disputes]);
  },

  /** The feedback's disputes, from the server when this page has not seen them. */
  async load(feedbackId: string): Promise<readonly Dispute[]> {
    const cached = known.get(feedbackId);
    if (cached) return cached;
    let pending = loading.get(feedbackId);
    if (!pending) {
      pending = api.feedbackById(feedbackId).then((feedback) => feedback.disputes);
      loading.set(feedbackId, pending);
    }
    try {
      const disputes = await pending;
      disputeStore.seed(feedbackId, disputes);
      return known.get(feedbackId) ?? disputes;
    } finally {
      loading.delete(feedbackId);
    }
  },

  async contest(feedbackId: string, body: NewDispute): Promise<Dispute> {
    const dispute = await api.contest(feedbackId, body);
    known.set(feedbackId, withDispute(known.get(feedbackId) ?? [], dispute));
    return dispute;
  },

  async withdraw(feedbackId: string, dispute: Dispute): Promise<void> {
    await api.withdrawDispute(feedbackId, dispute.id);
    known.set(feedbackId, (known.get(feedbackId) ?? []).filter((other) => other.id !== dispute.id));
  },
};
