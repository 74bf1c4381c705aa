// What went wrong on a board, as the CLI tells it on stderr: board problems, unreadable frames,
// project settings that could not be used, and the database rebuilt. Nothing that went wrong is
// left to the JSON alone.
import type { AppErrorData, BoardView } from '../../common/api.ts';
import { formatAppError } from '../../common/errors.ts';
import { countErrorFrames } from '../../common/flags.ts';
import { isStoreNotice } from '../../common/storeNotices.ts';

export function writeStoreNotice(notice: AppErrorData, stream: NodeJS.WritableStream = process.stderr): void {
  stream.write(`note: ${formatAppError(notice)}\n`);
}

/** Problems that need a look (what --fail-on error fails on), and the info ones only counted. */
export interface BoardTrouble {
  lines: string[];
  unreadableFrames: number;
  /** Board problems of severity error or warning, and project settings that could not be used. */
  problems: number;
  notes: number;
}

export function boardTrouble(view: BoardView): BoardTrouble {
  const lines: string[] = [];
  // Store notices were told as they happened (writeStoreNotice); the rest belong to this board.
  const project = view.notices.filter((n) => !isStoreNotice(n));
  for (const notice of project) lines.push(`warning: ${formatAppError(notice)}`);
  const serious = view.board.problems.filter((p) => p.severity !== 'info');
  for (const problem of serious) lines.push(`${problem.severity}: ${formatAppError(problem)}`);
  const notes = view.board.problems.length - serious.length;
  if (notes > 0)
    lines.push(`note: ${notes} more ${notes === 1 ? 'note' : 'notes'} about the folder, not counted (--json: board.problems).`);
  const scores = view.board.frames.flatMap((f) => view.scores[f.id] ?? []);
  for (const score of scores) if (score.error) lines.push(`error: ${formatAppError(score.error)}`);
  return { lines, unreadableFrames: countErrorFrames(scores), problems: project.length + serious.length, notes };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
