import { searchTerms } from '../search/search-terms.js';

/** Ticket numbers and phone numbers are looked up whole, not segmented. */
const IDENTIFIER = /^[A-Za-z]{0,4}\d{5,}$/;

function digitsOf(phone: string): string {
  return phone.replace(/\D/g, '');
}

/**
 * The `search_text` column: jieba words and Chinese bigrams of the subject, description and contact
 * name (as the knowledge search segments them), plus the number, the phone digits and the email as
 * whole tokens. Space-separated with spaces at both ends, so a token is found as ` token `.
 * @example ticketSearchText({ number: 'GD202612060001', subject: '退货', description: '耳机坏了', contact: { phone: '138 0000 1234' } })
 */
export function ticketSearchText(input: { number: string; subject: string; description: string; contact: { name?: string | null; phone?: string | null; email?: string | null } }): string {
  const tokens = new Set<string>([input.number.toLowerCase()]);
  for (const term of searchTerms(`${input.subject}\n${input.description}\n${input.contact.name ?? ''}`)) tokens.add(term.toLowerCase());
  if (input.contact.phone) tokens.add(digitsOf(input.contact.phone));
  if (input.contact.email) tokens.add(input.contact.email.toLowerCase());
  tokens.delete('');
  return ` ${[...tokens].join(' ')} `;
}

/** The distinct tokens of a `search_text` value, as the rows of ticket_search_tokens hold them. */
export function searchTextTokens(searchText: string): string[] {
  return [...new Set(searchText.split(' ').filter(Boolean))];
}

/**
 * What a search box query must find in `search_text`, every token (AND). A ticket number or a phone
 * number is one token; words are segmented like the documents, and for Chinese the character bigrams
 * are used (robust when jieba cuts the query differently from the ticket).
 * @example ticketQueryTokens('GD202612060001') // ['gd202612060001']
 * @example ticketQueryTokens('耳机坏了') // ['#耳机', '#机坏']
 */
export function ticketQueryTokens(q: string): string[] {
  const trimmed = q.trim();
  const compact = trimmed.replace(/[\s-]/g, '');
  if (IDENTIFIER.test(compact)) return [/^\+?\d+$/.test(compact) ? digitsOf(compact) : compact.toLowerCase()];
  if (/^\S+@\S+$/.test(trimmed)) return [trimmed.toLowerCase()];
  const terms = [...new Set(searchTerms(trimmed).map((t) => t.toLowerCase()))];
  const bigrams = terms.filter((t) => t.startsWith('#'));
  const nonHanWords = terms.filter((t) => !t.startsWith('#') && !/\p{Script=Han}/u.test(t));
  // A single Chinese character has no bigram: its word is the token.
  const words = bigrams.length > 0 ? [...bigrams, ...nonHanWords] : terms;
  return words.slice(0, 20);
}
