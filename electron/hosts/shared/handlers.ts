// The one table from API method to engine call, shared by both hosts. Arguments come from an
// untrusted page: each is parsed against its schema before the engine sees it, and results cross
// as { ok, value } | { ok: false, error } because Error objects lose their fields over IPC. Calls
// slower than a threshold, and internal errors, go to the log with the method's name.
import type { FrameproofCalls, FrameproofMethod, Result } from '../../common/api.ts';
import { toErrorData } from '../../common/errors.ts';
import { API_METHODS } from '../../common/methods.ts';
import type { AppSession } from '../../engine/service.ts';
import { describeError, type Logger } from '../../platform/log.ts';
import { ARGUMENT_SCHEMAS } from './argumentSchemas.ts';

export { ARGUMENT_SCHEMAS };

/** The API's methods: common/methods.ts is the one list. */
export const METHODS: readonly FrameproofMethod[] = API_METHODS;

export function isMethod(name: string): name is FrameproofMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

/** A call slower than this is logged with its duration. */
export const SLOW_CALL_MS = 500;

export interface HandlerOptions {
  logger?: Logger;
  /** Default SLOW_CALL_MS. */
  slowCallMs?: number;
}

type Implementations = { [M in FrameproofMethod]: (...args: Parameters<FrameproofCalls[M]>) => ReturnType<FrameproofCalls[M]> };
export type Handler = (args: unknown) => Promise<Result<unknown>>;

/** Validated, Result-returning handlers over the session; the host supplies how exports are delivered. */
export interface HostExports {
  exportBoard: FrameproofCalls['exportBoard'];
  exportComparison: FrameproofCalls['exportComparison'];
  /** Electron's main shows the OS dialog itself; hosts without one answer null (the page asks for a path). */
  chooseFolder?: FrameproofCalls['chooseFolder'];
}

/** A call's arguments parsed against its schema, or the error that names every problem. */
export function checkArguments<M extends FrameproofMethod>(method: M, args: unknown): Result<Parameters<FrameproofCalls[M]>> {
  const parsed = ARGUMENT_SCHEMAS[method].safeParse(args);
  if (parsed.success) return { ok: true, value: parsed.data as Parameters<FrameproofCalls[M]> };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ');
  return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `Bad arguments for ${method}: ${issues}.` } };
}

export function createHandlers(session: AppSession, host: HostExports, options: HandlerOptions = {}): Record<FrameproofMethod, Handler> {
  const { logger, slowCallMs = SLOW_CALL_MS } = options;
  const implementations: Implementations = {
    getAppInfo: () => session.getAppInfo(),
    currentBoard: () => session.currentView().catch(() => null),
    openBoard: (folder) => session.openBoard(folder),
    openSampleBoard: () => session.openSampleBoard(),
    scoreBoard: () => session.scoreBoard(),
    cancelScoring: () => session.cancelScoring(),
    setCaption: (id, caption) => session.setCaption(id, caption),
    undoCaption: (frameId) => session.undoCaption(frameId),
    redoCaption: () => session.redoCaption(),
    countTokens: (caption) => session.countTokens(caption),
    acknowledgeFlag: (id, kind, on) => session.acknowledgeFlag(id, kind, on),
    acknowledgeFlags: (flags, on) => session.acknowledgeFlags(flags, on),
    setReview: (ids, change) => session.setReview(ids, change),
    swapCaptions: (id, other) => session.swapCaptions(id, other),
    takeCaption: (id, from) => session.takeCaption(id, from),
    updateSettings: (patch) => session.updateSettings(patch),
    setSceneHeading: (sceneId, index) => session.setSceneHeading(sceneId, index),
    updateEngineSettings: (patch) => session.updateEngineSettings(patch),
    exportBoard: host.exportBoard,
    exportComparison: host.exportComparison,
    compareModels: (models) => session.compareModels(models),
    listModels: () => session.listModels(),
    downloadModel: (id) => session.downloadModel(id),
    cancelModelDownload: () => session.cancelModelDownload(),
    removeModel: (id) => session.removeModel(id),
    importModel: (folder, name) => session.importModel(folder, name),
    chooseFolder: host.chooseFolder ?? (async () => null),
    listFolders: (folder) => session.listFolders(folder),
  };
  const handlers = {} as Record<FrameproofMethod, Handler>;
  for (const method of METHODS) {
    handlers[method] = async (args) => {
      const parsed = checkArguments(method, args);
      if (!parsed.ok) return parsed;
      const started = performance.now();
      try {
        const call = implementations[method] as (...a: unknown[]) => Promise<unknown>;
        return { ok: true, value: await call(...(parsed.value as unknown[])) };
      } catch (error) {
        const data = toErrorData(error);
        if (data.code === 'INTERNAL_ERROR') logger?.error(`${method} failed: ${describeError(error)}`);
        return { ok: false, error: data };
      } finally {
        const ms = performance.now() - started;
        if (ms >= slowCallMs) logger?.info(`slow call: ${method} took ${Math.round(ms)} ms`);
      }
    };
  }
  return handlers;
}
