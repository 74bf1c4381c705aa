// An editor you can trust (issue 15, items 1-3): a caption draft is never lost (it saves on blur
// and on leaving the frame; Esc reverts the draft only), one labelled undo history with per-frame
// Undo and Ctrl+Z / Shift+Ctrl+Z, Settings that refuse what the schema refuses, a chart that stays
// in its area, and settings and model switches that rescore as jobs without holding a dialog.
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { runCli } from '../hosts/cli/run.ts';
import { serve, type Served } from './serve.ts';
import { shootAllSizes } from './shots.ts';

let served: Served;
const board = join(mkdtempSync(join(tmpdir(), 'frameproof-e2e-editor-')), 'sample-board');
const csvFile = join(board, 'shots.csv');
const csv = () => readFileSync(csvFile, 'utf8');
/** The thresholds frameproof.json holds; null until it is written. */
const savedThresholds = (): unknown => {
  try {
    return (JSON.parse(readFileSync(join(board, 'frameproof.json'), 'utf8')) as { thresholds: unknown }).thresholds;
  } catch {
    return null;
  }
};

test.beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  served = await serve([board, '--model', await ensureTestModel('tiny'), '--provider', 'cpu']);
});

test.afterAll(async () => {
  await served?.stop();
});

async function openBoard(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(served.url);
  await expect(page.getByRole('listitem')).toHaveCount(16);
  await expect(page.getByText(/\d+ flagged/)).toBeVisible();
  expect(errors).toEqual([]);
}

const card = (page: Page, shot: number) => page.getByRole('button', { name: new RegExp(`^Shot ${shot},`) });
const detail = (page: Page, shot: number) => page.getByRole('complementary', { name: `Shot ${shot}` });

async function shoot(page: Page, name: string): Promise<void> {
  await shootAllSizes(page, `editor-${name}`);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a caption draft saves when you click another card or close the panel; Esc in the box reverts only the draft', async ({ page }) => {
  await openBoard(page);
  await card(page, 2).dblclick();
  const box = detail(page, 2).getByLabel(/Caption/);
  await box.fill('A rider on a camel climbs a dune.');
  await expect(detail(page, 2).getByText(/Saved when you leave the box/)).toBeVisible();
  await shoot(page, 'draft');
  // Clicking another card: the draft is saved, not dropped.
  await card(page, 3).click();
  await expect.poll(csv).toContain('A rider on a camel climbs a dune.');

  await card(page, 3).dblclick();
  const third = detail(page, 3).getByLabel(/Caption/);
  const saved = await third.inputValue();
  await third.fill('A typo I regret');
  await third.press('Escape');
  await expect(third).toHaveValue(saved); // the draft went back to the saved caption...
  await expect(detail(page, 3)).toBeVisible(); // ...and the panel stayed open
  expect(csv()).not.toContain('A typo I regret');

  // Closing the panel saves too.
  await third.fill('Eyes squint against the sun behind a scarf.');
  await detail(page, 3)
    .getByRole('button', { name: /Close the frame/ })
    .click();
  await expect.poll(csv).toContain('Eyes squint against the sun behind a scarf.');
});

test("one labelled history: per-frame Undo takes back that frame's edit only; Ctrl+Z and Shift+Ctrl+Z; nothing to undo is off, not an error", async ({
  page,
}) => {
  const original = readFileSync(join(REPO_ROOT, 'resources', 'sample-board', 'shots.csv'), 'utf8');
  await openBoard(page);
  const undo = page.getByRole('group', { name: 'Undo history' });
  // The earlier test left two edits: shot 2, then shot 3.
  await expect(undo.getByRole('button', { name: 'Undo caption of shot 3' })).toBeEnabled();
  await card(page, 2).dblclick();
  await detail(page, 2).getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(csv).not.toContain('A rider on a camel climbs a dune.');
  expect(csv()).toContain('Eyes squint against the sun behind a scarf.'); // shot 3's edit was not on screen: kept
  await expect(detail(page, 2).getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
  await expect(undo.getByRole('button', { name: 'Redo caption of shot 2' })).toBeEnabled();

  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(csv).not.toContain('Eyes squint');
  await expect(undo.getByRole('button', { name: 'Nothing to undo' })).toBeDisabled();
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect.poll(csv).toContain('Eyes squint');
  await page.keyboard.press('ControlOrMeta+z');
  await page.keyboard.press('ControlOrMeta+z'); // nothing left: no error notice
  await expect.poll(csv).toBe(original);
  await expect(undo.getByRole('button', { name: 'Nothing to undo' })).toBeDisabled();
  // Two quick Ctrl+Z are two steps, and the one with nothing left is no error.
  await expect(page.getByText(/Nothing was changed|There is no caption edit/)).toHaveCount(0);
  await shoot(page, 'history');
});

test('Settings refuses an out-of-range score and a negative z inline, keeps board and app settings apart, resets, and the chart stays in its area', async ({
  page,
}) => {
  await openBoard(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('group', { name: /This board · saved in frameproof.json/ })).toBeVisible();
  await expect(settings.getByRole('group', { name: /This app · on this computer/ })).toBeVisible();
  const lowest = settings.getByLabel('Caption drift: lowest acceptable score');
  const z = settings.getByLabel('Caption drift: deviations below the board');
  await lowest.fill('5');
  await z.fill('-2');
  await expect(settings.getByText('5 is out of range: expected -1 to 1 (cosine).')).toBeVisible();
  await expect(settings.getByText('-2 is out of range: expected 0 to 100 (robust standard deviations).')).toBeVisible();
  await expect(lowest).toHaveAttribute('aria-invalid', 'true');
  await expect(settings.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await shoot(page, 'settings-invalid');
  await settings.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(lowest).toHaveValue('');
  await expect(settings.getByRole('button', { name: 'Apply' })).toBeEnabled();

  // The highest score the schema allows: the band fills the plot, and nothing leaves the chart.
  await lowest.fill('1');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings).toBeHidden();
  await expect.poll(() => savedThresholds()).toEqual({ captionDriftCosine: 1 });
  await expect(page.getByText(/Below the drift threshold \(1\.00\)/)).toBeVisible();
  const plot = (await page.getByRole('img', { name: /CLIP score and style similarity/ }).boundingBox())!;
  const band = (await page.locator('rect.band').boundingBox())!;
  expect(band.y).toBeGreaterThanOrEqual(plot.y);
  expect(band.y + band.height).toBeLessThanOrEqual(plot.y + plot.height + 0.5);
  // The header's controls are still the ones under the pointer.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(settings).toBeVisible();
  await settings.getByRole('button', { name: 'Reset to defaults' }).click();
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => savedThresholds()).toEqual({});
});

test('scoring the whole frame runs as a job after the dialog closes; "Use" on another model rescores', async ({ page }) => {
  await openBoard(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Wide frames').selectOption('crops');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings).toBeHidden({ timeout: 2_000 }); // the dialog does not wait for the model
  await expect(page.getByRole('button', { name: 'Cancel scoring' }).or(page.getByRole('button', { name: 'Rescore' }))).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rescore' })).toBeVisible({ timeout: 60_000 });
  await card(page, 1).dblclick();
  await expect(detail(page, 1).getByText('Whole frame')).toBeVisible();
  await page.keyboard.press('Escape');

  const wide = await ensureTestModel('tiny-wide');
  expect((await runCli(['models', 'import', wide, '--name', 'tiny wide'], '', { FRAMEPROOF_DATA_DIR: served.dataDir })).code).toBe(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  await settings.getByRole('button', { name: 'Models…' }).click();
  const models = page.getByRole('dialog', { name: 'Models' });
  await models.getByRole('listitem').filter({ hasText: 'tiny wide' }).getByRole('button', { name: 'Use' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Model: tiny-wide', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Rescore' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/not scored yet/)).toHaveCount(0);
  await expect(card(page, 1)).toHaveAttribute('aria-label', /score −?\d\.\d{3}/);
});
