// Issue 18 in the app: a Storyboarder project with its .fountain script opens with the script in
// the board header (file, scenes matched, the scene no heading matched), each scene's heading
// shown and corrected in a dialog and saved to frameproof.json, and a frame's detail with its
// heading, what the checks read from the frame next to what the script states, and its caption
// part by part. The shared fixture is copied to a temp folder, one scene folder renamed so that
// no heading matches it.
import { expect, test, type Page } from '@playwright/test';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestModel } from '../models/cache.ts';
import { SHARED } from '../paths.ts';
import { serve, type Served } from './serve.ts';
import { shoot } from './shots.ts';

let served: Served;
const board = join(mkdtempSync(join(tmpdir(), 'frameproof-e2e-script-')), 'printable');
const settingsFile = join(board, 'frameproof.json');
const UNMATCHED = 'storyboards/Scene-3-ending';

/** The fixture's files are read-only; the copy must not be, or the settings would go to the app's database. */
function chmodTree(path: string): void {
  chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) chmodTree(join(path, name));
}

function sceneHeadings(): unknown {
  return existsSync(settingsFile)
    ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as { sceneHeadings?: unknown }).sceneHeadings
    : undefined;
}

test.beforeAll(async () => {
  cpSync(join(SHARED, 'fixtures', 'storyboarder', 'printable'), board, { recursive: true });
  chmodTree(board);
  // "Scene-3-ending" carries neither the heading's number (3-0VAZK) nor its words.
  renameSync(join(board, 'storyboards', 'Scene-3-EXT-HOUSE-DAY-3-0VAZK'), join(board, UNMATCHED));
  served = await serve([board, '--model', await ensureTestModel('tiny'), '--provider', 'cpu']);
});

test.afterAll(async () => {
  await served?.stop();
});

async function openScored(page: Page): Promise<void> {
  await page.goto(served.url);
  await expect(page.getByRole('heading', { name: 'printable' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Frames' }).getByRole('listitem')).toHaveCount(10);
  await expect(page.getByText(/not scored yet/)).toHaveCount(0);
}

/** The card of a frame by its scene folder and caption (shot labels repeat from scene to scene). */
function card(page: Page, scene: string, caption: string) {
  return page.locator(`[data-frame-id^="storyboards/${scene}/"]`).filter({ has: page.getByRole('img', { name: caption, exact: true }) });
}

test('the header names the script and how many scenes have a heading; the dialog says which did not match', async ({ page }) => {
  await openScored(page);
  const script = page.getByTestId('board-script');
  await expect(script).toHaveText('Script: printable.fountain, 2 of 3 scenes matched — 1 scene has no heading');
  await script.click();
  const dialog = page.getByRole('dialog', { name: 'Scene headings' });
  await expect(dialog.getByText('3 headings in printable.fountain')).toBeVisible();
  await expect(dialog.getByLabel('Scene-1-EXT-A-PLACE-DAY-1-7BUNG')).toHaveValue('0');
  await expect(dialog.getByLabel('Scene-2-INT-A-PLACE-DAY-2-50YWC')).toHaveValue('1');
  await expect(dialog.getByText('Exterior · A PLACE · Day · line 5')).toBeVisible();
  await expect(dialog.getByLabel('Scene-3-ending')).toHaveValue('none');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Scene-3-ending' })).toContainText(
    "No heading matched this scene's name or number, so its frames are not checked against the script.",
  );
  await expect(dialog.getByText('matched by its scene number')).toHaveCount(2);
  // The board's list of things to check says it too, in the engine's words.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByText('1 thing to check in this folder').click();
  await expect(
    page.getByText(/No heading of printable\.fountain was found for the scene Scene-3-ending; its frames are not checked/),
  ).toBeVisible();
});

test("a frame's detail shows its scene's heading, the looks read from it against the script, and its caption part by part", async ({
  page,
}) => {
  await openScored(page);
  await card(page, 'Scene-1-EXT-A-PLACE-DAY-1-7BUNG', 'Waving').dblclick();
  const detail = page.getByRole('complementary', { name: 'Shot 3A' });
  await expect(detail.getByTestId('frame-heading')).toHaveText('EXT. A PLACE - DAY');
  await expect(detail.getByText('Exterior · A PLACE · Day', { exact: true })).toBeVisible();
  await expect(detail.getByText('printable.fountain, line 5; matched by its scene number.')).toBeVisible();
  // An exterior by day: both the setting and the time of day are read, each next to what the heading states.
  const looks = detail.getByRole('region', { name: 'Script and looks' }).getByRole('listitem');
  await expect(looks).toHaveCount(2);
  const setting = looks.filter({ hasText: 'Interior/exterior' });
  await expect(setting).toContainText('Stated an exterior (Scene 1 is EXT. A PLACE - DAY)');
  await expect(setting).toContainText(
    /Frame (Looks like an exterior, (clearly|probably)|Looks like an interior, clearly not an exterior|Looks more like an interior than an exterior|Hard to tell; leans to an? (interior|exterior))/,
  );
  await expect(setting).toContainText(/interior −?\d\.\d\d · exterior −?\d\.\d\d/);
  await expect(setting).toContainText(/Agrees|Close; not flagged|Contradicts/);
  const time = looks.filter({ hasText: 'Time of day' });
  await expect(time).toContainText('daylight (Scene 1 is EXT. A PLACE - DAY)');
  await expect(time).toContainText(/day −?\d\.\d\d · night −?\d\.\d\d · dusk −?\d\.\d\d/);
  // A contradiction is a flag, and the flag list says so with its reason.
  for (const look of await looks.all()) {
    const name = (await look.locator('strong').innerText()).trim();
    if ((await look.innerText()).includes('Contradicts'))
      await expect(
        detail
          .getByRole('listitem')
          .filter({ hasText: name })
          .filter({ hasText: /but this frame looks like/ }),
      ).toBeVisible();
  }
  const parts = detail.getByRole('region', { name: 'The caption, part by part' }).getByRole('listitem');
  await expect(parts).toHaveCount(1);
  await expect(parts.first()).toContainText(/^\s*(Shows|Weak)\s+Waving\s+(sentence|clause|phrase)\s+−?\d\.\d{3}\s*$/);
});

test("a scene's heading chosen in the dialog is saved to frameproof.json and shown; Match automatically takes it back", async ({
  page,
}) => {
  await openScored(page);
  await card(page, 'Scene-3-ending', 'Outside again. The caller waves.').dblclick();
  const detail = page.getByRole('complementary', { name: 'Shot 1A' });
  await expect(
    detail.getByText('No heading of printable.fountain matched this scene, so its frames are not checked against the script.'),
  ).toBeVisible();
  await expect(detail.getByRole('region', { name: 'Script and looks' }).getByRole('listitem')).toHaveCount(0);
  await expect(detail.getByRole('region', { name: 'The caption, part by part' }).getByRole('listitem')).not.toHaveCount(0);
  await detail.getByRole('region', { name: 'The caption, part by part' }).scrollIntoViewIfNeeded();
  await shoot(page, 'script-detail-unmatched');
  await detail.getByRole('button', { name: 'Choose a heading…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scene headings' });
  // Opened from the frame, the choice of the frame's scene has the focus.
  await expect(dialog.getByLabel('Scene-3-ending')).toBeFocused();
  await dialog.getByLabel('Scene-3-ending').selectOption({ label: '3. EXT. HOUSE - DAY' });
  await expect(dialog.getByLabel('Scene-3-ending')).toHaveValue('2');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Scene-3-ending' })).toContainText('chosen by hand');
  await expect.poll(sceneHeadings).toEqual({ [UNMATCHED]: 2 });
  await expect(page.getByTestId('board-script')).toHaveText('Script: printable.fountain, 3 of 3 scenes matched');
  await page.keyboard.press('Escape');
  await expect(detail.getByTestId('frame-heading')).toHaveText('EXT. HOUSE - DAY');
  await expect(detail.getByText('printable.fountain, line 23; chosen by hand.')).toBeVisible();
  await expect(detail.getByRole('region', { name: 'Script and looks' }).getByRole('listitem')).toHaveCount(2);
  // The folder's things to check no longer name the scene.
  await expect(page.getByText(/things? to check in this folder/)).toHaveCount(0);

  // The choice holds across a reload: it is the board's setting, not the page's.
  await page.reload();
  await expect(page.getByTestId('board-script')).toHaveText('Script: printable.fountain, 3 of 3 scenes matched');
  await page.getByTestId('board-script').click();
  await dialog.getByRole('button', { name: 'Match automatically' }).click();
  await expect(dialog.getByLabel('Scene-3-ending')).toHaveValue('none');
  await expect.poll(sceneHeadings).toEqual({});
  await expect(page.getByTestId('board-script')).toContainText('2 of 3 scenes matched');
});

for (const scheme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1400, 900],
    [1024, 700],
  ] as const) {
    test(`the script in the header, the detail and the dialog at ${width}x${height}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await openScored(page);
      await expect(page.getByTestId('board-script')).toBeInViewport();
      await card(page, 'Scene-1-EXT-A-PLACE-DAY-1-7BUNG', 'Waving').dblclick();
      const detail = page.getByRole('complementary', { name: 'Shot 3A' });
      const region = detail.getByRole('region', { name: 'Script and looks' });
      await region.scrollIntoViewIfNeeded();
      await expect(region.getByRole('listitem')).toHaveCount(2);
      // Nothing in the detail is wider than the detail (no sideways scrolling).
      expect(await detail.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await shoot(page, `script-detail-${width}-${scheme}`);
      await page.getByTestId('board-script').click();
      const dialog = page.getByRole('dialog', { name: 'Scene headings' });
      await expect(dialog.getByLabel('Scene-3-ending')).toBeVisible();
      await shoot(page, `script-dialog-${width}-${scheme}`);
    });
  }
}
