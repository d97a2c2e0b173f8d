import { detectPii } from '@zhida/nlu';
import type { Bot, BotInput, BotLocale, BotTurn } from '../bot/bot.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { ConsentLedger } from './consent-ledger.js';
import type { ConsentScope } from './privacy-schema.js';
import type { PrivacySettingsService } from './privacy-settings-service.js';
import { withheldScopes } from './unconsented-number-withholder.js';

const SENSITIVE_SCOPE: Partial<Record<string, ConsentScope>> = { id_card: 'sensitive_identity', bank_card: 'sensitive_financial' };

type GatedScope = 'notice' | 'sensitive_identity' | 'sensitive_financial';

const TEXT: Record<BotLocale, Record<GatedScope, string>> = {
  'zh-CN': {
    notice: '在继续之前，请先阅读并同意我们的隐私告知。您撤回同意后，我们不再处理您发送的内容；如需帮助可留言或转人工。',
    sensitive_identity: '您发送的内容包含身份证号码，属于敏感个人信息。根据《个人信息保护法》，我们需要先征得您的单独同意才能处理，仅用于办理您本次咨询的业务。同意请点“同意处理身份证号”，然后重新发送；如不同意请点“不同意处理”，您可以继续咨询其他问题或转人工。',
    sensitive_financial: '您发送的内容包含银行卡号，属于敏感个人信息。根据《个人信息保护法》，我们需要先征得您的单独同意才能处理，仅用于办理您本次咨询的业务。同意请点“同意处理银行卡号”，然后重新发送；如不同意请点“不同意处理”，您可以继续咨询其他问题或转人工。',
  },
  en: {
    notice: 'Before we continue, please read and accept our privacy notice. Once consent is withdrawn we no longer process what you send; you can leave a message or ask for an agent.',
    sensitive_identity: 'Your message contains an ID card number, which is sensitive personal information. Under the PIPL we need your separate consent before processing it, only for this request. Tap "Allow ID number" and send it again, or carry on without it.',
    sensitive_financial: 'Your message contains a bank card number, which is sensitive personal information. Under the PIPL we need your separate consent before processing it, only for this request. Tap "Allow card number" and send it again, or carry on without it.',
  },
};

// The consent buttons a consent reply carries. The widget has no consent dialog of its own, so the chat
// is where the visitor consents: the exact button text (typed or tapped) is the separate, explicit act
// art. 29 asks for — a bare "好的" or a resent number is not.
const GRANT: Record<BotLocale, Record<GatedScope, string>> = {
  'zh-CN': { notice: '同意隐私告知', sensitive_identity: '同意处理身份证号', sensitive_financial: '同意处理银行卡号' },
  en: { notice: 'Accept privacy notice', sensitive_identity: 'Allow ID number', sensitive_financial: 'Allow card number' },
};
// Not a bare 不同意: a flow's own confirmation step may hear that.
const DECLINE: Record<BotLocale, string> = { 'zh-CN': '不同意处理', en: "Don't allow" };

const GRANTED_TEXT: Record<BotLocale, Record<GatedScope, string>> = {
  'zh-CN': {
    notice: '已记录您对隐私告知的同意，请继续。',
    sensitive_identity: '已记录您的单独同意。请重新发送身份证号，我们继续为您办理。',
    sensitive_financial: '已记录您的单独同意。请重新发送银行卡号，我们继续为您办理。',
  },
  en: {
    notice: 'Your consent to the privacy notice is recorded. Please go on.',
    sensitive_identity: 'Your separate consent is recorded. Please send the ID number again and we will carry on.',
    sensitive_financial: 'Your separate consent is recorded. Please send the card number again and we will carry on.',
  },
};
const DECLINED_TEXT: Record<BotLocale, string> = {
  'zh-CN': '好的，我们不会处理这项信息。您可以继续咨询其他问题，或转人工办理。',
  en: 'All right, we will not process it. You can ask about something else or talk to an agent.',
};
const HUMAN: Record<BotLocale, string> = { 'zh-CN': '转人工', en: 'Talk to an agent' };

/**
 * Puts the consent ledger in front of the bot (PIPL art. 14, 29): a message with an ID or bank card
 * number is not understood, looked up or acted on until the visitor has given the separate consent
 * for that kind of sensitive information, and nothing is processed after the notice consent was
 * withdrawn (or before it was given, when the tenant requires it). The reply says why and carries
 * `meta.consentRequired` so the widget can ask for the consent in place; the bot state is unchanged.
 */
export class ConsentGatedBot implements Bot {
  constructor(
    private readonly inner: Bot,
    private readonly consents: ConsentLedger,
    private readonly settings: PrivacySettingsService,
  ) {}

  welcome(ctx: TenantContext, options: { locale: BotLocale }): Promise<BotTurn> {
    return this.inner.welcome(ctx, options);
  }

  async respond(ctx: TenantContext, input: BotInput): Promise<BotTurn> {
    const locale: BotLocale = (input.state as { locale?: string } | undefined)?.locale === 'en' ? 'en' : 'zh-CN';
    const answered = await this.consentAnswer(ctx, input, locale);
    if (answered) return answered;
    const missing = await this.missingConsent(ctx, input);
    if (!missing) return this.inner.respond(ctx, input);
    // The notice is consented to as read: its text comes with the question (the widget shows no notice of its own).
    const notice = missing.scope === 'notice' ? (await this.settings.get(ctx)).notice : null;
    const text = notice ? `${TEXT[locale].notice}\n\n${notice.text}${notice.url ? `\n${notice.url}` : ''}` : TEXT[locale][missing.scope];
    return {
      replies: [{ text, quickReplies: [GRANT[locale][missing.scope], DECLINE[locale]], meta: { kind: 'consent_required', consentRequired: missing } }],
      handoff: null,
      state: input.state,
    };
  }

  /** A consent button's text records that consent (to the notice in force); "不同意" is acknowledged. Anything else: null. */
  private async consentAnswer(ctx: TenantContext, input: BotInput, locale: BotLocale): Promise<BotTurn | null> {
    const text = input.text.trim();
    const scope = (Object.keys(GRANT[locale]) as GatedScope[]).find((s) => GRANT[locale][s] === text);
    if (scope) {
      const { notice } = await this.settings.get(ctx);
      await this.consents.record(ctx, { visitorId: input.visitorId, conversationId: input.conversationId, scope, action: 'granted', noticeVersion: notice.version });
      return { replies: [{ text: GRANTED_TEXT[locale][scope], quickReplies: [], meta: { kind: 'consent_recorded', scope } }], handoff: null, state: input.state };
    }
    if (text === DECLINE[locale]) {
      return { replies: [{ text: DECLINED_TEXT[locale], quickReplies: [HUMAN[locale]], meta: { kind: 'consent_declined' } }], handoff: null, state: input.state };
    }
    return null;
  }

  private async missingConsent(ctx: TenantContext, input: BotInput): Promise<{ scope: GatedScope; noticeVersion: number } | null> {
    const { state, settings } = await this.consents.currentWithSettings(ctx, input.visitorId);
    const { notice, requireNoticeConsent } = settings;
    const noticeState = state.notice;
    const noticeMissing = noticeState ? !noticeState.granted || (requireNoticeConsent && noticeState.noticeVersion < notice.version) : requireNoticeConsent;
    if (noticeMissing) return { scope: 'notice', noticeVersion: notice.version };
    for (const m of detectPii(input.text)) {
      const scope = SENSITIVE_SCOPE[m.type];
      if (scope && scope !== 'notice' && scope !== 'recording' && !state[scope]?.granted) return { scope, noticeVersion: notice.version };
    }
    // Numbers withheld when the message was stored: the consent was missing then, so it is asked for now.
    for (const scope of withheldScopes(input.text)) if (!state[scope]?.granted) return { scope, noticeVersion: notice.version };
    return null;
  }
}
