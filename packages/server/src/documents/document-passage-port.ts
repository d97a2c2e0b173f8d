import type { TenantContext } from '../tenancy/tenant-context.js';
import type { PassageUseChannel } from './document-schema.js';

/** One enabled passage of a document's current version, as the answer side indexes it. */
export interface EnabledPassage {
  passageId: string;
  documentId: string;
  documentTitle: string;
  version: number;
  /** ["第三章 退换货", "3.2 运费"], outermost first; empty before the first heading. */
  headingPath: string[];
  text: string;
  /** `page=N` for a PDF, a heading slug otherwise; append to the view URL as `#${anchor}`. */
  anchor: string;
}

/** "This answer used that passage": what the console lists under a document. */
export interface PassageUse {
  passageId: string;
  channel: PassageUseChannel;
  conversationId?: string | null;
}

/**
 * What the answer side (retrieval, bot answer, agent assist, search) reads from and writes to the
 * documents module. It rebuilds its index on the `documents.changed` domain event.
 * @example
 * const passages = await port.listEnabledPassages({ tenantId });
 * await port.recordUse({ tenantId }, { passageId: passages[0].passageId, channel: 'bot', conversationId });
 */
export interface DocumentPassagePort {
  /** Every enabled passage of every document's current version, in document then reading order. */
  listEnabledPassages(scope: TenantContext): Promise<EnabledPassage[]>;
  /** Records that an answer used a passage; a passage id of another tenant (or deleted) is ignored. */
  recordUse(scope: TenantContext, use: PassageUse): Promise<void>;
  /**
   * A link that opens the document at the passage for anyone holding it (a visitor too): a signed,
   * expiring path such as `/api/v1/documents/<id>/view?…&sig=…#page=3`.
   */
  viewPath(scope: TenantContext, documentId: string, anchor: string): string;
}
