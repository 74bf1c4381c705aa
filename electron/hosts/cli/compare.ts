// `frameproof compare FOLDER --model A --model B`: two or more models on one board, side by side.
import { ENGINE_OPTIONS, parseCommandArgs, threadsOf, usageError } from './args.ts';
import { writeStoreNotice } from './problems.ts';
import type { ComparisonProgress, ModelComparison } from '../../common/api.ts';
import { describeCounts } from '../../common/flags.ts';
import { formatNumber } from '../../common/units.ts';
import { AppError, loadBoards, parseProviderChoice } from '../../engine/service.ts';

// cli.ts imports this module only to run the command: it takes the board engine as it loads.
const boards = await loadBoards();

function progressReporter(stream: NodeJS.WriteStream): (p: ComparisonProgress) => void {
  let lastLine = 0;
  return ({ modelIndex, model, step, progress: p }) => {
    const what = `${boards.modelKey(modelIndex)} ${step === 'speed' ? 'timing' : p.phase}`;
    const rate = p.ratePerSecond > 0 ? `, ${p.ratePerSecond.toFixed(1)}/s` : '';
    if (stream.isTTY) {
      stream.write(`\r${what.padEnd(12)} ${p.done}/${p.total}${rate}   `);
      if (p.done === p.total) stream.write('\n');
      return;
    }
    // Plain lines for logs: at most one every two seconds, plus each phase's end.
    const now = Date.now();
    if (p.done !== p.total && now - lastLine < 2000) return;
    lastLine = now;
    stream.write(`${what} (${model}): ${p.done}/${p.total}${rate}\n`);
  };
}

/** Columns padded to their widest cell (capped), the last one left as it is. */
function columns(header: string[], rows: string[][], cap: (column: number) => number = () => 44): string {
  const widths = header.map((h, i) => Math.min(cap(i), Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function modelsTable(c: ModelComparison): string {
  const rows = c.models.map((m, i) => {
    const r = m.retrieval;
    const counts = describeCounts(m.flagCounts, ', ');
    return [
      boards.modelKey(i),
      m.name,
      m.id,
      m.provider,
      String(m.embeddingSize ?? '-'),
      m.speed ? boards.formatRate(m.speed.imagesPerSecond) : '-',
      m.memory ? boards.formatDeltaMiB(m.memory.deltaBytes) : '-',
      boards.formatRecall(r.imageToCaption.recallAt1),
      boards.formatRecall(r.imageToCaption.recallAt5),
      boards.formatRecall(r.captionToImage.recallAt1),
      boards.formatRecall(r.captionToImage.recallAt5),
      String(m.scored),
      String(m.flaggedFrames),
      counts,
    ];
  });
  return columns(
    ['key', 'model', 'id', 'provider', 'dim', 'images/s', 'memory', 'i>c@1', 'i>c@5', 'c>i@1', 'c>i@5', 'scored', 'flagged', 'flags'],
    rows,
  );
}

function framesTable(c: ModelComparison): string {
  const contested = new Set(c.disagreements.map((d) => `${d.frameId}\0${d.kind}`));
  const rows = c.frames.map((f) => [
    f.shot,
    f.frameId,
    ...f.cells.map((cell) => (cell.cosine === null ? '-' : formatNumber(cell.cosine, 4))),
    ...f.cells.map((cell) => {
      const flags = cell.flags.map((flag) => `${flag.kind}${contested.has(`${f.frameId}\0${flag.kind}`) ? '*' : ''}`).join(',');
      return flags || (cell.cosine === null ? (cell.error?.code ?? (f.caption ? '' : 'no caption')) : '');
    }),
  ]);
  // Cosines side by side; flag lists are never cut short, only the file name is.
  const header = [
    'shot',
    'file',
    ...c.models.map((_, i) => `${boards.modelKey(i)} cosine`),
    ...c.models.map((_, i) => `${boards.modelKey(i)} flags`),
  ];
  return columns(header, rows, (i) => (i === 1 ? 44 : Infinity));
}

function disagreementsTable(c: ModelComparison): string {
  if (c.disagreements.length === 0) return 'Every model raises the same flags on every frame.';
  const key = (id: string) => boards.modelKey(c.models.findIndex((m) => m.id === id));
  const rows = c.disagreements.map((d) => [d.shot, d.frameId, d.kind, d.flaggedBy.map(key).join(' '), d.notFlaggedBy.map(key).join(' ')]);
  return columns(['shot', 'file', 'flag', 'raised by', 'not by'], rows);
}

function report(c: ModelComparison): string {
  const r = c.retrieval;
  const left = [
    r.excludedNoCaption && `${r.excludedNoCaption} without a caption`,
    r.excludedNotEmbedded && `${r.excludedNotEmbedded} not embedded by every model`,
  ]
    .filter(Boolean)
    .join(', ');
  const rho = c.correlations
    .map(
      (k) =>
        `${boards.modelKey(c.models.findIndex((m) => m.id === k.modelA))}~${boards.modelKey(c.models.findIndex((m) => m.id === k.modelB))} ${boards.formatRho(k.spearman)} (${k.frames} frames)`,
    )
    .join('; ');
  return [
    `Models on ${c.board.name} (${c.board.frames} frames)`,
    modelsTable(c),
    '',
    `Retrieval over ${r.frames} frames${left ? ` (left out: ${left})` : ''}; i>c: image to caption, c>i: caption to image.`,
    `Spearman rho of cosines: ${rho}.`,
    ...c.models.flatMap((m, i) => m.notices.map((n) => `note: ${boards.modelKey(i)}: ${n}`)),
    ...c.notes.map((n) => `note: ${n}`),
    '',
    'Frames (* marks a flag the models disagree on)',
    framesTable(c),
    '',
    `Disagreements (${c.disagreements.length})`,
    disagreementsTable(c),
    '',
    ...Object.values(boards.COMPARISON_MEASURES),
  ].join('\n');
}

export async function compareCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    model: { type: 'string', multiple: true },
    ...ENGINE_OPTIONS,
    json: { type: 'boolean' },
    export: { type: 'string', multiple: true },
  });
  if (positionals.length !== 1) throw usageError('Name one storyboard folder: frameproof compare FOLDER --model A --model B.');
  const models = values.model ?? [];
  if (models.length < 2)
    throw usageError(
      `compare needs at least two models (--model A --model B); ${models.length === 0 ? 'none was' : 'only one was'} given.`,
    );
  const threads = threadsOf(values.threads);
  const exports = values.export ?? [];
  // A wrong extension is refused before minutes of scoring, not after.
  for (const file of exports) boards.comparisonFormatFor(file);
  const controller = new AbortController();
  const onSignal = () =>
    controller.abort(new AppError('SCORING_CANCELLED', 'The comparison was cancelled; everything scored so far is kept in the cache.'));
  process.once('SIGINT', onSignal);
  try {
    const comparison = await boards.compareModels(positionals[0]!, models, {
      provider: parseProviderChoice(values.provider ?? 'auto'),
      threads,
      signal: controller.signal,
      onProgress: progressReporter(process.stderr),
      onStoreNotice: (notice) => writeStoreNotice(notice),
    });
    const now = new Date();
    for (const file of exports) {
      const written = await boards.exportComparison(comparison, file, { now });
      process.stderr.write(`wrote ${written.file} (${written.format}, ${written.frameCount} frames)\n`);
    }
    process.stdout.write(values.json ? `${JSON.stringify(boards.comparisonDocument(comparison, now))}\n` : `${report(comparison)}\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
  }
}
