import type { SmsProvider } from '../../packages/server/src/selfservice/sms-provider.js';

/**
 * The bench's SMS gateway: keeps the last text sent to each mobile instead of sending it, so the simulated
 * customer can type the code it "received". Every script has its own cloned customer, hence its own mobile.
 *
 * @example const sms = new CapturedSms(); buildApp(config, { sms }); …; sms.codeFor('13600000001') // → '042917'
 */
export class CapturedSms implements SmsProvider {
  private readonly last = new Map<string, string>();

  async send(mobile: string, text: string): Promise<void> {
    this.last.set(mobile, text);
  }

  /** The six-digit code in the last text sent to this mobile, if any. */
  codeFor(mobile: string): string | undefined {
    return /(?<!\d)\d{6}(?!\d)/u.exec(this.last.get(mobile) ?? '')?.[0];
  }
}
