import type { Page } from 'playwright-core';

/**
 * 同意并继续 on the widget's privacy notice, which a visitor accepts before their first message; nothing to
 * do for a visitor who accepted it earlier (a second tab or a reload resumes their conversation).
 * @example await page.locator('[data-testid=zhida-launcher]').click(); await acceptPrivacyNotice(page);
 */
export async function acceptPrivacyNotice(page: Page): Promise<void> {
  const privacy = page.locator('[data-testid=zhida-privacy]');
  await page.locator('[data-testid=zhida-privacy][data-state=asking], [data-testid=zhida-privacy][data-state=accepted]').waitFor({ state: 'attached' });
  if ((await privacy.getAttribute('data-state')) === 'accepted') return;
  await page.locator('[data-testid=zhida-privacy-accept]').click();
  await page.locator('[data-testid=zhida-privacy][data-state=accepted]').waitFor({ state: 'attached' });
}
