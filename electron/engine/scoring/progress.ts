// Progress of a scoring run: done/total with a rate and an ETA over a sliding window, so the ETA
// follows the current speed rather than the cache hits at the start.
import type { ScoreProgress, ScorePhase } from '../../common/api.ts';

const WINDOW_MS = 10_000;

export class ProgressTracker {
  private readonly samples: Array<{ at: number; done: number }> = [];
  private done = 0;

  constructor(
    private readonly phase: ScorePhase,
    private readonly total: number,
    private readonly emit: ((progress: ScoreProgress) => void) | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.samples.push({ at: this.now(), done: 0 });
    this.report();
  }

  advance(count: number): void {
    this.done = Math.min(this.total, this.done + count);
    const at = this.now();
    this.samples.push({ at, done: this.done });
    while (this.samples.length > 2 && at - this.samples[0]!.at > WINDOW_MS) this.samples.shift();
    this.report();
  }

  snapshot(): ScoreProgress {
    const first = this.samples[0]!;
    const last = this.samples[this.samples.length - 1]!;
    const seconds = (last.at - first.at) / 1000;
    const ratePerSecond = seconds > 0 ? (last.done - first.done) / seconds : 0;
    const left = this.total - this.done;
    return {
      phase: this.phase,
      done: this.done,
      total: this.total,
      ratePerSecond,
      etaSeconds: left === 0 ? 0 : ratePerSecond > 0 ? left / ratePerSecond : null,
    };
  }

  private report(): void {
    this.emit?.(this.snapshot());
  }
}
