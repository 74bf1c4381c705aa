// The export dialog's contact-sheet choices: a person picks four frames a page, no title page and
// note lines, and the PDF they download has that layout.
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
  await shootAllSizes(page, `export-dialog`);
  await dialog.getByRole('listitem').filter({ hasText: 'PDF contact sheet' }).getByRole('button', { name: 'Export' }).click();
  const link = dialog.getByRole('link', { name: /Download the PDF/ });
  await expect(link).toBeVisible();
  const pdf = await (await page.request.get(new URL((await link.getAttribute('href'))!, served.url).toString())).body();
  const file = join(root, 'sheet.pdf');
  writeFileSync(file, pdf);
  // 16 frames, four a page, no title page.
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Pages:\s+4$/m);
  expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).not.toContain('Contact sheet\n');
});
