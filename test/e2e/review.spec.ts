// Issue 16, items 2 and 3 in the renderer: a review status set in the detail shows on the card,
// in the table's Status and Comment columns and in frameproof.json; "Show" filters by status;
// several cards picked (Ctrl+click, Shift+click, Ctrl+A) take a status in one step from the
// selection bar; a caption taken from another shot in one click is one Undo step. Screenshots of
// each at both sizes and both themes.
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { serve, type Served } from './serve.ts';
import { shootAllSizes } from './shots.ts';

let served: Served;
const board = join(mkdtempSync(join(tmpdir(), 'frameproof-e2e-review-')), 'sample-board');
const csv = () => readFileSync(join(board, 'shots.csv'), 'utf8');
interface SavedReview {
  frameId: string;
  status: string | null;
  comment: string;
}
/** The reviews frameproof.json holds, by frame id; empty until it is written. */
function savedReviews(): Record<string, SavedReview> {
  try {
    const saved = JSON.parse(readFileSync(join(board, 'frameproof.json'), 'utf8')) as { reviews?: SavedReview[] };
    return Object.fromEntries((saved.reviews ?? []).map((r) => [r.frameId, r]));
  } catch {
    return {};
  }
}

test.beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  served = await serve([board, '--model', await ensureTestModel('tiny'), '--provider', 'cpu']);
});

test.afterAll(async () => {
  await served?.stop();
});

test.describe.configure({ mode: 'serial' });

async function openBoard(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(served.url);
  await expect(page.getByRole('listitem')).toHaveCount(16);
  await expect(page.getByText(/\d+ flagged/)).toBeVisible();
  return errors;
}

const card = (page: Page, shot: number) => page.getByRole('button', { name: new RegExp(`^Shot ${shot},`) });
const detail = (page: Page, shot: number) => page.getByRole('complementary', { name: `Shot ${shot}` });
const show = (page: Page) => page.getByLabel('Which frames to show');
const bar = (page: Page) => page.getByRole('region', { name: 'Selected frames' });
const SHOT3 = 'scene-1-desert/shot03.png';

async function shoot(page: Page, name: string): Promise<void> {
  await shootAllSizes(page, `review-${name}`);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a status and comment set in the detail show on the card, in the table and in frameproof.json; Show filters by status', async ({
  page,
}) => {
  const errors = await openBoard(page);
  await card(page, 3).dblclick();
  const status = detail(page, 3).getByRole('group', { name: 'Review status' });
  await status.getByRole('button', { name: 'Needs changes' }).click();
  await expect(status.getByRole('button', { name: 'Needs changes' })).toHaveAttribute('aria-pressed', 'true');
  const comment = detail(page, 3).getByLabel('Review comment');
  await comment.fill('Horizon tilts');
  await comment.press('Enter');
  await expect.poll(() => savedReviews()[SHOT3]).toEqual({ frameId: SHOT3, status: 'needs-changes', comment: 'Horizon tilts' });
  await expect(card(page, 3).getByTestId('review-mark')).toHaveText('Needs changes');
  await expect(card(page, 3)).toHaveAccessibleName(/status: Needs changes$/);
  await shoot(page, 'detail');

  // Pressing the pressed status clears it; the comment stays. Then Redo.
  await status.getByRole('button', { name: 'Needs changes' }).click();
  await expect.poll(() => savedReviews()[SHOT3]?.status).toBeNull();
  await expect(card(page, 3).getByTestId('review-mark')).toHaveCount(0);
  await status.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => savedReviews()[SHOT3]).toEqual({ frameId: SHOT3, status: 'redo', comment: 'Horizon tilts' });
  await page.keyboard.press('Escape');

  // Show: by status, with counts.
  await show(page).selectOption({ label: 'Redo (1)' });
  await expect(page.getByRole('listitem')).toHaveCount(1);
  await expect(card(page, 3)).toBeVisible();
  await show(page).selectOption({ label: 'Approved (0)' });
  await expect(page.getByText('No frame has this status.')).toBeVisible();
  await show(page).selectOption({ label: 'No status (15)' });
  await expect(page.getByRole('listitem')).toHaveCount(15);
  await show(page).selectOption({ label: 'All frames' });

  // The table: Status and Comment columns, sortable, and the text filter finds the comment.
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click();
  const table = page.getByRole('table', { name: 'Shot list' });
  const row3 = table.locator(`[role="row"][data-frame-id="${SHOT3}"]`);
  await expect(row3.getByRole('cell').filter({ hasText: 'Redo' })).toHaveCount(1);
  await expect(row3.getByRole('cell').filter({ hasText: 'Horizon tilts' })).toHaveCount(1);
  await table.getByRole('columnheader', { name: 'Status', exact: true }).getByRole('button').click();
  await expect(table.locator('[role="row"][data-frame-id]').first()).toHaveAttribute('data-frame-id', SHOT3);
  await shoot(page, 'table');
  await page.getByRole('searchbox').fill('tilts');
  await expect(table.locator('[role="row"][data-frame-id]')).toHaveCount(1);
  await page.getByRole('searchbox').fill('');
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Grid' }).click();
  expect(errors).toEqual([]);
});

test('Ctrl+click picks three cards and the selection bar sets their status in one step; Shift+click and Ctrl+A pick runs; Esc lets go', async ({
  page,
}) => {
  const errors = await openBoard(page);
  await card(page, 5).click();
  await expect(bar(page)).toHaveCount(0); // one frame is a selection, not a bulk one
  await card(page, 6).click({ modifiers: ['ControlOrMeta'] });
  await card(page, 8).click({ modifiers: ['ControlOrMeta'] });
  await expect(bar(page)).toContainText('3 frames selected');
  await expect(card(page, 7)).not.toHaveAttribute('aria-current', 'true');
  await shoot(page, 'selection');
  await bar(page).getByLabel('Set the status of the selected frames').selectOption({ label: 'Approved' });
  const ids = ['scene-1-desert/shot05.png', 'scene-1-desert/shot06.png', 'scene-1-desert/shot08.png'];
  await expect.poll(() => ids.map((id) => savedReviews()[id]?.status)).toEqual(['approved', 'approved', 'approved']);
  expect(savedReviews()['scene-1-desert/shot07.png']).toBeUndefined();
  for (const shot of [5, 6, 8]) await expect(card(page, shot).getByTestId('review-mark')).toHaveText('Approved');
  await shoot(page, 'cards');

  // Ctrl+click takes one out again; Shift+click picks the run from the last click.
  await card(page, 8).click({ modifiers: ['ControlOrMeta'] });
  await expect(bar(page)).toContainText('2 frames selected');
  await card(page, 1).click();
  await card(page, 4).click({ modifiers: ['Shift'] });
  await expect(bar(page)).toContainText('4 frames selected');
  await page.keyboard.press('ControlOrMeta+a');
  await expect(bar(page)).toContainText('16 frames selected');
  await page.keyboard.press('Escape');
  await expect(bar(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a caption taken from another shot in one click is one Undo step: shots.csv is back as it was', async ({ page }) => {
  const original = csv();
  const errors = await openBoard(page);
  await card(page, 3).dblclick();
  const panel = detail(page, 3);
  // The sample board flags no mismatch with the random test model, so the source is named from the
  // list of best-fitting captions: the same takeCaption a "Better caption elsewhere" flag's button calls.
  const use = panel.getByRole('button', { name: /^Use shot \d+'s caption for shot 3$/ }).first();
  const from = Number(/Use shot (\d+)'s/.exec((await use.getAttribute('aria-label'))!)![1]);
  // The caption cell: the fourth field, quoted where it holds a comma.
  const fromCaption = /^[^,]*,[^,]*,[^,]*,("(?:[^"]|"")*"|[^,]*),/.exec(original.split('\n')[from]!)![1]!.replace(/^"|"$/g, '');
  await use.click();
  await expect(panel.getByLabel(/Caption/)).toHaveValue(fromCaption);
  await expect.poll(() => csv().split('\n')[3]).toContain(fromCaption);
  const undo = page.getByRole('group', { name: 'Undo history' });
  await undo.getByRole('button', { name: 'Undo caption of shot 3' }).click();
  await expect.poll(csv).toBe(original);
  expect(errors).toEqual([]);
});
