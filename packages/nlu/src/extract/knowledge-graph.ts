import { z } from 'zod';

/** A knowledge-graph node: a product, category, policy… with the names customers use for it. */
export const knowledgeGraphNodeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  name: z.string(),
  aliases: z.array(z.string()).optional(),
  attrs: z.record(z.string(), z.unknown()).optional(),
});

/** A directed, labelled relation between two nodes, e.g. product -in_category-> category. */
export const knowledgeGraphEdgeSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  rel: z.string().min(1),
});

/** A tenant's knowledge graph, as loaded from a template or the database. */
export const knowledgeGraphSchema = z.object({
  nodes: z.array(knowledgeGraphNodeSchema),
  edges: z.array(knowledgeGraphEdgeSchema),
});

export type KnowledgeGraphNode = z.infer<typeof knowledgeGraphNodeSchema>;
export type KnowledgeGraphEdge = z.infer<typeof knowledgeGraphEdgeSchema>;
export type KnowledgeGraph = z.infer<typeof knowledgeGraphSchema>;
