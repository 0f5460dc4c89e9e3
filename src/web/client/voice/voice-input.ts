import type { Capabilities, Transcription } from '../../../contracts/voice-schemas.js';
import { api, ApiError, errorMessage } from '../api.js';
import { formatClock, h } from '../dom.js';
import { AudioRecorder, RecorderError, recordingSupported, recordingType } from './recorder.js';

export interface VoiceInput {
  element: HTMLElement;
  /** Drops any recording in progress or waiting (the question changed); `note` says why, if one was dropped. */
  reset(note?: string): void;
  destroy(): void;
}

/** Statuses the server answers with that are worth retrying with the same recording. */
const RETRYABLE = new Set([0, 429, 502, 503, 504]);

/**
 * Record → stop → transcribe, with a level meter and the elapsed time. The transcript is handed to
 * `onTranscript` for the answer box, where the candidate reviews and edits it before submitting. A
 * recording that could not be transcribed is kept, so "Try again" sends the same audio.
 */
export function voiceInput(options: { capabilities: Capabilities; onTranscript: (result: Transcription) => void }): VoiceInput | null {
  const { capabilities } = options;
  const type = recordingType(capabilities.audio.types);
  if (!capabilities.voiceInput || !recordingSupported() || type === undefined) return null;

  const recordAs = type;
  let recorder: AudioRecorder | null = null;
  let kept: Blob | null = null;
  let ticker: number | undefined;
  let generation = 0;
  const maxMs = capabilities.audio.maxSeconds * 1000;

  const recordLabel = h('span', null, 'Record answer');
  const recordButton = h(
    'button',
    { class: ['btn', 'btn-ghost', 'record-button'], attrs: { type: 'button', 'aria-pressed': 'false' } },
    h('span', { class: 'record-dot', attrs: { 'aria-hidden': 'true' } }),
    recordLabel,
  );
  const fill = h('span', { class: 'level-fill' });
  const meter = h(
    'span',
    { class: 'level-meter', attrs: { role: 'meter', 'aria-label': 'Microphone level', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0 } },
    fill,
  );
  const elapsed = h('span', { class: 'record-time', attrs: { 'aria-hidden': 'true' } });
  const status = h('span', { class: 'record-status', attrs: { role: 'status' } });
  const retryButton = h('button', { class: ['btn', 'btn-ghost', 'btn-small'], attrs: { type: 'button' } }, 'Try again');
  const discardButton = h('button', { class: ['btn', 'btn-ghost', 'btn-small'], attrs: { type: 'button' } }, 'Discard recording');
  const retryBox = h('span', { class: 'record-retry' }, retryButton, discardButton);
  const live = h('span', { class: 'record-live' }, meter, elapsed);
  const element = h('div', { class: 'voice-input', dataset: { state: 'idle' } }, recordButton, live, status, retryBox);

  function setState(state: 'idle' | 'recording' | 'transcribing' | 'failed'): void {
    element.dataset.state = state;
    live.hidden = state !== 'recording';
    retryBox.hidden = state !== 'failed';
    recordButton.disabled = state === 'transcribing';
    recordButton.setAttribute('aria-pressed', state === 'recording' ? 'true' : 'false');
    recordLabel.textContent = state === 'recording' ? 'Stop recording' : kept || element.dataset.used ? 'Record again' : 'Record answer';
  }

  function showLevel(level: number): void {
    fill.style.width = `${Math.round(level * 100)}%`;
    meter.setAttribute('aria-valuenow', String(Math.round(level * 100)));
  }

  function tick(): void {
    if (recorder) elapsed.textContent = `${formatClock(recorder.elapsedMs)} / ${formatClock(maxMs)}`;
  }

  async function start(): Promise<void> {
    kept = null;
    const current = new AudioRecorder(recordAs, maxMs, { onLevel: showLevel, onLimit: () => void stop('The recording reached 10 minutes and stopped.') });
    recorder = current;
    try {
      await current.start();
    } catch (error) {
      recorder = null;
      status.textContent = error instanceof RecorderError ? error.message : 'The microphone could not be started.';
      setState('idle');
      return;
    }
    status.textContent = 'Recording… the timer keeps running. Press Stop when you have finished.';
    setState('recording');
    tick();
    ticker = window.setInterval(tick, 250);
  }

  async function stop(note?: string): Promise<void> {
    const current = recorder;
    if (!current) return;
    recorder = null;
    window.clearInterval(ticker);
    const heard = current.heardSound;
    kept = await current.stop();
    showLevel(0);
    if (!heard) {
      status.textContent = 'No sound reached the microphone. Check it and record again, or send this recording anyway.';
      retryButton.textContent = 'Send anyway';
      setState('failed');
      return;
    }
    await transcribe(note);
  }

  async function transcribe(note?: string): Promise<void> {
    const recording = kept;
    if (!recording) return;
    const mine = ++generation;
    setState('transcribing');
    status.textContent = `${note ? `${note} ` : ''}Transcribing your answer…`;
    try {
      const result = await api.transcribe(recording);
      if (mine !== generation) return;
      kept = null;
      element.dataset.used = 'true';
      setState('idle');
      status.textContent = 'Transcript added to your answer: read it, edit it if needed, then submit.';
      options.onTranscript(result);
    } catch (error) {
      if (mine !== generation) return;
      const retryable = error instanceof ApiError && RETRYABLE.has(error.status);
      status.textContent = `Could not transcribe: ${errorMessage(error)}.${retryable ? ' Your recording is kept: try again.' : ''}`;
      retryButton.textContent = 'Try again';
      if (retryable) setState('failed');
      else {
        kept = null;
        setState('idle');
      }
    }
  }

  recordButton.addEventListener('click', () => {
    if (recorder?.recording) void stop();
    else if (!recorder) void start();
  });
  retryButton.addEventListener('click', () => void transcribe());
  discardButton.addEventListener('click', () => {
    kept = null;
    status.textContent = 'Recording discarded.';
    setState('idle');
  });
  setState('idle');

  function reset(note?: string): void {
    const dropped = recorder !== null || kept !== null || element.dataset.state === 'transcribing';
    generation += 1;
    window.clearInterval(ticker);
    recorder?.cancel();
    recorder = null;
    kept = null;
    delete element.dataset.used;
    showLevel(0);
    status.textContent = dropped && note ? note : '';
    setState('idle');
  }

  return { element, reset, destroy: () => reset() };
}
