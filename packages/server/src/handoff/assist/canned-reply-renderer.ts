/** The variables a canned reply may use; anything else in braces is reported as unknown. */
export const CANNED_REPLY_VARIABLES = ['customerName', 'orderNumber', 'agentName', 'ticketNumber'] as const;
export type CannedReplyVariable = (typeof CANNED_REPLY_VARIABLES)[number];

// The templates' canned replies spell these differently ({{orderNo}}); both mean the same value.
const ALIASES: Record<string, CannedReplyVariable> = { orderNo: 'orderNumber', orderId: 'orderNumber', ticketNo: 'ticketNumber' };
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}|\{([A-Za-z][A-Za-z0-9_]*)\}/g;

export interface RenderedCannedReply {
  text: string;
  /** Known variables with no value for this conversation: left as written so the agent fills them in. */
  missing: CannedReplyVariable[];
  /** Placeholders that are no variable at all (a typo): left as written. */
  unknown: string[];
}

/**
 * Fills `{customerName}`, `{orderNumber}`, `{agentName}`, `{ticketNumber}` (also `{{…}}`). A
 * variable without a value, or an unknown one, stays visible in the text and is reported — never
 * blanked, so an agent never sends "您好，，您的订单".
 * @example renderCannedReply('您好{customerName}', { customerName: '王先生' }).text // '您好王先生'
 */
export function renderCannedReply(body: string, values: Partial<Record<CannedReplyVariable, string | null>>): RenderedCannedReply {
  const missing = new Set<CannedReplyVariable>();
  const unknown = new Set<string>();
  const text = body.replace(PLACEHOLDER, (whole, double: string | undefined, single: string | undefined) => {
    const name = (double ?? single)!;
    const variable = (CANNED_REPLY_VARIABLES as readonly string[]).includes(name) ? (name as CannedReplyVariable) : ALIASES[name];
    if (!variable) {
      unknown.add(name);
      return whole;
    }
    const value = values[variable];
    if (!value) {
      missing.add(variable);
      return whole;
    }
    return value;
  });
  return { text, missing: [...missing], unknown: [...unknown] };
}
