import { isIP } from 'node:net';

/**
 * Domains of model services hosted in mainland China (OpenAI-compatible chat completions): Alibaba DashScope (Qwen),
 * DeepSeek, Zhipu (GLM), Volcano Engine (Doubao), Moonshot, Baidu Qianfan, Tencent Hunyuan, iFlytek Spark,
 * SiliconFlow, 01.AI, Baichuan, MiniMax, SenseNova. Any `.cn` host counts too.
 */
const MAINLAND_DOMAINS = [
  'aliyuncs.com',
  'deepseek.com',
  'bigmodel.cn',
  'volces.com',
  'moonshot.cn',
  'baidubce.com',
  'tencentcloudapi.com',
  'xf-yun.com',
  'siliconflow.cn',
  'lingyiwanwu.com',
  'baichuan-ai.com',
  'minimaxi.com',
  'sensenova.cn',
];

/**
 * Whether an endpoint host is a mainland-hosted service, for the tenant's "mainland providers only" setting
 * (SECURITY.md check 44: with cross-border off, nothing leaves for a non-mainland endpoint). A self-hosted model on
 * an IP address inside the enterprise's network stays in the country by construction; whether the server may reach
 * a private address at all is the SSRF guard's decision.
 * @example isMainlandEndpoint('dashscope.aliyuncs.com') // true
 * @example isMainlandEndpoint('api.openai.com') // false
 */
export function isMainlandEndpoint(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (isIP(h)) return isPrivateAddress(h);
  if (h === 'localhost') return true;
  return h.endsWith('.cn') || MAINLAND_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

function isPrivateAddress(ip: string): boolean {
  return /^(10\.|127\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip) || ip === '::1' || /^f[cd]/i.test(ip);
}
