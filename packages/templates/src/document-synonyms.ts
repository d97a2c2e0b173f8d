import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TemplateNotFoundError } from './template-error.js';
import { isTemplateId, templateIds } from './template-id.js';

const documentSynonymsSchema = z.object({
  note: z.string().optional(),
  /** Each group: words customers and documents use for one thing ("二手房过户", "不动产登记"). */
  groups: z.array(z.array(z.string().min(1)).min(2)),
});

/**
 * A template's domain lexicon for document retrieval (`<template>/document-synonyms.json`): groups of customers'
 * words and the policy documents' words for the same thing, expanded into a question before it is looked up.
 * @example templateDocumentSynonyms('government').some((g) => g.includes('不动产登记')) // true
 */
export function templateDocumentSynonyms(id: string): string[][] {
  if (!isTemplateId(id)) throw new TemplateNotFoundError(id);
  const raw = readFileSync(new URL(`../${id}/document-synonyms.json`, import.meta.url), 'utf8');
  return documentSynonymsSchema.parse(JSON.parse(raw)).groups;
}

/** Every template's lexicon: a tenant's documents are not limited to its template's industry. */
export function allTemplateDocumentSynonyms(): string[][] {
  return templateIds.flatMap((id) => templateDocumentSynonyms(id));
}
