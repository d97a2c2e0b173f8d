import { templateIdSchema } from '@zhida/templates';
import { z } from 'zod';

/** An underspecified request and the intents a clarifying question may rightly offer for it. */
export const vagueRequestSchema = z.strictObject({
  text: z.string().min(1),
  /** Template intent ids; the bot is right when its buttons include the label of at least one. */
  intents: z.array(z.string().min(1)).min(1),
});
export type VagueRequest = z.infer<typeof vagueRequestSchema>;

/** `bench/vague-requests/<template>.json` (dev) and `<template>.frozen.json` (frozen). */
export const vagueRequestFileSchema = z.strictObject({
  template: templateIdSchema,
  tenant: z.string().min(1),
  items: z.array(vagueRequestSchema).min(1),
});
export type VagueRequestFile = z.infer<typeof vagueRequestFileSchema>;
