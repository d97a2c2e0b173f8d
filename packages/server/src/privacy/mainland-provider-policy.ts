import { ForbiddenError } from '../errors/app-error.js';

/** A provider host refused because the tenant keeps personal information in mainland China. */
export class ProviderAbroadError extends ForbiddenError {
  constructor(host: string) {
    super(`Provider host "${host}" is not known to be in mainland China, and this tenant allows mainland providers only`, 'provider_outside_mainland');
  }
}

// Hosts of cloud endpoints operated in mainland China: the .cn zone (registered with CNNIC,
// ICP-filed) and the mainland regions of the large clouds, whose endpoints are not under .cn.
const MAINLAND_SUFFIXES = ['.cn', '.aliyuncs.com', '.tencentcloudapi.com', '.cloud.tencent.com', '.volces.com', '.baidubce.com', '.xfyun.cn', '.bytedance.com', '.myhuaweicloud.com'];
const ABROAD_REGION = /(^|[.-])(ap-southeast|ap-northeast|us-|eu-|me-|sa-|na-|intl|overseas|global)/i;

/**
 * Whether a provider endpoint is hosted in mainland China. An unknown host counts as abroad:
 * the switch is a promise to the tenant, so it fails closed. Hong Kong, Macao and Taiwan regions are abroad
 * for PIPL's cross-border rules (art. 38), and so are the large clouds' international regions.
 * @example isMainlandProviderHost('nls-gateway-cn-shanghai.aliyuncs.com') // true
 * @example isMainlandProviderHost('api.openai.com') // false
 */
export function isMainlandProviderHost(host: string, extraMainlandHosts: readonly string[] = []): boolean {
  const h = host.toLowerCase().replace(/\.$/, '').replace(/:\d+$/, '');
  if (extraMainlandHosts.some((e) => h === e.toLowerCase() || h.endsWith(`.${e.toLowerCase()}`))) return true;
  if (/(^|[.-])(hk|hongkong|mo|macau|tw|taiwan)([.-]|$)/.test(h)) return false;
  if (ABROAD_REGION.test(h)) return false;
  return MAINLAND_SUFFIXES.some((s) => h.endsWith(s));
}

/**
 * Refuses a provider URL outside mainland China when the tenant's `mainlandProvidersOnly` is on.
 * Call it wherever a voice or LLM provider is configured or called.
 */
export function assertProviderAllowed(settings: { mainlandProvidersOnly: boolean }, providerUrl: string, extraMainlandHosts: readonly string[] = []): void {
  if (!settings.mainlandProvidersOnly) return;
  let host: string;
  try {
    host = new URL(providerUrl).hostname;
  } catch {
    throw new ProviderAbroadError(providerUrl);
  }
  if (!isMainlandProviderHost(host, extraMainlandHosts)) throw new ProviderAbroadError(host);
}
