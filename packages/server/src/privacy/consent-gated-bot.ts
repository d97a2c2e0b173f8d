import { detectPii } from '@zhida/nlu';
import type { Bot, BotInput, BotLocale, BotTurn } from '../bot/bot.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { ConsentLedger } from './consent-ledger.js';
import type { ConsentScope } from './privacy-schema.js';
import type { PrivacySettingsService } from './privacy-settings-service.js';
import { withheldScopes } from './unconsented-number-withholder.js';

const SENSITIVE_SCOPE: Partial<Record<string, ConsentScope>> = { id_card: 'sensitive_identity', bank_card: 'sensitive_financial' };

const TEXT: Record<BotLocale, Record<'notice' | 'sensitive_identity' | 'sensitive_financial', string>> = {
  'zh-CN': {
    notice: '在继续之前，请先阅读并同意我们的隐私告知（对话窗口上方）。您撤回同意后，我们不再处理您发送的内容；如需帮助可留言或转人工。',
    sensitive_identity: '您发送的内容包含身份证号码，属于敏感个人信息。根据《个人信息保护法》，我们需要先征得您的单独同意才能处理。请点击“同意处理身份证号”后重新发送；如不同意，您可以继续咨询其他问题或转人工。',
    sensitive_financial: '您发送的内容包含银行卡号，属于敏感个人信息。根据《个人信息保护法》，我们需要先征得您的单独同意才能处理。请点击“同意处理银行卡号”后重新发送；如不同意，您可以继续咨询其他问题或转人工。',
  },
  en: {
    notice: 'Before we continue, please read and accept our privacy notice (above the chat). Once consent is withdrawn we no longer process what you send; you can leave a message or ask for an agent.',
    sensitive_identity: 'Your message contains an ID card number, which is sensitive personal information. Under the PIPL we need your separate consent before processing it. Tap "Allow ID number" and send it again, or carry on without it.',
    sensitive_financial: 'Your message contains a bank card number, which is sensitive personal information. Under the PIPL we need your separate consent before processing it. Tap "Allow card number" and send it again, or carry on without it.',
  },
};

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
    const missing = await this.missingConsent(ctx, input);
    if (!missing) return this.inner.respond(ctx, input);
    const locale: BotLocale = (input.state as { locale?: string } | undefined)?.locale === 'en' ? 'en' : 'zh-CN';
    return {
      replies: [{ text: TEXT[locale][missing.scope], quickReplies: [], meta: { kind: 'consent_required', consentRequired: missing } }],
      handoff: null,
      state: input.state,
    };
  }

  private async missingConsent(ctx: TenantContext, input: BotInput): Promise<{ scope: 'notice' | 'sensitive_identity' | 'sensitive_financial'; noticeVersion: number } | null> {
    const state = await this.consents.current(ctx, input.visitorId);
    const { notice, requireNoticeConsent } = await this.settings.get(ctx);
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
