// Issue 16, item 1: the shot list as a table beside the grid. The sample board with a shot list's
// own columns (Shot Size, Duration in mixed forms, Notes): toggle to the table, sort, filter, edit
// a caption in place (shots.csv changes, undo restores it), hide and resize columns (kept across a
// reload), and scene running times with a total. Screenshots in both sizes and both themes.
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { serve, type Served } from './serve.ts';
import { shootAllSizes } from './shots.ts';

let served: Served;
const board = join(mkdtempSync(join(tmpdir(), 'frameproof-e2e-table-')), 'sample-board');
const csvFile = join(board, 'shots.csv');
const csv = () => readFileSync(csvFile, 'utf8');

// Per shot (1-16): size, duration as a shot list might hold it, notes. Seconds, "s", frames at
// 24 fps, HH:MM:SS:FF and M:SS all in one column.
const SIZES = ['WS', 'MS', 'CU', 'ECU', 'MS', 'WS', 'EWS', 'WS', 'WS', 'MS', 'ECU', 'CU', 'MS', 'MS', 'MCU', 'WS'];
const DURATIONS = ['3', '2.5s', '48f', '00:00:01:12', '0:02', '4', '1.5s', '2', '1', '2', '3', '4', '1', '2', '3', '4'];
const SECONDS = [3, 2.5, 2, 1.5, 2, 4, 1.5, 2, 1, 2, 3, 4, 1, 2, 3, 4];
const NOTES: Record<number, string> = { 5: 'pickup', 7: 'VFX sky', 12: 'pickup' };
let original = '';

test.beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  const lines = readFileSync(csvFile, 'utf8').trimEnd().split('\n');
  original = `${[
    `${lines[0]},Shot Size,Duration,Notes`,
    ...lines.slice(1).map((line, i) => `${line},${SIZES[i]},${DURATIONS[i]},${NOTES[i + 1] ?? ''}`),
  ].join('\n')}\n`;
  writeFileSync(csvFile, original);
  served = await serve([board, '--model', await ensureTestModel('tiny'), '--provider', 'cpu']);
});

test.afterAll(async () => {
  await served?.stop();
});

const shotTable = (page: Page) => page.getByRole('table', { name: 'Shot list' });
const frameRows = (page: Page) => shotTable(page).locator('[role="row"][data-frame-id]');
const header = (page: Page, name: string) => shotTable(page).getByRole('columnheader', { name, exact: true });
/** The shots in the order the table shows them. */
const shownShots = async (page: Page) =>
  (await frameRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')))).map((l) => Number(l!.replace('Shot ', '')));

async function openTable(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(served.url);
  await expect(page.getByText(/\d+ flagged/)).toBeVisible();
  const toggle = page.getByRole('group', { name: 'View' });
  // Keyboard: Tab reaches the toggle's buttons; Enter switches.
  await toggle.getByRole('button', { name: 'Table' }).focus();
  await page.keyboard.press('Enter');
  await expect(toggle.getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');
  await expect(frameRows(page)).toHaveCount(16);
  expect(errors).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  await shootAllSizes(page, `table-${name}`);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test("the manifest's columns in its order and names; sort by shot (natural) and by duration (as seconds); scene running times and a total", async ({
  page,
}) => {
  await openTable(page);
  const names = await shotTable(page).getByRole('columnheader').allInnerTexts();
  // The sheet's columns in its order and names; Frameproof's (score, status, flags, comment) beside the caption they judge.
  const sheet = ['shot', 'scene', 'file', 'caption', 'Score', 'Status', 'Flags', 'Comment', 'lens', 'Shot Size', 'Duration', 'Notes'];
  expect(names.map((n) => n.trim())).toEqual(['Frame', ...sheet]);

  // Story order: a scene row before each scene, with its running time; the total below.
  const scenes = shotTable(page).getByRole('rowheader');
  await expect(scenes).toHaveCount(2);
  await expect(scenes.nth(0)).toContainText('Scene 1 - Desert');
  await expect(scenes.nth(0)).toContainText('8 shots');
  await expect(scenes.nth(0)).toContainText('0:18.5');
  await expect(scenes.nth(1)).toContainText('0:20');
  await expect(page.getByTestId('running-total')).toHaveText('0:38.5');
  expect(await shownShots(page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  await shoot(page, 'story');

  // Frames and HH:MM:SS:FF read at the board's fps: at 25, 48f is 1.92 s and 00:00:01:12 is 1.48 s.
  const fps = page.getByLabel('Frames per second');
  await expect(fps).toHaveValue('24');
  await fps.fill('25');
  await fps.press('Enter');
  await expect(page.getByTestId('running-total')).toHaveText('0:38.4');
  await expect(scenes.nth(0)).toContainText('0:18.4');
  await page.reload();
  await expect(page.getByLabel('Frames per second')).toHaveValue('25'); // kept for the board
  await page.getByLabel('Frames per second').fill('24');
  await page.getByLabel('Frames per second').press('Enter');
  await expect(page.getByTestId('running-total')).toHaveText('0:38.5');

  // The header stays in view while the rows scroll under it.
  const headerTop = (await header(page, 'caption').boundingBox())!.y;
  await shotTable(page)
    .locator('xpath=..')
    .evaluate((el) => (el.scrollTop = 400));
  await expect(frameRows(page).first()).not.toBeInViewport();
  expect((await header(page, 'caption').boundingBox())!.y).toBe(headerTop);
  await shoot(page, 'scrolled');
  await shotTable(page)
    .locator('xpath=..')
    .evaluate((el) => (el.scrollTop = 0));

  // Shot numbers sort naturally: 16 before 9 descending (as text, 9 would lead).
  await header(page, 'shot').getByRole('button').click();
  await expect(header(page, 'shot')).toHaveAttribute('aria-sort', 'ascending');
  await header(page, 'shot').getByRole('button').click();
  await expect(header(page, 'shot')).toHaveAttribute('aria-sort', 'descending');
  expect(await shownShots(page)).toEqual([16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  await expect(scenes).toHaveCount(0); // sorted, the scenes mix: no scene rows

  // Duration sorts by the seconds each cell reads as (48f = 2 s, 00:00:01:12 = 1.5 s), ties in story order.
  await header(page, 'Duration').getByRole('button').click();
  const expected = SECONDS.map((s, i) => ({ s, shot: i + 1 }))
    .sort((a, b) => a.s - b.s || a.shot - b.shot)
    .map((x) => x.shot);
  expect(await shownShots(page)).toEqual(expected);
  expect(expected.slice(0, 4)).toEqual([9, 13, 4, 7]);
  await shoot(page, 'sorted');
  // A third click goes back to story order and its scene rows.
  await header(page, 'Duration').getByRole('button').click();
  await header(page, 'Duration').getByRole('button').click();
  await expect(scenes).toHaveCount(2);
  expect(await shownShots(page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
});

test('the filter searches every column, "Flagged only" narrows it; a row opens the detail; the arrows move between rows', async ({
  page,
}) => {
  await openTable(page);
  const filter = page.getByRole('searchbox');
  await filter.fill('pickup');
  expect(await shownShots(page)).toEqual([5, 12]);
  await expect(page.getByText('2 of 16 shown')).toBeVisible();
  await expect(page.getByTestId('running-total')).toHaveText('0:06');
  await filter.fill('ecu 100mm');
  expect(await shownShots(page)).toEqual([4, 11]);
  await filter.fill('');
  const flagged = Number(/(\d+) flagged/.exec((await page.getByTestId('board-counts').innerText())!)![1]);
  await page.getByLabel('Which frames to show').selectOption('flagged');
  await expect(frameRows(page)).toHaveCount(flagged);
  await page.getByLabel('Which frames to show').selectOption('all');

  await frameRows(page).nth(2).locator('[role="cell"]').nth(1).click();
  await expect(page.getByRole('complementary', { name: 'Shot 3' })).toBeVisible();
  await shoot(page, 'detail');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: 'Shot 3' })).toBeHidden();
  await frameRows(page).nth(2).focus();
  await page.keyboard.press('ArrowDown');
  await expect(frameRows(page).nth(3)).toHaveAttribute('aria-selected', 'true');
  await expect(frameRows(page).nth(3)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Shot 4' })).toBeVisible();
});

test('a caption edited in place is written to shots.csv; Esc reverts a draft; Undo restores the file', async ({ page }) => {
  await openTable(page);
  const row = frameRows(page).nth(1);
  await row.getByRole('button', { name: 'Edit the caption of shot 2' }).click();
  const box = shotTable(page).getByRole('textbox', { name: 'Caption of shot 2' });
  await expect(box).toBeFocused();
  await box.fill('A rider on a camel climbs a dune.');
  await shoot(page, 'editing');
  await box.press('Enter');
  await expect.poll(csv).toContain('2,Scene 1 - Desert,scene-1-desert/shot02.png,"A rider on a camel climbs a dune.",35mm,MS,2.5s,\n');
  await expect(row.getByRole('button', { name: 'Edit the caption of shot 2' })).toHaveText('A rider on a camel climbs a dune.');
  await expect(row).toBeFocused();

  // F2 edits from the keyboard; Esc takes the draft back and nothing is written.
  await page.keyboard.press('F2');
  await box.fill('A typo I regret');
  await box.press('Escape');
  await expect(box).toBeHidden();
  expect(csv()).not.toContain('A typo I regret');

  // The board's one history: the header's Undo names the edit and puts the file back byte for byte.
  await page.getByRole('group', { name: 'Undo history' }).getByRole('button', { name: 'Undo caption of shot 2' }).click();
  await expect.poll(csv).toBe(original);
  await expect(row.getByRole('button', { name: 'Edit the caption of shot 2' })).toContainText('A rider on horseback climbs a dune');
});

test('hidden columns and widths are kept for the board across a reload', async ({ page }) => {
  await openTable(page);
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Notes' }).uncheck();
  await page.getByRole('checkbox', { name: 'file' }).uncheck();
  await expect(header(page, 'Notes')).toHaveCount(0);
  await shoot(page, 'columns');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('checkbox', { name: 'Notes' })).toBeHidden();

  // Drag the caption column's handle 120 px wider; the arrows resize it too.
  const caption = header(page, 'caption');
  const before = (await caption.boundingBox())!.width;
  const handle = page.getByRole('separator', { name: 'Width of caption' });
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await caption.boundingBox())!.width)).toBe(Math.round(before + 120));
  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => Math.round((await caption.boundingBox())!.width)).toBe(Math.round(before + 104));

  await page.reload();
  await expect(frameRows(page)).toHaveCount(16); // the table, not the grid: the view is kept too
  await expect(header(page, 'Notes')).toHaveCount(0);
  await expect(header(page, 'file')).toHaveCount(0);
  await expect(header(page, 'Duration')).toBeVisible();
  expect(Math.round((await header(page, 'caption').boundingBox())!.width)).toBe(Math.round(before + 104));
  await page.getByText('Columns (2 hidden)').click();
  await page.getByRole('checkbox', { name: 'Notes' }).check();
  await expect(header(page, 'Notes')).toBeVisible();
});
