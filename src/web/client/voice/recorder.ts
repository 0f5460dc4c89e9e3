/*
 * The microphone: MediaRecorder for the recording, a Web Audio analyser for the level meter. One
 * recording at a time; the blob stays with the caller until the server has transcribed it.
 */

/** Containers in order of preference; the first the browser can write and the server accepts is used. */
const CANDIDATE_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4;codecs=opus', 'audio/mp4'];
/** Speech needs little: 32 kbit/s Opus keeps ten minutes near 2.4 MB. */
const BITS_PER_SECOND = 32_000;
/** A level above this (0–1) counts as sound: room noise stays under it, speech goes well over. */
const SOUND_LEVEL = 0.08;

export class RecorderError extends Error {}

export function recordingSupported(): boolean {
  return typeof MediaRecorder !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** The recording type to use, or undefined when the browser can write none the server takes. */
export function recordingType(accepted: readonly string[]): string | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  return CANDIDATE_TYPES.find((type) => MediaRecorder.isTypeSupported(type) && accepted.includes(type.split(';')[0] ?? ''));
}

function describeFailure(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'Microphone access was refused. Allow it in the browser’s site settings to answer out loud.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No microphone was found. Connect one, or type your answer.';
  if (name === 'NotReadableError') return 'The microphone is in use by another application.';
  return 'The microphone could not be started.';
}

export interface RecorderEvents {
  /** Input level, 0 (silence) to 1, about 60 times a second. */
  onLevel(level: number): void;
  /** The recording reached its maximum length and stopped by itself. */
  onLimit(): void;
}

export class AudioRecorder {
  private stream: MediaStream | null = null;
  private recorder: MediaRecorder | null = null;
  private context: AudioContext | null = null;
  private frame: number | undefined;
  private limitTimer: number | undefined;
  private chunks: Blob[] = [];
  private startedAt = 0;
  /** Whether anything louder than room noise reached the microphone. */
  heardSound = false;

  constructor(
    private readonly type: string,
    private readonly maxMs: number,
    private readonly events: RecorderEvents,
  ) {}

  get elapsedMs(): number {
    return this.recorder ? performance.now() - this.startedAt : 0;
  }

  get recording(): boolean {
    return this.recorder?.state === 'recording';
  }

  async start(): Promise<void> {
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch (error) {
      throw new RecorderError(describeFailure(error));
    }
    this.chunks = [];
    this.heardSound = false;
    const recorder = new MediaRecorder(this.stream, { mimeType: this.type, audioBitsPerSecond: BITS_PER_SECOND });
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    });
    this.recorder = recorder;
    this.watchLevel(this.stream);
    // Chunks every second, so a long answer is not held in one growing buffer inside the encoder.
    recorder.start(1_000);
    this.startedAt = performance.now();
    this.limitTimer = window.setTimeout(() => this.events.onLimit(), this.maxMs);
  }

  /** Stops and returns the recording. */
  async stop(): Promise<Blob> {
    const recorder = this.recorder;
    if (!recorder) throw new RecorderError('nothing is being recorded');
    const stopped = new Promise<void>((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
    if (recorder.state !== 'inactive') recorder.stop();
    await stopped;
    const blob = new Blob(this.chunks, { type: recorder.mimeType || this.type });
    this.release();
    return blob;
  }

  /** Stops without keeping anything. */
  cancel(): void {
    if (this.recorder && this.recorder.state !== 'inactive') this.recorder.stop();
    this.release();
  }

  private watchLevel(stream: MediaStream): void {
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(stream).connect(analyser);
    this.context = context;
    const samples = new Float32Array(analyser.fftSize);
    const tick = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      // -60 dBFS … 0 dBFS onto 0 … 1: a meter that moves with the voice rather than sitting near zero.
      const level = rms <= 0 ? 0 : Math.max(0, Math.min(1, (20 * Math.log10(rms) + 60) / 60));
      if (level > SOUND_LEVEL) this.heardSound = true;
      this.events.onLevel(level);
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  private release(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    window.clearTimeout(this.limitTimer);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    void this.context?.close();
    this.stream = null;
    this.context = null;
    this.recorder = null;
  }
}
