import { z } from 'zod';
import { identifierSchema } from './identifier-schema.js';

/** Kinds of things a template's knowledge graph talks about. */
export const graphNodeTypes = ['product', 'service', 'category', 'policy', 'document', 'department', 'channel', 'fee'] as const;

/** A product, service, category, policy… Policy facts (days, fees, conditions) live in `attrs`. */
export const graphNodeSchema = z.object({
  id: identifierSchema,
  type: z.enum(graphNodeTypes),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).optional(),
  attrs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

/** A directed relation, e.g. `huawei_mate60 -belongs_to-> phones`, `phones -governed_by-> return_7_days`. */
export const graphEdgeSchema = z.object({
  from: identifierSchema,
  to: identifierSchema,
  rel: identifierSchema,
});

/** `knowledge-graph.json`. */
export const knowledgeGraphSchema = z.object({
  nodes: z.array(graphNodeSchema).min(1),
  edges: z.array(graphEdgeSchema),
});

export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;
export type KnowledgeGraph = z.infer<typeof knowledgeGraphSchema>;
