// The comparison as one self-contained HTML page: the same view as the command line's table
// (models, rank correlations, disagreements, every frame side by side), no script, no request to
// anywhere (a Content-Security-Policy forbids both), every text from the board escaped.
import type { ComparedModel, ComparisonCell, ComparisonFrame, ModelComparison } from '../../../common/api.ts';
import { flagLabel, formatDateTime } from '../../export/index.ts';
import { FLAG_KINDS } from '../../analysis/index.ts';
import { documentHead, escapeHtml } from '../../export/index.ts';
import { COMPARISON_CSS } from './comparisonStyle.ts';
import { formatDeltaMiB, formatRate, formatRecallWithHits, formatRho, MEASURES, modelKey } from './labels.ts';

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

function keyHtml(index: number): string {
  return `<span class="key">${modelKey(index)}</span>`;
}

function keyOf(comparison: ModelComparison, id: string): string {
  const index = comparison.models.findIndex((m) => m.id === id);
  return index < 0 ? escapeHtml(id) : keyHtml(index);
}

function modelRow(m: ComparedModel, index: number, frames: number): string {
  const counts = FLAG_KINDS.flatMap((kind) =>
    m.flagCounts[kind] ? [`<li>${escapeHtml(flagLabel(kind))} ${m.flagCounts[kind]}</li>`] : [],
  ).join('');
  const r = m.retrieval;
  const cells = [
    `<th scope="row">${keyHtml(index)} ${escapeHtml(m.name)}<div class="id">${escapeHtml(m.id)}</div></th>`,
    `<td>${escapeHtml(m.provider.toUpperCase())}</td>`,
    `<td class="num">${m.embeddingSize ?? '-'}</td>`,
    `<td class="num">${m.speed ? `${formatRate(m.speed.imagesPerSecond)}<span class="ranks">${m.speed.frames} frames, batch ${m.speed.batchSize}</span>` : '-'}</td>`,
    `<td class="num">${m.memory ? formatDeltaMiB(m.memory.deltaBytes) : '-'}</td>`,
    `<td class="num">${formatRecallWithHits(r.imageToCaption, 1, frames)}</td>`,
    `<td class="num">${formatRecallWithHits(r.imageToCaption, 5, frames)}</td>`,
    `<td class="num">${formatRecallWithHits(r.captionToImage, 1, frames)}</td>`,
    `<td class="num">${formatRecallWithHits(r.captionToImage, 5, frames)}</td>`,
    `<td class="num">${m.scored}</td>`,
    `<td class="num">${m.flaggedFrames}</td>`,
    `<td class="counts">${counts ? `<ul class="counts">${counts}</ul>` : '<span class="none">none</span>'}</td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

function modelsHtml(c: ModelComparison): string {
  const head = [
    'Model',
    'Provider',
    'Size',
    'Images/s',
    'Memory',
    'Image\u2192caption R@1',
    'R@5',
    'Caption\u2192image R@1',
    'R@5',
    'Scored',
    'Flagged frames',
    'Flags',
  ]
    .map((h, i) => `<th scope="col"${i >= 2 && i <= 10 ? ' class="num"' : ''}>${escapeHtml(h)}</th>`)
    .join('');
  const r = c.retrieval;
  const set = `Retrieval over ${r.frames} frame${r.frames === 1 ? '' : 's'}${r.excludedNoCaption ? `; ${r.excludedNoCaption} without a caption left out` : ''}${r.excludedNotEmbedded ? `; ${r.excludedNotEmbedded} not embedded by every model left out` : ''}.`;
  const notices = c.models.flatMap((m, i) => m.notices.map((n) => `<li>${keyHtml(i)} ${escapeHtml(n)}</li>`));
  return [
    '<section aria-labelledby="models-title">',
    '<h2 id="models-title">Models</h2>',
    `<table class="models"><thead><tr>${head}</tr></thead><tbody>`,
    ...c.models.map((m, i) => modelRow(m, i, r.frames)),
    '</tbody></table>',
    `<p class="how">${escapeHtml(set)} ${escapeHtml(MEASURES.retrieval)}</p>`,
    `<p class="how">${escapeHtml(MEASURES.speed)}</p>`,
    `<p class="how">${escapeHtml(MEASURES.memory)}</p>`,
    notices.length ? `<ul class="notes">${notices.join('')}</ul>` : '',
    '</section>',
  ].join('\n');
}

function correlationsHtml(c: ModelComparison): string {
  const rows = c.correlations.map(
    (k) =>
      `<tr><th scope="row">${keyOf(c, k.modelA)} \u00d7 ${keyOf(c, k.modelB)}</th><td class="num">${formatRho(k.spearman)}</td><td class="num">${k.frames}</td></tr>`,
  );
  return [
    '<section aria-labelledby="correlation-title">',
    '<h2 id="correlation-title">Rank correlation of scores</h2>',
    '<table class="correlations"><thead><tr><th scope="col">Models</th><th scope="col" class="num">Spearman \u03c1</th><th scope="col" class="num">Frames</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
    `<p class="how">${escapeHtml(MEASURES.correlation)}</p>`,
    '</section>',
  ].join('\n');
}

function disagreementsHtml(c: ModelComparison): string {
  const parts = [
    '<section aria-labelledby="disagreements-title">',
    `<h2 id="disagreements-title">Where the flags disagree (${c.disagreements.length})</h2>`,
  ];
  if (c.disagreements.length === 0) {
    parts.push('<p class="none">Every model raises the same flags on every frame.</p>');
  } else {
    parts.push(
      '<table class="disagreements"><thead><tr><th scope="col">Shot</th><th scope="col">Flag</th><th scope="col">Raised by</th><th scope="col">Not by</th></tr></thead><tbody>',
    );
    for (const d of c.disagreements) {
      parts.push(
        `<tr><th scope="row">${escapeHtml(d.shot)}<div class="file">${escapeHtml(d.frameId)}</div></th><td>${escapeHtml(flagLabel(d.kind))}</td><td>${d.flaggedBy.map((id) => keyOf(c, id)).join(' ')}</td><td>${d.notFlaggedBy.map((id) => keyOf(c, id)).join(' ')}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** Each flag's label and its plain-words sentence (the cell's flagTexts), as the board's own report words it. */
function flagsHtml(cell: ComparisonCell, contested: ReadonlySet<string>): string {
  if (cell.flags.length === 0) return '';
  const items = cell.flags.map(
    (f, i) =>
      `<li class="${f.severity}${contested.has(f.kind) ? ' only' : ''}"><strong>${escapeHtml(flagLabel(f.kind))}</strong> ${escapeHtml(cell.flagTexts[i] ?? '')}</li>`,
  );
  return `<ul class="flags">${items.join('')}</ul>`;
}

function frameRow(c: ModelComparison, f: ComparisonFrame): string {
  const contested = new Set(c.disagreements.filter((d) => d.frameId === f.frameId).map((d) => d.kind));
  const caption = f.caption ? `<div class="caption">${escapeHtml(f.caption)}</div>` : '<div class="caption missing">No caption.</div>';
  const cells = f.cells.map((cell) => {
    const ranks =
      cell.imageToCaptionRank !== null
        ? `<span class="ranks">rank ${cell.imageToCaptionRank} \u00b7 ${cell.captionToImageRank}</span>`
        : '';
    const score =
      cell.cosine !== null
        ? `${cell.cosine.toFixed(3)}${ranks}`
        : `<span class="none">${escapeHtml(cell.error?.message ?? 'not scored')}</span>`;
    return `<td class="num">${score}</td><td>${flagsHtml(cell, contested)}</td>`;
  });
  return `<tr${contested.size ? ' class="disagree"' : ''}><th scope="row">${escapeHtml(f.shot)}<div class="file">${escapeHtml(f.frameId)}</div></th><td>${caption}</td>${cells.join('')}</tr>`;
}

function framesHtml(c: ModelComparison): string {
  const head = c.models
    .map((_, i) => `<th scope="col" class="num">${keyHtml(i)} cosine</th><th scope="col">${keyHtml(i)} flags</th>`)
    .join('');
  return [
    '<section aria-labelledby="frames-title">',
    '<h2 id="frames-title">Every frame</h2>',
    '<p class="how">Under each cosine: the rank of the frame\u2019s own caption among the board\u2019s captions, then of the frame among the board\u2019s frames for its caption. Rows where the models disagree are tinted; the contested flags are outlined.</p>',
    `<table class="frames"><thead><tr><th scope="col">Shot</th><th scope="col">Caption</th>${head}</tr></thead><tbody>`,
    ...c.frames.map((f) => frameRow(c, f)),
    '</tbody></table>',
    '</section>',
  ].join('\n');
}

export function renderComparisonHtml(comparison: ModelComparison, exportedAt: Date): string {
  const c = comparison;
  const details = `${c.board.frames} frames \u00b7 ${c.models.length} models \u00b7 compared ${formatDateTime(new Date(c.comparedAt))} \u00b7 exported ${formatDateTime(exportedAt)}`;
  return [
    ...documentHead(`${c.board.name} \u2014 model comparison`, CSP, COMPARISON_CSS),
    '<body>',
    '<main>',
    '<header>',
    '<p class="kicker">Frameproof model comparison</p>',
    `<h1>${escapeHtml(c.board.name)}</h1>`,
    `<p class="details">${escapeHtml(details)}</p>`,
    '</header>',
    modelsHtml(c),
    correlationsHtml(c),
    disagreementsHtml(c),
    framesHtml(c),
    c.notes.length
      ? `<section aria-labelledby="notes-title"><h2 id="notes-title">Notes</h2><ul class="notes">${c.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`
      : '',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
