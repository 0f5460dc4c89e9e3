import http from 'node:http';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
const exe = process.argv[2];
const server = http.createServer((req, res) => { res.writeHead(200, {'content-type':'text/html'}); res.end('<html><body>x</body></html>'); });
await new Promise(r => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const browser = await chromium.launch({ executablePath: exe, headless: true, args: ['--no-sandbox','--use-fake-ui-for-media-stream','--use-fake-device-for-media-stream','--use-file-for-fake-audio-capture=/tmp/voice/speech.wav%noloop'] });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/`);
for (const mime of ['audio/webm;codecs=opus','audio/webm','audio/ogg;codecs=opus','audio/mp4','audio/mp4;codecs=opus','audio/mp4;codecs=mp4a.40.2']) {
  console.log(mime, await page.evaluate((m) => MediaRecorder.isTypeSupported(m), mime));
}
const out = await page.evaluate(async (mime) => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const rec = new MediaRecorder(stream, { mimeType: mime });
  const chunks = [];
  rec.ondataavailable = (e) => chunks.push(e.data);
  rec.start(250);
  await new Promise(r => setTimeout(r, 3000));
  rec.stop();
  await new Promise(r => rec.onstop = r);
  const blob = new Blob(chunks, { type: rec.mimeType });
  const buf = new Uint8Array(await blob.arrayBuffer());
  return { type: rec.mimeType, bytes: Array.from(buf) };
}, process.argv[3]);
console.log(out.type, out.bytes.length);
fs.writeFileSync(process.argv[4], Buffer.from(out.bytes));
await browser.close(); server.close();
