import { NotFoundError } from '../errors.js';
import type { FeedbackRepository } from '../grading/feedback-repository.js';
import type { RubricId } from '../contracts/rubric-schema.js';
import { getRubric, roundScore } from '../grading/rubrics.js';
import type { SessionEvent } from '../contracts/protocol.js';
import { sessionOptions, type SessionRepository, type SessionRow } from '../interview/session-repository.js';
import { DELIVERY_GUIDE, type SpokenAnswer } from '../contracts/voice-schemas.js';
import { PROGRESS_POINTS, PROGRESS_TOPIC_POINTS, PROGRESS_TOPICS, type Progress, type ProgressSource, type Transcript } from '../contracts/history-schemas.js';
import { TurnStatus } from '../contracts/turn-status.js';
import type { PointRow, ProgressRepository } from './progress-repository.js';

type SessionSummary = Extract<SessionEvent, { type: 'session.summary' }>;

function dimensionOrder(rubric: RubricId, key: string): number {
  const index = getRubric(rubric).dimensions.findIndex((dimension) => dimension.key === key);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

const OWN_QUESTIONS = 'Your own questions';

/** One line on a spoken answer's delivery, for the Markdown export. */
export function describeDelivery(spoken: SpokenAnswer): string {
  const { delivery } = spoken;
  const seconds = Math.round(spoken.durationSec);
  const parts = [`Spoken, ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`];
  parts.push(delivery.wordsPerMinute === null ? 'pace unknown' : `${delivery.wordsPerMinute} words/min (guide ${DELIVERY_GUIDE.paceMin}–${DELIVERY_GUIDE.paceMax})`);
  const fillers = Object.entries(delivery.fillerWords).map(([word, count]) => `${word} ×${count}`);
  parts.push(fillers.length === 0 ? 'no fillers' : `fillers: ${fillers.join(', ')}`);
  if (delivery.longPauses !== null) {
    parts.push(`${delivery.longPauses.length} long pause${delivery.longPauses.length === 1 ? '' : 's'}`);
  }
  return parts.join(' · ');
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function listItem(row: SessionRow & { questions?: number; answered?: number }) {
  return {
    id: row.id,
    // The column records the kinds asked; the options hold the mode chosen (a drill asks either kind).
    mode: sessionOptions(row).mode,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
    endedAt: iso(row.ended_at),
    overall: row.overall,
    questions: row.questions ?? 0,
    answered: row.answered ?? 0,
  };
}

/** Past sessions: listing, full transcripts for replay, exports, deletion and progress over time. */
export function createHistoryService(deps: {
  sessions: SessionRepository;
  feedback: FeedbackRepository;
  progress: ProgressRepository;
  /** The spoken answers of a session by turn (the voice feature). */
  spoken?: { spokenAnswers(sessionId: string): Map<string, SpokenAnswer> };
}) {
  const { sessions, feedback } = deps;

  function transcript(userId: string, sessionId: string): Transcript {
    const row = sessions.sessionForUser(sessionId, userId);
    if (!row) throw new NotFoundError('session');
    const options = sessionOptions(row);
    const turns = sessions.turns(sessionId);
    const spoken = deps.spoken?.spokenAnswers(sessionId);
    const events = sessions.eventsAfter(sessionId, 0);
    // The model answers went out with the feedback messages; the summary is the session's last word.
    const modelAnswers = new Map<string, { modelAnswer: string | null; modelAnswerNote: string | null }>();
    let summary: SessionSummary | null = null;
    for (const event of events) {
      if (event.type === 'feedback') modelAnswers.set(event.turnId, { modelAnswer: event.modelAnswer, modelAnswerNote: event.modelAnswerNote ?? null });
      if (event.type === 'session.summary') {
        const { seq: _seq, at: _at, ...payload } = event;
        summary = payload;
      }
    }
    return {
      session: {
        ...listItem({
          ...row,
          questions: turns.filter((turn) => turn.parent_turn_id === null).length,
          answered: turns.filter((turn) => turn.status === TurnStatus.graded).length,
        }),
        secondsPerQuestion: options.secondsPerQuestion,
        followUps: options.followUps,
        topics: options.topics ?? [],
      },
      turns: turns.map((turn) => ({
        id: turn.id,
        position: turn.position,
        mainIndex: turn.main_index,
        parentTurnId: turn.parent_turn_id,
        questionId: turn.question_id,
        question: turn.question_text,
        kind: turn.kind,
        topic: turn.topic,
        status: turn.status,
        askedAt: iso(turn.asked_at),
        deadline: iso(turn.deadline),
        answer: turn.answer_text,
        answerSource: turn.answer_source,
        answeredAt: iso(turn.answered_at),
        lastDraft: turn.draft_text,
        feedback: turn.feedback_id ? (feedback.get(userId, turn.feedback_id) ?? null) : null,
        modelAnswer: modelAnswers.get(turn.id)?.modelAnswer ?? null,
        modelAnswerNote: modelAnswers.get(turn.id)?.modelAnswerNote ?? null,
        spoken: spoken?.get(turn.id) ?? null,
      })),
      summary,
      events,
      inputs: sessions.clientEvents(sessionId).map((input) => ({
        turnId: input.turn_id,
        type: input.type === 'answer' ? 'answer' : input.type === 'skip' ? 'skip' : 'draft',
        at: input.at,
        text: input.text,
      })),
    };
  }

  return {
    list: (userId: string, limit: number, offset: number) => {
      const { total, items } = sessions.sessionsForUser(userId, limit, offset);
      return { total, items: items.map(listItem) };
    },

    transcript,

    exportMarkdown(userId: string, sessionId: string): string {
      const { session, turns, summary, events } = transcript(userId, sessionId);
      const reasons = new Map(events.flatMap((event) => (event.type === 'question' && event.reason ? [[event.turnId, event.reason] as const] : [])));
      const coverage = { covered: 'covered', skipped: 'its questions were skipped or unanswered', not_asked: 'not asked' } as const;
      const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
      const quote = (text: string) => `> ${text.replace(/\n/g, '\n> ')}`;
      const lines = [
        `# Mock interview — ${session.mode}`,
        '',
        `- Started: ${session.createdAt}`,
        `- Ended: ${session.endedAt ?? 'in progress'}`,
        `- Overall: ${session.overall ?? '—'} / 5`,
        `- Time per question: ${session.secondsPerQuestion} s`,
        '',
      ];
      if (summary?.type === 'session.summary') {
        lines.push('## Summary', '');
        lines.push(`- Overall: ${summary.overall ?? '—'} / 5`);
        lines.push(`- Answered: ${summary.answered} · skipped: ${summary.skipped} · unanswered: ${summary.unanswered}`);
        if (summary.strongest) lines.push(`- Strongest answer: ${summary.strongest.overall} / 5 — ${cell(summary.strongest.question)}`);
        if (summary.weakest) lines.push(`- Weakest answer: ${summary.weakest.overall} / 5 — ${cell(summary.weakest.question)}`);
        lines.push('');
        if (summary.dimensions.length > 0) {
          lines.push('| Rubric | Dimension | Average | Answers |', '|---|---|---|---|');
          for (const d of summary.dimensions) lines.push(`| ${d.rubric} | ${cell(d.label)} | ${d.average} | ${d.count} |`);
          lines.push('');
        }
        if (summary.practiseNext.length > 0) lines.push('Practise next:', ...summary.practiseNext.map((item) => `- ${item}`), '');
        const requirements = summary.requirements ?? [];
        if (requirements.length > 0) {
          lines.push('Job description requirements:', ...requirements.map((item) => `- ${item.text} — ${coverage[item.status]}`), '');
        }
      }
      for (const turn of turns) {
        const heading = turn.parentTurnId ? `### Follow-up to question ${turn.mainIndex}` : `## Question ${turn.mainIndex} (${turn.topic})`;
        lines.push(heading, '', quote(turn.question), '');
        const reason = reasons.get(turn.id);
        if (reason) lines.push(`*Why this question: ${reason}*`, '');
        if (turn.answer) {
          const note = turn.answerSource === 'draft_at_time_up' ? ' (draft graded at time-up)' : '';
          lines.push(`**Answer${note}** — ${turn.answeredAt ?? ''}`, '', turn.answer, '');
          if (turn.spoken) lines.push(`*${describeDelivery(turn.spoken)}*`, '');
        } else {
          lines.push(`*${turn.status === TurnStatus.skipped ? 'Skipped' : 'No answer before the time ran out'}.*`, '');
        }
        if (turn.feedback) {
          const f = turn.feedback;
          const grader = f.grader.kind === 'llm' ? `llm ${f.grader.model ?? ''}`.trim() : 'offline';
          lines.push(`**Score: ${f.overall} / 5** (${f.rubric} rubric ${f.grader.rubricVersion}, ${grader})`, '');
          lines.push('| Dimension | Score | Why |', '|---|---|---|');
          for (const d of f.dimensions) lines.push(`| ${d.label} | ${d.score} | ${cell(d.rationale)} |`);
          lines.push('');
          if (f.strengths.length) lines.push('Strengths:', ...f.strengths.map((s) => `- ${s}`), '');
          if (f.improvements.length) lines.push('Improvements:', ...f.improvements.map((s) => `- ${s}`), '');
          if (f.missingPoints.length) lines.push('Missed key points:', ...f.missingPoints.map((s) => `- ${s}`), '');
        }
        if (turn.modelAnswer) {
          lines.push('**Model answer**', '', quote(turn.modelAnswer), '');
          if (turn.modelAnswerNote) lines.push(`*${turn.modelAnswerNote}*`, '');
        }
      }
      return lines.join('\n');
    },

    delete(userId: string, sessionId: string): void {
      if (!sessions.deleteSession(sessionId, userId)) throw new NotFoundError('session');
    },

    /**
     * Averages over every graded answer; each trend line holds its latest answers (PROGRESS_POINTS for a
     * dimension, PROGRESS_TOPIC_POINTS for a topic), oldest first; at most PROGRESS_TOPICS topics (the most
     * practised). `source` restricts everything to interview answers or to quick feedback.
     */
    progress(userId: string, source: ProgressSource = 'all'): Progress {
      const at = (ms: number) => new Date(ms).toISOString();
      const points = (rows: readonly PointRow[]) =>
        rows.map((row) => ({ at: at(row.created_at), score: row.score, sessionId: row.session_id })).reverse();
      const totals = deps.progress.dimensionTotals(userId, source);
      const byRubric = new Map<string, Map<string, PointRow[]>>();
      for (const rubric of new Set(totals.map((row) => row.rubric))) {
        const series = new Map<string, PointRow[]>();
        for (const row of deps.progress.rubricPoints(userId, source, rubric, PROGRESS_POINTS)) {
          const list = series.get(row.dimension) ?? [];
          list.push(row);
          series.set(row.dimension, list);
        }
        byRubric.set(rubric, series);
      }
      const topics = deps.progress.topicTotals(userId, source, PROGRESS_TOPICS).map((row) => ({
        topic: row.topic ?? OWN_QUESTIONS,
        average: roundScore(row.total / row.count),
        count: row.count,
        points: points(deps.progress.topicPoints(userId, source, row.topic, PROGRESS_TOPIC_POINTS)),
      }));
      const bySource = deps.progress.bySource(userId);
      return {
        source,
        graded: source === 'all' ? bySource.interviews + bySource.quick : bySource[source],
        bySource,
        // In the rubric's own order (Situation, Task, Action, Result …); a key it no longer has goes last.
        dimensions: [...totals]
          .sort((a, b) => a.rubric.localeCompare(b.rubric) || dimensionOrder(a.rubric, a.dimension) - dimensionOrder(b.rubric, b.dimension))
          .map((row) => ({
            rubric: row.rubric,
            key: row.dimension,
            label: row.label,
            average: roundScore(row.total / row.count),
            points: points(byRubric.get(row.rubric)?.get(row.dimension) ?? []),
          })),
        topics: [...topics].sort((a, b) => a.topic.localeCompare(b.topic)),
        weakestTopics: topics
          .filter((entry) => entry.topic !== OWN_QUESTIONS)
          .sort((a, b) => a.average - b.average || b.count - a.count)
          .slice(0, 3)
          .map(({ topic, average, count }) => ({ topic, average, count })),
      };
    },
  };
}
export type HistoryService = ReturnType<typeof createHistoryService>;
