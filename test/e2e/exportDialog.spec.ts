// The export dialog's contact-sheet choices: a person picks four frames a page, no title page and
// note lines, leaves the caption and a sheet column out, and the PDF they download has that layout.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { serve, type Served } from './serve.ts';
import { shootAllSizes } from './shots.ts';

let served: Served;
const root = mkdtempSync(join(tmpdir(), 'frameproof-e2e-export-'));
const board = join(root, 'sample-board');

test.beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  served = await serve([board, '--model', await ensureTestModel('tiny'), '--provider', 'cpu']);
});

test.afterAll(async () => {
  await served?.stop();
});

test('the PDF choices in the export dialog reach the contact sheet', async ({ page }) => {
  await page.goto(served.url);
  await expect(page.getByRole('listitem')).toHaveCount(16);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Frames a page').selectOption('4');
  await dialog.getByLabel('Note lines').fill('3');
  await dialog.getByLabel('Title page').uncheck();
  // Which fields print under each frame: the caption and the sheet's lens column left out.
  const fields = dialog.getByRole('group', { name: 'Under each frame' });
  await expect(fields.getByRole('checkbox')).toHaveCount(5);
  await fields.getByLabel('Caption').uncheck();
  await fields.getByLabel('lens').uncheck();
  await shootAllSizes(page, `export-dialog`);
  await dialog.getByRole('listitem').filter({ hasText: 'PDF contact sheet' }).getByRole('button', { name: 'Export' }).click();
  const link = dialog.getByRole('link', { name: /Download the PDF/ });
  await expect(link).toBeVisible();
  const pdf = await (await page.request.get(new URL((await link.getAttribute('href'))!, served.url).toString())).body();
  const file = join(root, 'sheet.pdf');
  writeFileSync(file, pdf);
  // 16 frames, four a page, no title page.
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Pages:\s+4$/m);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  expect(text).not.toContain('Contact sheet\n');
  expect(text).toContain('Caption drift'); // the flag reasons still print
  expect(text).not.toContain('canteen'); // shot 4's caption
  expect(text).not.toContain('24mm'); // shot 1's lens
});
