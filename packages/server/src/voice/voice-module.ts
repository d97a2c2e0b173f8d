import type { Server } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { ApiKeyService } from '../auth/api-key-service.js';
import type { AuditLog } from '../auth/audit-log.js';
import type { SecretBox } from '../auth/secret-box.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { Database } from '../db/schema.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { TenantRepository } from '../tenancy/tenant-repository.js';
import type { SsrfGuard } from '../webhooks/ssrf-guard.js';
import { callTransferTarget } from './call-transfer-target.js';
import { VoiceProviders } from './voice-providers.js';
import { voiceRoutes } from './voice-routes.js';
import { VoiceSettingsRepository } from './voice-settings-repository.js';
import { VoiceStreamServer } from './voice-stream-server.js';
import type { VoiceActivityOptions } from './voice-activity-detector.js';

export interface VoiceModule {
  providers: VoiceProviders;
  routes: FastifyPluginAsync;
  /** Starts the phone/speaker media stream on the app's HTTP server. */
  attachStream(server: Server): VoiceStreamServer;
}

/** Voice channels (#15): speech providers per tenant, widget voice, and the phone bridge's media stream. */
export function createVoiceModule(
  db: Kysely<Database>,
  deps: {
    secrets: SecretBox;
    conversations: ConversationService;
    tenants: TenantRepository;
    events: DomainEvents;
    apiKeys: ApiKeyService;
    audit: AuditLog;
    guard: SsrfGuard;
    log: { warn(obj: object, msg: string): void };
    vad?: Omit<VoiceActivityOptions, 'sampleRate'>;
  },
): VoiceModule {
  const settings = new VoiceSettingsRepository(db, deps.secrets);
  const providers = new VoiceProviders(settings);
  return {
    providers,
    routes: async (app) => {
      await app.register(voiceRoutes, { settings, providers, conversations: deps.conversations, guard: deps.guard, audit: deps.audit });
    },
    attachStream: (server) =>
      new VoiceStreamServer(server, {
        tenants: deps.tenants,
        conversations: deps.conversations,
        providers,
        events: deps.events,
        apiKeys: deps.apiKeys,
        log: deps.log,
        transferTarget: (ctx, conversationId) => callTransferTarget(db, ctx, conversationId),
        ...(deps.vad ? { vad: deps.vad } : {}),
      }),
  };
}
