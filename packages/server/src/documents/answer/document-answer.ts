import type { EnabledPassage } from '../document-passage-port.js';

/** Where an answer came from, as the customer reads it and opens it. */
export interface DocumentCitation {
  documentId: string;
  documentTitle: string;
  /** "4.5 退货运费": the passage's innermost heading (empty before the first heading). */
  section: string;
  /** "来源：《售后服务手册》4.5 退货运费". */
  label: string;
  /** A signed path that opens the document at the passage, for visitors too. */
  link: string;
}

/** What the tenant's documents say to a question. */
export type DocumentAnswer =
  | {
      kind: 'answer';
      passageId: string;
      /** The passage trimmed to the sentences that answer (or the grounded LLM phrasing of it). */
      excerpt: string;
      citation: DocumentCitation;
      /** Calibrated probability that the passage answers the question. */
      confidence: number;
      /** Who worded `excerpt`: the passage itself, or the tenant's LLM from it (checked against it). */
      phrasing: 'extractive' | 'llm';
    }
  /**
   * The tenant has documents, but none answers surely enough: say so rather than guess. When two sections come close,
   * `choices` holds them (best first, at most two) for the customer to pick the one meant; empty otherwise.
   */
  | { kind: 'declined'; confidence: number; choices: DocumentChoice[] }
  /** The tenant has no enabled passage at all. */
  | { kind: 'no_documents' };

/** A section offered in a clarifying choice, with the answer it gives when picked. */
export interface DocumentChoice {
  passageId: string;
  /** The passage trimmed to the sentences that answer the question asked. */
  excerpt: string;
  citation: DocumentCitation;
}

/** A passage found for a search or an agent, without the answer threshold. */
export interface PassageSearchHit {
  passageId: string;
  /** "《售后服务手册》第三章 退换货 › 3.2 运费": the document and the whole heading path, for a result list. */
  headline: string;
  excerpt: string;
  citation: DocumentCitation;
  confidence: number;
}

/** "来源：《售后服务手册》4.5 退货运费" for a passage, with its view link. */
export function citationOf(passage: EnabledPassage, link: string): DocumentCitation {
  const section = passage.headingPath.at(-1) ?? '';
  return {
    documentId: passage.documentId,
    documentTitle: passage.documentTitle,
    section,
    label: `来源：《${passage.documentTitle}》${section}`,
    link,
  };
}

/** "《售后服务手册》第三章 退换货 › 3.2 运费" (just "《售后服务手册》" before the first heading). */
export function passageHeadline(passage: EnabledPassage): string {
  return `《${passage.documentTitle}》${passage.headingPath.join(' › ')}`;
}

/** The bot's reply: the answer, then its source on a line of its own. */
export function documentReplyText(answer: { excerpt: string; citation: DocumentCitation }): string {
  return `${answer.excerpt}\n${answer.citation.label}`;
}
