// "对了，先帮我查一下…", "另外帮我开张发票", "顺便问下…", "by the way, can you…": words that put a new request on the
// table, beside a task already under way.
const NEW_REQUEST = /^(?:哦|噢|啊|诶|欸|嗯)?[，,\s]*(?:对了|另外|顺便|还有件事|还有个事|再帮我|另外帮我|等下先|等一下先)|先帮我|顺便帮我|另外帮我|再帮我|\bby the way\b|\bbtw\b|\balso,? (?:can|could) you\b/i;

/**
 * The message announces a new request mid-task, so a fairly sure intent for another task is enough to switch to it:
 * the customer has said in so many words that this is something else.
 * @example announcesNewRequest('对了，先帮我查一下SQ2026…办到哪了') // true
 */
export function announcesNewRequest(text: string): boolean {
  return NEW_REQUEST.test(text);
}
