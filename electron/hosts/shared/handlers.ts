// The one table from API method to engine call, shared by both hosts. Arguments come from an
// untrusted page: each is parsed against its schema before the engine sees it, and results cross
// as { ok, value } | { ok: false, error } because Error objects lose their fields over IPC.
import type { FrameproofCalls, FrameproofMethod, Result } from '../../common/api.ts';
import { toErrorData } from '../../common/errors.ts';
import type { AppSession } from '../../engine/service.ts';
import { ARGUMENT_SCHEMAS } from './argumentSchemas.ts';

export { ARGUMENT_SCHEMAS };

export const METHODS = Object.keys(ARGUMENT_SCHEMAS) as FrameproofMethod[];

export function isMethod(name: string): name is FrameproofMethod {
  return Object.hasOwn(ARGUMENT_SCHEMAS, name);
}

type Implementations = { [M in FrameproofMethod]: (...args: Parameters<FrameproofCalls[M]>) => ReturnType<FrameproofCalls[M]> };
export type Handler = (args: unknown) => Promise<Result<unknown>>;


/** Validated, Result-returning handlers over the session; the host supplies how exports are delivered. */
export interface HostExports {
  exportBoard: FrameproofCalls['exportBoard'];
  exportComparison: FrameproofCalls['exportComparison'];
}

export function createHandlers(session: AppSession, host: HostExports): Record<FrameproofMethod, Handler> {
  const implementations: Implementations = {
    getAppInfo: () => session.getAppInfo(),
    currentBoard: () => session.currentView().catch(() => null),
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
    exportBoard: host.exportBoard,
    exportComparison: host.exportComparison,
    compareModels: (models) => session.compareModels(models),
    listModels: () => session.listModels(),
    downloadModel: (id) => session.downloadModel(id),
    cancelModelDownload: () => session.cancelModelDownload(),
    removeModel: (id) => session.removeModel(id),
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
        return { ok: false, error: toErrorData(error) };
      }
    };
  }
  return handlers;
}
