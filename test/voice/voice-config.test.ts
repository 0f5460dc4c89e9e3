import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { sttSettings, ttsSettings } from '../../src/voice/voice-config.js';

describe('voice configuration', () => {
  it('leaves voice off unless a speech-to-text setting is given, even with a grading model configured', () => {
    expect(sttSettings(loadConfig({}))).toBeNull();
    expect(sttSettings(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_API_KEY: 'sk-test-llm' }))).toBeNull();
    expect(ttsSettings(loadConfig({}))).toBeNull();
  });

  it('defaults the server to OPENAI_BASE_URL (then OpenAI) and the model to whisper-1', () => {
    expect(sttSettings(loadConfig({ STT_MODEL: 'whisper-1', OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1', OPENAI_API_KEY: 'sk-test-a' }))).toEqual({
      baseURL: 'http://127.0.0.1:8000/v1',
      apiKey: 'sk-test-a',
      model: 'whisper-1',
      timeoutMs: 120_000,
    });
    expect(sttSettings(loadConfig({ STT_API_KEY: 'sk-test-b' }))).toMatchObject({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-test-b', model: 'whisper-1' });
  });

  it('never sends the grading key to a different speech-to-text server', () => {
    const settings = sttSettings(loadConfig({ STT_BASE_URL: 'http://127.0.0.1:9000/v1', OPENAI_API_KEY: 'sk-test-llm' }));
    expect(settings).toMatchObject({ baseURL: 'http://127.0.0.1:9000/v1', apiKey: undefined });
  });

  it('validates the voice variables and names the bad one', () => {
    expect(() => loadConfig({ STT_BASE_URL: 'not a url' })).toThrow(/^invalid configuration: STT_BASE_URL: /);
    expect(() => loadConfig({ STT_TIMEOUT_MS: '-5' })).toThrow(/STT_TIMEOUT_MS/);
    expect(() => loadConfig({ STT_DAILY_SECONDS: 'lots' })).toThrow(/STT_DAILY_SECONDS/);
    expect(() => loadConfig({ STT_MAX_IN_FLIGHT: '0' })).toThrow(/STT_MAX_IN_FLIGHT/);
    expect(() => loadConfig({ KEEP_AUDIO: 'yes please' })).toThrow(/KEEP_AUDIO/);
    expect(() => loadConfig({ TTS_BASE_URL: 'http://127.0.0.1:8880/v1' })).toThrow(/^invalid configuration: TTS_MODEL: TTS_BASE_URL and TTS_MODEL must be set together$/);
    expect(() => loadConfig({ TTS_MODEL: 'kokoro' })).toThrow(/TTS_BASE_URL/);
  });

  it('reads KEEP_AUDIO as a boolean, false by default', () => {
    expect(loadConfig({}).KEEP_AUDIO).toBe(false);
    expect(loadConfig({ KEEP_AUDIO: 'false' }).KEEP_AUDIO).toBe(false);
    expect(loadConfig({ KEEP_AUDIO: 'true' }).KEEP_AUDIO).toBe(true);
    expect(loadConfig({ KEEP_AUDIO: '1' }).KEEP_AUDIO).toBe(true);
  });

  it('turns spoken questions on with TTS_BASE_URL and TTS_MODEL', () => {
    expect(ttsSettings(loadConfig({ TTS_BASE_URL: 'http://127.0.0.1:8880/v1', TTS_MODEL: 'kokoro' }))).toEqual({
      baseURL: 'http://127.0.0.1:8880/v1',
      apiKey: undefined,
      model: 'kokoro',
      timeoutMs: 120_000,
      voice: 'alloy',
    });
  });
});
