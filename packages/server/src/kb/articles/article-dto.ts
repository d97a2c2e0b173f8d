import { z } from 'zod';
import { plainTextSchema } from '../../http/common-schemas.js';
import type { KbArticleRow, KbArticleVersionRow } from './kb-schema.js';

const graphNodeIdsSchema = z.array(z.string().min(1).max(200)).max(50);

export const articleCreateSchema = z.strictObject({
  title: plainTextSchema(200),
  body: plainTextSchema(50_000),
  category: plainTextSchema(100).default('通用'),
  graphNodeIds: graphNodeIdsSchema.default([]),
});
export type ArticleCreateInput = z.infer<typeof articleCreateSchema>;

/** An edit: text changes make a new version; category and graph links change the article itself. */
export const articleUpdateSchema = z.strictObject({
  title: plainTextSchema(200).optional(),
  body: plainTextSchema(50_000).optional(),
  category: plainTextSchema(100).optional(),
  graphNodeIds: graphNodeIdsSchema.optional(),
});
export type ArticleUpdateInput = z.infer<typeof articleUpdateSchema>;

export const articlePublishSchema = z.strictObject({
  /** The version to publish; defaults to the newest. */
  version: z.number().int().min(1).optional(),
});

export const articleStatusSchema = z.enum(['draft', 'published', 'archived']);

export const articleListQuerySchema = z.strictObject({
  status: articleStatusSchema.optional(),
  category: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
});
export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

export const articleVersionDtoSchema = z.object({
  version: z.number(),
  title: z.string(),
  body: z.string(),
  authorId: z.string().nullable(),
  createdAt: z.string(),
});
export type ArticleVersionDto = z.infer<typeof articleVersionDtoSchema>;

/** An article as the console sees it: the newest text, plus which version visitors see. */
export const articleDtoSchema = z.object({
  id: z.string(),
  category: z.string(),
  status: articleStatusSchema,
  currentVersion: z.number(),
  publishedVersion: z.number().nullable(),
  graphNodeIds: z.array(z.string()),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type ArticleDto = z.infer<typeof articleDtoSchema>;

export const articleDetailDtoSchema = articleDtoSchema.extend({
  /** Every version, newest first. */
  versions: z.array(articleVersionDtoSchema),
});
export type ArticleDetailDto = z.infer<typeof articleDetailDtoSchema>;

export function toArticleDto(row: KbArticleRow, current: Pick<KbArticleVersionRow, 'title' | 'body'>): ArticleDto {
  return {
    id: row.id,
    category: row.category,
    status: row.status,
    currentVersion: row.current_version,
    publishedVersion: row.published_version,
    graphNodeIds: row.graph_node_ids,
    title: current.title,
    body: current.body,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
  };
}

export function toArticleVersionDto(row: KbArticleVersionRow): ArticleVersionDto {
  return { version: row.version, title: row.title, body: row.body, authorId: row.author_id, createdAt: new Date(row.created_at).toISOString() };
}
