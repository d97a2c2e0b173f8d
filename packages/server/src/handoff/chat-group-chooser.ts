/** A chat group as the chooser needs it. */
export interface ChatGroupOption {
  id: string;
  chatIntents: readonly string[];
  isChatDefault: boolean;
  createdAt: Date;
}

/**
 * The group a handoff goes to: the first chat group (oldest first) serving the turn's intent, else
 * the tenant's default chat group, else the oldest chat group; null when the tenant has none. Pure.
 * @example chooseChatGroup(groups, 'return_request')?.id
 */
export function chooseChatGroup<G extends ChatGroupOption>(groups: readonly G[], intent: string | null): G | null {
  const ordered = [...groups].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  return (intent ? ordered.find((g) => g.chatIntents.includes(intent)) : undefined) ?? ordered.find((g) => g.isChatDefault) ?? ordered[0] ?? null;
}
