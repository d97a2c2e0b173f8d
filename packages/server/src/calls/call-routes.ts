import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf, visitorOf } from '../auth/auth-hooks.js';
import { idParamsSchema } from '../http/common-schemas.js';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../selfservice/upload-errors.js';
import { acceptCallInputSchema, callDtoSchema, callSettingsSchema, endCallInputSchema, iceServerSchema, joinedCallDtoSchema, startCallInputSchema } from './call-dto.js';
import { NotCallPartyError } from './call-errors.js';
import type { CallService } from './call-service.js';
import { iceServersFor, type IceConfig } from './turn-credentials.js';

/** A recording of a long assistance call at MediaRecorder's default bitrates; larger uploads get 413. */
export const MAX_RECORDING_BYTES = 50 * 1024 * 1024;
const RECORDING_TYPES = ['video/webm', 'audio/webm'] as const;
/** Every WebM file starts with the EBML magic number. */
const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

const conversationParams = z.strictObject({ id: z.uuid() });

/** The user behind a staff request: calls are made by people (an API key cannot take part in one). */
function callerOf(principal: ReturnType<typeof staffOf>): { tenantId: string; userId: string } {
  if (principal.kind !== 'user') throw new NotCallPartyError('通话只能由登录的客服发起');
  return { tenantId: principal.tenantId, userId: principal.userId };
}

/**
 * Staff: `POST /conversations/:id/calls` (start, the assignee only), `GET /conversations/:id/calls`,
 * `POST /calls/:id/hangup`, `GET /calls/:id/ice-servers`, `POST /calls/:id/recording` (WebM body),
 * `GET|PUT /call-settings`. Widget (visitor token): `GET /widget/conversations/:id/call`,
 * `POST /widget/calls/:id/accept|decline|hangup`.
 */
export const callRoutes: FastifyPluginAsyncZod<{ calls: CallService; ice: IceConfig }> = async (app, { calls, ice }) => {
  const actionsPerVisitor = app.rateLimits.limiter('calls.visitor_actions', 60, 60_000);
  // Recordings come as the raw WebM bytes (no base64 inflation); only this plugin accepts these types.
  app.addContentTypeParser([...RECORDING_TYPES], { parseAs: 'buffer', bodyLimit: MAX_RECORDING_BYTES }, (_req, body, done) => done(null, body));

  app.post('/conversations/:id/calls', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['calls'], params: conversationParams, body: startCallInputSchema, response: { 201: joinedCallDtoSchema } },
    handler: async (req, reply) => {
      const caller = callerOf(staffOf(req));
      return reply.status(201).send(await calls.start(caller, caller.userId, req.params.id, req.body.kind));
    },
  });

  app.get('/conversations/:id/calls', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['calls'], params: conversationParams, response: { 200: z.object({ items: z.array(callDtoSchema) }) } },
    handler: async (req) => ({ items: await calls.listForConversation(staffOf(req), req.params.id) }),
  });

  app.post('/calls/:id/hangup', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['calls'], params: idParamsSchema, body: endCallInputSchema, response: { 200: callDtoSchema } },
    handler: async (req) => {
      const caller = callerOf(staffOf(req));
      return calls.end(caller, { party: 'agent', userId: caller.userId }, req.params.id, req.body.reason);
    },
  });

  app.get('/calls/:id/ice-servers', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['calls'], params: idParamsSchema, response: { 200: z.object({ iceServers: z.array(iceServerSchema) }) } },
    handler: async (req) => {
      const caller = callerOf(staffOf(req));
      const call = await calls.getFor(caller, { party: 'agent', userId: caller.userId }, req.params.id);
      return { iceServers: iceServersFor(ice, call.conversation_id, new Date()) };
    },
  });

  app.post('/calls/:id/recording', {
    config: { auth: 'conversations.reply' },
    schema: {
      tags: ['calls'],
      params: idParamsSchema,
      headers: z.object({ 'content-type': z.string() }),
      response: { 201: z.object({ id: z.string(), size: z.int(), sha256: z.string() }) },
    },
    handler: async (req, reply) => {
      const caller = callerOf(staffOf(req));
      const contentType = req.headers['content-type']?.split(';')[0]?.trim();
      const type = RECORDING_TYPES.find((t) => t === contentType);
      if (!type || !Buffer.isBuffer(req.body)) throw new UnsupportedMediaTypeError('录制文件必须是 video/webm 或 audio/webm');
      const data = req.body;
      if (data.length > MAX_RECORDING_BYTES) throw new PayloadTooLargeError('录制文件过大');
      if (data.length < EBML_MAGIC.length || !data.subarray(0, EBML_MAGIC.length).equals(EBML_MAGIC)) throw new UnsupportedMediaTypeError('文件内容不是 WebM');
      return reply.status(201).send(await calls.storeRecording(caller, caller.userId, req.params.id, { contentType: type, data }));
    },
  });

  app.get('/call-settings', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['calls'], response: { 200: callSettingsSchema } },
    handler: async (req) => ({ recordingEnabled: await calls.recordingEnabled(staffOf(req)) }),
  });

  app.put('/call-settings', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['calls'], body: callSettingsSchema, response: { 200: callSettingsSchema } },
    handler: async (req) => {
      await calls.setRecordingEnabled(staffOf(req), req.body.recordingEnabled);
      return { recordingEnabled: req.body.recordingEnabled };
    },
  });

  app.get('/widget/conversations/:id/call', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: conversationParams, response: { 200: z.object({ call: callDtoSchema.nullable(), recordingEnabled: z.boolean() }) } },
    handler: async (req) => {
      const visitor = visitorOf(req);
      return { call: await calls.liveForVisitor(visitor, visitor.visitorId, req.params.id), recordingEnabled: await calls.recordingEnabled(visitor) };
    },
  });

  app.post('/widget/calls/:id/accept', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: idParamsSchema, body: acceptCallInputSchema, response: { 200: joinedCallDtoSchema } },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await actionsPerVisitor.hit(visitor.visitorId);
      return calls.accept(visitor, visitor.visitorId, req.params.id, req.body);
    },
  });

  app.post('/widget/calls/:id/decline', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: idParamsSchema, response: { 200: callDtoSchema } },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await actionsPerVisitor.hit(visitor.visitorId);
      return calls.decline(visitor, visitor.visitorId, req.params.id);
    },
  });

  app.post('/widget/calls/:id/hangup', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: idParamsSchema, body: endCallInputSchema, response: { 200: callDtoSchema } },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await actionsPerVisitor.hit(visitor.visitorId);
      return calls.end(visitor, { party: 'visitor', visitorId: visitor.visitorId }, req.params.id, req.body.reason);
    },
  });

};
