import { AppError, ConflictError, NotFoundError } from '../errors.js';
import type { SessionRepository } from '../interview/session-repository.js';
import { TurnStatus } from '../contracts/turn-status.js';
import type { TtsClient } from './audio-client.js';

/**
 * Spoken questions through a text-to-speech server. Only a question the user is being asked right now can
 * be spoken: the route cannot be used to have arbitrary text read out (and billed) on the server's account.
 */
export function createSpeechService(deps: { tts: TtsClient | null; sessions: Pick<SessionRepository, 'turn' | 'sessionForUser'> }) {
  const { tts, sessions } = deps;
  return {
    get configured(): boolean {
      return tts !== null;
    },

    async speakQuestion(userId: string, turnId: string, signal?: AbortSignal) {
      if (!tts) throw new AppError(501, 'tts_not_configured', 'spoken questions from the server are not configured; the browser can read questions aloud');
      const turn = sessions.turn(turnId);
      const session = turn ? sessions.sessionForUser(turn.session_id, userId) : undefined;
      if (!turn || !session) throw new NotFoundError('question');
      if (turn.status !== TurnStatus.asked || session.status !== 'active') throw new ConflictError('this question is no longer being asked');
      return tts.speak(turn.question_text, signal);
    },
  };
}
export type SpeechService = ReturnType<typeof createSpeechService>;
