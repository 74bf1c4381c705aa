// `frameproof score FOLDER`: scores a whole board for batch and CI use.
import { ENGINE_OPTIONS, parseCommandArgs, threadsOf, usageError } from './args.ts';
import type { BoardView, ScoreProgress } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';
import { activeFlags, describeCounts, flagLabel, orderFlags, severityLabel } from '../../common/flags.ts';
import { describeReviewCounts, reviewStatusLabel } from '../../common/review.ts';
import { FLAG_LEVELS, FLAG_PRESET_IDS, parseFlagLevelArgs } from '../../common/flagLevels.ts';
import { flagDetails, flagSentence } from '../../common/flagSentences.ts';
import { failures, parseFailOn, quietKindNotes } from './failOn.ts';
import { loadBoards, parseProviderChoice } from '../../engine/service.ts';
import { boardTable } from './boardTable.ts';
import { boardTrouble, plural, writeStoreNotice, type BoardTrouble } from './problems.ts';

export const BOARD_USAGE = `  score FOLDER [--model ID|DIR] [--json] [--fail-on warning|any|error|FLAG|status:STATUS,...] [--threshold NAME=VALUE]...
        [--preset ${FLAG_PRESET_IDS.join('|')}] [--flag FLAG=${FLAG_LEVELS.join('|')}]... [--export FILE]...
      Scores every frame of a storyboard folder against its caption and prints a table (or JSON);
      board problems and unreadable frames go to stderr. --preset and --flag set how loud each kind
      of flag is for this run (off: not reported; info: a note; warning: needs a look), over the
      board's own levels. Exit 1 when a --fail-on flag that needs a look is raised (warning: any
      flag that needs a look; any: any flag, notes too; error: a frame could not be read or the
      board has problems; status:redo, status:needs-changes, status:approved: a frame has that
      review status), for pipelines; 2 for usage and fatal errors, and for a folder with no frames.`;

function noFrames(folder: string, extensions: Iterable<string>): AppError {
  const types = [...extensions].join(' ');
  return new AppError('BOARD_EMPTY', `No frames found in ${folder}.`, {
    fix: `A board folder needs images (${types}) at its top level or in scene folders one level down, or a Storyboarder project.`,
  });
}

function progressReporter(stream: NodeJS.WriteStream): (p: ScoreProgress) => void {
  let lastLine = 0;
  return (p) => {
    const eta = p.etaSeconds === null ? '' : `, ${Math.ceil(p.etaSeconds)} s left`;
    const rate = p.ratePerSecond > 0 ? `, ${p.ratePerSecond.toFixed(1)}/s` : '';
    if (stream.isTTY) {
      const width = 30;
      const filled = p.total ? Math.round((p.done / p.total) * width) : width;
      stream.write(`\r${p.phase.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}${rate}${eta}   `);
      if (p.done === p.total) stream.write('\n');
      return;
    }
    // Plain lines for logs: at most one every two seconds, plus each phase's end.
    const now = Date.now();
    if (p.done !== p.total && now - lastLine < 2000) return;
    lastLine = now;
    stream.write(`${p.phase}: ${p.done}/${p.total}${rate}${eta}\n`);
  };
}

/** Every active flag in plain words, warnings first, with its numbers on the line below. */
function why(view: BoardView): string {
  const shots = new Map(view.board.frames.map((f) => [f.id, f.shot.label]));
  const scenes = new Map(view.board.scenes.map((s) => [s.id, s.name]));
  const lines: string[] = [];
  for (const a of view.analysis?.frames ?? []) {
    const context = { frame: a, sceneName: scenes.get(a.sceneId), shotOf: (id: string) => shots.get(id) };
    for (const flag of orderFlags(activeFlags(a.flags))) {
      lines.push(`  ${a.shot}  ${severityLabel(flag.severity)}  ${flagLabel(flag.kind)}: ${flagSentence(flag, context)}`);
      const details = flagDetails(flag);
      if (details) lines.push(`        ${details}`);
    }
  }
  return lines.length > 0 ? `Why:\n${lines.join('\n')}` : '';
}

/** Each reviewed frame's status and comment, in story order. */
function reviewLines(view: BoardView): string {
  const lines = view.board.frames.flatMap((frame) => {
    const review = view.reviews[frame.id];
    if (!review || (!review.status && !review.comment)) return [];
    const status = review.status ? reviewStatusLabel(review.status) : 'No status';
    return [`  ${frame.shot.label || frame.id}  ${status}${review.comment ? `: ${review.comment}` : ''}`];
  });
  return lines.length > 0 ? `Review:\n${lines.join('\n')}` : '';
}

function summary(view: BoardView, trouble: BoardTrouble): string {
  const a = view.analysis;
  const counts = a ? describeCounts(a.flagCounts, ', ') : '';
  const notes = a ? describeCounts(a.noteCounts, ', ') : '';
  const model = view.model ? `${view.model.name} on ${view.model.provider.used}` : 'no model';
  const unreadable = trouble.unreadableFrames > 0 ? `, ${trouble.unreadableFrames} unreadable` : '';
  const problems = trouble.problems > 0 ? `, ${plural(trouble.problems, 'board problem')}` : '';
  const reviews = describeReviewCounts(view.board.frames.map((f) => view.reviews[f.id]));
  return `${view.board.frames.length} frames, ${a?.flaggedFrames ?? 0} flagged${counts ? ` (${counts})` : ''}${unreadable}${problems}${notes ? `; notes, not counted: ${notes}` : ''}${reviews ? `; review: ${reviews}` : ''}; ${model}.`;
}

export async function boardScoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    model: { type: 'string' },
    ...ENGINE_OPTIONS,
    json: { type: 'boolean' },
    'fail-on': { type: 'string', multiple: true },
    threshold: { type: 'string', multiple: true },
    preset: { type: 'string' },
    flag: { type: 'string', multiple: true },
    export: { type: 'string', multiple: true },
  });
  if (positionals.length !== 1) throw usageError('Name one storyboard folder: frameproof score FOLDER.');
  const failOn = parseFailOn(values['fail-on'] ?? []);
  const levels = parseFlagLevelArgs(values.preset, values.flag ?? []);
  if (!levels.ok) throw usageError(`${levels.issues.map((i) => `${i.path}: ${i.message}`).join(' ')}`);
  const { Engine, parseThresholdArgs, FRAME_EXTENSIONS } = await loadBoards();
  const thresholds = parseThresholdArgs(values.threshold ?? []);
  if (!thresholds.ok) throw AppError.fromData(thresholds.error);
  const threads = threadsOf(values.threads);
  const engine = new Engine({
    model: values.model,
    provider: parseProviderChoice(values.provider ?? 'auto'),
    threads,
    onStoreNotice: (notice) => writeStoreNotice(notice),
    // Only the JSON and the exports show caption breakdowns.
    captionBreakdown: Boolean(values.json) || (values.export ?? []).length > 0,
  });
  const controller = new AbortController();
  const onSignal = () =>
    controller.abort(new AppError('CANCELLED', 'Scoring was cancelled; everything scored so far is kept in the cache.'));
  process.once('SIGINT', onSignal);
  try {
    const opened = await engine.openBoard(positionals[0]!);
    if (opened.board.frames.length === 0) {
      for (const line of boardTrouble(opened).lines) process.stderr.write(`${line}\n`);
      throw noFrames(opened.board.folder, FRAME_EXTENSIONS);
    }
    if (Object.keys(thresholds.value).length > 0) engine.overrideThresholds(thresholds.value);
    if (levels.preset || Object.keys(levels.value).length > 0)
      engine.overrideFlagLevels(levels.preset ? levels.value : { ...engine.flagLevels(), ...levels.value });
    for (const note of quietKindNotes(failOn, engine.flagLevels())) process.stderr.write(`note: ${note}\n`);
    const view = await engine.scoreBoard({ signal: controller.signal, onProgress: progressReporter(process.stderr) });
    for (const file of values.export ?? []) {
      const written = await engine.exportView(view, file);
      process.stderr.write(`wrote ${written.file} (${written.format}, ${written.frameCount} frames)\n`);
      for (const note of written.notes) process.stderr.write(`note: ${note}\n`);
    }
    for (const notice of view.model?.notices ?? []) process.stderr.write(`note: ${notice}\n`);
    const trouble = boardTrouble(view);
    for (const line of trouble.lines) process.stderr.write(`${line}\n`);
    const after = [why(view), reviewLines(view)].filter(Boolean).map((part) => `\n${part}\n`);
    process.stdout.write(values.json ? `${JSON.stringify(view)}\n` : `${boardTable(view)}\n\n${summary(view, trouble)}\n${after.join('')}`);
    const failing = failures(view, failOn, trouble);
    if (failing.length > 0) {
      process.stderr.write(`frameproof: failing because of ${failing.join(', ')} (--fail-on).\n`);
      return 1;
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    await engine.close();
  }
}
