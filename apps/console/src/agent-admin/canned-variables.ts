/** The variables `GET /canned-replies/:id/render` fills (docs/design/handoff.md, Agent assist). */
export const CANNED_VARIABLES = ['customerName', 'orderNumber', 'agentName', 'ticketNumber'] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];

export type CannedBodyPart = { kind: 'text'; text: string } | { kind: 'variable'; text: string; name: CannedVariable } | { kind: 'unknown'; text: string; name: string };

const PLACEHOLDER = /\{(\w+)\}/g;

const isKnown = (name: string): name is CannedVariable => (CANNED_VARIABLES as readonly string[]).includes(name);

/**
 * A reply body cut into plain text and `{placeholders}`, so the editor can highlight the variables
 * that will be filled and flag the ones that will not (they would reach the customer as typed).
 * @example splitCannedBody('您好{customerName}') // [{ kind: 'text', text: '您好' }, { kind: 'variable', text: '{customerName}', name: 'customerName' }]
 */
export function splitCannedBody(body: string): CannedBodyPart[] {
  const parts: CannedBodyPart[] = [];
  let at = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    const start = match.index;
    if (start > at) parts.push({ kind: 'text', text: body.slice(at, start) });
    const name = match[1] ?? '';
    parts.push(isKnown(name) ? { kind: 'variable', text: match[0], name } : { kind: 'unknown', text: match[0], name });
    at = start + match[0].length;
  }
  if (at < body.length) parts.push({ kind: 'text', text: body.slice(at) });
  return parts;
}

/** The placeholders of a body that nothing fills, each once. */
export function unknownVariables(body: string): string[] {
  return [...new Set(splitCannedBody(body).flatMap((part) => (part.kind === 'unknown' ? [part.name] : [])))];
}

/**
 * A shortcut as typed after `/` in the reply box: the leading slash and surrounding spaces removed.
 * @example normalizeShortcut(' /退货 ') // '退货'
 */
export function normalizeShortcut(input: string): string {
  return input.normalize('NFKC').trim().replace(/^\/+/, '').trim();
}

/** Shortcuts are single words: letters, digits, `_` and `-`, so `/` plus a space ends one. */
export function isValidShortcut(shortcut: string): boolean {
  return /^[\p{L}\p{N}_-]{1,32}$/u.test(shortcut);
}
