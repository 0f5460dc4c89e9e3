import { useLlmGrader, type Config } from '../config.js';
import type { SessionRepository } from '../interview/session-repository.js';
import type { Db } from '../store/db.js';
import { AUDIO_CONTENT_TYPES } from './audio-format.js';
import { createSpeechService } from './speech-service.js';
import { createTranscriptionRepository } from './transcription-repository.js';
import { createTranscriptionService } from './transcription-service.js';
import { sttSettings, ttsSettings } from './voice-config.js';
import { MAX_AUDIO_BYTES, MAX_AUDIO_SECONDS, type Capabilities } from '../contracts/voice-schemas.js';

/** The voice feature from the configuration: transcriptions, spoken questions and what the UI may offer. */
export async function createVoice(config: Config, deps: { db: Db; sessions: SessionRepository; now: () => number }) {
  const stt = sttSettings(config);
  const tts = ttsSettings(config);
  // The SDK is a large import: loaded only when an audio server is configured.
  const clients = stt || tts ? await import('./audio-client.js') : null;
  const transcriptions = createTranscriptionService({
    repository: createTranscriptionRepository(deps.db),
    stt: stt && clients ? clients.createSttClient(stt) : null,
    keepAudio: config.KEEP_AUDIO,
    dailySeconds: config.STT_DAILY_SECONDS,
    maxInFlight: config.STT_MAX_IN_FLIGHT,
    now: deps.now,
  });
  const speech = createSpeechService({ tts: tts && clients ? clients.createTtsClient(tts) : null, sessions: deps.sessions });
  const capabilities: Capabilities = {
    voiceInput: stt !== null,
    spokenQuestions: { browser: true, server: tts !== null },
    modelGrading: useLlmGrader(config),
    keepAudio: config.KEEP_AUDIO,
    audio: {
      types: Object.keys(AUDIO_CONTENT_TYPES),
      maxBytes: MAX_AUDIO_BYTES,
      maxSeconds: MAX_AUDIO_SECONDS,
      dailySeconds: config.STT_DAILY_SECONDS,
    },
  };
  return { transcriptions, speech, capabilities };
}
