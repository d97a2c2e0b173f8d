import type { JsonFieldSchema, JsonObjectSchema } from './workspace-api-types.js';

/** One input of an action's form, read from its args schema. */
export interface ActionField {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'boolean' | 'select';
  required: boolean;
  options: string[];
  pattern: string | null;
  help: string | null;
}

/**
 * The form of an action from its JSON Schema args (`properties`, `required`): strings become
 * text inputs, numbers and integers number inputs, booleans switches, `enum`s selects.
 * @example actionFields({ properties: { orderId: { type: 'string' } }, required: ['orderId'] })[0].required // true
 */
export function actionFields(schema: JsonObjectSchema | null | undefined): ActionField[] {
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).map(([name, field]) => ({
    name,
    label: field.title?.trim() || name,
    kind: fieldKind(field),
    required: required.has(name),
    options: Array.isArray(field.enum) ? field.enum.map(String) : [],
    pattern: field.pattern ?? null,
    help: field.description?.trim() || null,
  }));
}

export type ActionArgsCheck = { ok: true; args: Record<string, unknown> } | { ok: false; missing: string[]; invalid: string[] };

/**
 * The args to send for what the agent typed: blanks left out, numbers parsed, text trimmed.
 * Missing required fields and text that misses its pattern are reported instead of sent, so the
 * agent fixes them in place; the server's zod schema still has the last word.
 * @example actionArgs(fields, { orderId: ' 20261118883301 ' }) // { ok: true, args: { orderId: '20261118883301' } }
 */
export function actionArgs(fields: readonly ActionField[], values: Record<string, unknown>): ActionArgsCheck {
  const args: Record<string, unknown> = {};
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const field of fields) {
    const raw = values[field.name];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === null || value === '') {
      if (field.required) missing.push(field.name);
      continue;
    }
    if (field.kind === 'number') {
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(number)) invalid.push(field.name);
      else args[field.name] = number;
    } else if (field.kind === 'boolean') {
      args[field.name] = value === true || value === 'true';
    } else {
      const text = String(value);
      if (field.pattern && !safeRegExp(field.pattern)?.test(text)) invalid.push(field.name);
      else args[field.name] = text;
    }
  }
  return missing.length || invalid.length ? { ok: false, missing, invalid } : { ok: true, args };
}

function fieldKind(field: JsonFieldSchema): ActionField['kind'] {
  if (Array.isArray(field.enum) && field.enum.length > 0) return 'select';
  const types = Array.isArray(field.type) ? field.type : [field.type];
  if (types.includes('number') || types.includes('integer')) return 'number';
  if (types.includes('boolean')) return 'boolean';
  return 'text';
}

function safeRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern);
  } catch {
    // A pattern this browser cannot compile is left to the server to check.
    return null;
  }
}
