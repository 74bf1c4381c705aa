// A 5,000-frame board: the grid renders only what is near the viewport and still reaches the end.
import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { ensureTestModel } from '../models/cache.ts';
import { serve, type Served } from './serve.ts';

const FRAMES = 5000;
let served: Served;

test.beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'frameproof-e2e-large-'));
  const board = join(root, 'large-board');
  const frame = join(root, 'frame.png');
  mkdirSync(board, { recursive: true });
  await sharp({ create: { width: 320, height: 180, channels: 3, background: '#d8d2c4' } })
    .png()
    .toFile(frame);
  const rows = ['shot,scene,file,caption'];
  for (let i = 1; i <= FRAMES; i++) {
    const scene = `scene-${String(Math.ceil(i / 250)).padStart(2, '0')}`;
    if (i % 250 === 1) mkdirSync(join(board, scene));
    const file = `${scene}/shot${String(i).padStart(5, '0')}.png`;
    copyFileSync(frame, join(board, file));
    rows.push(`${i},${scene},${file},panel ${i} of the long board`);
  }
  writeFileSync(join(board, 'shots.csv'), `${rows.join('\n')}\n`);
  served = await serve([board, '--model', await ensureTestModel('tiny'), '--provider', 'cpu']);
});

test.afterAll(async () => {
  await served?.stop();
});

test('renders a bounded number of cards and scrolls to the last frame', async ({ page }) => {
  await page.goto(served.url);
  await expect(page.getByText(`${FRAMES} frames in 20 scenes`)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/not scored yet/)).toBeHidden({ timeout: 90_000 });
  const rendered = await page.getByRole('listitem').count();
  expect(rendered).toBeGreaterThan(4);
  expect(rendered).toBeLessThan(120);
  const scroller = page.locator('.scroller');
  const started = Date.now();
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByRole('button', { name: /^Shot 5000,/ })).toBeVisible();
  expect(Date.now() - started).toBeLessThan(5000);
  expect(await page.getByRole('listitem').count()).toBeLessThan(120);
  await page.screenshot({ path: 'test-results/large-board.png' });
});

test('the table view renders a bounded number of rows too, scrolls to the last shot and sorts 5,000 rows', async ({ page }) => {
  await page.goto(served.url);
  await expect(page.getByText(`${FRAMES} frames in 20 scenes`)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/not scored yet/)).toBeHidden({ timeout: 90_000 });
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
  const table = page.getByRole('table', { name: 'Shot list' });
  const rows = table.locator('[role="row"][data-frame-id]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(4);
  expect(await rows.count()).toBeLessThan(80);
  const started = Date.now();
  await table.locator('xpath=..').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.getByRole('row', { name: 'Shot 5000' })).toBeVisible();
  expect(Date.now() - started).toBeLessThan(5000);
  expect(await rows.count()).toBeLessThan(80);
  // Sorted descending by shot (natural order: 5000 first, not 999), the first row is the last shot.
  const shot = table.getByRole('columnheader', { name: 'shot', exact: true }).getByRole('button');
  await shot.click();
  await shot.click();
  await table.locator('xpath=..').evaluate((el) => (el.scrollTop = 0));
  await expect(rows.first()).toHaveAttribute('aria-label', 'Shot 5000');
  await expect(rows.nth(1)).toHaveAttribute('aria-label', 'Shot 4999');
  expect(await rows.count()).toBeLessThan(80);
});
