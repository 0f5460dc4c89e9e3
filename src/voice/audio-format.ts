import type { AudioFormat } from '../contracts/voice-schemas.js';

/*
 * What the server can tell about a recording without decoding it: which container it really is, how long
 * it lasts (read from the container's own headers and timestamps, so a client cannot claim a shorter length
 * than it sent), and for uncompressed WAV whether it holds any sound at all.
 */

/** Content types accepted by `POST /api/transcriptions` (with the common aliases of WAV, MP3 and M4A). */
export const AUDIO_CONTENT_TYPES: Readonly<Record<string, AudioFormat>> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'audio/mpeg': 'mpeg',
  'audio/mp3': 'mpeg',
  'audio/mp4': 'mp4',
  'audio/x-m4a': 'mp4',
};

/** The file name an upload gets: OpenAI-compatible servers look at the extension. */
export const UPLOAD_NAMES: Readonly<Record<AudioFormat, string>> = {
  webm: 'answer.webm',
  ogg: 'answer.ogg',
  wav: 'answer.wav',
  mpeg: 'answer.mp3',
  mp4: 'answer.mp4',
};

/** The format named by a Content-Type header (parameters such as `codecs=opus` ignored), if accepted. */
export function formatOfContentType(contentType: string | undefined): AudioFormat | undefined {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return essence === undefined ? undefined : AUDIO_CONTENT_TYPES[essence];
}

const ascii = (bytes: Buffer, start: number, length: number) => bytes.toString('latin1', start, start + length);

/** The container the bytes actually are, by their magic numbers. */
export function sniffFormat(bytes: Buffer): AudioFormat | undefined {
  if (bytes.length < 12) return undefined;
  if ((ascii(bytes, 0, 4) === 'RIFF' || ascii(bytes, 0, 4) === 'RF64') && ascii(bytes, 8, 4) === 'WAVE') return 'wav';
  if (bytes.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
  if (ascii(bytes, 0, 4) === 'OggS') return 'ogg';
  if (ascii(bytes, 4, 4) === 'ftyp') return 'mp4';
  if (ascii(bytes, 0, 3) === 'ID3') return 'mpeg';
  const first = bytes[0] ?? 0;
  const second = bytes[1] ?? 0;
  if (first === 0xff && (second & 0xe0) === 0xe0) return 'mpeg';
  return undefined;
}

export interface AudioInfo {
  /** Length in seconds read from the container, or null when it could not be read. */
  durationSec: number | null;
  /** False for an estimate (an MP3 without a frame count, taken as constant bit rate). */
  exact: boolean;
  /** True when PCM WAV samples never rise above -50 dBFS; null when not measurable without decoding. */
  silent: boolean | null;
}

const UNKNOWN: AudioInfo = { durationSec: null, exact: false, silent: null };

/* ---------- WAV ---------- */

/** Peak below this fraction of full scale (about -50 dBFS) is silence: room noise, no speech. */
const SILENCE_PEAK = 0.003;

function inspectWav(bytes: Buffer): AudioInfo {
  let offset = 12;
  let format: { audioFormat: number; byteRate: number; bitsPerSample: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ' && body + 16 <= bytes.length) {
      let audioFormat = bytes.readUInt16LE(body);
      // WAVE_FORMAT_EXTENSIBLE carries the real format in its sub-format GUID.
      if (audioFormat === 0xfffe && size >= 40 && body + 26 <= bytes.length) audioFormat = bytes.readUInt16LE(body + 24);
      format = { audioFormat, byteRate: bytes.readUInt32LE(body + 8), bitsPerSample: bytes.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!format || format.byteRate === 0) return UNKNOWN;
      // Streaming writers leave the size at 0 or 0xFFFFFFFF: then the data runs to the end of the file.
      const declared = size === 0 || size === 0xffffffff ? bytes.length - body : size;
      const end = Math.min(bytes.length, body + declared);
      return { durationSec: (end - body) / format.byteRate, exact: true, silent: pcmSilent(bytes, body, end, format) };
    }
    offset = body + size + (size % 2);
  }
  return UNKNOWN;
}

function pcmSilent(bytes: Buffer, start: number, end: number, format: { audioFormat: number; bitsPerSample: number }): boolean | null {
  let peak = 0;
  if (format.audioFormat === 1 && format.bitsPerSample === 16) {
    for (let at = start; at + 2 <= end; at += 2) peak = Math.max(peak, Math.abs(bytes.readInt16LE(at)) / 32768);
  } else if (format.audioFormat === 3 && format.bitsPerSample === 32) {
    for (let at = start; at + 4 <= end; at += 4) peak = Math.max(peak, Math.abs(bytes.readFloatLE(at)));
  } else {
    return null;
  }
  return peak < SILENCE_PEAK;
}

/* ---------- WebM / Matroska ---------- */

const EBML = {
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  cluster: 0x1f43b675,
  timecode: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  blockDuration: 0x9b,
};
/** Elements whose children are read in place (their size may be "unknown" in a live recording). */
const EBML_MASTERS = new Set([EBML.segment, EBML.info, EBML.cluster, EBML.blockGroup]);

/** A variable-length integer at `offset`: its value (marker bit removed unless `keepMarker`) and length. */
function readVint(bytes: Buffer, offset: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | null {
  const first = bytes[offset];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (length > 8 || offset + length > bytes.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let index = 1; index < length; index += 1) {
    const byte = bytes[offset + index] ?? 0;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readUint(bytes: Buffer, offset: number, size: number): number {
  let value = 0;
  for (let index = 0; index < size; index += 1) value = value * 256 + (bytes[offset + index] ?? 0);
  return value;
}

function inspectWebm(bytes: Buffer): AudioInfo {
  let scale = 1_000_000; // ns per timecode unit, Matroska's default
  let declaredDuration: number | null = null;
  let clusterTime = 0;
  let lastBlock = -Infinity;
  let lastStep = 0;
  let lastBlockDuration = 0;
  let offset = 0;
  while (offset < bytes.length) {
    const id = readVint(bytes, offset, true);
    if (!id) break;
    const size = readVint(bytes, offset + id.length, false);
    if (!size) break;
    const body = offset + id.length + size.length;
    if (EBML_MASTERS.has(id.value)) {
      offset = body;
      continue;
    }
    if (size.unknown || body + size.value > bytes.length) break;
    switch (id.value) {
      case EBML.timecodeScale:
        scale = readUint(bytes, body, size.value);
        break;
      case EBML.duration:
        if (size.value === 4) declaredDuration = bytes.readFloatBE(body);
        else if (size.value === 8) declaredDuration = bytes.readDoubleBE(body);
        break;
      case EBML.timecode:
        clusterTime = readUint(bytes, body, size.value);
        break;
      case EBML.simpleBlock:
      case EBML.block: {
        const track = readVint(bytes, body, false);
        if (!track || body + track.length + 2 > bytes.length) break;
        const at = clusterTime + bytes.readInt16BE(body + track.length);
        if (at > lastBlock) {
          if (Number.isFinite(lastBlock)) lastStep = at - lastBlock;
          lastBlock = at;
          lastBlockDuration = 0;
        }
        break;
      }
      case EBML.blockDuration:
        lastBlockDuration = readUint(bytes, body, size.value);
        break;
      default:
        break;
    }
    offset = body + size.value;
  }
  if (declaredDuration !== null && declaredDuration > 0) return { durationSec: (declaredDuration * scale) / 1e9, exact: true, silent: null };
  if (!Number.isFinite(lastBlock)) return UNKNOWN;
  // Live recordings carry no Duration: the last block's time plus its length (or the usual step between blocks).
  const end = lastBlock + (lastBlockDuration || lastStep);
  return { durationSec: (end * scale) / 1e9, exact: true, silent: null };
}

/* ---------- Ogg (Opus, Vorbis) ---------- */

function inspectOgg(bytes: Buffer): AudioInfo {
  const segments = bytes[26];
  if (segments === undefined) return UNKNOWN;
  const packet = 27 + segments;
  let rate: number;
  let preSkip = 0;
  if (ascii(bytes, packet, 8) === 'OpusHead' && packet + 12 <= bytes.length) {
    rate = 48_000; // Opus granule positions always count 48 kHz samples.
    preSkip = bytes.readUInt16LE(packet + 10);
  } else if (bytes[packet] === 1 && ascii(bytes, packet + 1, 6) === 'vorbis' && packet + 16 <= bytes.length) {
    rate = bytes.readUInt32LE(packet + 12);
  } else {
    return UNKNOWN;
  }
  // The last page's granule position is the number of samples up to its end; pages that end no packet
  // carry -1 and are skipped. (A negative offset would make lastIndexOf count from the end: stop at 0.)
  let at = bytes.lastIndexOf('OggS', bytes.length - 27, 'latin1');
  while (at >= 0) {
    if (bytes[at + 4] === 0 && at + 14 <= bytes.length) {
      const granule = Number(bytes.readBigInt64LE(at + 6));
      if (granule >= 0) return rate > 0 ? { durationSec: Math.max(0, granule - preSkip) / rate, exact: true, silent: null } : UNKNOWN;
    }
    at = at === 0 ? -1 : bytes.lastIndexOf('OggS', at - 1, 'latin1');
  }
  return UNKNOWN;
}

/* ---------- MP4 / M4A ---------- */

interface Mp4State {
  movieScale: number;
  movieDuration: number;
  trackScale: number;
  trackDuration: number;
  defaultSampleDuration: number;
  fragmentEnd: number;
  running: number;
}

const MP4_CONTAINERS = new Set(['moov', 'trak', 'mdia', 'mvex', 'moof', 'traf']);

function walkMp4(bytes: Buffer, start: number, end: number, state: Mp4State, traf?: { base: number | null; defaultDuration: number; total: number }): void {
  let offset = start;
  while (offset + 8 <= end) {
    let size = bytes.readUInt32BE(offset);
    const type = ascii(bytes, offset + 4, 4);
    let header = 8;
    if (size === 1 && offset + 16 <= end) {
      size = Number(bytes.readBigUInt64BE(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header || offset + size > end) return;
    const body = offset + header;
    const version = bytes[body] ?? 0;
    if (type === 'traf') {
      const fragment = { base: null, defaultDuration: state.defaultSampleDuration, total: 0 };
      walkMp4(bytes, body, offset + size, state, fragment);
      const begin = fragment.base ?? state.running;
      state.running = begin + fragment.total;
      state.fragmentEnd = Math.max(state.fragmentEnd, state.running);
    } else if (MP4_CONTAINERS.has(type)) {
      walkMp4(bytes, body, offset + size, state, traf);
    } else if (type === 'mvhd' || type === 'mdhd') {
      const scale = version === 1 ? bytes.readUInt32BE(body + 20) : bytes.readUInt32BE(body + 12);
      const duration = version === 1 ? Number(bytes.readBigUInt64BE(body + 24)) : bytes.readUInt32BE(body + 16);
      if (type === 'mvhd') {
        state.movieScale = scale;
        state.movieDuration = duration;
      } else if (state.trackScale === 0) {
        state.trackScale = scale;
        state.trackDuration = duration;
      }
    } else if (type === 'trex') {
      state.defaultSampleDuration = bytes.readUInt32BE(body + 12);
    } else if (traf && type === 'tfhd') {
      const flags = bytes.readUIntBE(body + 1, 3);
      let field = body + 8;
      if (flags & 0x01) field += 8;
      if (flags & 0x02) field += 4;
      if (flags & 0x08) traf.defaultDuration = bytes.readUInt32BE(field);
    } else if (traf && type === 'tfdt') {
      traf.base = version === 1 ? Number(bytes.readBigUInt64BE(body + 4)) : bytes.readUInt32BE(body + 4);
    } else if (traf && type === 'trun') {
      const flags = bytes.readUIntBE(body + 1, 3);
      const count = bytes.readUInt32BE(body + 4);
      let field = body + 8;
      if (flags & 0x01) field += 4;
      if (flags & 0x04) field += 4;
      const perSample = ((flags & 0x100 ? 1 : 0) + (flags & 0x200 ? 1 : 0) + (flags & 0x400 ? 1 : 0) + (flags & 0x800 ? 1 : 0)) * 4;
      if (flags & 0x100) {
        // Each sample's duration is in the box: read no further than the box holds, whatever the count says.
        for (let sample = 0; sample < count && field + 4 <= offset + size; sample += 1, field += perSample) {
          traf.total += bytes.readUInt32BE(field);
        }
      } else {
        traf.total += count * traf.defaultDuration;
      }
    }
    offset += size;
  }
}

function inspectMp4(bytes: Buffer): AudioInfo {
  const state: Mp4State = { movieScale: 0, movieDuration: 0, trackScale: 0, trackDuration: 0, defaultSampleDuration: 0, fragmentEnd: 0, running: 0 };
  try {
    walkMp4(bytes, 0, bytes.length, state);
  } catch {
    // A truncated box: whatever was read before it still counts.
  }
  // Fragmented files (what MediaRecorder writes) leave the header durations at zero; their fragments tell.
  if (state.fragmentEnd > 0 && state.trackScale > 0) return { durationSec: state.fragmentEnd / state.trackScale, exact: true, silent: null };
  if (state.movieDuration > 0 && state.movieScale > 0) return { durationSec: state.movieDuration / state.movieScale, exact: true, silent: null };
  if (state.trackDuration > 0 && state.trackScale > 0) return { durationSec: state.trackDuration / state.trackScale, exact: true, silent: null };
  return UNKNOWN;
}

/* ---------- MPEG audio (MP3) ---------- */

const MPEG_BITRATES: Record<string, readonly number[]> = {
  // kbit/s by bitrate index, for MPEG-1 layer III and MPEG-2/2.5 layer III.
  '1': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MPEG_RATES: Record<string, readonly number[]> = { '1': [44100, 48000, 32000], '2': [22050, 24000, 16000], '2.5': [11025, 12000, 8000] };

function inspectMpeg(bytes: Buffer): AudioInfo {
  let offset = 0;
  if (ascii(bytes, 0, 3) === 'ID3' && bytes.length >= 10) {
    const tagSize = (((bytes[6] ?? 0) & 0x7f) << 21) | (((bytes[7] ?? 0) & 0x7f) << 14) | (((bytes[8] ?? 0) & 0x7f) << 7) | ((bytes[9] ?? 0) & 0x7f);
    offset = 10 + tagSize + ((bytes[5] ?? 0) & 0x10 ? 10 : 0);
  }
  // The first frame header after the tag.
  while (offset + 4 <= bytes.length && !(bytes[offset] === 0xff && ((bytes[offset + 1] ?? 0) & 0xe0) === 0xe0)) offset += 1;
  if (offset + 4 > bytes.length) return UNKNOWN;
  const header = bytes.readUInt32BE(offset);
  const versionBits = (header >>> 19) & 0x3;
  const layerBits = (header >>> 17) & 0x3;
  const version = versionBits === 3 ? '1' : versionBits === 2 ? '2' : versionBits === 0 ? '2.5' : undefined;
  // Layer III only: the audio a recorder or an encoder for speech writes.
  if (version === undefined || layerBits !== 1) return UNKNOWN;
  const bitrate = (MPEG_BITRATES[version === '1' ? '1' : '2'] ?? [])[(header >>> 12) & 0xf];
  const sampleRate = (MPEG_RATES[version] ?? [])[(header >>> 10) & 0x3];
  if (!bitrate || !sampleRate) return UNKNOWN;
  const samplesPerFrame = version === '1' ? 1152 : 576;
  const mono = ((header >>> 6) & 0x3) === 3;
  const sideInfo = version === '1' ? (mono ? 17 : 32) : mono ? 9 : 17;
  // A Xing/Info tag (or VBRI) in the first frame counts the frames: exact even for variable bit rates.
  const xing = offset + 4 + sideInfo;
  const tag = ascii(bytes, xing, 4);
  if ((tag === 'Xing' || tag === 'Info') && xing + 12 <= bytes.length && (bytes.readUInt32BE(xing + 4) & 0x1) !== 0) {
    return { durationSec: (bytes.readUInt32BE(xing + 8) * samplesPerFrame) / sampleRate, exact: true, silent: null };
  }
  if (ascii(bytes, offset + 36, 4) === 'VBRI' && offset + 54 <= bytes.length) {
    return { durationSec: (bytes.readUInt32BE(offset + 50) * samplesPerFrame) / sampleRate, exact: true, silent: null };
  }
  return { durationSec: ((bytes.length - offset) * 8) / (bitrate * 1000), exact: false, silent: null };
}

/** Length and, where measurable, silence of a recording in a known container. */
export function inspectAudio(format: AudioFormat, bytes: Buffer): AudioInfo {
  switch (format) {
    case 'wav':
      return inspectWav(bytes);
    case 'webm':
      return inspectWebm(bytes);
    case 'ogg':
      return inspectOgg(bytes);
    case 'mp4':
      return inspectMp4(bytes);
    case 'mpeg':
      return inspectMpeg(bytes);
  }
}
