// Cheap checks, before a session is tried, that a GPU provider's native parts are on this
// machine at all. Trying a provider whose libraries are absent costs seconds and prints native
// errors to the terminal; a file check costs nothing and gives a clearer reason.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ProviderName } from '../../api.ts';

function ortBinaryDir(): string | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('onnxruntime-node');
    return join(dirname(entry), '..', 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    return undefined;
  }
}

const VULKAN_LOADERS = [
  '/usr/lib/x86_64-linux-gnu/libvulkan.so.1',
  '/usr/lib/aarch64-linux-gnu/libvulkan.so.1',
  '/usr/lib64/libvulkan.so.1',
  '/usr/lib/libvulkan.so.1',
  '/usr/local/lib/libvulkan.so.1',
];

const ICD_DIRS = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];
// Vulkan drivers that run on the CPU: a WebGPU "GPU" on them is slower than the CPU provider.
const SOFTWARE_ICD = /swiftshader|lvp|lavapipe|mock/i;

function vulkanDrivers(): string[] {
  const explicit = process.env.VK_DRIVER_FILES ?? process.env.VK_ICD_FILENAMES;
  if (explicit) return explicit.split(':').filter(Boolean);
  return ICD_DIRS.flatMap((dir) => {
    try {
      return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
    } catch {
      return [];
    }
  });
}

/**
 * On Linux, when every Vulkan driver is a software one (SwiftShader, lavapipe), why "auto" should
 * not pick WebGPU. A forced --provider webgpu still runs there, which is how it is tested.
 */
export function softwareOnlyGpu(platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform !== 'linux') return undefined;
  const drivers = vulkanDrivers();
  if (drivers.length === 0 || !drivers.every((d) => SOFTWARE_ICD.test(d))) return undefined;
  return 'the only Vulkan drivers are software renderers (SwiftShader or lavapipe), slower than the CPU provider';
}

/** Why the provider cannot start on this machine, or undefined when it is worth trying. */
export function missingPrerequisite(provider: ProviderName, platform: NodeJS.Platform = process.platform): string | undefined {
  if (provider === 'cuda') {
    const dir = ortBinaryDir();
    const library = platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
    if (!dir || !existsSync(join(dir, library))) {
      return 'the CUDA libraries of onnxruntime-node are not installed (reinstall it with internet access and ONNXRUNTIME_NODE_INSTALL_CUDA=v12 on a machine with an NVIDIA GPU)';
    }
  }
  if (provider === 'webgpu' && platform === 'linux') {
    const extra = process.env.LD_LIBRARY_PATH?.split(':').filter(Boolean).map((d) => join(d, 'libvulkan.so.1')) ?? [];
    if (![...extra, ...VULKAN_LOADERS].some((file) => existsSync(file))) {
      return 'no Vulkan loader (libvulkan.so.1) is installed: install your GPU driver\'s Vulkan support (Debian/Ubuntu: libvulkan1 and mesa-vulkan-drivers)';
    }
  }
  return undefined;
}
