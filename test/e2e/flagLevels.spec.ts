// Issue 17 items 4-5 and issue 15 item 8: a kind switched off in Settings leaves every card and the
// header count; the detail reads each flag as a sentence with its numbers below and the score with
// its reading for the model; cards put warnings first and the rest in a "+N" chip. Screenshots of
// the level table and the detail in both sizes and both themes.
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoardView } from '../../electron/common/api.ts';
import { flagLabel } from '../../electron/common/flags.ts';
import { runCli } from '../hosts/cli/run.ts';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { serve, type Served } from './serve.ts';
import { shoot } from './shots.ts';

let served: Served;
let model: string;
const board = join(mkdtempSync(join(tmpdir(), 'frameproof-e2e-levels-')), 'sample-board');
const KIND = 'style-drift';
/** What the CLI says with the kind off: the header must then say the same. */
let flaggedWithKindOff: number;
let flaggedBefore: number;

test.beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  model = await ensureTestModel('tiny');
  const cli = async (...extra: string[]) => {
    const result = await runCli(['score', board, '--model', model, '--provider', 'cpu', '--json', ...extra], '', {
      FRAMEPROOF_DATA_DIR: mkdtempSync(join(tmpdir(), 'frameproof-e2e-levels-cli-')),
    });
    return (JSON.parse(result.stdout) as BoardView).analysis!;
  };
  const before = await cli();
  if (!before.flagCounts[KIND]) throw new Error(`The sample board has no ${KIND} warning with the tiny model; pick another kind.`);
  flaggedBefore = before.flaggedFrames;
  flaggedWithKindOff = (await cli('--flag', `${KIND}=off`)).flaggedFrames;
  served = await serve([board, '--model', model, '--provider', 'cpu']);
});

test.afterAll(async () => {
  await served?.stop();
});

const cards = (page: Page) => page.getByRole('list', { name: 'Frames' }).getByRole('listitem');
const counts = (page: Page) => page.getByTestId('board-counts');

/** Every chip label on the board, those folded into "+N" chips included. */
async function chipLabels(page: Page): Promise<string[]> {
  const shown = await page.locator('.card .flag:not(.more)').allTextContents();
  const folded = await page.getByTestId('more-flags').evaluateAll((chips) => chips.map((c) => c.getAttribute('aria-label') ?? ''));
  return [...shown, ...folded.flatMap((l) => l.replace(/^\d+ more: /, '').split(', '))];
}

async function openBoard(page: Page, width: number, height: number, scheme: 'light' | 'dark'): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(served.url);
  await expect(cards(page).first()).toBeVisible();
  await expect(counts(page)).toHaveText(new RegExp(`^${flaggedBefore} flagged`));
}

test.describe.configure({ mode: 'serial' });

test('a kind switched off in Settings leaves the cards and the header count; back to Default brings it back', async ({ page }) => {
  await openBoard(page, 1400, 900, 'light');
  expect(await chipLabels(page)).toContain(flagLabel(KIND));
  // No chip is cut: each ends inside its card.
  for (const card of await cards(page).all()) {
    const box = (await card.boundingBox())!;
    for (const chip of await card.locator('.flag').all()) {
      const c = (await chip.boundingBox())!;
      expect(c.x + c.width).toBeLessThanOrEqual(box.x + box.width - 4);
    }
  }

  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const table = dialog.getByRole('table', { name: 'What to flag' });
  await expect(dialog.getByLabel('Preset')).toHaveValue('default');
  await table.getByRole('radio', { name: `${flagLabel(KIND)}: Off` }).check();
  await expect(dialog.getByLabel('Preset')).toHaveValue('custom');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(counts(page)).toHaveText(new RegExp(`^${flaggedWithKindOff} flagged`));
  await expect.poll(() => chipLabels(page)).not.toContain(flagLabel(KIND));

  // The choice is the board's: it is there after a reload, and the preset brings the defaults back.
  await page.reload();
  await expect(counts(page)).toHaveText(new RegExp(`^${flaggedWithKindOff} flagged`));
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(table.getByRole('radio', { name: `${flagLabel(KIND)}: Off` })).toBeChecked();
  await dialog.getByLabel('Preset').selectOption('default');
  await expect(table.getByRole('radio', { name: `${flagLabel(KIND)}: Warn` })).toBeChecked();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(counts(page)).toHaveText(new RegExp(`^${flaggedBefore} flagged`));
  await expect.poll(() => chipLabels(page)).toContain(flagLabel(KIND));
});

test('the detail reads each flag as a sentence, its numbers on a line below, and the score for this model', async ({ page }) => {
  await openBoard(page, 1400, 900, 'light');
  const flagged = cards(page)
    .filter({ has: page.locator('.flag.warning') })
    .first();
  await flagged.getByRole('button').dblclick();
  const detail = page.getByRole('complementary');
  const first = detail.locator('.flags li').first();
  await expect(first.locator('.sentence')).toHaveText(/^This frame .*\.$|^The .*\.$/);
  await expect(first.locator('.sentence')).not.toHaveText(/\d\.\d|σ|ΔE/);
  await expect(first.locator('.details')).toHaveText(/\d\.\d/);
  const reading = detail.getByTestId('score-reading');
  await expect(reading).toHaveText(/^(good|borderline|poor) for this model$/);
  // The tiny test model has no calibration: the reading says it comes from this board's spread.
  await expect(reading).toHaveAttribute('title', /this board's spread/);
  await expect(detail.getByText("Good, borderline or poor: read from this board's spread.")).toBeVisible();
});

for (const scheme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1400, 900],
    [1024, 700],
  ] as const) {
    test(`screenshots at ${width}x${height}, ${scheme}: the level table and the detail`, async ({ page }) => {
      await openBoard(page, width, height, scheme);
      await page.getByRole('button', { name: 'Settings' }).click();
      const table = page.getByRole('dialog', { name: 'Settings' }).getByRole('table', { name: 'What to flag' });
      await table.scrollIntoViewIfNeeded();
      await expect(table).toBeInViewport();
      await shoot(page, `levels-${width}-${scheme}`);
      await page.keyboard.press('Escape');
      await cards(page)
        .filter({ has: page.locator('.flag.warning') })
        .first()
        .getByRole('button')
        .dblclick();
      // The score with its reading at the top of the panel, the flags below it.
      await page
        .getByRole('complementary')
        .locator('.scores')
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shoot(page, `sentences-${width}-${scheme}`);
    });
  }
}
