// The FrameproofApi over any transport: the preload (IPC) and the web page (HTTP) both build it
// here, so the method list and the event routing have one home. The transport supplies how a call
// travels and how events arrive; every method comes from API_METHODS, every on* from EVENT_ROUTES.
import type { FrameproofApi, FrameproofEvent, FrameproofMethod, Unsubscribe } from './api.ts';
import { API_METHODS } from './methods.ts';

/** Sends one call; resolves with its value, rejects with the error as data. */
export type CallTransport = (method: FrameproofMethod, args: unknown[]) => Promise<unknown>;
/** Delivers every engine event to the listener until the returned function is called. */
export type EventTransport = (listener: (event: FrameproofEvent) => void) => Unsubscribe;

type EventName = Exclude<keyof FrameproofApi, FrameproofMethod>;
type PayloadOf<N extends EventName> = Parameters<Parameters<FrameproofApi[N]>[0]>[0];
type EventOf<T extends FrameproofEvent['type']> = Extract<FrameproofEvent, { type: T }>;

interface Route<P, T extends FrameproofEvent['type'] = FrameproofEvent['type']> {
  type: T;
  payload: (event: FrameproofEvent) => P;
}

function route<T extends FrameproofEvent['type'], P>(type: T, payload: (event: EventOf<T>) => P): Route<P, T> {
  // Only ever called with an event whose type is `type` (see createApiClient).
  return { type, payload: payload as (event: FrameproofEvent) => P };
}

/** Which event each on* listener hears, and what of it the listener gets. */
export const EVENT_ROUTES = {
  onProgress: route('progress', (e) => e.progress),
  onBoardChanged: route('boardChanged', (e) => e.view),
  onNotice: route('notice', (e) => e.notice),
  onModelProgress: route('modelProgress', (e) => e.progress),
  onCompareProgress: route('compareProgress', (e) => e.progress),
  onCommand: route('command', (e) => e.command),
} satisfies { [N in EventName]: Route<PayloadOf<N>> };

// Compile-time: every kind of event reaches some listener.
type Unrouted = Exclude<FrameproofEvent['type'], (typeof EVENT_ROUTES)[EventName]['type']>;
const routed: Unrouted extends never ? true : Unrouted = true;
void routed;

export const EVENT_NAMES = Object.keys(EVENT_ROUTES) as EventName[];

export function createApiClient(call: CallTransport, subscribe: EventTransport): FrameproofApi {
  // A plain object of functions: contextBridge copies nothing else across.
  const api: Record<string, unknown> = {};
  for (const method of API_METHODS) api[method] = (...args: unknown[]) => call(method, args);
  for (const name of EVENT_NAMES) {
    const { type, payload } = EVENT_ROUTES[name] as Route<unknown>;
    api[name] = (listener: (value: unknown) => void): Unsubscribe =>
      subscribe((event) => {
        if (event.type === type) listener(payload(event));
      });
  }
  return api as unknown as FrameproofApi;
}
