import { beforeEach, describe, expect, it } from 'vitest';
import { ServerMessageSchema } from '../../src/contracts/protocol.js';
import { AnswerStore } from '../../src/web/client/answer-store.js';
import { InterviewConnection } from '../../src/web/client/connection.js';
import { InterviewController, type ControllerDeps, type ControllerEvent, type TranscriptView } from '../../src/web/client/interview-controller.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeSockets, MemoryStorage, server, SESSION } from './fakes.js';

/** A transcript as GET /api/sessions/:id gives it, limited to what the controller reads. */
function transcriptOf(events: object[], turns: TranscriptView['turns']): TranscriptView {
  return { events: events.map((event) => ServerMessageSchema.parse(event)), turns };
}

let clock: FakeClock;
let sockets: FakeSockets;
let storage: MemoryStorage;

function page(loadTranscript: ControllerDeps['loadTranscript'] = () => Promise.reject(new Error('no transcript in this test'))) {
  const connection = new InterviewConnection({ token: 'tok', createSocket: sockets.factory, scheduler: clock, random: () => 0.5 });
  const store = new AnswerStore({ storage });
  const controller = new InterviewController({ connection, store, loadTranscript });
  const events: ControllerEvent[] = [];
  controller.subscribe((event) => events.push(event));
  return { controller, store, events };
}

beforeEach(() => {
  clock = new FakeClock();
  sockets = new FakeSockets();
  storage = new MemoryStorage();
});

/** Starts an interview on a fresh socket; the server creates it and asks question t_1 (seq 2). */
async function startedInterview(controller: InterviewController): Promise<void> {
  const started = controller.start({ mode: 'behavioural', count: 2 });
  sockets.latest.accept();
  sockets.latest.deliver(server.authOk(clock.now()));
  sockets.latest.deliver(server.started(1, clock.now()));
  sockets.latest.deliver(server.question(2, clock.now(), 't_1'));
  await expect(started).resolves.toBe(SESSION);
}

/** The network drops; the page reconnects and authenticates (not yet resumed). */
function reconnect(): void {
  sockets.latest.drop();
  clock.advance(8_000);
  sockets.latest.accept();
  sockets.latest.deliver(server.authOk(clock.now()));
}

const answersSent = () => sockets.all.flatMap((socket) => socket.sentOfType('answer'));

describe('interview controller', () => {
  it('sends an answer submitted offline once the session is resumed, once, with the clientId it was queued with', async () => {
    const { controller, store } = page();
    await startedInterview(controller);
    sockets.latest.drop();
    controller.answer('t_1', 'My answer, typed offline.');
    expect(answersSent()).toEqual([]);

    clock.advance(500);
    sockets.latest.accept();
    sockets.latest.deliver(server.authOk(clock.now()));
    expect(answersSent()).toEqual([]);
    sockets.latest.deliver(server.resumed(clock.now(), 2));

    const queued = store.queued();
    expect(queued).toHaveLength(1);
    expect(answersSent()).toEqual([{ type: 'answer', turnId: 't_1', clientId: queued[0]?.clientId, text: 'My answer, typed offline.' }]);
  });

  it('replays an unacknowledged answer after each reconnect with the same clientId, and never after its acknowledgement', async () => {
    const { controller, store } = page();
    await startedInterview(controller);
    controller.answer('t_1', 'Sent, but the acknowledgement is lost.');
    const clientId = store.queued()[0]?.clientId;

    reconnect();
    sockets.latest.deliver(server.resumed(clock.now(), 2));
    expect(sockets.latest.sentOfType('answer').map((answer) => answer.clientId)).toEqual([clientId]);

    sockets.latest.deliver(server.accepted(3, clock.now(), 't_1', clientId ?? ''));
    expect(store.queued()).toEqual([]);
    expect(storage.keys()).toEqual([]);
    expect(controller.answers.get('t_1')).toMatchObject({ accepted: true });

    reconnect();
    sockets.latest.deliver(server.resumed(clock.now(), 3));
    expect(sockets.latest.sentOfType('answer')).toEqual([]);
    expect(answersSent().map((answer) => answer.clientId)).toEqual([clientId, clientId]);
  });

  it('resends unacknowledged answers after the server rate-limited the connection', async () => {
    const { controller } = page();
    await startedInterview(controller);
    controller.answer('t_1', 'Maybe dropped by the rate limit.');
    sockets.latest.deliver(server.error(clock.now(), 'rate_limited'));
    clock.advance(1_200);
    expect(sockets.latest.sentOfType('answer')).toHaveLength(2);
  });

  it('gives a refused answer back to the page and drops it from the outbox', async () => {
    const { controller, store, events } = page();
    await startedInterview(controller);
    controller.answer('t_1', 'Too late.');
    const clientId = store.queued()[0]?.clientId;
    sockets.latest.deliver(server.error(clock.now(), 'conflict', { type: 'answer', turnId: 't_1', clientId }));

    expect(events).toContainEqual({ kind: 'rejected', turnId: 't_1', text: 'Too late.', message: 'refused: conflict' });
    expect(store.queued()).toEqual([]);
    expect(controller.answers.has('t_1')).toBe(false);
    expect(controller.openTurn()?.turnId).toBe('t_1');
  });

  it('keeps a refused answer as the question\'s draft on the device, also when no page shows the interview', async () => {
    const { controller, store } = page();
    await startedInterview(controller);
    sockets.latest.drop();
    controller.answer('t_1', 'Typed offline, refused later.');
    reconnect();
    sockets.latest.deliver(server.resumed(clock.now(), 2));
    const clientId = store.queued()[0]?.clientId;
    sockets.latest.deliver(server.error(clock.now(), 'validation_error', { type: 'answer', turnId: 't_1', clientId }));

    expect(store.queued()).toEqual([]);
    expect(new AnswerStore({ storage }).draft('t_1')).toBe('Typed offline, refused later.');
  });

  it('keeps no draft of an interview once it has ended', async () => {
    const { controller, store } = page();
    await startedInterview(controller);
    controller.saveDraft('t_1', 'half typed');
    expect(store.draft('t_1')).toBe('half typed');
    sockets.latest.deliver({ type: 'session.ended', sessionId: SESSION, reason: 'ended_by_user', seq: 3, at: clock.now() });

    expect(store.draft('t_1')).toBeUndefined();
    expect(storage.keys()).toEqual([]);
  });

  it('keeps an answer queued when the error does not refuse it for good', async () => {
    const { controller, store, events } = page();
    await startedInterview(controller);
    controller.answer('t_1', 'Still wanted.');
    const clientId = store.queued()[0]?.clientId;
    sockets.latest.deliver(server.error(clock.now(), 'internal_error', { type: 'answer', turnId: 't_1', clientId }));
    expect(store.queued()).toHaveLength(1);
    expect(events.some((event) => event.kind === 'rejected')).toBe(false);
    expect(events.at(-1)).toMatchObject({ kind: 'error', code: 'internal_error' });
  });

  it('sends only the newest draft typed offline, after the resume, and skips drafts the server has', async () => {
    const { controller } = page();
    await startedInterview(controller);
    expect(controller.saveDraft('t_1', 'first')).toBe('saved');
    expect(controller.saveDraft('t_1', 'first')).toBe('unchanged');
    sockets.latest.drop();
    expect(controller.saveDraft('t_1', 'second')).toBe('kept');
    expect(controller.saveDraft('t_1', 'third')).toBe('kept');

    clock.advance(500);
    sockets.latest.accept();
    sockets.latest.deliver(server.authOk(clock.now()));
    sockets.latest.deliver(server.resumed(clock.now(), 2));
    expect(sockets.all.flatMap((socket) => socket.sentOfType('draft')).map((draft) => draft.text)).toEqual(['first', 'third']);
  });

  it('drops a draft held offline when its question closes before the connection is back', async () => {
    const { controller, store } = page();
    await startedInterview(controller);
    sockets.latest.drop();
    controller.saveDraft('t_1', 'too late to matter');
    clock.advance(500);
    sockets.latest.accept();
    sockets.latest.deliver(server.authOk(clock.now()));
    sockets.latest.deliver(server.timeUp(3, clock.now() - 100, 't_1'));
    sockets.latest.deliver(server.resumed(clock.now(), 3));
    expect(sockets.latest.sentOfType('draft')).toEqual([]);
    expect(store.draft('t_1')).toBeUndefined();
  });

  it('after a reload, restores the queued answer from storage and sends it once resumed', async () => {
    const first = page();
    await startedInterview(first.controller);
    sockets.latest.drop();
    first.controller.answer('t_1', 'Typed offline, then the page was reloaded.');
    const clientId = first.store.queued()[0]?.clientId;

    const transcript = transcriptOf(
      [server.started(1, clock.now()), server.question(2, clock.now(), 't_1')],
      [{ id: 't_1', status: 'asked', answer: null, lastDraft: null }],
    );
    const reloaded = page(() => Promise.resolve(transcript));
    await reloaded.controller.open(SESSION);
    expect(reloaded.controller.answers.get('t_1')).toEqual({ text: 'Typed offline, then the page was reloaded.', clientId, accepted: false });
    expect(reloaded.controller.openTurn()).toBeNull();

    sockets.latest.accept();
    sockets.latest.deliver(server.authOk(clock.now()));
    expect(sockets.latest.sentOfType('resume')).toEqual([{ type: 'resume', sessionId: SESSION, lastSeq: 2 }]);
    sockets.latest.deliver(server.resumed(clock.now(), 2));
    expect(sockets.latest.sentOfType('answer').map((answer) => answer.clientId)).toEqual([clientId]);
  });

  it('after a reload, drops a queued answer whose question the transcript shows closed', async () => {
    const first = page();
    await startedInterview(first.controller);
    first.controller.answer('t_1', 'Stored, acknowledgement lost.');
    sockets.latest.drop();

    const transcript = transcriptOf(
      [server.started(1, clock.now()), server.question(2, clock.now(), 't_1'), server.accepted(3, clock.now(), 't_1', 'c_x')],
      [{ id: 't_1', status: 'answered', answer: 'Stored, acknowledgement lost.', lastDraft: null }],
    );
    const reloaded = page(() => Promise.resolve(transcript));
    await reloaded.controller.open(SESSION);
    expect(reloaded.store.queued()).toEqual([]);
    expect(storage.keys()).toEqual([]);
  });

  it('forgets the outbox of a session deleted elsewhere', async () => {
    const { controller, store, events } = page();
    await startedInterview(controller);
    sockets.latest.drop();
    controller.answer('t_1', 'Never to be sent.');
    clock.advance(500);
    sockets.latest.accept();
    sockets.latest.deliver(server.authOk(clock.now()));
    sockets.latest.deliver(server.error(clock.now(), 'session_deleted'));
    expect(store.queued()).toEqual([]);
    expect(storage.keys()).toEqual([]);
    expect(controller.sessionId).toBeNull();
    expect(events.at(-1)).toMatchObject({ kind: 'error', code: 'session_deleted' });
  });

  it('refuses commands while offline instead of queueing them', async () => {
    const { controller } = page();
    await startedInterview(controller);
    sockets.latest.drop();
    expect(controller.command({ type: 'skip', turnId: 't_1' })).toBe(false);
    clock.advance(500);
    sockets.latest.accept();
    sockets.latest.deliver(server.authOk(clock.now()));
    sockets.latest.deliver(server.resumed(clock.now(), 2));
    expect(sockets.latest.sentOfType('skip')).toEqual([]);
    expect(controller.command({ type: 'skip', turnId: 't_1' })).toBe(true);
    expect(sockets.latest.sentOfType('skip')).toEqual([{ type: 'skip', turnId: 't_1' }]);
  });
});
