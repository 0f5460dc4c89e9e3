import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, useLlmGrader } from '../src/config.js';

describe('configuration', () => {
  it('defaults to loopback, port 3000, the offline grader and a database under data/', () => {
    const config = loadConfig({});
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_PATH).toMatch(/data[\\/]interview-coach\.db$/);
    expect(useLlmGrader(config)).toBe(false);
  });

  it('names the variable in a one-line error for a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^invalid configuration: PORT: /);
    expect(() => loadConfig({ GRADER: 'magic' })).toThrow(/GRADER/);
    expect(() => loadConfig({ OPENAI_BASE_URL: 'not a url' })).toThrow(/OPENAI_BASE_URL/);
    try {
      loadConfig({ LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('uses the LLM grader in auto mode only when a base URL or key is set', () => {
    expect(useLlmGrader(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }))).toBe(true);
    expect(useLlmGrader(loadConfig({ OPENAI_API_KEY: 'sk-test' }))).toBe(true);
    expect(useLlmGrader(loadConfig({ OPENAI_API_KEY: 'sk-test', GRADER: 'offline' }))).toBe(false);
    expect(useLlmGrader(loadConfig({ GRADER: 'llm' }))).toBe(true);
  });

  it('takes PUBLIC_ORIGIN and ALLOWED_ORIGINS as origins only, normalised, and documents the limits it defaults', () => {
    const config = loadConfig({ PUBLIC_ORIGIN: 'HTTPS://Coach.Example.org/', ALLOWED_ORIGINS: 'http://localhost:8080, https://a.example' });
    expect(config.PUBLIC_ORIGIN).toBe('https://coach.example.org');
    expect(config.ALLOWED_ORIGINS).toEqual(['http://localhost:8080', 'https://a.example']);
    for (const bad of ['coach.example.org', 'ftp://coach.example.org', 'https://coach.example.org/app', 'https://coach.example.org?x=1', 'https://user@coach.example.org']) {
      expect(() => loadConfig({ PUBLIC_ORIGIN: bad }), bad).toThrow(/^invalid configuration: PUBLIC_ORIGIN: expected an origin/);
    }
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'http://localhost:8080,nope' })).toThrow(/^invalid configuration: ALLOWED_ORIGINS\.1: /);
    expect(loadConfig({})).toMatchObject({
      GRADER_TIMEOUT_MS: 100,
      GRADING_CONCURRENCY_PER_USER: 2,
      WS_UPGRADES_PER_MINUTE: 120,
      WS_MAX_PER_USER: 10,
      WS_MAX_PER_ADDRESS: 100,
      WS_IDLE_TIMEOUT_MS: 60_000,
      WS_REPLAY_BYTES_PER_SECOND: 256 * 1024,
      DRAFT_SAVE_INTERVAL_MS: 3_000,
      DRAFT_QUOTA_BYTES: 64 * 1024 * 1024,
    });
    expect(() => loadConfig({ WS_MAX_PER_USER: '0' })).toThrow(/WS_MAX_PER_USER/);
  });
});
