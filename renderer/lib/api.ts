// The only module that talks to the engine: through the preload's window.frameproof in Electron,
// or over HTTP to the local web host. Components import this, never the global.
import type { AppErrorCode, FrameproofApi, FrameproofEvent, FrameproofMethod, Result } from '../../electron/common/api.ts';
import { createApiClient } from '../../electron/common/apiClient.ts';

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
  // One event stream for the page, however many listeners.
  const subscribe = (listener: Listener) => {
    listeners.add(listener);
    source ??= new EventSource('/api/events');
    source.onmessage = (message) => {
      const event = JSON.parse(message.data as string) as FrameproofEvent;
      for (const l of listeners) l(event);
    };
    return () => void listeners.delete(listener);
  };
  const call = async (method: FrameproofMethod, args: unknown[]): Promise<unknown> => {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    if (!response.ok) throw new ApiError('HTTP', `${response.status} ${await response.text()}`);
    const result = (await response.json()) as Result<unknown>;
    if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.file, result.error.fix);
    return result.value;
  };
  return createApiClient(call, subscribe);
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

/** The error's code: an ApiError's, or that of the plain error data the preload rejects with. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

const CANCELLATIONS = new Set<string>(['CANCELLED', 'SCORING_CANCELLED', 'DOWNLOAD_CANCELLED', 'SHUTTING_DOWN'] satisfies AppErrorCode[]);

/** The person (or closing the app) stopped it: nothing went wrong, so no error notice. */
export function isCancellation(error: unknown): boolean {
  return CANCELLATIONS.has(errorCode(error) ?? '');
}
