// Caption edits of several frames as one step (the one-click fixes: a swapped pair put right, a
// better caption taken from another shot): which captions each fix writes, refused with a reason
// when it cannot apply, and the writes done together: when one fails, those already written are
// taken back, so a half-done swap never stays on disk. Undo goes last first (two edits in one
// file: the later one's bytes sit on the earlier's).
import type { Board, CaptionEdit, Frame } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';
import { undoCaption, writeCaption } from './captionWriter.ts';

export interface CaptionWrite {
  frameId: string;
  text: string;
}

const shotName = (f: Frame) => `Shot ${f.shot.label || f.id}`;

export function frameOnBoard(board: Board, frameId: string): Frame {
  const frame = board.frames.find((f) => f.id === frameId);
  if (!frame)
    throw new AppError('FRAME_NOT_FOUND', `No frame "${frameId}" on the open board.`, {
      fix: 'Reopen the board; the frame may have been moved or renamed.',
    });
  return frame;
}

/** Each of two frames takes the other's caption. */
export function swapWrites(a: Frame, b: Frame): CaptionWrite[] {
  if (a.id === b.id) throw new AppError('INVALID_ARGUMENT', 'A frame cannot swap captions with itself.', { fix: 'Choose two frames.' });
  const missing = [a, b].filter((f) => f.caption === null);
  if (missing.length)
    throw new AppError(
      'INVALID_ARGUMENT',
      `${missing.map(shotName).join(' and ')} ${missing.length === 1 ? 'has' : 'have'} no caption to swap.`,
      { fix: 'Write the caption by hand instead.' },
    );
  return [
    { frameId: a.id, text: b.caption! },
    { frameId: b.id, text: a.caption! },
  ];
}

/** The frame takes the source frame's caption. */
export function takeWrite(frame: Frame, source: Frame): CaptionWrite {
  if (source.id === frame.id)
    throw new AppError('INVALID_ARGUMENT', 'A frame cannot take its own caption.', { fix: 'Choose another shot.' });
  if (source.caption === null)
    throw new AppError('INVALID_ARGUMENT', `${shotName(source)} has no caption to take.`, { fix: 'Choose another shot.' });
  return { frameId: frame.id, text: source.caption };
}

/** Takes the edits back, last first; returns the restored frames in that order. */
export async function undoCaptionEdits(board: Board, edits: readonly CaptionEdit[]): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (const edit of [...edits].reverse()) frames.push(await undoCaption(board, edit));
  return frames;
}

/** Writes the captions in order as one step; on a failure the ones written are undone and the error rethrown. */
export async function writeCaptionsTogether(board: Board, writes: readonly CaptionWrite[]): Promise<CaptionEdit[]> {
  const edits: CaptionEdit[] = [];
  try {
    // The frames differ, so each write finds its own frame's source on the board as it was.
    for (const { frameId, text } of writes) edits.push(await writeCaption(board, frameId, text));
  } catch (error) {
    await undoCaptionEdits(board, edits).catch(() => undefined);
    throw error;
  }
  return edits;
}
