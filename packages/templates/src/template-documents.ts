import { readdir, readFile } from 'node:fs/promises';
import { TemplateNotFoundError } from './template-error.js';
import { isTemplateId } from './template-id.js';

/** A document a template ships for its demo tenant to import (a manual or policy file). */
export interface TemplateDocument {
  /** The file name, e.g. `after-sales-handbook.md`. */
  name: string;
  data: Buffer;
}

/**
 * Every file in `<template>/documents/` (sorted by name; none when the folder is absent), for the
 * documents module to import into a demo tenant. Whatever lands in that folder is picked up.
 * @example (await templateDocuments('ecommerce')).map((d) => d.name) // ['after-sales-handbook.md']
 */
export async function templateDocuments(id: string): Promise<TemplateDocument[]> {
  if (!isTemplateId(id)) throw new TemplateNotFoundError(id);
  const folder = new URL(`../${id}/documents/`, import.meta.url);
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(names.sort().map(async (name) => ({ name, data: await readFile(new URL(name, folder)) })));
}
