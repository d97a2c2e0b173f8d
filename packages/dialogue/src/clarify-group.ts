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

/** A vague phrase found in a message, and whether anything specific was said besides it. */
export type ClarifyMatch = { group: ClarifyGroup; onlyVague: boolean };

// Words that add nothing to a vague request ("我的订单有问题啊" is as vague as "订单有问题", "我之前提交过申请" as "提交过申请").
const FILLER = /我的|我们|我|的|了|之前|以前|已经|啊|呀|呢|吧|嗯|请问|你好|您好|帮我|帮忙|看看|看一下|一下|有点|好像|那个|这个|怎么办|怎么回事|help|please|my|an|a|the|with|there|is|i|have/g;

/**
 * The first group one of whose phrases occurs in the message.
 * @example findClarifyGroup('我的订单有问题', [{ phrases: ['订单有问题'], intents: ['a', 'b'] }])?.onlyVague // true
 */
export function findClarifyGroup(text: string, groups: readonly ClarifyGroup[]): ClarifyMatch | undefined {
  const plain = toPlainText(text);
  // "订单E202611250001有问题" is still the vague "订单有问题": identifiers inside the phrase do not count.
  const withoutIds = plain.replace(/[a-z]*\d[a-z0-9]*/g, '');
  let first: ClarifyMatch | undefined;
  for (const group of groups) {
    for (const phrase of triggers(group)) {
      if (phrase.length < 2) continue;
      const source = plain.includes(phrase) ? plain : withoutIds.includes(phrase) ? withoutIds : undefined;
      if (source === undefined) continue;
      const rest = source.replace(phrase, '').replace(FILLER, '');
      // A longer phrase may cover what a shorter one leaves over ("之前提交过" vs "提交过申请"): a fully vague reading wins.
      if (rest.length <= 1) return { group, onlyVague: true };
      first ??= { group, onlyVague: false };
    }
  }
  return first;
}

function triggers(group: ClarifyGroup): string[] {
  const label = group.label === undefined ? [] : typeof group.label === 'string' ? [group.label] : [group.label.zh, group.label.en];
  return [...group.phrases, ...label].map(toPlainText);
}
