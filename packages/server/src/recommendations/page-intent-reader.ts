import type { TenantContext } from '../tenancy/tenant-context.js';

/** The part of a tenant's bot the reader needs: its trained NLU model. */
export interface PageReadingBrains {
  get(ctx: TenantContext): Promise<{ model: { parse(text: string): { intent: { name: string; confidence: number } | null } } }>;
}

/** Below this the title is not about one service (首页, 个人中心 and the like come out vague or low). */
const MIN_CONFIDENCE = 0.8;
/** A tenant's first model may still be training: the list is not held up for it, the page's words still count. */
const WAIT_MS = 300;
const PATH_TOKEN = /(^|\s)(https?:\/\/|\/)\S*/g;

/**
 * Reads which service a page is about with the tenant's own NLU — the same model that routes typed
 * messages — from the page's title (the widget sends "path title"; path tokens are dropped).
 * A page titled 我的包裹 or 登录 names no catalogue word, yet the bot reads it as 物流查询 or 重置密码.
 * @example await reader.read(ctx, '/user/parcel 我的包裹') // 'logistics_delay'
 */
export class PageIntentReader {
  constructor(private readonly brains: PageReadingBrains) {}

  async read(ctx: TenantContext, page: string | null): Promise<string | null> {
    const title = page?.replace(PATH_TOKEN, ' ').trim() ?? '';
    if (!title) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), WAIT_MS)));
    try {
      const brain = await Promise.race([this.brains.get(ctx), late]);
      const intent = brain?.model.parse(title).intent;
      return intent && intent.confidence >= MIN_CONFIDENCE ? intent.name : null;
    } catch {
      // No model (a tenant without a bot): the page's words alone decide.
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
