// Cheap checks, before a session is tried, that a GPU provider's native parts are on this
// machine at all. Trying a provider whose libraries are absent costs seconds and prints native
// errors to the terminal; a file check costs nothing and gives a clearer reason.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ProviderName } from '../../common/api.ts';

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

function icdDirs(): string[] {
  // The Vulkan loader's search path on Linux (XDG data dirs, then the system folders).
  const data = (process.env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':').filter(Boolean);
  const home = process.env.XDG_DATA_HOME ?? (process.env.HOME ? join(process.env.HOME, '.local/share') : undefined);
  return [...(home ? [home] : []), ...data, '/etc/xdg', '/etc'].map((d) => join(d, 'vulkan', 'icd.d'));
}
// Vulkan drivers that run on the CPU: a WebGPU "GPU" on them is slower than the CPU provider.
const SOFTWARE_ICD = /swiftshader|lvp|lavapipe|mock/i;

function vulkanDrivers(): string[] {
  const explicit = process.env.VK_DRIVER_FILES ?? process.env.VK_ICD_FILENAMES;
  if (explicit) return explicit.split(':').filter(Boolean);
  return icdDirs().flatMap((dir) => {
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(dir, f));
    } catch {
      return [];
    }
  });
}

function hasGpuDevice(): boolean {
  // DRM render nodes (Intel, AMD, any Mesa driver), NVIDIA's device node, WSL2's GPU bridge.
  try {
    if (readdirSync('/dev/dri').some((name) => name.startsWith('renderD'))) return true;
  } catch {
    // no /dev/dri
  }
  return existsSync('/dev/nvidia0') || existsSync('/dev/dxg');
}

/**
 * On Linux, why "auto" should not pick WebGPU: no GPU device at all, or only software Vulkan
 * drivers (SwiftShader, lavapipe), which are slower than the CPU provider. A forced
 * --provider webgpu still runs there, which is how it is tested.
 */
export function softwareOnlyGpu(platform: NodeJS.Platform = process.platform, gpuDevice: () => boolean = hasGpuDevice): string | undefined {
  if (platform !== 'linux') return undefined;
  const drivers = vulkanDrivers();
  if (drivers.length > 0 && drivers.every((d) => SOFTWARE_ICD.test(d))) {
    return 'the only Vulkan drivers are software renderers (SwiftShader or lavapipe), slower than the CPU provider';
  }
  if (!gpuDevice()) return 'this machine shows no GPU device (/dev/dri, /dev/nvidia0)';
  return undefined;
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
    const extra =
      process.env.LD_LIBRARY_PATH?.split(':')
        .filter(Boolean)
        .map((d) => join(d, 'libvulkan.so.1')) ?? [];
    if (![...extra, ...VULKAN_LOADERS].some((file) => existsSync(file))) {
      return "no Vulkan loader (libvulkan.so.1) is installed: install your GPU driver's Vulkan support (Debian/Ubuntu: libvulkan1 and mesa-vulkan-drivers)";
    }
    if (vulkanDrivers().length === 0) {
      return "no Vulkan driver is installed: install your GPU driver's Vulkan support (Debian/Ubuntu: mesa-vulkan-drivers, or the NVIDIA driver)";
    }
  }
  return undefined;
}
