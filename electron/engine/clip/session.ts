// ONNX Runtime sessions for the two CLIP encoders: created on the best provider that starts,
// with their input and output names checked once against the layout we expect.
import type * as ort from 'onnxruntime-node';
import type { ProviderAttempt, ProviderChoice, ProviderName, ProviderReport } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';
import { DYNAMIC_QUANTIZATION_OPS, readGraphOpTypes } from './graphOps.ts';
import type { ModelFiles } from './modelFolder.ts';
import { openModelSession, type ModelSession, type SessionPlacement } from './modelSession.ts';
import { providerCandidates, providerLabel, providerOption } from './providers.ts';

export interface SessionOptions {
  provider?: ProviderChoice;
  /** Threads for one inference on the CPU provider; default: ONNX Runtime's (physical cores). */
  threads?: number;
  /** Where sessions run: a worker thread (the CPU provider's default) or the engine's own thread (GPU providers'). */
  placement?: SessionPlacement;
}

export interface EncoderSession {
  session: ModelSession;
  file: string;
  inputName: string;
  /** Token ids are int64 in Hugging Face exports, int32 in Immich's. */
  inputType: 'int64' | 'int32' | 'float32';
  /** Text encoders only: fed when the model takes one. */
  maskName?: string;
  maskType?: 'int64' | 'int32';
  outputName: string;
  /** Every dimension of the main input as the session declares it: a number is fixed, a string symbolic. */
  inputShape: ReadonlyArray<number | string>;
  /** Fixed batch size when the export has one (Immich's are [1, ...]), else undefined. */
  fixedBatch?: number;
  /** Fixed sequence length when the model has one (static export), else undefined. */
  fixedLength?: number;
  /**
   * The graph quantizes activations with one scale per input tensor (DynamicQuantizeLinear): in a
   * batch, each row would depend on the others and on the padding. Run at batch 1, exact length.
   */
  dynamicQuantization: boolean;
  /** The most rows one run may take (1 for a fixed batch of 1 or dynamic quantization), else undefined. */
  maxBatch?: number;
  embeddingSize: number | undefined;
}

export type EncoderKind = 'text' | 'vision';

export interface ClipSessions {
  /** Absent until needed (or after it was released to save memory). */
  text?: EncoderSession;
  vision?: EncoderSession;
  provider: ProviderReport;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .split('\n')[0]!
    .trim();
}

function describeCreateError(error: unknown, file: string): AppError {
  const detail = firstLine(error);
  if (/protobuf|parsing failed|INVALID_PROTOBUF|Load model .* failed/i.test(detail)) {
    return new AppError('MODEL_INVALID', `Not a readable ONNX model (${detail}).`, {
      file,
      fix: 'The file is damaged or not an ONNX export: download or export the model again.',
      cause: error,
    });
  }
  return new AppError('MODEL_INVALID', `ONNX Runtime cannot load the model (${detail}).`, {
    file,
    fix: 'Download or export the model again.',
    cause: error,
  });
}

function tensorShape(session: ModelSession, name: string, kind: 'input' | 'output'): ReadonlyArray<number | string> {
  const list = kind === 'input' ? session.inputMetadata : session.outputMetadata;
  const meta = list.find((m) => m.name === name);
  return meta && meta.isTensor ? meta.shape : [];
}

// The names each export uses: Hugging Face/Xenova first, then Immich's. A single output is taken
// whatever its name.
const NAMES = {
  text: { inputs: ['input_ids', 'text'], outputs: ['text_embeds', 'embedding'] },
  vision: { inputs: ['pixel_values', 'image'], outputs: ['image_embeds', 'embedding'] },
} as const;

function pickNames(session: ModelSession, file: string, kind: EncoderKind): { input: string; output: string } {
  const names = NAMES[kind];
  const input = names.inputs.find((n) => session.inputNames.includes(n));
  const output =
    names.outputs.find((n) => session.outputNames.includes(n)) ?? (session.outputNames.length === 1 ? session.outputNames[0] : undefined);
  if (input && output) return { input, output };
  const parts = [
    ...(input ? [] : [`no input named ${names.inputs[0]} (found: ${session.inputNames.join(', ') || 'none'})`]),
    ...(output ? [] : [`no output named ${names.outputs[0]} (found: ${session.outputNames.join(', ') || 'none'})`]),
  ];
  throw new AppError(input ? 'MODEL_OUTPUT_MISSING' : 'MODEL_INPUT_MISSING', `The model has ${parts.join('; ')}.`, {
    file,
    fix: "Use a CLIP model exported in the Hugging Face/Xenova layout (input_ids -> text_embeds, pixel_values -> image_embeds) or Immich's (text -> embedding, image -> embedding).",
  });
}

function inputTypeOf(session: ModelSession, name: string): EncoderSession['inputType'] {
  const meta = session.inputMetadata.find((m) => m.name === name);
  const type = meta && meta.isTensor ? meta.type : undefined;
  return type === 'int32' ? 'int32' : type === 'float32' ? 'float32' : 'int64';
}

const fixed = (dim: number | string | undefined): number | undefined => (typeof dim === 'number' && dim > 0 ? dim : undefined);

function describe(
  session: ModelSession,
  file: string,
  input: string,
  output: string,
  dynamicQuantization: boolean,
  mask?: string,
): EncoderSession {
  const outShape = tensorShape(session, output, 'output');
  const last = outShape[outShape.length - 1];
  const inputShape = tensorShape(session, input, 'input');
  const fixedBatch = fixed(inputShape[0]);
  const fixedLength = inputShape.length === 2 ? fixed(inputShape[1]) : undefined;
  const maxBatch = dynamicQuantization ? 1 : fixedBatch;
  const hasMask = mask !== undefined && session.inputNames.includes(mask);
  return {
    session,
    file,
    inputName: input,
    inputType: inputTypeOf(session, input),
    outputName: output,
    ...(hasMask && { maskName: mask, maskType: inputTypeOf(session, mask) === 'int32' ? 'int32' : 'int64' }),
    inputShape,
    ...(fixedBatch !== undefined && { fixedBatch }),
    ...(fixedLength !== undefined && { fixedLength }),
    dynamicQuantization,
    ...(maxBatch !== undefined && { maxBatch }),
    embeddingSize: typeof last === 'number' && last > 0 ? last : undefined,
  };
}

async function usesDynamicQuantization(file: string): Promise<boolean> {
  try {
    const ops = await readGraphOpTypes(file);
    return DYNAMIC_QUANTIZATION_OPS.some((op) => ops.has(op));
  } catch {
    // ONNX Runtime opened the file, so it is a model; a graph this reader cannot walk is run as it declares.
    return false;
  }
}

/**
 * The CPU provider runs in a worker thread, where its second-long opens and runs leave the engine's
 * thread free. GPU providers stay on the engine's thread: a GPU driver torn down with a worker
 * thread crashed a test process here once in three runs (WebGPU on SwiftShader), and CUDA,
 * DirectML and Core ML cannot be tried here at all.
 */
function defaultPlacement(provider: ProviderName): SessionPlacement {
  return provider === 'cpu' ? 'worker' : 'inline';
}

/** One encoder on one provider; its names checked against the layout. */
export async function openEncoder(
  kind: EncoderKind,
  provider: ProviderName,
  files: ModelFiles,
  options: SessionOptions,
): Promise<EncoderSession> {
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: [providerOption(provider)],
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
    ...(options.threads && { intraOpNumThreads: options.threads }),
  };
  const file = kind === 'text' ? files.textModel : files.visionModel;
  let session: ModelSession;
  try {
    session = await openModelSession(file, sessionOptions, options.placement ?? defaultPlacement(provider));
  } catch (error) {
    throw describeCreateError(error, file);
  }
  const { input, output } = pickNames(session, file, kind);
  return describe(session, file, input, output, await usesDynamicQuantization(file), kind === 'text' ? 'attention_mask' : undefined);
}

/**
 * Opens the encoders asked for on the first provider that works. A GPU provider that fails is
 * skipped with its reason kept; a model that fails on the CPU is a broken model and its error is
 * thrown.
 */
export async function createClipSessions(
  files: ModelFiles,
  options: SessionOptions = {},
  kinds: readonly EncoderKind[] = ['text', 'vision'],
): Promise<ClipSessions> {
  const attempts: ProviderAttempt[] = [];
  for (const candidate of providerCandidates(options.provider ?? 'auto')) {
    if (candidate.skip) {
      attempts.push({ provider: candidate.provider, ok: false, skipped: true, reason: candidate.skip });
      continue;
    }
    try {
      const opened: ClipSessions = { provider: { used: candidate.provider, attempts } };
      try {
        for (const kind of kinds) opened[kind] = await openEncoder(kind, candidate.provider, files, options);
      } catch (error) {
        await Promise.allSettled(kinds.map((k) => opened[k]?.session.release()));
        throw error;
      }
      attempts.push({ provider: candidate.provider, ok: true });
      return opened;
    } catch (error) {
      // Layout errors are the model's fault, not the provider's: no point trying another.
      if (candidate.provider === 'cpu' || (error instanceof AppError && error.code !== 'MODEL_INVALID')) throw error;
      attempts.push({
        provider: candidate.provider,
        ok: false,
        reason: `${providerLabel(candidate.provider)} failed to start: ${firstLine((error as AppError).cause ?? error)}`,
      });
    }
  }
  throw new AppError(
    'PROVIDER_UNAVAILABLE',
    `No execution provider could run the model (${attempts.map((a) => `${a.provider}: ${a.reason}`).join('; ')}).`,
  );
}
