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
      expect(String((error as Error).message)).not.toContain('\n');
    }
  });

  it('uses the LLM grader in auto mode only when a base URL or key is set', () => {
    expect(useLlmGrader(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }))).toBe(true);
    expect(useLlmGrader(loadConfig({ OPENAI_API_KEY: 'sk-test' }))).toBe(true);
    expect(useLlmGrader(loadConfig({ OPENAI_API_KEY: 'sk-test', GRADER: 'offline' }))).toBe(false);
    expect(useLlmGrader(loadConfig({ GRADER: 'llm' }))).toBe(true);
  });
});
