// The one client over any transport: every method reaches the transport under its own name with
// its arguments, and every kind of event reaches exactly the listener made for it.
import { describe, expect, it } from 'vitest';
import type { FrameproofApi, FrameproofEvent, FrameproofMethod } from '../../electron/common/api.ts';
import { createApiClient, EVENT_NAMES, EVENT_ROUTES } from '../../electron/common/apiClient.ts';
import { API_METHODS } from '../../electron/common/methods.ts';

/** A transport that records calls and lets the test push events to whoever is subscribed. */
function loopback() {
  const calls: Array<{ method: FrameproofMethod; args: unknown[] }> = [];
  const subscribers = new Set<(event: FrameproofEvent) => void>();
  const api = createApiClient(
    async (method, args) => {
      calls.push({ method, args });
      return `value of ${method}`;
    },
    (listener) => {
      subscribers.add(listener);
      return () => subscribers.delete(listener);
    },
  );
  const emit = (event: FrameproofEvent) => subscribers.forEach((l) => l(event));
  return { api, calls, emit, subscribers };
}

// One event of every kind, as the engine sends them (payloads are opaque to the router).
const EVENTS: Record<FrameproofEvent['type'], FrameproofEvent> = {
  progress: { type: 'progress', progress: { phase: 'images', done: 1, total: 2 } } as unknown as FrameproofEvent,
  boardChanged: { type: 'boardChanged', view: { board: { folder: '/b' } } } as unknown as FrameproofEvent,
  notice: { type: 'notice', notice: { level: 'info', message: 'hello' } },
  modelProgress: { type: 'modelProgress', progress: { id: 'm', receivedBytes: 1 } } as unknown as FrameproofEvent,
  compareProgress: { type: 'compareProgress', progress: { model: 'm', done: 1 } } as unknown as FrameproofEvent,
  command: { type: 'command', command: 'settings' },
};

const payloadOf = (event: FrameproofEvent): unknown => Object.entries(event).find(([key]) => key !== 'type')![1];

describe('createApiClient', () => {
  it('routes every API method to the transport by name, with its arguments', async () => {
    const { api, calls } = loopback();
    for (const [i, method] of API_METHODS.entries()) {
      const value = await (api[method] as (...a: unknown[]) => Promise<unknown>)('arg', i);
      expect(value).toBe(`value of ${method}`);
    }
    expect(calls).toEqual(API_METHODS.map((method, i) => ({ method, args: ['arg', i] })));
  });

  it('has exactly the API methods and one listener per event kind', () => {
    const { api } = loopback();
    expect(Object.keys(api).sort()).toEqual([...API_METHODS, ...EVENT_NAMES].sort());
    expect(EVENT_NAMES.map((name) => EVENT_ROUTES[name].type).sort()).toEqual(Object.keys(EVENTS).sort());
  });

  it('hands every kind of event to its own listener only, with its payload', () => {
    const { api, emit } = loopback();
    const heard = new Map<string, unknown[]>();
    for (const name of EVENT_NAMES) {
      heard.set(name, []);
      (api[name] as (l: (value: unknown) => void) => () => void)((value) => heard.get(name)!.push(value));
    }
    for (const event of Object.values(EVENTS)) emit(event);
    for (const name of EVENT_NAMES) {
      const event = EVENTS[EVENT_ROUTES[name].type];
      expect(heard.get(name), name).toEqual([payloadOf(event)]);
    }
  });

  it('stops delivering to a listener once it unsubscribes, and releases the subscription', () => {
    const { api, emit, subscribers } = loopback();
    const notices: string[] = [];
    const off = (api as FrameproofApi).onNotice((n) => notices.push(n.message));
    const other = (api as FrameproofApi).onNotice((n) => notices.push(`other: ${n.message}`));
    emit(EVENTS.notice);
    off();
    emit(EVENTS.notice);
    expect(notices).toEqual(['hello', 'other: hello', 'other: hello']);
    other();
    expect(subscribers.size).toBe(0);
  });
});
