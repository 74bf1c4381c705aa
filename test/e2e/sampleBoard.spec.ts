// A newcomer's first session (issue 15, item 9): the sample board opens from a writable copy in the
// data folder, so the first caption edit is saved; on a read-only board, marking a flag as
// intended says where that is kept.
import { expect, test } from '@playwright/test';
import { chmodSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { serve, type Served } from './serve.ts';
import { shootAllSizes } from './shots.ts';

let served: Served;
const readOnlyBoard = join(mkdtempSync(join(tmpdir(), 'frameproof-e2e-readonly-')), 'sample-board');

test.beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), readOnlyBoard, { recursive: true });
  chmodSync(readOnlyBoard, 0o555);
  served = await serve(['--model', await ensureTestModel('tiny'), '--provider', 'cpu']);
});

test.afterAll(async () => {
  chmodSync(readOnlyBoard, 0o755);
  await served?.stop();
});

test('the sample board opens from a copy in the data folder, and the first edit is saved there', async ({ page }) => {
  // The very first start opens the sample board by itself.
  await page.goto(served.url);
  await expect(page.getByRole('heading', { name: 'sample-board' })).toBeVisible();
  await expect(page.getByRole('listitem')).toHaveCount(16);
  await page.getByRole('button', { name: /^Shot 4,/ }).dblclick();
  const detail = page.getByRole('complementary', { name: 'Shot 4' });
  await detail.getByLabel(/Caption/).fill('A hand lifts a dented canteen.');
  await detail.getByRole('button', { name: 'Save caption' }).click();
  const copy = join(served.dataDir, 'sample-board', 'shots.csv');
  await expect.poll(() => readFileSync(copy, 'utf8')).toContain('A hand lifts a dented canteen.');
  expect(readFileSync(join(REPO_ROOT, 'resources', 'sample-board', 'shots.csv'), 'utf8')).not.toContain('dented');
  await expect(page.getByRole('log')).toHaveCount(0); // no error notice
});

test("on a read-only board, a flag marked as intended says it is kept in the app's database", async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: /Close board/ }).click();
  await page.getByLabel('Storyboard folder').fill(readOnlyBoard);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('listitem')).toHaveCount(16);
  await page.getByLabel('Which frames to show').selectOption('caption-truncated');
  await page.getByRole('button', { name: /^Shot 15,/ }).dblclick();
  const detail = page.getByRole('complementary', { name: 'Shot 15' });
  await detail
    .getByRole('listitem')
    .filter({ hasText: 'Caption too long' })
    .getByRole('button', { name: /Intended/ })
    .click();
  await expect(
    page.getByText(/read-only, so this is kept in Frameproof's database on this computer \(.*frameproof\.sqlite\)/),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('note')).toContainText(
    /read-only, so its settings and the flags marked as intended are kept in .*frameproof\.sqlite/,
  );
  await shootAllSizes(page, `sample-readonly-settings`);
});
