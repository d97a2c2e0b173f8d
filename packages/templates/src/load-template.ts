import { readFile } from 'node:fs/promises';
import { TemplateInvalidError, TemplateNotFoundError } from './template-error.js';
import { isTemplateId, templateIds, type TemplateId } from './template-id.js';
import type { LocalizedText } from './localized-text-schema.js';
import { templateSchema, type IndustryTemplate } from './template-schema.js';

/** The JSON files of a template folder, keyed by the template property they fill. */
const templateFiles = {
  manifest: 'template.json',
  intents: 'intents.json',
  faqs: 'faqs.json',
  knowledgeGraph: 'knowledge-graph.json',
  ticketCategories: 'ticket-categories.json',
  cannedReplies: 'canned-replies.json',
} as const;

/** Written by the dialogue engineer; may be absent while flows are being authored. */
const flowsFile = 'flows.json';

export interface TemplateSummary {
  id: TemplateId;
  version: number;
  name: LocalizedText;
  description: LocalizedText;
  intentCount: number;
  faqCount: number;
}

/**
 * Reads and validates one industry template from `packages/templates/<id>/`.
 * Returns a fresh object on every call, so a caller may edit it before installing it for a tenant.
 *
 * @example
 * const template = await loadTemplate('ecommerce');
 * template.faqs.find((f) => f.id === 'return_how_to')?.answer;
 */
export async function loadTemplate(id: string): Promise<IndustryTemplate> {
  if (!isTemplateId(id)) throw new TemplateNotFoundError(id);
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, file] of Object.entries(templateFiles)) {
    try {
      raw[key] = await readJson(id, file);
    } catch (error) {
      problems.push(`${file}: ${describe(error)}`);
    }
  }
  try {
    raw.flows = flowsFromFile(id, await readJson(id, flowsFile));
  } catch (error) {
    if (!isMissingFile(error)) problems.push(`${flowsFile}: ${describe(error)}`);
  }
  if (problems.length > 0) throw new TemplateInvalidError(id, problems);
  return parseTemplate(id, raw);
}

/**
 * Validates an already-read template (e.g. one a tenant edited and uploaded),
 * checking every file's shape and the references between files.
 */
export function parseTemplate(id: string, raw: unknown): IndustryTemplate {
  const result = templateSchema.safeParse(raw);
  if (!result.success) {
    throw new TemplateInvalidError(
      id,
      result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  if (result.data.manifest.id !== id) {
    throw new TemplateInvalidError(id, [`manifest.id: is "${result.data.manifest.id}", expected "${id}"`]);
  }
  return result.data;
}

/** Lists the shipped templates with their display texts and sizes, in display order. */
export async function listTemplates(): Promise<TemplateSummary[]> {
  return Promise.all(
    templateIds.map(async (id) => {
      const { manifest, intents, faqs } = await loadTemplate(id);
      return {
        id,
        version: manifest.version,
        name: manifest.name,
        description: manifest.description,
        intentCount: intents.intents.length,
        faqCount: faqs.length,
      };
    }),
  );
}

/**
 * `flows.json` is owned by `@zhida/dialogue` and shaped `{ industry, flows: [...] }`;
 * a bare array is accepted too. The flows themselves pass through unvalidated.
 */
function flowsFromFile(id: TemplateId, file: unknown): unknown {
  if (Array.isArray(file)) return file;
  if (typeof file === 'object' && file !== null && 'flows' in file) {
    const { industry, flows } = file as { industry?: unknown; flows: unknown };
    if (industry !== undefined && industry !== id) throw new Error(`industry is "${String(industry)}", expected "${id}"`);
    return flows;
  }
  throw new Error('expected { industry, flows: [...] } or an array of flows');
}

async function readJson(id: TemplateId, file: string): Promise<unknown> {
  const text = await readFile(new URL(`../${id}/${file}`, import.meta.url), 'utf8');
  return JSON.parse(text) as unknown;
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

function describe(error: unknown): string {
  if (isMissingFile(error)) return 'file is missing';
  return error instanceof Error ? error.message : String(error);
}
