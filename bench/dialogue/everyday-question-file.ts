import { templateIdSchema } from '@zhida/templates';
import { z } from 'zod';

/** One everyday rewording of an FAQ question: the first message of a fresh conversation. */
export const everydayQuestionSchema = z.strictObject({
  /** The template FAQ id (`packages/templates/<template>/faqs.json`) that answers it. */
  faq: z.string().min(1),
  text: z.string().min(1),
  /** Other FAQs whose answer is right too. */
  alsoRight: z.array(z.string().min(1)).optional(),
});
export type EverydayQuestion = z.infer<typeof everydayQuestionSchema>;

/** `bench/everyday-questions/<template>.json` (dev) and `<template>.frozen.json` (frozen). */
export const everydayQuestionFileSchema = z.strictObject({
  template: templateIdSchema,
  tenant: z.string().min(1),
  items: z.array(everydayQuestionSchema).min(1),
});
export type EverydayQuestionFile = z.infer<typeof everydayQuestionFileSchema>;
