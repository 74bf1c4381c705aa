// Each frame's review as the board shows it: the one saved with the board's settings, else the
// one its shots.csv holds (a Frameproof export's status and comment columns, edited in a
// spreadsheet and put back). The saved one wins, since a status set in the app later than the
// sheet was written must hold; where the two differ the person is told which was kept.
import type { AnalysisSettings, Board, FrameReview } from '../../common/api.ts';
import { reviewStatusLabel } from '../../common/review.ts';

export interface BoardReviews {
  /** By frame id; frames with neither status nor comment are left out. */
  reviews: Record<string, FrameReview>;
  notes: string[];
}

const describe = (r: Pick<FrameReview, 'status' | 'comment'>) =>
  r.status ? `"${reviewStatusLabel(r.status)}"` : r.comment ? `the comment "${r.comment}"` : 'no status';

export function boardReviews(board: Board, settings: AnalysisSettings): BoardReviews {
  const saved = new Map(settings.reviews.map((r) => [r.frameId, r]));
  const reviews: Record<string, FrameReview> = {};
  const differing: string[] = [];
  for (const frame of board.frames) {
    const own = saved.get(frame.id);
    const sheet = frame.sheetReview;
    const review = own ?? (sheet && { frameId: frame.id, ...sheet });
    if (own && sheet && (own.status !== sheet.status || own.comment !== sheet.comment))
      differing.push(`shot ${frame.shot.label || frame.id} (${describe(sheet)} there, ${describe(own)} kept)`);
    if (review && (review.status !== null || review.comment !== '')) reviews[frame.id] = review;
  }
  const file = board.manifest?.file ?? 'shots.csv';
  const notes = differing.length
    ? [
        `${file} holds another review than the board's for ${differing.length === 1 ? 'one frame' : `${differing.length} frames`}: ${differing.slice(0, 5).join('; ')}${differing.length > 5 ? '; …' : ''}. The status set in Frameproof is kept; set it again there to change it.`,
      ]
    : [];
  return { reviews, notes };
}
