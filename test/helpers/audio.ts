import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config.js';

/** Recordings made for the tests; how each was made is in test/fixtures/audio/README.md. */
export function audioFixture(name: 'answer.wav' | 'answer.webm' | 'answer.mp4' | 'answer.ogg'): Buffer {
  return fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'audio', name));
}

/**
 * A PCM WAV file: a sine tone of `amplitude` (0–1 of full scale; 0 is digital silence), mono.
 * `declaredSeconds` writes a data size in the header that the bytes do not back up.
 */
export function makeWav(options: { seconds: number; sampleRate?: number; bits?: 8 | 16; amplitude?: number; declaredSeconds?: number }): Buffer {
  const sampleRate = options.sampleRate ?? 16_000;
  const bits = options.bits ?? 16;
  const bytesPerSample = bits / 8;
  const samples = Math.round(options.seconds * sampleRate);
  const data = Buffer.alloc(samples * bytesPerSample);
  const amplitude = options.amplitude ?? 0.5;
  for (let index = 0; index < samples; index += 1) {
    const value = Math.sin((2 * Math.PI * 440 * index) / sampleRate) * amplitude;
    if (bits === 16) data.writeInt16LE(Math.round(value * 32767), index * 2);
    else data.writeUInt8(Math.round(128 + value * 127), index);
  }
  const declared = Math.round((options.declaredSeconds ?? options.seconds) * sampleRate) * bytesPerSample;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * bytesPerSample, 28);
  header.writeUInt16LE(bytesPerSample, 32);
  header.writeUInt16LE(bits, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(declared, 40);
  return Buffer.concat([header, data]);
}
