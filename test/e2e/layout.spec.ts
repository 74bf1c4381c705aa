// Issue 15, item 6: the window works from 1024x700 up: a chart that folds (and stays folded), a
// thumbnail size control, three columns beside the detail, dialog buttons always in view, and a
// "Close board" that is not one more "Close". Screenshots in both sizes and both themes.
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { serve, type Served } from './serve.ts';
import { shoot } from './shots.ts';

let served: Served;
const board = join(mkdtempSync(join(tmpdir(), 'frameproof-e2e-layout-')), 'sample-board');

test.beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  served = await serve([board, '--model', await ensureTestModel('tiny'), '--provider', 'cpu']);
});

test.afterAll(async () => {
  await served?.stop();
});

const cards = (page: Page) => page.getByRole('list', { name: 'Frames' }).getByRole('listitem');

async function columnsInFirstRow(page: Page): Promise<number> {
  const boxes = await Promise.all((await cards(page).all()).map((c) => c.boundingBox()));
  const top = Math.min(...boxes.map((b) => b!.y));
  return boxes.filter((b) => Math.abs(b!.y - top) < 2).length;
}

for (const scheme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1400, 900],
    [1024, 700],
  ] as const) {
    test(`the board at ${width}x${height}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(served.url);
      await expect(page.getByRole('img', { name: /CLIP score/ })).toBeVisible();
      await expect(cards(page).first()).toBeVisible();
      await shoot(page, `board-${width}-${scheme}`);
      await page.getByRole('button', { name: /^Shot 3,/ }).dblclick();
      await expect(page.getByRole('complementary', { name: 'Shot 3' })).toBeVisible();
      expect(await columnsInFirstRow(page)).toBeGreaterThanOrEqual(3);
      await shoot(page, `detail-${width}-${scheme}`);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Apply' })).toBeInViewport();
      await shoot(page, `settings-${width}-${scheme}`);
    });
  }
}

test('the chart folds and stays folded after a reload; the thumbnail size changes the cards', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(served.url);
  const chart = page.getByRole('img', { name: /CLIP score/ });
  await expect(chart).toBeVisible();
  const gridTopBefore = (await cards(page).first().boundingBox())!.y;
  await page.getByRole('button', { name: 'Hide chart' }).click();
  await expect(chart).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Show chart' })).toHaveAttribute('aria-expanded', 'false');
  expect((await cards(page).first().boundingBox())!.y).toBeLessThan(gridTopBefore - 80);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Show chart' })).toBeVisible();
  await expect(chart).toHaveCount(0);
  await shoot(page, 'board-1024-chart-folded-light');

  await page.getByLabel('Thumbnail size').selectOption('small');
  expect((await cards(page).first().boundingBox())!.width).toBeCloseTo(176, 0);
  expect(await columnsInFirstRow(page)).toBeGreaterThanOrEqual(5);
  await page.getByLabel('Thumbnail size').selectOption('large');
  expect((await cards(page).first().boundingBox())!.width).toBeCloseTo(312, 0);
  await page.reload();
  await expect(page.getByLabel('Thumbnail size')).toHaveValue('large');
  await page.getByLabel('Thumbnail size').selectOption('medium');
  await page.getByRole('button', { name: 'Show chart' }).click();
  await expect(chart).toBeVisible();
});

test('"Close board" is the only button that closes the board, apart from a panel\'s close', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: /^Shot 2,/ }).dblclick();
  await expect(page.getByRole('button', { name: 'Close board' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Close', exact: true })).toHaveCount(
    await page.getByRole('complementary').getByRole('button', { name: 'Close', exact: true }).count(),
  );
  await page.getByRole('button', { name: 'Close board' }).click();
  await expect(page.getByRole('heading', { name: 'Frameproof' })).toBeVisible();
});
