// libvips keeps one error buffer per process, and sharp throws with whatever it holds: a decode
// that fails while another runs beside it can carry the other file's message. Decodes share this
// lock; a failed one is run again holding it alone, so the error it throws is its own. Only
// failures wait: decodes that succeed run side by side as before.
let running = 0;
let alone: Promise<void> | null = null;
let drained: (() => void) | null = null;

async function shared<T>(decode: () => Promise<T>): Promise<T> {
  while (alone) await alone;
  running++;
  try {
    return await decode();
  } finally {
    running--;
    if (running === 0) drained?.();
  }
}

async function exclusive<T>(decode: () => Promise<T>): Promise<T> {
  while (alone) await alone;
  let release!: () => void;
  alone = new Promise((done) => (release = done));
  try {
    while (running > 0) await new Promise<void>((done) => (drained = done));
    drained = null;
    return await decode();
  } finally {
    alone = null;
    release();
  }
}

/**
 * Runs a libvips decode; when it fails, runs it once more with no other decode in flight and
 * hands that error to `describe`, so the message names this file's own problem.
 */
export async function decodeWithOwnError<T>(decode: () => Promise<T>, describe: (error: unknown) => Error): Promise<T> {
  try {
    return await shared(decode);
  } catch {
    return exclusive(async () => {
      try {
        return await decode();
      } catch (error) {
        throw describe(error);
      }
    });
  }
}
