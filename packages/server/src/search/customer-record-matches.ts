import { normalizeText } from '@zhida/nlu';
import { KnowledgeSearchIndex, type SearchDocType, type SearchHit } from './knowledge-search-index.js';

/** One of a customer's own records as search sees it. */
export interface CustomerRecord {
  type: Exclude<SearchDocType, 'faq' | 'article'>;
  /** Order, RMA, appointment or other reference number; a query containing it finds the record outright. */
  id: string;
  /** What the visitor reads as the result's title. */
  title: string;
  /** Words the record is found by besides its number (kind word such as 退货/预约, item or service, status). */
  text: string;
  /** What the visitor reads under the title. */
  snippet: string;
}

// Numbers shorter than this are too likely to appear inside an unrelated query ("2 件").
const MIN_PARTIAL_NUMBER = 6;
// Only the visitor's own records are in play, so a single shared product word is a fair match; half the query's known terms keeps "怎么退货" from matching every order.
const MIN_COVERAGE = 0.5;
const EXACT_SCORE = 100;

/**
 * Which of one customer's records a query names: by number (the query
 * contains it, or ≥ 6 characters of it; then only those), else by words of
 * the record's text. Pure; the caller has already scoped the records
 * to the verified customer.
 * @example matchCustomerRecords([{ type: 'order', id: '20261118883301', title: '订单 20261118883301', text: '华为 Mate 60 已签收', snippet: '…' }], '华为手机') // [{ type: 'order', id: '20261118883301', … }]
 */
export function matchCustomerRecords(records: readonly CustomerRecord[], query: string, limit: number): SearchHit[] {
  const compact = normalizeText(query).replace(/\s+/g, '').toUpperCase();
  const byNumber = records.filter((r) => {
    const id = r.id.toUpperCase();
    return compact.includes(id) || (compact.length >= MIN_PARTIAL_NUMBER && /^[0-9A-Z]+$/.test(compact) && id.includes(compact));
  });
  // A query that names a record means that one: "订单 2026… 到哪了" must not list every order.
  if (byNumber.length > 0) return byNumber.slice(0, limit).map((r) => ({ type: r.type, id: r.id, title: r.title, snippet: r.snippet, score: EXACT_SCORE, coverage: 1 }));
  if (records.length === 0) return [];
  const index = KnowledgeSearchIndex.build(
    records.map((r) => ({ type: r.type, id: r.id, title: r.text, body: '' })),
    { minCoverage: MIN_COVERAGE },
  );
  const byId = new Map(records.map((r) => [r.id, r]));
  return index.search(query, limit).map((hit) => {
    const record = byId.get(hit.id)!;
    return { ...hit, title: record.title, snippet: record.snippet };
  });
}
