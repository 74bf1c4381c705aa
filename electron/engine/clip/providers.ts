// Execution providers: which exist on this platform, in which order "auto" tries them, and what
// onnxruntime-node is given for each. One table, as transformers.js keeps its device map.
import type * as ort from 'onnxruntime-node';
import type { ProviderChoice, ProviderName } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';
import { onnxRuntime } from './native.ts';
import { missingPrerequisite, softwareOnlyGpu } from './providerProbe.ts';

export const PROVIDER_NAMES: readonly ProviderName[] = ['cuda', 'dml', 'coreml', 'webgpu', 'cpu'];

interface ProviderSpec {
  /** Platforms where the provider can exist at all. */
  platforms: readonly NodeJS.Platform[];
  label: string;
  option: ort.InferenceSession.ExecutionProviderConfig;
  /**
   * Images per encoder call. On the CPU throughput is flat from batch 8 (npm run bench) and a
   * smaller batch keeps memory and the first result early; GPUs want larger batches.
   */
  imageBatch: number;
  textBatch: number;
}

const PROVIDERS: Readonly<Record<ProviderName, ProviderSpec>> = Object.freeze({
  cuda: { platforms: ['linux', 'win32'], label: 'CUDA (NVIDIA)', option: 'cuda', imageBatch: 64, textBatch: 256 },
  dml: { platforms: ['win32'], label: 'DirectML', option: 'dml', imageBatch: 32, textBatch: 128 },
  coreml: { platforms: ['darwin'], label: 'Core ML', option: 'coreml', imageBatch: 32, textBatch: 128 },
  webgpu: { platforms: ['linux', 'win32', 'darwin'], label: 'WebGPU', option: 'webgpu', imageBatch: 32, textBatch: 128 },
  cpu: { platforms: ['linux', 'win32', 'darwin'], label: 'CPU', option: 'cpu', imageBatch: 16, textBatch: 64 },
});

export function providerLabel(name: ProviderName): string {
  return PROVIDERS[name].label;
}

export function providerBatchSizes(name: ProviderName): { image: number; text: number } {
  return { image: PROVIDERS[name].imageBatch, text: PROVIDERS[name].textBatch };
}

export function providerOption(name: ProviderName): ort.InferenceSession.ExecutionProviderConfig {
  return PROVIDERS[name].option;
}

export function parseProviderChoice(value: string): ProviderChoice {
  if (value === 'auto' || (PROVIDER_NAMES as readonly string[]).includes(value)) return value as ProviderChoice;
  throw new AppError('INVALID_ARGUMENT', `Unknown execution provider "${value}". Should be one of: auto, ${PROVIDER_NAMES.join(', ')}.`);
}

export interface ProviderCandidate {
  provider: ProviderName;
  /** Set when the provider is skipped without trying: why. */
  skip?: string;
}

/**
 * The providers to try, best first. A forced choice is tried alone and then CPU, so a broken GPU
 * set-up still scores; "auto" lists every provider with the reason it is skipped, if it is.
 */
export function providerCandidates(
  choice: ProviderChoice,
  platform: NodeJS.Platform = process.platform,
  backends: ReadonlyArray<{ name: string; bundled: boolean }> = onnxRuntime().listSupportedBackends(),
): ProviderCandidate[] {
  const names = choice === 'auto' ? PROVIDER_NAMES : choice === 'cpu' ? (['cpu'] as const) : ([choice, 'cpu'] as const);
  return names.map((provider) => {
    const spec = PROVIDERS[provider];
    if (!spec.platforms.includes(platform)) return { provider, skip: `${spec.label} does not exist on ${platform}` };
    const backend = backends.find((b) => b.name === provider);
    if (provider !== 'dml' && provider !== 'coreml' && !backend) {
      return { provider, skip: `this onnxruntime-node build has no ${spec.label} provider` };
    }
    const missing =
      missingPrerequisite(provider, platform) ?? (choice === 'auto' && provider === 'webgpu' ? softwareOnlyGpu(platform) : undefined);
    return missing ? { provider, skip: missing } : { provider };
  });
}
