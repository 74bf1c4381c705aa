// The only module that talks to the engine: through the preload's window.frameproof in Electron,
// or over HTTP to the local web host. Components import this, never the global.
import type { FrameproofApi, FrameproofEvent, FrameproofMethod, Result } from '../../electron/common/api.ts';

declare global {
  interface Window {
    frameproof?: FrameproofApi;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly file?: string,
    readonly fix?: string,
  ) {
    super(message);
  }
}

type Listener = (event: FrameproofEvent) => void;

function httpApi(): FrameproofApi {
  const listeners = new Set<Listener>();
  let source: EventSource | undefined;
  const subscribe = (listener: Listener) => {
    listeners.add(listener);
    source ??= new EventSource('/api/events');
    source.onmessage = (message) => {
      const event = JSON.parse(message.data as string) as FrameproofEvent;
      for (const l of listeners) l(event);
    };
    return () => listeners.delete(listener);
  };
  const call = async (method: FrameproofMethod, args: unknown[]): Promise<unknown> => {
    const response = await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
    if (!response.ok && response.status !== 200) throw new ApiError('HTTP', `${response.status} ${await response.text()}`);
    const result = (await response.json()) as Result<unknown>;
    if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.file, result.error.fix);
    return result.value;
  };
  const calls = new Proxy({} as Record<string, unknown>, {
    get: (_target, name: string) => (...args: unknown[]) => call(name as FrameproofMethod, args),
  });
  return Object.assign(Object.create(calls) as FrameproofApi, {
    onProgress: (l: Parameters<FrameproofApi['onProgress']>[0]) => subscribe((e) => e.type === 'progress' && l(e.progress)),
    onBoardChanged: (l: Parameters<FrameproofApi['onBoardChanged']>[0]) => subscribe((e) => e.type === 'boardChanged' && l(e.view)),
    onNotice: (l: Parameters<FrameproofApi['onNotice']>[0]) => subscribe((e) => e.type === 'notice' && l(e.notice)),
    onModelProgress: (l: Parameters<FrameproofApi['onModelProgress']>[0]) => subscribe((e) => e.type === 'modelProgress' && l(e.progress)),
    onCompareProgress: (l: Parameters<FrameproofApi['onCompareProgress']>[0]) => subscribe((e) => e.type === 'compareProgress' && l(e.progress)),
    onCommand: (l: Parameters<FrameproofApi['onCommand']>[0]) => subscribe((e) => e.type === 'command' && l(e.command)),
  });
}

/** In Electron the preload's results are unwrapped there; errors arrive as ApiError-shaped data. */
export const api: FrameproofApi = window.frameproof ?? httpApi();

export const host: 'electron' | 'web' = window.frameproof ? 'electron' : 'web';

/** URL of a frame's image: its thumbnail for the grid, the file for the detail view. */
export function frameImageUrl(frameId: string, kind: 'thumbnail' | 'full'): string {
  const path = `${kind}/${encodeURIComponent(frameId)}`;
  return host === 'electron' ? `frameproof://frames/${path}` : `/frames/${path}`;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return [error.file, error.message, error.fix].filter(Boolean).join(' — ');
  const data = error as { message?: string; file?: string; fix?: string };
  return [data.file, data.message ?? String(error), data.fix].filter(Boolean).join(' — ');
}
