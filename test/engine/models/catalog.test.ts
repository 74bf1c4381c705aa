// The bundled catalog, and what the parser refuses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileUrl, loadCatalog, parseCatalog } from '../../../electron/engine/models/catalog.ts';
import { REPO_ROOT } from '../../paths.ts';

const raw = JSON.parse(readFileSync(join(REPO_ROOT, 'resources/models.json'), 'utf8'));

describe('resources/models.json', () => {
  const catalog = loadCatalog({ env: {} });

  it('offers ViT-B/32 (the default), B/16 and L/14 from the Xenova exports, each full and fast', () => {
    expect(catalog.defaultModel).toBe('clip-vit-b-32');
    expect(catalog.models.map((m) => [m.id, m.repo, m.variant, m.embeddingDim])).toEqual([
      ['clip-vit-b-32', 'Xenova/clip-vit-base-patch32', 'full', 512],
      ['clip-vit-b-32-fast', 'Xenova/clip-vit-base-patch32', 'fast', 512],
      ['clip-vit-b-16', 'Xenova/clip-vit-base-patch16', 'full', 512],
      ['clip-vit-b-16-fast', 'Xenova/clip-vit-base-patch16', 'fast', 512],
      ['clip-vit-l-14', 'Xenova/clip-vit-large-patch14', 'full', 768],
      ['clip-vit-l-14-fast', 'Xenova/clip-vit-large-patch14', 'fast', 768],
    ]);
  });

  it("installs the layout the engine opens, every URL https and following the model's repo and revision", () => {
    for (const model of catalog.models) {
      expect(model.files.map((f) => f.target).sort()).toEqual([
        'config.json',
        'onnx/text_model.onnx',
        'onnx/vision_model.onnx',
        'preprocessor_config.json',
        'tokenizer.json',
        'tokenizer_config.json',
      ]);
      for (const file of model.files) {
        expect(file.url).toBe(`https://huggingface.co/${model.repo}/resolve/${model.revision}/${file.path}`);
        expect(fileUrl(model, file, 'https://mirror.example/')).toBe(
          `https://mirror.example/${model.repo}/resolve/${model.revision}/${file.path}`,
        );
      }
      if (model.variant === 'fast') {
        expect(model.fidelity).toMatch(/not comparable/);
        expect(model.files.find((f) => f.target === 'onnx/text_model.onnx')?.path).toBe('onnx/text_model_quantized.onnx');
      } else {
        expect(model.fidelity).toBeNull();
      }
      expect(model.calibration.status).toBe('provisional');
      expect(model.license.spdx).toBe('MIT');
    }
  });

  it('pins ViT-B/32 (full and fast) to a commit with exact sizes and hashes, marked as third-party figures', () => {
    for (const id of ['clip-vit-b-32', 'clip-vit-b-32-fast']) {
      const model = catalog.models.find((m) => m.id === id)!;
      expect(model.revision).toBe('d15189d7028b43f1d3e65039190477f6af591c2a');
      expect(model.revisionPinned).toBe(true);
      expect(model.revisionSource).toMatch(/^third-party/);
      expect(model.downloadBytes).not.toBeNull();
      for (const file of model.files) {
        expect(file.figuresSource).toMatch(/not confirmed against Hugging Face/);
        expect(file.sizeBytes).toBeGreaterThan(0);
        // Only the small Git-stored configs lack a hash; they are checked by their exact size.
        if (file.sha256 === null) expect(file.target).toMatch(/config\.json$/);
      }
    }
    const full = catalog.models.find((m) => m.id === 'clip-vit-b-32')!;
    expect(full.downloadBytes).toBe(254_058_553 + 351_685_709 + 2_224_119 + 775 + 520 + 4_524);
    const fast = catalog.models.find((m) => m.id === 'clip-vit-b-32-fast')!;
    expect(fast.files.find((f) => f.target === 'onnx/vision_model.onnx')).toMatchObject({
      path: 'onnx/vision_model_quantized.onnx',
      sizeBytes: 89_117_001,
      sha256: '583fd1110a514667812fee7d684952aaf82a99b959760c8d7dca7e0ab9839299',
    });
  });

  it('says plainly which models are unpinned and why, and which run one item at a time', () => {
    for (const model of catalog.models) {
      if (!model.revisionPinned) expect(model.revisionNote).toMatch(/Not pinned: .* available offline.*must be pinned/);
      for (const file of model.files) if (file.sha256 === null) expect(file.sha256Unknown).toBeTruthy();
      expect(model.unverifiedFiles).toEqual(model.files.filter((f) => f.sha256 === null).map((f) => f.target));
      expect(model.approxDownloadBytes).toBeGreaterThan(100_000_000);
      expect(model.dynamicQuantization).toBe(model.variant === 'fast');
      if (model.variant === 'fast') expect(model.fidelity).toMatch(/one frame and one caption at a time/);
    }
    expect(catalog.models.filter((m) => !m.revisionPinned).map((m) => m.id)).toEqual([
      'clip-vit-b-16',
      'clip-vit-b-16-fast',
      'clip-vit-l-14',
      'clip-vit-l-14-fast',
    ]);
  });
});

describe('parseCatalog', () => {
  it('reports every problem at once, naming where each is', () => {
    const broken = structuredClone(raw);
    broken.defaultModel = 'nope';
    broken.models[0].files[0].sha256 = 'ABC';
    broken.models[1].embeddingDim = -1;
    broken.models[2].files = broken.models[2].files.filter((f: { path: string }) => f.path !== 'onnx/vision_model.onnx');
    broken.models[3].files[0].target = '../outside.onnx';
    broken.models[4].id = broken.models[5].id;
    let message = '';
    try {
      parseCatalog(broken, 'broken.json');
    } catch (error) {
      expect((error as { code: string }).code).toBe('CATALOG_INVALID');
      expect((error as { file: string }).file).toBe('broken.json');
      message = (error as Error).message;
    }
    expect(message).toContain('models[0].files[0].sha256: must be 64 lower-case hex digits or null');
    expect(message).toContain('models[1].embeddingDim: is -1');
    expect(message).toContain('models[2].files: installs no onnx/vision_model.onnx');
    expect(message).toContain('models[3].files[0].target: "../outside.onnx" must be a relative path');
    expect(message).toContain('models: lists clip-vit-l-14-fast twice');
    expect(message).toContain('defaultModel: "nope" is not in the catalog');
  });

  it('refuses a catalog from a newer Frameproof', () => {
    expect(() => parseCatalog({ ...raw, schemaVersion: 2 }, 'x.json')).toThrow(/schemaVersion: is 2, this Frameproof reads 1/);
  });

  it('reads FRAMEPROOF_MODEL_CATALOG instead of the bundled file, and says when it cannot', () => {
    expect(() => loadCatalog({ env: { FRAMEPROOF_MODEL_CATALOG: '/nonexistent/models.json' } })).toThrow(/cannot be read/);
  });
});
