import { flowDefinitionSchema } from '@zhida/dialogue';
import { intentSetSchema, knowledgeGraphSchema, templateManifestSchema, type IndustryTemplate } from '@zhida/templates';
import { z } from 'zod';

/**
 * A tenant's bot: the parts of an industry template it was installed from
 * (intents with training utterances, labels and clarify groups, knowledge
 * graph, flows), owned by the tenant from then on.
 */
export const botConfigSchema = z.object({
  templateId: z.string().nullable(),
  manifest: templateManifestSchema,
  intents: intentSetSchema,
  knowledgeGraph: knowledgeGraphSchema,
  flows: z.array(flowDefinitionSchema),
});
export type BotConfig = z.infer<typeof botConfigSchema>;

/** The intent that out-of-scope examples train, so chit-chat is recognised as such rather than forced into a task. */
export const OUT_OF_SCOPE_INTENT = 'out_of_scope';

export function botConfigFromTemplate(template: IndustryTemplate): BotConfig {
  return botConfigSchema.parse({
    templateId: template.manifest.id,
    manifest: template.manifest,
    intents: template.intents,
    knowledgeGraph: template.knowledgeGraph,
    flows: template.flows,
  });
}
