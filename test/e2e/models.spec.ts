// Issue 15, item 4: the Models dialog lists the model in use first (also a folder given with
// --model), then installed, then available ones; a folder is imported from the page; removing the
// model in use asks first, and the app then says (and the status bar shows) what it uses instead.
import { expect, test } from '@playwright/test';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { serve, type Served } from './serve.ts';
import { shoot } from './shots.ts';

let served: Served;
let wide: string;
const board = join(mkdtempSync(join(tmpdir(), 'frameproof-e2e-models-')), 'sample-board');

test.beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  wide = await ensureTestModel('tiny-wide');
  served = await serve([board, '--model', await ensureTestModel('tiny'), '--provider', 'cpu']);
});

test.afterAll(async () => {
  await served?.stop();
});

test('in use first, an imported folder next, and removing the model in use asks and says what is used instead', async ({ page }) => {
  await page.goto(served.url);
  await expect(page.getByRole('listitem').filter({ hasText: 'Shot 1' }).first()).toBeVisible();
  await expect(page.getByLabel('Status')).toContainText('Model: tiny-1');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Models…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Models' });
  const rows = dialog.getByRole('list', { name: 'Models' }).getByRole('listitem');
  // The folder given with --model is in no registry, yet it is listed, first, as in use.
  await expect(rows.first()).toContainText('tiny-1');
  await expect(rows.first()).toContainText('in use');
  await expect(rows.first().getByRole('button')).toHaveCount(0);
  await expect(dialog.getByText(/Import a model folder/).first()).toBeVisible();
  await expect(dialog).not.toContainText('frameproof models import');
  await shoot(page, 'models-1400-light');

  // A path that is no model is refused by the engine, with the folder named.
  await dialog.getByLabel('Import a model folder').fill(board);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'sample-board' })).toBeVisible();

  await dialog.getByLabel('Import a model folder').fill(wide);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'tiny-wide-1 is imported' })).toBeVisible();
  await expect(rows.nth(1)).toContainText('tiny-wide-1');
  await expect(rows.nth(1)).toContainText('Installed');
  await expect(rows.nth(2)).toContainText('Download');

  await rows.nth(1).getByRole('button', { name: 'Use tiny-wide-1' }).click();
  await expect(rows.first()).toContainText('tiny-wide-1');
  await expect(page.getByLabel('Status')).toContainText('Model: tiny-wide-1');
  // The folder given at start stays listed, and can be used again.
  await expect(rows.nth(1)).toContainText('tiny-1');
  await expect(rows.nth(1).getByRole('button', { name: 'Use tiny-1' })).toBeVisible();

  // Removing the model in use asks first and names what comes instead.
  await rows.first().getByRole('button', { name: 'Remove tiny-wide-1' }).click();
  const question = rows.first().getByRole('alert');
  await expect(question).toContainText('tiny-wide-1 is the model in use. Frameproof will switch to tiny-1');
  await shoot(page, 'models-remove-1400-light');
  await question.getByRole('button', { name: 'Remove tiny-wide-1' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'tiny-wide-1 was removed. Frameproof now uses tiny-1.' })).toBeVisible();
  await expect(rows.first()).toContainText('tiny-1');
  await expect(rows.first()).toContainText('in use');
  await expect(page.getByLabel('Status')).toContainText('Model: tiny-1');
  await expect(rows.filter({ hasText: 'tiny-wide' })).toHaveCount(0);
  await shoot(page, 'models-after-remove-1400-light');
});

test('the Models dialog at 1024x700 in the dark, its import row always in view', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Models…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Models' });
  await expect(dialog.getByLabel('Import a model folder')).toBeInViewport();
  await shoot(page, 'models-1024-dark');
});
