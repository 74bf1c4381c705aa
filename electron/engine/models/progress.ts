// Download rate and time left. The rate is smoothed over a few seconds so the ETA does not jump with
// every packet, and resumed bytes (already on disk) never count as speed.

export interface RateSample {
  rateBytesPerSec: number | null;
  etaSeconds: number | null;
}

export class RateMeter {
  private lastTime: number | undefined;
  private lastBytes = 0;
  private rate: number | null = null;

  /** @param windowMs how far back the smoothing reaches (an exponential moving average). */
  constructor(
    private readonly windowMs = 5000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Bytes that arrived without being downloaded now (resumed from disk): moves the baseline only. */
  rebase(bytes: number): void {
    this.lastBytes = bytes;
    this.lastTime = this.now();
  }

  update(bytes: number, total: number | null): RateSample {
    const t = this.now();
    if (this.lastTime === undefined) {
      this.rebase(bytes);
      return { rateBytesPerSec: null, etaSeconds: null };
    }
    const dt = t - this.lastTime;
    // Short intervals are mostly noise; wait until enough time has passed to measure.
    if (dt >= 200) {
      const instant = ((bytes - this.lastBytes) * 1000) / dt;
      const alpha = Math.min(1, dt / this.windowMs);
      this.rate = this.rate === null ? instant : this.rate + alpha * (instant - this.rate);
      this.lastTime = t;
      this.lastBytes = bytes;
    }
    const eta = this.rate !== null && this.rate > 0 && total !== null ? Math.max(0, (total - bytes) / this.rate) : null;
    return { rateBytesPerSec: this.rate, etaSeconds: eta };
  }
}

export { formatBytes } from '../../common/units.ts';

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
