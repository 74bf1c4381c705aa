// Cheap checks, before a session is tried, that a GPU provider's native parts are on this
// machine at all. Trying a provider whose libraries are absent costs seconds and prints native
// errors to the terminal; a file check costs nothing and gives a clearer reason.
import { existsSync } from 'node:fs';
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
