/** A chat group as the chooser needs it. */
export interface ChatGroupOption {
  id: string;
  chatIntents: readonly string[];
  isChatDefault: boolean;
  createdAt: Date;
}

/**
 * The group a handoff goes to. `intents` are the conversation's intents, newest first (the handoff turn's, then the
 * earlier turns'): the first one a specialised group serves decides, so "快递怎么还没到" then "转人工" reaches the
 * logistics desk although "转人工" itself is only a request for a person. An intent the default group lists counts
 * there when no specialised group serves any. Else the tenant's default chat group, else the oldest chat group; null
 * when the tenant has none. Pure.
 * @example chooseChatGroup(groups, ['human_agent', 'return_request'])?.id
 */
export function chooseChatGroup<G extends ChatGroupOption>(groups: readonly G[], intents: readonly (string | null)[]): G | null {
  const ordered = [...groups].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  const known = intents.filter((i): i is string => typeof i === 'string' && i.length > 0);
  for (const intent of known) {
    const specialised = ordered.find((g) => !g.isChatDefault && g.chatIntents.includes(intent));
    if (specialised) return specialised;
  }
  for (const intent of known) {
    const serving = ordered.find((g) => g.chatIntents.includes(intent));
    if (serving) return serving;
  }
  return ordered.find((g) => g.isChatDefault) ?? ordered[0] ?? null;
}
