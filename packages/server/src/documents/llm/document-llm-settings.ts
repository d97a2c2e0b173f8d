import { z } from 'zod';

/** A tenant's grounded-LLM configuration as stored under `tenants.settings.documentLlm` (the key sealed). */
export const storedDocumentLlmSchema = z.object({
  enabled: z.boolean().default(false),
  baseUrl: z.string().default(''),
  model: z.string().default(''),
  /** SecretBox-sealed API key, context `document-llm:<tenantId>`; null = none. */
  apiKey: z.string().nullable().default(null),
});
export type StoredDocumentLlm = z.infer<typeof storedDocumentLlmSchema>;

/** What the console reads: never the key itself. */
export const documentLlmDto = z.object({
  enabled: z.boolean().describe('The LLM words document answers (off by default; without it answers are extractive)'),
  baseUrl: z.string().describe('OpenAI-compatible API base, e.g. https://dashscope.aliyuncs.com/compatible-mode/v1'),
  model: z.string().describe('Model name, e.g. qwen-plus, deepseek-chat, glm-4-flash'),
  apiKeySet: z.boolean(),
  mainlandProvidersOnly: z.boolean().describe('Refuse endpoints not hosted in mainland China (on by default)'),
});
export type DocumentLlmDto = z.infer<typeof documentLlmDto>;

export const documentLlmInput = z.strictObject({
  enabled: z.boolean(),
  baseUrl: z.string().trim().max(500),
  model: z.string().trim().max(100),
  /** A new key; omitted keeps the stored one, null removes it. */
  apiKey: z.string().trim().min(1).max(500).nullable().optional(),
  mainlandProvidersOnly: z.boolean(),
});
export type DocumentLlmInput = z.infer<typeof documentLlmInput>;

/** Everything a call needs, the key opened. */
export interface DocumentLlmEndpoint {
  baseUrl: string;
  model: string;
  apiKey: string | null;
}
