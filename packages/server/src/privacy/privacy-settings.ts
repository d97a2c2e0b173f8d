import { z } from 'zod';

/** Days each data class is kept before the daily purge removes it. */
export const retentionSchema = z.strictObject({
  conversations: z.int().min(1).max(3650).describe('Closed conversations and their messages, by last activity'),
  attachments: z.int().min(1).max(3650).describe('Files customers uploaded (self-service and ticket attachments)'),
  recordings: z.int().min(1).max(3650).describe('Voice and video recordings (none are stored yet; kept for the voice channel)'),
  analyticsEvents: z.int().min(1).max(3650).describe('Analytics events, by data holders that keep them'),
  // The Cybersecurity Law (art. 21) asks for network logs kept at least six months.
  auditLog: z.int().min(180).max(3650).describe('Audit log entries; at least 180 days'),
});
export type RetentionDays = z.infer<typeof retentionSchema>;

export const DEFAULT_RETENTION: RetentionDays = { conversations: 365, attachments: 180, recordings: 90, analyticsEvents: 730, auditLog: 365 };

export const DEFAULT_NOTICE_TEXT =
  '为向您提供咨询与售后服务，我们会处理您在对话中提供的信息（如订单号、手机号）及对话记录，仅用于本次服务与服务质量改进，按我们的隐私政策保存并到期删除。您可以随时要求查阅、更正或删除您的个人信息。';

export const noticeSchema = z.strictObject({
  text: z.string().trim().min(10).max(2000),
  url: z.url().max(500).refine((u) => /^https?:/.test(u), 'an http(s) link').nullable(),
});

/** A tenant's privacy settings as stored under `tenants.settings.privacy` (+ `mainlandProvidersOnly` at the top level). */
export interface PrivacySettings {
  notice: { text: string; url: string | null; version: number; updatedAt: string | null };
  /** The message API refuses a visitor's messages until the current notice is accepted (the widget always asks first). */
  requireNoticeConsent: boolean;
  retention: RetentionDays;
  /** Cloud providers (voice, LLM) must be hosted in mainland China. */
  mainlandProvidersOnly: boolean;
}

const storedSchema = z.object({
  notice: z.object({ text: z.string(), url: z.string().nullable(), version: z.int().positive(), updatedAt: z.string().nullable() }).partial().optional(),
  requireNoticeConsent: z.boolean().optional(),
  retention: retentionSchema.partial().optional(),
});

/** Reads the stored JSON with defaults for anything missing or malformed. */
export function privacySettingsFrom(settings: Record<string, unknown>): PrivacySettings {
  const parsed = storedSchema.safeParse(settings.privacy ?? {});
  const stored = parsed.success ? parsed.data : {};
  return {
    notice: {
      text: stored.notice?.text ?? DEFAULT_NOTICE_TEXT,
      url: stored.notice?.url ?? null,
      version: stored.notice?.version ?? 1,
      updatedAt: stored.notice?.updatedAt ?? null,
    },
    requireNoticeConsent: stored.requireNoticeConsent ?? false,
    retention: { ...DEFAULT_RETENTION, ...stored.retention },
    mainlandProvidersOnly: settings.mainlandProvidersOnly !== false,
  };
}
