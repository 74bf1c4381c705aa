// A storyboard artist's first session: the sample board opens and scores, they find the flagged
// frames, fix a caption, mark a flag as intended and export the shot list.
import { expect, test } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { runCli } from '../hosts/cli/run.ts';
import { serve, type Served } from './serve.ts';

let served: Served;
const board = join(mkdtempSync(join(tmpdir(), 'frameproof-e2e-')), 'sample-board');

test.beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  served = await serve([board, '--model', await ensureTestModel('tiny'), '--provider', 'cpu']);
});

test.afterAll(async () => {
  await served?.stop();
});

test('the board opens scored, grouped by scene, with the series chart', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(served.url);
  await expect(page.getByRole('heading', { name: 'sample-board' })).toBeVisible();
  await expect(page.getByRole('listitem')).toHaveCount(16);
  await expect(page.getByRole('heading', { name: /Scene 1 - Desert/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /CLIP score and style similarity/ })).toBeVisible();
  await expect(page.getByText(/\d+ flagged/)).toBeVisible();
  await expect(page.getByText('CPU', { exact: true })).toBeVisible();
  // Every control has an accessible name.
  for (const button of await page.getByRole('button').all())
    expect((await button.getAttribute('aria-label')) ?? (await button.innerText())).not.toBe('');
  await page.screenshot({ path: 'test-results/board.png' });
  expect(errors).toEqual([]);
});

test('the keyboard moves between frames and opens and closes the detail; / focuses the filter', async ({ page }) => {
  await page.goto(served.url);
  await expect(page.getByRole('listitem')).toHaveCount(16);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const detail = page.getByRole('complementary', { name: 'Shot 2' });
  await expect(detail).toBeVisible();
  await expect(detail.getByText(/tokens/)).toBeVisible();
  await page.screenshot({ path: 'test-results/detail.png' });
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('canteen');
  await expect(page.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('searchbox').fill('');
  await page.getByLabel('Which frames to show').selectOption('caption-truncated');
  await expect(page.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('listitem')).toContainText('Shot 15');
});

test("a flagged frame's caption edit is written to shots.csv, rescored, and undone exactly", async ({ page }) => {
  const csv = join(board, 'shots.csv');
  const before = readFileSync(csv);
  await page.goto(served.url);
  await expect(page.getByRole('listitem')).toHaveCount(16);
  await page.getByLabel('Which frames to show').selectOption('flagged');
  await expect(page.getByRole('listitem').first()).toBeVisible();
  const flaggedCount = await page.getByRole('listitem').count();
  expect(flaggedCount).toBeGreaterThan(0);
  expect(flaggedCount).toBeLessThan(16);
  await page.getByLabel('Which frames to show').selectOption('all');
  const card = page.getByRole('button', { name: /^Shot 4,/ });
  const scoreBefore = /score (−?\d\.\d{3})/.exec((await card.getAttribute('aria-label'))!)![1];
  await card.dblclick();
  const detail = page.getByRole('complementary', { name: 'Shot 4' });
  await detail.getByLabel(/Caption/).fill('Close-up of a hand lifting a dented metal canteen to drink.');
  await detail.getByRole('button', { name: 'Save caption' }).click();
  await expect.poll(() => readFileSync(csv, 'utf8')).toContain('a dented metal canteen');
  // The frame is rescored with its new caption.
  await expect(card).not.toHaveAttribute('aria-label', new RegExp(`score ${scoreBefore}`));
  expect(
    readFileSync(csv, 'utf8')
      .split('\n')
      .filter((l) => !l.includes('canteen')),
  ).toEqual(
    before
      .toString('utf8')
      .split('\n')
      .filter((l) => !l.includes('canteen')),
  );
  await detail.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => readFileSync(csv).equals(before)).toBe(true);
});

test('a flag marked as intended stops counting, and the shot list exports', async ({ page }) => {
  await page.goto(served.url);
  await page.getByLabel('Which frames to show').selectOption('caption-truncated');
  await page.getByRole('button', { name: /^Shot 15,/ }).dblclick();
  const detail = page.getByRole('complementary', { name: 'Shot 15' });
  await detail
    .getByRole('listitem')
    .filter({ hasText: 'Caption too long' })
    .getByRole('button', { name: /Intended/ })
    .click();
  await expect(detail.getByRole('button', { name: 'Count it again' })).toBeVisible();
  await expect
    .poll(() => JSON.parse(readFileSync(join(board, 'frameproof.json'), 'utf8')).acknowledgements)
    .toEqual([{ frameId: 'scene-2-kitchen/shot07.png', kind: 'caption-truncated' }]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('listitem').filter({ hasText: 'CSV shot list' }).getByRole('button', { name: 'Export' }).click();
  const link = dialog.getByRole('link', { name: /Download the CSV/ });
  await expect(link).toBeVisible();
  await page.screenshot({ path: 'test-results/export.png' });
  const csv = await (await page.request.get(new URL((await link.getAttribute('href'))!, served.url).toString())).text();
  const rows = csv.split('\r\n');
  expect(rows).toHaveLength(18);
  expect(rows[0]).toMatch(
    /^\ufeff?shot,scene,file,caption,lens,Frameproof: cosine,Frameproof: CLIPScore,Frameproof: severity,Frameproof: flags/,
  );
  expect(rows.find((r) => r.startsWith('15,'))).toMatch(/Maria sits down at the table/);
});

test('the settings view, and requests without the token are refused', async ({ page, playwright }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByLabel('Project style prompt')).toBeVisible();
  await page.screenshot({ path: 'test-results/settings.png' });
  const stranger = await playwright.request.newContext();
  const origin = new URL(served.url).origin;
  expect((await stranger.get(`${origin}/`)).status()).toBe(401);
  expect((await stranger.post(`${origin}/api/getAppInfo`, { data: [] })).status()).toBe(401);
  expect((await stranger.get(`${origin}/frames/full/${encodeURIComponent('scene-1-desert/shot01.png')}`)).status()).toBe(401);
  await stranger.dispose();
});

test('two models compared side by side on the board, and the comparison exported', async ({ page }) => {
  const wide = await ensureTestModel('tiny-wide');
  const imported = await runCli(['models', 'import', wide, '--name', 'tiny wide'], '', { FRAMEPROOF_DATA_DIR: served.dataDir });
  expect(imported.code).toBe(0);
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Compare models' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare models' });
  await dialog.getByLabel('tiny-1').check();
  await dialog.getByLabel('tiny wide').check();
  await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  const summary = dialog.getByRole('table', { name: 'How each model does on this board' });
  await expect(summary.getByRole('row')).toHaveCount(3, { timeout: 60_000 });
  await expect(dialog.getByRole('table', { name: /Scores side by side/ }).getByRole('row')).toHaveCount(17);
  await expect(dialog.getByText(/Rank agreement \(Spearman\)/)).toBeVisible();
  await page.screenshot({ path: 'test-results/compare.png' });
  await dialog.getByRole('button', { name: 'Export HTML' }).click();
  const link = dialog.getByRole('link', { name: /Download the HTML/ });
  const html = await (await page.request.get(new URL((await link.getAttribute('href'))!, served.url).toString())).text();
  expect(html).toMatch(/tiny-wide-1@[0-9a-f]{16}/);
  expect(html).toMatch(/tiny-1@[0-9a-f]{16}/);
});

test('the welcome view, in the dark theme the OS asks for', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Close board' }).click();
  await expect(page.getByRole('heading', { name: 'Frameproof' })).toBeVisible();
  await expect(page.getByRole('button', { name: /sample-board/ })).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(23, 24, 27)');
  await page.screenshot({ path: 'test-results/welcome-dark.png' });
});
