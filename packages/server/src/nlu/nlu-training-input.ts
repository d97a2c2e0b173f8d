import type { NluTrainingData } from '@zhida/nlu';
import { OUT_OF_SCOPE_INTENT, type BotConfig } from '../bot/bot-config.js';
import type { FaqDto } from '../kb/faq-dto.js';

/** Everything a tenant model is trained from, as plain JSON (it crosses into a worker thread). */
export interface NluTrainingInput {
  data: NluTrainingData;
  outOfScopeIntent: string | null;
  seed: number;
}

export function nluTrainingInput(config: BotConfig | null, faqs: FaqDto[]): NluTrainingInput {
  const intents = config ? config.intents.intents.map((i) => ({ name: i.id, utterances: i.utterances })) : [];
  const outOfScope = config?.intents.outOfScope ?? [];
  if (outOfScope.length > 0) intents.push({ name: OUT_OF_SCOPE_INTENT, utterances: outOfScope });
  // Product and service names from the knowledge graph are matched as whole words.
  const userWords = config ? config.knowledgeGraph.nodes.flatMap((n) => [n.name, ...(n.aliases ?? [])]).filter((w) => w.length >= 2) : [];
  return {
    data: {
      intents,
      faqs: faqs.map((f) => ({ id: f.id, question: f.question, paraphrases: f.paraphrases, answer: f.answer })),
      userWords,
      vague: config?.intents.vague ?? [],
      ...(config ? { graph: config.knowledgeGraph } : {}),
    } as NluTrainingData,
    outOfScopeIntent: outOfScope.length > 0 ? OUT_OF_SCOPE_INTENT : null,
    seed: 42,
  };
}
