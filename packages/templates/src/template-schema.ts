import { z } from 'zod';
import { cannedReplyListSchema } from './canned-reply-schema.js';
import { faqListSchema } from './faq-schema.js';
import { intentSetSchema } from './intent-set-schema.js';
import { knowledgeGraphSchema } from './knowledge-graph-schema.js';
import { templateManifestSchema } from './template-manifest-schema.js';
import { ticketCategoryListSchema } from './ticket-category-schema.js';
import { utteranceKey } from './utterance-key.js';

/**
 * A whole industry template as installed for a tenant: the six JSON files of
 * `packages/templates/<industry>/` plus `flows`. Flows are passed through
 * untyped here; the server validates them with `@zhida/dialogue`'s `flowDefinitionSchema`.
 *
 * Besides the shape of each file, this schema checks the references between
 * them, so an edited template cannot point at an intent or node that is gone.
 */
export const templateSchema = z
  .object({
    manifest: templateManifestSchema,
    intents: intentSetSchema,
    faqs: faqListSchema,
    knowledgeGraph: knowledgeGraphSchema,
    ticketCategories: ticketCategoryListSchema,
    cannedReplies: cannedReplyListSchema,
    flows: z.array(z.unknown()).default([]),
  })
  .superRefine((template, ctx) => {
    const issue = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message });
    };

    const labelled = new Set(template.manifest.intents.map((i) => i.id));
    const trained = new Set(template.intents.intents.map((i) => i.id));
    reportDuplicates(template.manifest.intents.map((i) => i.id), ['manifest', 'intents'], 'intent label', issue);
    reportDuplicates(template.intents.intents.map((i) => i.id), ['intents', 'intents'], 'intent', issue);
    for (const id of trained) if (!labelled.has(id)) issue(['manifest', 'intents'], `intent "${id}" has no label`);
    for (const id of labelled) if (!trained.has(id)) issue(['intents', 'intents'], `intent "${id}" has a label but no utterances`);
    template.manifest.clarifyGroups.forEach((group, g) =>
      group.intents.forEach((id, i) => {
        if (!trained.has(id)) issue(['manifest', 'clarifyGroups', g, 'intents', i], `unknown intent "${id}"`);
      }),
    );

    // An utterance may teach exactly one intent (or out-of-scope); a repeat would
    // either be a copy-paste or a contradiction.
    const seen = new Map<string, string>();
    const checkUtterance = (text: string, owner: string, path: (string | number)[]): void => {
      const key = utteranceKey(text);
      const previous = seen.get(key);
      if (previous !== undefined) issue(path, `utterance "${text}" repeats one in ${previous}`);
      else seen.set(key, owner);
    };
    template.intents.intents.forEach((intent, i) =>
      intent.utterances.forEach((text, u) => checkUtterance(text, intent.id, ['intents', 'intents', i, 'utterances', u])),
    );
    template.intents.outOfScope.forEach((text, u) => checkUtterance(text, 'outOfScope', ['intents', 'outOfScope', u]));
    (template.intents.vague ?? []).forEach((text, u) => checkUtterance(text, 'vague', ['intents', 'vague', u]));

    const nodes = new Set(template.knowledgeGraph.nodes.map((n) => n.id));
    reportDuplicates(template.knowledgeGraph.nodes.map((n) => n.id), ['knowledgeGraph', 'nodes'], 'graph node', issue);
    template.knowledgeGraph.edges.forEach((edge, e) => {
      if (!nodes.has(edge.from)) issue(['knowledgeGraph', 'edges', e, 'from'], `unknown node "${edge.from}"`);
      if (!nodes.has(edge.to)) issue(['knowledgeGraph', 'edges', e, 'to'], `unknown node "${edge.to}"`);
    });

    reportDuplicates(template.faqs.map((f) => f.id), ['faqs'], 'FAQ', issue);
    template.faqs.forEach((faq, f) =>
      (faq.links ?? []).forEach((id, l) => {
        if (!nodes.has(id)) issue(['faqs', f, 'links', l], `unknown graph node "${id}"`);
      }),
    );

    reportDuplicates(template.ticketCategories.map((c) => c.id), ['ticketCategories'], 'ticket category', issue);
    template.ticketCategories.forEach((category, c) =>
      category.intents.forEach((id, i) => {
        if (!trained.has(id)) issue(['ticketCategories', c, 'intents', i], `unknown intent "${id}"`);
      }),
    );

    reportDuplicates(template.cannedReplies.map((r) => r.id), ['cannedReplies'], 'canned reply', issue);
    reportDuplicates(template.cannedReplies.map((r) => r.shortcut), ['cannedReplies'], 'canned reply shortcut', issue);
  });

export type IndustryTemplate = z.infer<typeof templateSchema>;
/** The template as written on disk, before defaults are applied (e.g. without `flows`). */
export type IndustryTemplateInput = z.input<typeof templateSchema>;

function reportDuplicates(
  ids: readonly string[],
  path: (string | number)[],
  what: string,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) issue(path, `duplicate ${what} id "${id}"`);
    seen.add(id);
  }
}
