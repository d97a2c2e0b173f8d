import { z } from 'zod';
import { localizedTextSchema } from './localized-text.js';
import { toPlainText } from './plain-text.js';

/**
 * Vague requests that must be clarified, never guessed: when a message contains
 * one of the phrases (or the group's label), the bot offers the group's intents as buttons.
 * Compatible with the templates' `clarifyGroups` (id, label, intents); `phrases` adds more triggers.
 */
export const clarifyGroupSchema = z.object({
  id: z.string().optional(),
  label: z.union([localizedTextSchema, z.string()]).optional(),
  phrases: z.array(z.string().min(1)).default([]),
  intents: z.array(z.string().min(1)).min(2),
});

export type ClarifyGroup = z.infer<typeof clarifyGroupSchema>;
export type ClarifyGroupInput = z.input<typeof clarifyGroupSchema>;

/**
 * The first group one of whose phrases occurs in the message.
 * @example findClarifyGroup('我的订单有问题', [{ phrases: ['订单有问题'], intents: ['a', 'b'] }])?.intents // ['a', 'b']
 */
export function findClarifyGroup(text: string, groups: readonly ClarifyGroup[]): ClarifyGroup | undefined {
  const plain = toPlainText(text);
  // "订单E202611250001有问题" is still the vague "订单有问题": identifiers inside the phrase do not count.
  const withoutIds = plain.replace(/[a-z]*\d[a-z0-9]*/g, '');
  return groups.find((g) => triggers(g).some((p) => p.length >= 2 && (plain.includes(p) || withoutIds.includes(p))));
}

function triggers(group: ClarifyGroup): string[] {
  const label = group.label === undefined ? [] : typeof group.label === 'string' ? [group.label] : [group.label.zh, group.label.en];
  return [...group.phrases, ...label].map(toPlainText);
}
