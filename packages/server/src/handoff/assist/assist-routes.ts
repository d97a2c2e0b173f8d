import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../../auth/auth-hooks.js';
import type { PassageFinder } from '../../documents/answer/document-answerer.js';
import { idParamsSchema, plainTextSchema } from '../../http/common-schemas.js';
import type { KnowledgeSearch } from '../../search/knowledge-search.js';
import type { AgentAssist } from './agent-assist.js';
import { assistSuggestionDtoSchema } from './assist-suggestion-dto.js';
import type { AssistSuggestionRepository } from './assist-suggestion-repository.js';
import type { CannedReplyRepository } from './canned-reply-repository.js';
import { cannedReplyCaller } from './canned-reply-routes.js';
import { termSet, termSimilarity } from './term-similarity.js';

const SLASH_MENU_ITEMS = 20;

const slashMenuItemSchema = z.object({
  kind: z.enum(['canned', 'faq', 'article']),
  id: z.string(),
  title: z.string(),
  body: z.string(),
  /** Canned replies only: what follows `/`. */
  shortcut: z.string().nullable(),
});

/**
 * `GET /conversations/:id/assist?messageId=`, `POST /assist/suggestions/:id/used` and the `/` menu's
 * `GET /assist/search?q=` (all `conversations.reply`).
 */
export const assistRoutes: FastifyPluginAsyncZod<{ assist: AgentAssist; suggestions: AssistSuggestionRepository; canned: CannedReplyRepository; knowledge: KnowledgeSearch; passages?: PassageFinder }> = async (
  app,
  { assist, suggestions, canned, knowledge, passages },
) => {
  app.get('/conversations/:id/assist', {
    config: { auth: 'conversations.reply' },
    schema: {
      tags: ['handoff'],
      params: idParamsSchema,
      querystring: z.strictObject({ messageId: z.uuid().optional().describe("A visitor message of this conversation; default: the latest") }),
      response: { 200: z.object({ items: z.array(assistSuggestionDtoSchema) }) },
    },
    handler: async (req) => ({ items: await assist.suggest(cannedReplyCaller(staffOf(req)), req.params.id, req.query.messageId) }),
  });

  app.post('/assist/suggestions/:id/used', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['handoff'], params: idParamsSchema, response: { 200: z.object({ id: z.string(), usedAt: z.string() }) } },
    handler: async (req) => {
      const staff = staffOf(req);
      const used = await suggestions.markUsed(staff, req.params.id, new Date());
      // A passage an agent sent is a use of it: the console lists it under the document, once per suggestion.
      if (used.kind === 'passage' && used.refId && used.first) await passages?.recordUse(staff, { passageId: used.refId, channel: 'assist', conversationId: used.conversationId });
      return { id: used.id, usedAt: used.usedAt };
    },
  });

  app.get('/assist/search', {
    config: { auth: 'conversations.reply' },
    schema: {
      tags: ['handoff'],
      querystring: z.strictObject({ q: plainTextSchema(200) }),
      response: { 200: z.object({ items: z.array(slashMenuItemSchema) }) },
    },
    handler: async (req) => {
      const staff = staffOf(req);
      const q = req.query.q.replace(/^\//, '');
      const terms = termSet(q);
      // Shortcuts are typed: a prefix match comes first; otherwise the words of title and body decide.
      const cannedItems = (await canned.list(cannedReplyCaller(staff)))
        .map((c) => ({ c, score: c.shortcut.toLowerCase().startsWith(q.toLowerCase()) ? 2 : termSimilarity(terms, termSet(`${c.title} ${c.body}`)) }))
        .filter((s) => s.score > 0.15)
        .sort((a, b) => b.score - a.score || a.c.shortcut.localeCompare(b.c.shortcut))
        .map(({ c }) => ({ kind: 'canned' as const, id: c.id, title: c.title, body: c.body, shortcut: c.shortcut }));
      const hits = await knowledge.search(staff, q, SLASH_MENU_ITEMS);
      const knowledgeItems = hits
        .filter((h) => h.type === 'faq' || h.type === 'article')
        .map((h) => ({ kind: h.type as 'faq' | 'article', id: h.id, title: h.title, body: h.snippet, shortcut: null }));
      return { items: [...cannedItems, ...knowledgeItems].slice(0, SLASH_MENU_ITEMS) };
    },
  });
};
