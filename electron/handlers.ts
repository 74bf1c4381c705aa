// The one table from API method to engine call, shared by both hosts. Arguments come from an
// untrusted page: each is parsed against its schema before the engine sees it, and results cross
// as { ok, value } | { ok: false, error } because Error objects lose their fields over IPC.
import { z } from 'zod';
import type { AppErrorData, FrameproofCalls, FrameproofMethod, Result } from './api.ts';
import { AppError, FLAG_KINDS, type AppSession } from './engine/service.ts';

const text = (max: number) => z.string().max(max);
const path = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'contains a NUL character');
const frameId = z.string().min(1).max(4096);
const provider = z.enum(['auto', 'cuda', 'dml', 'coreml', 'webgpu', 'cpu']);
const thresholds = z.record(z.string().max(64), z.number().finite()).refine((t) => Object.keys(t).length <= 32, 'too many thresholds');

export const ARGUMENT_SCHEMAS: { [M in FrameproofMethod]: z.ZodType<Parameters<FrameproofCalls[M]>> } = {
  getAppInfo: z.tuple([]),
  openBoard: z.tuple([path]),
  openSampleBoard: z.tuple([]),
  scoreBoard: z.tuple([]),
  cancelScoring: z.tuple([]),
  setCaption: z.tuple([frameId, text(100_000)]),
  undoCaption: z.tuple([]),
  countTokens: z.tuple([text(100_000)]),
  acknowledgeFlag: z.tuple([frameId, z.enum(FLAG_KINDS as unknown as [string, ...string[]]), z.boolean()]) as unknown as z.ZodType<Parameters<FrameproofCalls['acknowledgeFlag']>>,
  updateSettings: z.tuple([
    z.strictObject({
      thresholds: thresholds.optional(),
      stylePrompt: text(2000).nullable().optional(),
      styleReferences: z.array(frameId).max(10_000).optional(),
      cleanPromptSyntax: z.enum(['image-metadata', 'always', 'never']).optional(),
      styleContent: z.enum(['raw', 'remove-caption']).optional(),
    }),
  ]) as unknown as z.ZodType<Parameters<FrameproofCalls['updateSettings']>>,
  updateEngineSettings: z.tuple([
    z.strictObject({ provider: provider.optional(), threads: z.number().int().min(1).max(256).nullable().optional(), model: text(4096).optional() }),
  ]),
  exportBoard: z.tuple([z.enum(['csv', 'json', 'html', 'pdf'])]),
};

export const METHODS = Object.keys(ARGUMENT_SCHEMAS) as FrameproofMethod[];

export function isMethod(name: string): name is FrameproofMethod {
  return Object.hasOwn(ARGUMENT_SCHEMAS, name);
}

type Implementations = { [M in FrameproofMethod]: (...args: Parameters<FrameproofCalls[M]>) => ReturnType<FrameproofCalls[M]> };
export type Handler = (args: unknown) => Promise<Result<unknown>>;

function errorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  return { code: 'INTERNAL_ERROR', message: (error as Error)?.message ?? String(error) };
}

/** Validated, Result-returning handlers over the session; the host supplies how exports are delivered. */
export function createHandlers(session: AppSession, exportBoard: FrameproofCalls['exportBoard']): Record<FrameproofMethod, Handler> {
  const implementations: Implementations = {
    getAppInfo: () => session.getAppInfo(),
    openBoard: (folder) => session.openBoard(folder),
    openSampleBoard: () => session.openSampleBoard(),
    scoreBoard: () => session.scoreBoard(),
    cancelScoring: () => session.cancelScoring(),
    setCaption: (id, caption) => session.setCaption(id, caption),
    undoCaption: () => session.undoCaption(),
    countTokens: (caption) => session.countTokens(caption),
    acknowledgeFlag: (id, kind, on) => session.acknowledgeFlag(id, kind, on),
    updateSettings: (patch) => session.updateSettings(patch),
    updateEngineSettings: (patch) => session.updateEngineSettings(patch),
    exportBoard,
  };
  const handlers = {} as Record<FrameproofMethod, Handler>;
  for (const method of METHODS) {
    handlers[method] = async (args) => {
      const parsed = ARGUMENT_SCHEMAS[method].safeParse(args);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ');
        return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `Bad arguments for ${method}: ${issues}.` } };
      }
      try {
        const call = implementations[method] as (...a: unknown[]) => Promise<unknown>;
        return { ok: true, value: await call(...(parsed.data as unknown[])) };
      } catch (error) {
        return { ok: false, error: errorData(error) };
      }
    };
  }
  return handlers;
}
