// Screenshots for people to look at (issue 15): test-results/<name>.png, the whole window.
import type { Page } from '@playwright/test';

export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png` });
}

/** test-results/<prefix>-<width>x<height>-<light|dark>.png at both window sizes the issues ask for, in both colour schemes. */
export async function shootAllSizes(page: Page, prefix: string): Promise<void> {
  for (const [width, height] of [
    [1400, 900],
    [1024, 700],
  ] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme });
      await shoot(page, `${prefix}-${width}x${height}-${colorScheme}`);
    }
  }
}
