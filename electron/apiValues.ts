// The few run-time values of the API that every side needs (the main process validates IPC with
// them, the engine orders flags by them). No imports but types: safe for any bundle.
import type { FlagKind } from './api.ts';

/** Every flag kind, in the order flags are listed for a frame. */
export const FLAG_KINDS = [
  'caption-drift',
  'caption-mismatch',
  'caption-swap',
  'style-drift',
  'style-prompt',
  'palette-drift',
  'continuity',
  'off-center',
  'no-caption',
  'caption-truncated',
  'crop-loss',
  'transparency',
] as const satisfies readonly FlagKind[];

// Compile-time: the list covers the type.
type MissingKind = Exclude<FlagKind, (typeof FLAG_KINDS)[number]>;
const allKinds: MissingKind extends never ? true : MissingKind = true;
void allKinds;

export function isFlagKind(value: unknown): value is FlagKind {
  return typeof value === 'string' && (FLAG_KINDS as readonly string[]).includes(value);
}
