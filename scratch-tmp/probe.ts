import fs from 'node:fs';
import { inspectAudio, sniffFormat } from '../src/voice/audio-format.js';
for (const f of process.argv.slice(2)) {
  const b = fs.readFileSync(f);
  const fmt = sniffFormat(b);
  console.log(f, fmt, fmt && inspectAudio(fmt, b));
}
