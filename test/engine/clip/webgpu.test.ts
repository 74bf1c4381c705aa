// The WebGPU execution provider, run here on SwiftShader (software Vulkan from Debian's chromium
// package): slow, but exact, so the GPU path is tested without a GPU.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClipModel } from '../../../electron/engine/clip/embedder.ts';
import { softwareOnlyGpu } from '../../../electron/engine/clip/providerProbe.ts';
import { providerCandidates } from '../../../electron/engine/clip/providers.ts';
import { runCli } from '../../hosts/cli/run.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { GOLDEN } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const swiftShaderEnv = {
  VK_ICD_FILENAMES: SWIFTSHADER_ICD,
  // Debian's chromium carries its own Vulkan loader next to SwiftShader.
  LD_LIBRARY_PATH: [dirname(SWIFTSHADER_ICD), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
  XDG_RUNTIME_DIR: tempFolder('frameproof-xdg-'),
};

interface EmbedJson {
  provider: string;
  images: Array<{ path: string; embedding: number[] }>;
  texts: Array<{ text: string; embedding: number[] }>;
}

let model: string;
beforeAll(async () => {
  model = await ensureTestModel('tiny');
});

describe('WebGPU on SwiftShader', () => {
  it('has SwiftShader installed (CI installs Debian chromium; so does `apt-get install -y chromium`)', () => {
    expect(existsSync(SWIFTSHADER_ICD)).toBe(true);
  });

  it('embeds images and texts as the CPU provider does, within 1e-4', async () => {
    const args = [
      'embed',
      '--model',
      model,
      '--json',
      '--image',
      join(GOLDEN, 'images/tiny_64x48.png'),
      '--image',
      join(GOLDEN, 'images/gradient_1920x1080.png'),
      '--image',
      join(GOLDEN, 'images/palette_400x300.png'),
      '--text',
      'a photo of a cat',
      '--text',
      'EXT. DESERT - DAY. Wide shot of a lone rider crossing the dunes at dawn',
    ];
    const gpu = await runCli([...args, '--provider', 'webgpu'], '', swiftShaderEnv);
    expect(gpu.stderr).toBe('');
    expect(gpu.code).toBe(0);
    const cpu = await runCli([...args, '--provider', 'cpu']);
    const gpuJson = JSON.parse(gpu.stdout) as EmbedJson;
    const cpuJson = JSON.parse(cpu.stdout) as EmbedJson;
    expect(gpuJson.provider).toBe('webgpu');
    expect(cpuJson.provider).toBe('cpu');
    const pairs = [
      ...gpuJson.images.map((g, i) => [g.embedding, cpuJson.images[i]!.embedding]),
      ...gpuJson.texts.map((g, i) => [g.embedding, cpuJson.texts[i]!.embedding]),
    ];
    expect(pairs).toHaveLength(5);
    for (const [g, c] of pairs) {
      const diff = Math.max(...g!.map((v, i) => Math.abs(v - c![i]!)));
      expect(diff).toBeLessThan(1e-4);
    }
  });

  it('falls back to the CPU with the reason when WebGPU has no adapter', async () => {
    const result = await runCli(
      ['score', '--model', model, '--image', join(GOLDEN, 'images/tiny_64x48.png'), '--text', 'x', '--provider', 'webgpu', '--json'],
      '',
      {
        ...swiftShaderEnv,
        VK_ICD_FILENAMES: join(tmpdir(), 'no-such-icd.json'),
      },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).provider).toBe('cpu');
    expect(result.stderr).toMatch(/note: webgpu not used: WebGPU failed to start: .*adapter/i);
  });
});

describe('a GPU lost mid-run', () => {
  it('finishes on the CPU with a notice, keeping what was embedded', async () => {
    // In this process: needs the system Vulkan loader (libvulkan1), which CI installs.
    Object.assign(process.env, { VK_ICD_FILENAMES: SWIFTSHADER_ICD, XDG_RUNTIME_DIR: swiftShaderEnv.XDG_RUNTIME_DIR });
    const gpu = await ClipModel.load(model, { provider: 'webgpu' });
    const cpu = await ClipModel.load(model, { provider: 'cpu' });
    expect(gpu.provider.used).toBe('webgpu');
    // GPU sessions stay on the engine's thread (session.ts defaultPlacement); the CPU's run in workers.
    const thread = (m: ClipModel) =>
      (m as unknown as { sessions: Record<'text' | 'vision', { session: { thread: string } }> }).sessions.vision.session.thread;
    expect([thread(gpu), thread(cpu)]).toEqual(['inline', 'worker']);
    // A lost device cannot be produced on purpose here: the third batch's run fails as Dawn reports it.
    const vision = (gpu as unknown as { sessions: { vision: { session: { run: (...a: unknown[]) => Promise<unknown> } } } }).sessions.vision
      .session;
    const realRun = vision.run.bind(vision);
    let calls = 0;
    vision.run = (...args: unknown[]) =>
      ++calls === 3 ? Promise.reject(new Error('Device lost: the GPU device was lost (DXGI_ERROR_DEVICE_REMOVED)')) : realRun(...args);
    const images = ['tiny_64x48', 'palette_400x300', 'strokes_200x300', 'cropround_229x224', 'details_225x225', 'rgba_224x224'].map((n) =>
      join(GOLDEN, 'images', `${n}.png`),
    );
    const onGpu = await gpu.embedImages(images, { batchSize: 2 });
    const onCpu = await cpu.embedImages(images, { batchSize: 2 });
    expect(calls).toBe(3);
    expect(gpu.provider.used).toBe('cpu');
    expect(gpu.provider.attempts.find((a) => a.provider === 'webgpu')?.reason).toMatch(/failed during the run: Device lost/);
    expect(gpu.notices.join('\n')).toMatch(/WebGPU failed during the run .* the rest ran on the CPU/);
    onGpu.forEach((r, i) => {
      expect(r.error).toBeUndefined();
      const diff = Math.max(...Array.from(r.embedding!, (v, j) => Math.abs(v - onCpu[i]!.embedding![j]!)));
      expect(diff).toBeLessThan(1e-4);
    });
    // Texts after the switch run on the CPU sessions too.
    const [text] = await gpu.embedTexts(['a cat']);
    const [cpuText] = await cpu.embedTexts(['a cat']);
    expect(Math.max(...Array.from(text!.embedding, (v, j) => Math.abs(v - cpuText!.embedding[j]!)))).toBeLessThan(1e-6);
    await Promise.all([gpu.release(), cpu.release()]);
  });
});

describe('auto provider order', () => {
  it('lists GPU providers before the CPU, and skips those absent on the platform', () => {
    const backends = [
      { name: 'cpu', bundled: true },
      { name: 'webgpu', bundled: true },
      { name: 'cuda', bundled: false },
    ];
    const linux = providerCandidates('auto', 'linux', backends);
    expect(linux.map((c) => c.provider)).toEqual(['cuda', 'dml', 'coreml', 'webgpu', 'cpu']);
    expect(linux.find((c) => c.provider === 'dml')?.skip).toMatch(/does not exist on linux/);
    expect(linux.find((c) => c.provider === 'cpu')?.skip).toBeUndefined();
    expect(providerCandidates('webgpu', 'linux', backends).map((c) => c.provider)).toEqual(['webgpu', 'cpu']);
    const mac = providerCandidates('auto', 'darwin', backends);
    expect(mac.find((c) => c.provider === 'coreml')?.skip).toBeUndefined();
  });

  it('does not pick a software Vulkan (SwiftShader, lavapipe) automatically', () => {
    const saved = process.env.VK_ICD_FILENAMES;
    try {
      process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
      expect(softwareOnlyGpu('linux')).toMatch(/software renderers/);
      process.env.VK_ICD_FILENAMES = `/usr/share/vulkan/icd.d/nvidia_icd.json:${SWIFTSHADER_ICD}`;
      expect(softwareOnlyGpu('linux', () => true)).toBeUndefined();
      expect(softwareOnlyGpu('linux', () => false)).toMatch(/no GPU device/);
    } finally {
      if (saved === undefined) delete process.env.VK_ICD_FILENAMES;
      else process.env.VK_ICD_FILENAMES = saved;
    }
  });
});
