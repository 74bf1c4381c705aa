// Screenshots for people to look at (issue 15): test-results/<name>.png, the whole window.
import type { Page } from '@playwright/test';

export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png` });
}
