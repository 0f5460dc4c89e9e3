import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';

/*
 * Prompt templates are versioned files: `prompts/<name>.v<N>.md`. A template that changes meaning gets a
 * new file (and a new version), never an edit in place, because stored feedback records the version it was
 * produced with. HTML comments in a template are notes for maintainers and are not sent to the model.
 */

export const PROMPTS_DIR = path.join(projectRoot, 'prompts');

const TEMPLATE_ID = /^[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;
const PLACEHOLDER = /\{\{([a-z_]+)\}\}/g;

export interface PromptTemplate {
  /** `<name>.v<N>`, e.g. `star.v1`; also the template's contribution to the prompt version. */
  id: string;
  text: string;
  placeholders: ReadonlySet<string>;
}

const cache = new Map<string, PromptTemplate>();

/** Reads `<dir>/<id>.md` once per process. */
export function loadPromptTemplate(id: string, dir: string = PROMPTS_DIR): PromptTemplate {
  if (!TEMPLATE_ID.test(id)) throw new Error(`invalid prompt template id "${id}" (expected name.vN)`);
  const file = path.join(dir, `${id}.md`);
  const cached = cache.get(file);
  if (cached) return cached;
  const text = readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->\n?/g, '').trim();
  const template: PromptTemplate = {
    id,
    text,
    placeholders: new Set(Array.from(text.matchAll(PLACEHOLDER), (match) => match[1] ?? '')),
  };
  cache.set(file, template);
  return template;
}

/**
 * Fills every `{{name}}` in one pass, so a value that itself contains `{{…}}` (a candidate's answer, say)
 * is inserted literally and never expanded. A placeholder without a value is a bug and throws.
 */
export function fillTemplate(template: PromptTemplate, values: Readonly<Record<string, string>>): string {
  const missing = [...template.placeholders].filter((name) => !Object.hasOwn(values, name));
  if (missing.length > 0) {
    throw new Error(`prompt template ${template.id} needs values for: ${missing.join(', ')}`);
  }
  return template.text.replace(PLACEHOLDER, (_match, name: string) => values[name] ?? '');
}

/** The version recorded with feedback: the ids of the templates used, e.g. `star.v1+system.v1`. */
export function promptVersion(...templates: PromptTemplate[]): string {
  return templates.map((template) => template.id).join('+');
}
