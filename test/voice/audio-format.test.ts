import { describe, expect, it } from 'vitest';
import { formatOfContentType, inspectAudio, sniffFormat } from '../../src/voice/audio-format.js';
import { audioFixture, makeWav } from '../helpers/audio.js';

/** MPEG-1 layer III frames (128 kbit/s, 44.1 kHz, mono) with empty payloads; with `xingFrames`, a Xing tag counting them. */
function mp3(frames: number, options: { xingFrames?: number; id3?: boolean } = {}): Buffer {
  const header = 0xfffb9000 | (3 << 6); // sync, MPEG-1, layer III, no CRC, 128 kbit/s, 44.1 kHz, no padding, mono
  const frameLength = Math.floor((144 * 128_000) / 44_100);
  const parts: Buffer[] = [];
  if (options.id3) {
    const tag = Buffer.alloc(10 + 20);
    tag.write('ID3', 0, 'latin1');
    tag[3] = 4;
    tag[9] = 20; // syncsafe size: 20 bytes of tag body
    parts.push(tag);
  }
  for (let index = 0; index < frames; index += 1) {
    const frame = Buffer.alloc(frameLength);
    frame.writeUInt32BE(header >>> 0, 0);
    if (index === 0 && options.xingFrames !== undefined) {
      frame.write('Xing', 4 + 17, 'latin1');
      frame.writeUInt32BE(1, 4 + 17 + 4); // flags: frame count present
      frame.writeUInt32BE(options.xingFrames, 4 + 17 + 8);
    }
    parts.push(frame);
  }
  return Buffer.concat(parts);
}

/** An ISO BMFF box: size, type, payload. */
function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

/** A fragmented MP4 whose one fragment claims `count` samples of the default duration (20 of 1000ths). */
function fragmentedMp4(count: number): Buffer {
  const mdhd = Buffer.alloc(24);
  mdhd.writeUInt32BE(1000, 12); // version 0: timescale at 12, duration (0) at 16
  const tfhd = Buffer.alloc(12);
  tfhd.writeUInt32BE(0x08, 0); // flags: default-sample-duration present
  tfhd.writeUInt32BE(20, 8);
  const trun = Buffer.alloc(8);
  trun.writeUInt32BE(0x200, 0); // flags: sample sizes only, no durations
  trun.writeUInt32BE(count, 4);
  return Buffer.concat([
    box('ftyp', Buffer.from('isom\0\0\0\0', 'latin1')),
    box('moov', box('trak', box('mdia', box('mdhd', mdhd)))),
    box('moof', box('traf', box('tfhd', tfhd), box('trun', trun))),
  ]);
}

describe('audio containers', () => {
  it('accepts the five audio types and their common aliases, ignoring parameters', () => {
    expect(formatOfContentType('audio/webm;codecs=opus')).toBe('webm');
    expect(formatOfContentType('Audio/WAV')).toBe('wav');
    expect(formatOfContentType('audio/x-wav')).toBe('wav');
    expect(formatOfContentType('audio/mp3')).toBe('mpeg');
    expect(formatOfContentType('audio/x-m4a')).toBe('mp4');
    expect(formatOfContentType('audio/flac')).toBeUndefined();
    expect(formatOfContentType('application/json')).toBeUndefined();
    expect(formatOfContentType(undefined)).toBeUndefined();
  });

  it('recognises each container by its magic numbers, whatever its name says', () => {
    expect(sniffFormat(audioFixture('answer.wav'))).toBe('wav');
    expect(sniffFormat(audioFixture('answer.webm'))).toBe('webm');
    expect(sniffFormat(audioFixture('answer.mp4'))).toBe('mp4');
    expect(sniffFormat(audioFixture('answer.ogg'))).toBe('ogg');
    expect(sniffFormat(mp3(3))).toBe('mpeg');
    expect(sniffFormat(mp3(3, { id3: true }))).toBe('mpeg');
    expect(sniffFormat(Buffer.from('{"not":"audio at all"}'))).toBeUndefined();
  });

  it('reads the length of a WAV from its header, and trusts only the bytes that are there', () => {
    expect(inspectAudio('wav', makeWav({ seconds: 2.5 }))).toEqual({ durationSec: 2.5, exact: true, silent: false });
    // A header claiming an hour over two seconds of samples: two seconds.
    expect(inspectAudio('wav', makeWav({ seconds: 2, declaredSeconds: 3600 })).durationSec).toBe(2);
    expect(inspectAudio('wav', audioFixture('answer.wav')).durationSec).toBeCloseTo(5.386, 3);
  });

  it('tells a silent WAV from one with sound', () => {
    expect(inspectAudio('wav', makeWav({ seconds: 1, amplitude: 0 })).silent).toBe(true);
    expect(inspectAudio('wav', makeWav({ seconds: 1, amplitude: 0.001 })).silent).toBe(true);
    expect(inspectAudio('wav', makeWav({ seconds: 1, amplitude: 0.05 })).silent).toBe(false);
    expect(inspectAudio('wav', audioFixture('answer.wav')).silent).toBe(false);
    // 8-bit PCM is not measured: unknown, not "silent".
    expect(inspectAudio('wav', makeWav({ seconds: 1, bits: 8, amplitude: 0 })).silent).toBeNull();
  });

  it('reads the length of what MediaRecorder writes (WebM and fragmented MP4) from their timestamps', () => {
    // Both were recorded for 2 s in Chromium (test/fixtures/audio/record-in-chromium.mjs).
    expect(inspectAudio('webm', audioFixture('answer.webm')).durationSec).toBeCloseTo(2, 0);
    expect(inspectAudio('mp4', audioFixture('answer.mp4')).durationSec).toBeCloseTo(2, 0);
  });

  it('adds up MP4 fragments from the default sample duration without walking a claimed sample count', () => {
    expect(inspectAudio('mp4', fragmentedMp4(150))).toEqual({ durationSec: 3, exact: true, silent: null });
    // Four billion samples claimed in a few bytes: answered at once (and far over the 10-minute limit).
    expect(inspectAudio('mp4', fragmentedMp4(0xffffffff)).durationSec).toBeGreaterThan(600);
  });

  it('reads the length of an Ogg file from its last granule position', () => {
    expect(inspectAudio('ogg', audioFixture('answer.ogg'))).toMatchObject({ durationSec: expect.closeTo(5.386, 3), exact: true });
  });

  it('counts MP3 frames from a Xing tag, and estimates a plain constant-bit-rate file', () => {
    // 1152 samples per frame at 44.1 kHz.
    expect(inspectAudio('mpeg', mp3(5, { xingFrames: 1000 }))).toEqual({ durationSec: (1000 * 1152) / 44_100, exact: true, silent: null });
    const plain = inspectAudio('mpeg', mp3(100, { id3: true }));
    expect(plain.exact).toBe(false);
    expect(plain.durationSec).toBeCloseTo((100 * 417 * 8) / 128_000, 3);
  });

  it('reports an unknown length for a truncated or foreign body rather than guessing', () => {
    expect(inspectAudio('webm', audioFixture('answer.webm').subarray(0, 40)).durationSec).toBeNull();
    expect(inspectAudio('wav', Buffer.from('RIFF\0\0\0\0WAVEjunk')).durationSec).toBeNull();
    expect(inspectAudio('ogg', Buffer.from('OggS' + '\0'.repeat(40))).durationSec).toBeNull();
  });

  it('gives up on an Ogg file whose every page lacks a granule position instead of searching forever', () => {
    const ogg = Buffer.from(audioFixture('answer.ogg'));
    // Every page claims to end no packet (granule position -1), the first one included.
    for (let at = ogg.indexOf('OggS', 0, 'latin1'); at >= 0; at = ogg.indexOf('OggS', at + 4, 'latin1')) ogg.writeBigInt64LE(-1n, at + 6);
    expect(inspectAudio('ogg', ogg).durationSec).toBeNull();
  });
});
