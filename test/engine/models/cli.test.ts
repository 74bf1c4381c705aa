// `frameproof models ...` as a person runs it, against the test server.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../hosts/cli/run.ts';
import { FileServer } from './fileServer.ts';
import { serveTiny, testCatalogJson, tinyFiles, tinyModelDir } from './helpers.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

let server: FileServer;
let env: Record<string, string>;

beforeAll(async () => {
  const files = await tinyFiles();
  server = await FileServer.start();
  serveTiny(server, files);
  const dir = tempFolder('frameproof-cli-');
  const catalogFile = join(dir, 'models.json');
  await writeFile(catalogFile, JSON.stringify(testCatalogJson(files, { origin: server.origin })));
  // The machine's own proxy settings must not reach the test server.
  const noProxy = Object.fromEntries(
    ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'HF_ENDPOINT'].map((k) => [k, '']),
  );
  env = { ...noProxy, FRAMEPROOF_DATA_DIR: join(dir, 'data'), FRAMEPROOF_MODEL_CATALOG: catalogFile };
});

afterAll(async () => {
  await server.close();
});

describe('frameproof models', () => {
  it('offers the default model on first run, downloads it with progress, lists it, removes it', async () => {
    const first = await runCli(['models', 'list'], '', env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/\* tiny +Tiny CLIP \(full\) +available +8\.\d MB download/);
    expect(first.stdout).toMatch(/No model is installed yet\. Download the default \(about 8\.\d MB\): frameproof models download tiny/);

    const download = await runCli(['models', 'download', 'tiny'], '', env);
    expect(download.stderr).toMatch(/^tiny: 0% .* \(onnx\/text_model\.onnx, file 1 of 6\)$/m);
    expect(download.stderr).toMatch(/^tiny: 100% 8\.\d MB of 8\.\d MB.*\(config\.json, file 6 of 6\)$/m);
    expect(download.stderr).toMatch(/checking that the model opens and embeds/);
    expect(download.code).toBe(0);
    expect(download.stdout).toMatch(/^Installed Tiny CLIP \(full\) as tiny in .*tiny \(8\.\d MB\)\. Use it with --model tiny\.$/m);

    const list = await runCli(['models', 'list', '--json'], '', env);
    const json = JSON.parse(list.stdout);
    expect(json.firstRun).toBe(false);
    expect(json.models.find((m: { id: string }) => m.id === 'tiny')).toMatchObject({ status: 'installed', source: 'catalog' });

    const remove = await runCli(['models', 'remove', 'tiny'], '', env);
    expect(remove.code).toBe(0);
    expect(remove.stdout).toMatch(/^Removed tiny; freed 8\.\d MB\.$/m);
  });

  it('imports a folder in place, and answers a bad request with one line and exit code 2', async () => {
    const folder = await tinyModelDir();
    const imported = await runCli(['models', 'import', folder, '--name', 'Board model'], '', env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Imported Board model as board-model (registered in place: ${folder}; 16-number embeddings)`);

    const unknown = await runCli(['models', 'download', 'clip-vit-huge'], '', env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^frameproof: The catalog has no model "clip-vit-huge"\. Choose one of: tiny, tiny-fast\.$/),
    ]);
  });
});
