// A first start with no model installed: the welcome screen offers the default model with its
// size, downloads it (here from a local server standing in for the model hub), and the sample
// board scores with it.
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileServer } from '../engine/models/fileServer.ts';
import { serveTiny, testCatalogJson, tinyFiles } from '../engine/models/helpers.ts';
import { serve, type Served } from './serve.ts';

let served: Served;
let hub: FileServer;

test.beforeAll(async () => {
  hub = await FileServer.start();
  const files = await tinyFiles();
  serveTiny(hub, files);
  const catalog = join(mkdtempSync(join(tmpdir(), 'frameproof-e2e-catalog-')), 'models.json');
  writeFileSync(catalog, JSON.stringify(testCatalogJson(files, { origin: hub.origin })));
  served = await serve(['--provider', 'cpu'], { FRAMEPROOF_MODEL_CATALOG: catalog, HTTPS_PROXY: '', HTTP_PROXY: '', ALL_PROXY: '' });
});

test.afterAll(async () => {
  await served?.stop();
  await hub?.close();
});

test('the first start offers the default model, downloads it and scores the sample board', async ({ page }) => {
  await page.goto(served.url);
  // The very first start opens the sample board; with no model yet it cannot be scored.
  await expect(page.getByRole('heading', { name: 'sample-board' })).toBeVisible();
  await expect(page.getByText('Frameproof needs a CLIP model to score these frames.')).toBeVisible();
  await expect(page.getByRole('listitem')).toHaveCount(16);
  const download = page.getByRole('button', { name: /^Download Tiny CLIP \(full\) \(\d/ });
  await expect(download).toBeVisible();
  await page.screenshot({ path: 'test-results/first-run.png' });
  await download.click();
  await expect(page.getByText(/is installed\./)).toBeVisible();
  await expect(page.getByText('Frameproof needs a CLIP model to score these frames.')).toBeHidden();
  await expect(page.getByText(/Model: tiny/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Shot 1, score −?\d\.\d{3}/ })).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Models…' }).click();
  const models = page.getByRole('dialog', { name: 'Models' });
  await expect(models.getByText('Installed', { exact: false }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/models.png' });
});
