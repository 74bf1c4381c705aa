// Board views are numbered in the order they are made, so a host can keep the newest: a view
// pushed while scoring and the run's own reply travel different ways (event stream, reply) and
// may arrive in either order. Process start time plus the monotonic clock keeps the order across
// engines and across restarts of the engine's process.
let last = 0;

export function nextViewRevision(): number {
  last = Math.max(last + 0.001, performance.timeOrigin + performance.now());
  return last;
}
