// Issue 15, item 5: notices with a severity (info and success go, errors stay), in a row of their
// own that covers no control and stays with the board; an empty folder says so; the web page opens
// another folder by path, from the recent ones, or by browsing subfolders.
import { expect, test, type Locator } from '@playwright/test';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { serve, type Served } from './serve.ts';
import { shoot } from './shots.ts';

let served: Served;
let wide: string;
const root = mkdtempSync(join(tmpdir(), 'frameproof-e2e-notices-'));
const board = join(root, 'sample-board');

test.beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  mkdirSync(join(root, 'empty-folder', 'nested'), { recursive: true });
  wide = await ensureTestModel('tiny-wide');
  served = await serve([board, '--model', await ensureTestModel('tiny'), '--provider', 'cpu']);
});

test.afterAll(async () => {
  await served?.stop();
});

async function overlaps(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = [await a.boundingBox(), await b.boundingBox()];
  if (!x || !y) return false;
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
}

test('success goes on its own, an error stays until dismissed, neither covers a control, and neither follows to the Welcome screen', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto(served.url);
  await expect(page.getByRole('list', { name: 'Frames' }).getByRole('listitem').first()).toBeVisible();
  await page.getByRole('button', { name: 'Open folder…' }).click();
  await page.getByRole('dialog', { name: 'Open a folder' }).getByLabel('Storyboard folder').fill(join(root, 'no-such-folder'));
  await page.getByRole('dialog', { name: 'Open a folder' }).getByRole('button', { name: 'Open', exact: true }).click();
  const notices = page.getByRole('region', { name: 'Notices' });
  const error = notices.getByRole('alert');
  await expect(error).toContainText('no-such-folder');
  await expect(page.getByRole('heading', { name: 'sample-board' })).toBeVisible();

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Models…' }).click();
  await page.getByRole('dialog', { name: 'Models' }).getByLabel('Import a model folder').fill(wide);
  await page.getByRole('dialog', { name: 'Models' }).getByRole('button', { name: 'Import', exact: true }).click();
  const success = notices.getByRole('status').filter({ hasText: 'is imported' });
  await expect(success).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await shoot(page, 'notices-1400-light');

  for (const button of await page.getByRole('banner').getByRole('button').all()) expect(await overlaps(notices, button)).toBe(false);
  expect(await overlaps(notices, page.getByRole('list', { name: 'Frames' }).getByRole('listitem').last())).toBe(false);
  await expect(success).toHaveClass(/success/);
  await expect(error).toHaveClass(/error/);

  await page.clock.fastForward(7000);
  await expect(success).toHaveCount(0);
  await expect(error).toBeVisible();
  await page.clock.fastForward(60_000);
  await expect(error).toBeVisible();
  await error.getByRole('button', { name: /Dismiss/ }).click();
  await expect(notices.getByRole('alert')).toHaveCount(0);

  await page.getByRole('button', { name: 'Open folder…' }).click();
  await page.getByRole('dialog', { name: 'Open a folder' }).getByLabel('Storyboard folder').fill(join(root, 'still-missing'));
  await page.getByRole('dialog', { name: 'Open a folder' }).getByRole('button', { name: 'Open', exact: true }).click();
  await expect(notices.getByRole('alert')).toBeVisible();
  await page.getByRole('button', { name: 'Close board' }).click();
  await expect(page.getByRole('heading', { name: 'Frameproof' })).toBeVisible();
  await expect(notices.locator('.notice')).toHaveCount(0);
});

test('another folder is found by browsing; a folder without images says so instead of "no frames match"', async ({ page }) => {
  await page.goto(served.url);
  await expect(page.getByRole('heading', { name: 'sample-board' })).toBeVisible();
  await page.getByRole('button', { name: 'Open folder…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a folder' });
  const subfolders = dialog.getByRole('list', { name: 'Subfolders' });
  // The browser starts beside the open board and lists folders only.
  await expect(subfolders.getByRole('button', { name: /sample-board/ })).toBeVisible();
  await expect(subfolders.getByRole('button')).toHaveCount(2);
  await subfolders.getByRole('button', { name: /empty-folder/ }).click();
  await expect(dialog.getByLabel('Storyboard folder')).toHaveValue(join(root, 'empty-folder'));
  await expect(subfolders.getByRole('button', { name: /nested/ })).toBeVisible();
  await shoot(page, 'open-folder-1400-light');
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'No images in this folder' })).toBeVisible();
  await expect(page.getByText('No frames match')).toHaveCount(0);
  await shoot(page, 'empty-folder-1400-light');

  // The recent boards are one click away.
  await page.getByRole('button', { name: 'Open another folder…' }).click();
  await page
    .getByRole('dialog', { name: 'Open a folder' })
    .getByRole('list', { name: 'Recent boards' })
    .getByRole('button', { name: /sample-board/ })
    .click();
  await expect(page.getByRole('heading', { name: 'sample-board' })).toBeVisible();
  await page.getByRole('searchbox').fill('no frame says this');
  await expect(page.getByRole('heading', { name: 'No frames match' })).toBeVisible();
  await page.getByRole('button', { name: /Show all 16 frames/ }).click();
  await expect(page.getByRole('list', { name: 'Frames' }).getByRole('listitem')).toHaveCount(16);
});
