// Passes on the latest of a stream of values at most once per interval: the first at once, then
// the newest one when the interval has passed. cancel() drops what is waiting (the final value
// goes its own way, and a stale one must not follow it).
export interface LatestEvery<T> {
  push(value: T): void;
  cancel(): void;
}

export function latestEvery<T>(intervalMs: number, emit: (value: T) => void, now: () => number = () => performance.now()): LatestEvery<T> {
  let lastMs = -Infinity;
  let waiting: { value: T } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (!waiting) return;
    const { value } = waiting;
    waiting = undefined;
    lastMs = now();
    emit(value);
  };
  return {
    push(value) {
      waiting = { value };
      if (timer) return;
      const dueMs = lastMs + intervalMs - now();
      if (dueMs <= 0) flush();
      else timer = setTimeout(flush, dueMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      waiting = undefined;
    },
  };
}
