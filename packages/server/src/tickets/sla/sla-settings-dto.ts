import { z } from 'zod';
import { isCalendarDay } from '@zhida/china-calendar';
import { ticketPrioritySchema } from '../ticket-dto.js';
import { parseClockTime } from './business-calendar.js';

// The admin API's shapes for business hours and SLA policies.

const clockTime = z.string().refine((s) => parseClockTime(s) !== null, 'must be a time "HH:MM" between 00:00 and 24:00');

/** One day's windows: each starts before it ends, and no two overlap. */
const dayWindowsSchema = z
  .array(z.tuple([clockTime, clockTime]))
  .max(6)
  .superRefine((windows, ctx) => {
    const spans = windows.map(([a, b]) => [parseClockTime(a) ?? 0, parseClockTime(b) ?? 0] as const);
    spans.forEach(([a, b], i) => {
      if (b <= a) ctx.addIssue({ code: 'custom', message: `window ${i + 1} must end after it starts`, path: [i] });
    });
    const sorted = [...spans].sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < sorted.length; i += 1) {
      if (sorted[i]![0] < sorted[i - 1]![1]) ctx.addIssue({ code: 'custom', message: 'windows must not overlap' });
    }
  });

export const weeklyHoursSchema = z.strictObject({
  '0': dayWindowsSchema.optional(),
  '1': dayWindowsSchema.optional(),
  '2': dayWindowsSchema.optional(),
  '3': dayWindowsSchema.optional(),
  '4': dayWindowsSchema.optional(),
  '5': dayWindowsSchema.optional(),
  '6': dayWindowsSchema.optional(),
});

const calendarDay = z.string().refine(isCalendarDay, 'must be a real date "YYYY-MM-DD"');

export const closureSchema = z
  .strictObject({ from: calendarDay, to: calendarDay, name: z.string().trim().min(1).max(50) })
  .refine((c) => c.from <= c.to, { message: 'a closure must not end before it starts', path: ['to'] });

export const businessCalendarInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(50).optional(),
  weeklyHours: weeklyHoursSchema,
  followChinaHolidays: z.boolean(),
  closures: z.array(closureSchema).max(200).default([]),
});
export type BusinessCalendarInput = z.infer<typeof businessCalendarInputSchema>;

export const businessCalendarDtoSchema = z.object({
  /** Null: the tenant has not saved one; the built-in Monday–Friday hours apply. */
  id: z.string().nullable(),
  name: z.string(),
  timezone: z.string(),
  weeklyHours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
  followChinaHolidays: z.boolean(),
  closures: z.array(z.object({ from: z.string(), to: z.string(), name: z.string() })),
  updatedAt: z.string().nullable(),
});
export type BusinessCalendarDto = z.infer<typeof businessCalendarDtoSchema>;

export const calendarYearQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export const calendarYearDtoSchema = z.object({
  year: z.number().int(),
  /** Whether the State Council's arrangement for this year is known (else plain Monday–Friday). */
  officialHolidays: z.boolean(),
  days: z.array(
    z.object({
      day: z.string(),
      open: z.boolean(),
      windows: z.array(z.tuple([z.string(), z.string()])),
      reason: z.enum(['weekday', 'weekend', 'holiday', 'makeup_workday', 'closure']),
      name: z.string().optional(),
    }),
  ),
});

const minutes = z.number().int().min(1).max(525_600).nullable();

export const slaPolicyInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  position: z.number().int().min(0).max(10_000).optional(),
  priorities: z.array(ticketPrioritySchema).max(4).default([]),
  categoryKeys: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  firstResponseMinutes: minutes.default(null),
  nextResponseMinutes: minutes.default(null),
  resolutionMinutes: minutes.default(null),
  escalateGroupId: z.uuid().nullable().default(null),
  calendarId: z.uuid().nullable().default(null),
  active: z.boolean().default(true),
});
export type SlaPolicyInput = z.infer<typeof slaPolicyInputSchema>;

export const slaPolicyPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    position: z.number().int().min(0).max(10_000),
    priorities: z.array(ticketPrioritySchema).max(4),
    categoryKeys: z.array(z.string().trim().min(1).max(100)).max(100),
    firstResponseMinutes: minutes,
    nextResponseMinutes: minutes,
    resolutionMinutes: minutes,
    escalateGroupId: z.uuid().nullable(),
    calendarId: z.uuid().nullable(),
    active: z.boolean(),
  })
  .partial();
export type SlaPolicyPatch = z.infer<typeof slaPolicyPatchSchema>;

export const slaPolicyDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  priorities: z.array(ticketPrioritySchema),
  categoryKeys: z.array(z.string()),
  firstResponseMinutes: z.number().int().nullable(),
  nextResponseMinutes: z.number().int().nullable(),
  resolutionMinutes: z.number().int().nullable(),
  escalateGroupId: z.string().nullable(),
  calendarId: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SlaPolicyDto = z.infer<typeof slaPolicyDtoSchema>;
