// Issue 15, item 7: the grid is one Tab stop with arrows inside, focus follows the selection, the
// chart's points are reachable and announced, focus and selection look different, and "?" shows
// the shortcuts. Checked through the accessibility tree (ariaSnapshot), as a screen reader meets it.
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { serve, type Served } from './serve.ts';
import { shoot } from './shots.ts';

let served: Served;
const board = join(mkdtempSync(join(tmpdir(), 'frameproof-e2e-keys-')), 'sample-board');

test.beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  served = await serve([board, '--model', await ensureTestModel('tiny'), '--provider', 'cpu']);
});

test.afterAll(async () => {
  await served?.stop();
});

const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? '');

async function tabUntil(page: Page, test: (label: string) => boolean, limit = 30): Promise<string> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const label = await focused(page);
    if (test(label)) return label;
  }
  throw new Error('never reached');
}

test('the grid is one Tab stop; arrows move focus with the selection, and a screen reader hears the card', async ({ page }) => {
  await page.goto(served.url);
  await expect(page.getByRole('list', { name: 'Frames' }).getByRole('listitem')).toHaveCount(16);
  await page.getByRole('searchbox').focus();
  const first = await tabUntil(page, (l) => /^Shot \d+,/.test(l));
  expect(first).toMatch(/^Shot 1,/);
  // One more Tab leaves the grid: the other cards are not Tab stops.
  await page.keyboard.press('Tab');
  expect(await focused(page)).not.toMatch(/^Shot \d+,/);
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatch(/^Shot 1,/);

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focused(page)).toMatch(/^Shot 3,/);
  const card = page.getByRole('button', { name: /^Shot 3,/ });
  await expect(card).toBeFocused();
  await expect(card).toHaveAttribute('aria-current', 'true');
  await expect(card).toHaveAttribute('tabindex', '0');
  await expect(page.getByRole('button', { name: /^Shot 1,/ })).toHaveAttribute('tabindex', '-1');
  expect(await page.getByRole('list', { name: 'Frames' }).ariaSnapshot()).toMatch(
    /listitem:\s*\n\s*- button "Shot 3, (score −?\d\.\d{3}|not scored)[^"]*"/,
  );
  await page.keyboard.press('End');
  await expect(page.getByRole('button', { name: /^Shot 16,/ })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByRole('button', { name: /^Shot 1,/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Shot 1' })).toBeVisible();
});

test('focus and selection look different', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: /^Shot 2,/ }).click();
  await page.getByRole('searchbox').focus();
  const styleOf = (name: RegExp) =>
    page
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name }) })
      .evaluate((el) => {
        const s = getComputedStyle(el);
        return { outline: s.outlineStyle === 'none' ? 'none' : `${s.outlineWidth} ${s.outlineStyle}`, shadow: s.boxShadow };
      });
  const selected = await styleOf(/^Shot 2,/);
  expect(selected.outline).toBe('none');
  expect(selected.shadow).toMatch(/inset/);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await page.getByRole('button', { name: /^Shot 2,/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('button', { name: /^Shot 3,/ })).toBeFocused();
  const focusedCard = await styleOf(/^Shot 3,/);
  expect(focusedCard.outline).toBe('3px solid');
  await shoot(page, 'focus-and-selection-1400-light');
});

test('chart points are reachable with Tab and arrows, and each says its shot, score and flags', async ({ page }) => {
  await page.goto(served.url);
  await expect(page.getByRole('img', { name: /CLIP score/ })).toBeVisible();
  const points = page.getByRole('group', { name: /Score of each frame/ });
  expect(await points.ariaSnapshot()).toMatch(/button "Chart point: shot 1, score −?\d\.\d{3}, (below|above) the drift threshold/);
  await page.getByRole('button', { name: 'Hide chart' }).focus();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(/^Chart point: shot 1, score/);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focused(page)).toMatch(/^Chart point: shot 2, score/);
  await expect(page.getByRole('button', { name: /^Shot 2,/ })).toHaveAttribute('aria-current', 'true');
  await shoot(page, 'chart-focus-1400-light');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Shot 2' })).toBeVisible();
});

test('"?" shows the keyboard shortcuts', async ({ page }) => {
  await page.goto(served.url);
  await expect(page.getByRole('list', { name: 'Frames' }).getByRole('listitem')).toHaveCount(16);
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  expect(await sheet.ariaSnapshot()).toMatch(/row "\? Show this list"/);
  await shoot(page, 'shortcuts-1400-light');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(sheet).toBeVisible();
});
