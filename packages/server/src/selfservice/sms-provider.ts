import type { SelfServiceLogger } from './selfservice-logger.js';

/**
 * Sends a text message; a deployment plugs in its SMS gateway (Aliyun, Tencent Cloud…).
 * A gateway that refuses because of its rate limit should throw `SmsRateLimitedError` with the wait;
 * anything else thrown counts as an outage.
 */
export interface SmsProvider {
  send(mobile: string, text: string): Promise<void>;
}

/** `138****8000`. */
export function maskMobile(mobile: string): string {
  return mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****';
}

/**
 * The demo "gateway": nothing leaves the machine, the message is written to the
 * server log so whoever runs the demo can read the code there.
 */
export class DemoSmsProvider implements SmsProvider {
  constructor(private readonly log: SelfServiceLogger) {}

  async send(mobile: string, text: string): Promise<void> {
    const code = /\d{6}/.exec(text)?.[0];
    this.log.info({ mobile: maskMobile(mobile), code, text }, 'demo SMS');
  }
}
