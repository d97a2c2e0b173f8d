import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditActor, type AuditLog } from '../../auth/audit-log.js';
import { staffOf } from '../../auth/auth-hooks.js';
import { BadRequestError } from '../../errors/app-error.js';
import type { SsrfGuard } from '../../webhooks/ssrf-guard.js';
import { documentLlmDto, documentLlmInput, type DocumentLlmDto, type StoredDocumentLlm } from './document-llm-settings.js';
import type { DocumentLlmSettingsRepository } from './document-llm-settings-repository.js';
import { isMainlandEndpoint } from './mainland-endpoint.js';

function dto(llm: StoredDocumentLlm, mainlandProvidersOnly: boolean): DocumentLlmDto {
  return { enabled: llm.enabled, baseUrl: llm.baseUrl, model: llm.model, apiKeySet: llm.apiKey !== null, mainlandProvidersOnly };
}

/**
 * `GET|PUT /settings/document-llm` (admin, `settings.manage`): the optional LLM that words document answers, and the
 * tenant's "mainland providers only" switch. An endpoint the SSRF guard refuses, or a non-mainland host while the
 * switch is on, is a 400; the key is sealed and never returned; every change is audited without it.
 */
export const documentLlmRoutes: FastifyPluginAsyncZod<{ settings: DocumentLlmSettingsRepository; guard: SsrfGuard; audit: AuditLog }> = async (app, { settings, guard, audit }) => {
  app.get('/settings/document-llm', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['settings'], response: { 200: documentLlmDto } },
    handler: async (req) => {
      const { llm, mainlandProvidersOnly } = await settings.get(staffOf(req));
      return dto(llm, mainlandProvidersOnly);
    },
  });

  app.put('/settings/document-llm', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['settings'], body: documentLlmInput, response: { 200: documentLlmDto } },
    handler: async (req) => {
      const staff = staffOf(req);
      const input = req.body;
      const current = await settings.get(staff);
      if (input.baseUrl) {
        const host = hostOf(input.baseUrl);
        // Decided on the name before any lookup: a non-mainland host is never even resolved while the switch is on.
        if (input.mainlandProvidersOnly && host !== null && !isMainlandEndpoint(host)) {
          throw new BadRequestError(`${host} is not a mainland-hosted model service; switch off "mainland providers only" to use it`, 'llm_endpoint_not_mainland');
        }
        try {
          await guard.check(`${input.baseUrl.replace(/\/+$/, '')}/chat/completions`);
        } catch (err) {
          throw new BadRequestError(`The LLM endpoint is refused: ${(err as Error).message}`, 'llm_endpoint_refused');
        }
      }
      if (input.enabled && (!input.baseUrl || !input.model)) throw new BadRequestError('An enabled LLM needs a base URL and a model', 'llm_incomplete');
      const apiKey = input.apiKey === undefined ? current.llm.apiKey : input.apiKey === null ? null : settings.seal(staff, input.apiKey);
      const next: StoredDocumentLlm = { enabled: input.enabled, baseUrl: input.baseUrl, model: input.model, apiKey };
      await settings.put(staff, next, input.mainlandProvidersOnly);
      await audit.record({
        tenantId: staff.tenantId,
        ...auditActor(staff),
        action: 'settings.document_llm_changed',
        objectType: 'tenant',
        objectId: staff.tenantId,
        detail: { enabled: next.enabled, baseUrl: next.baseUrl, model: next.model, apiKeyChanged: input.apiKey !== undefined, mainlandProvidersOnly: input.mainlandProvidersOnly },
      });
      return dto(next, input.mainlandProvidersOnly);
    },
  });
};

function hostOf(raw: string): string | null {
  try {
    return new URL(raw).hostname;
  } catch {
    return null;
  }
}
