// The HTML report: one self-contained file (thumbnails as data: URIs, the chart as inline SVG, no
// script, no request to anywhere) that opens in any browser, prints on light paper and can be
// mailed around. A Content-Security-Policy meta tag forbids scripts and remote loads outright, as a
// second line behind escaping every text from the board.
import { countErrorFrames, describeCounts } from '../../common/flags.ts';
import { countReviews, reviewStatusLabel } from '../../common/review.ts';
import { assessLook, LOOK_CHECK_NAMES, lookScoresText } from '../../common/looks.ts';
import { formatTokenCount } from '../../common/units.ts';
import type { ExportFrame, ExportModel } from './exportModel.ts';
import { describeCaptionSource, flagLabel, formatCosine, formatDateTime, needsALook, shotTitle } from './exportModel.ts';
import { renderChart } from './htmlChart.ts';
import { REPORT_CSS } from './htmlStyle.ts';
import { documentHead, escapeHtml } from './markup.ts';
import type { ThumbnailResult } from './thumbnails.ts';

const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function imageHtml(f: ExportFrame, thumb: ThumbnailResult | undefined): string {
  const alt = `${shotTitle(f.frame)}, ${f.frame.name}`;
  if (thumb?.ok) {
    const { thumbnail } = thumb;
    const src = `data:${thumbnail.mime};base64,${thumbnail.bytes.toString('base64')}`;
    return `<img src="${src}" width="${thumbnail.widthPx}" height="${thumbnail.heightPx}" alt="${escapeHtml(alt)}">`;
  }
  const why = thumb ? thumb.reason : 'No image.';
  return `<div class="no-image" role="img" aria-label="${escapeHtml(`${alt}: ${why}`)}">${escapeHtml(why)}</div>`;
}

function scoreHtml(f: ExportFrame): string {
  const score = f.score?.score;
  if (!score) return '<span class="score none">not scored</span>';
  return `<span class="score" title="Cosine of frame and caption; CLIPScore = 100 \u00d7 max(cosine, 0)">${formatCosine(score.cosine)}<small> \u00b7 CLIPScore ${score.clipScore.toFixed(1)}</small></span>`;
}

/** The script's heading, what the frame looks like against it, and the caption part by part: the CSV's script columns, in words. */
function scriptRows(f: ExportFrame, lookMarginRatio: number): [string, string][] {
  const rows: [string, string][] = [];
  if (f.scriptScene) rows.push(['Script scene', f.scriptScene.text]);
  for (const reading of f.analysis?.looks ?? [])
    rows.push([LOOK_CHECK_NAMES[reading.check], `${assessLook(reading, lookMarginRatio).words} (${lookScoresText(reading, ', ')})`]);
  if (f.columns.caption_breakdown) rows.push(['Caption parts', f.columns.caption_breakdown]);
  return rows;
}

function metaHtml(f: ExportFrame, lookMarginRatio: number): string {
  const rows: [string, string][] = [['File', f.frame.id]];
  const source = describeCaptionSource(f.frame.captionSource);
  if (source) rows.push(['Caption from', source]);
  const tokens = f.score?.tokens;
  if (tokens)
    rows.push([
      'Tokens',
      `${formatTokenCount(tokens.count, tokens.countLimited)} of ${tokens.contextLength}${tokens.truncated ? ' (truncated)' : ''}`,
    ]);
  const a = f.analysis;
  if (a?.bestOther) rows.push(['Best other caption', `shot ${a.bestOther.shot} (${formatCosine(a.bestOther.cosine)})`]);
  if (a?.styleSimilarity != null) rows.push(['Style similarity', formatCosine(a.styleSimilarity)]);
  if (a?.paletteDistance != null) rows.push(['Palette distance', `${a.paletteDistance.toFixed(1)} \u0394E`]);
  rows.push(...scriptRows(f, lookMarginRatio));
  for (const e of f.frame.extra) if (e.value !== '') rows.push([e.name, e.value]);
  return `<dl class="meta">${rows.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>`;
}

/** The frame's review: its status as the app names it, and the person's comment. */
function reviewHtml(review: NonNullable<ExportFrame['review']>): string {
  const status = review.status
    ? `<span class="review-status ${review.status}">${escapeHtml(reviewStatusLabel(review.status))}</span>`
    : '<span class="review-status">No status</span>';
  const comment = review.comment ? ` <span class="review-comment">${escapeHtml(review.comment)}</span>` : '';
  return `<p class="review">${status}${comment}</p>`;
}

function cardHtml(f: ExportFrame, thumb: ThumbnailResult | undefined, lookMarginRatio: number): string {
  const warned = needsALook(f);
  const caption = f.frame.caption ?? '';
  const parts = [
    `<article class="card${warned ? ' warned' : ''}" id="frame-${f.index + 1}">`,
    `<div class="thumb">${imageHtml(f, thumb)}</div>`,
    `<div class="body">`,
    `<h3><span class="shot">${escapeHtml(shotTitle(f.frame))}</span> ${scoreHtml(f)}</h3>`,
    caption ? `<p class="caption">${escapeHtml(caption)}</p>` : '<p class="caption missing">No caption.</p>',
  ];
  if (f.unscoredReason && f.reasons[0] === f.unscoredReason) parts.push(`<p class="unscored">${escapeHtml(f.unscoredReason)}</p>`);
  if (f.activeFlags.length) {
    parts.push(`<ul class="flags" aria-label="Flags">`);
    f.activeFlags.forEach((flag, i) => {
      parts.push(
        `<li class="flag ${flag.severity}"><span class="flag-name">${escapeHtml(flagLabel(flag.kind))}</span> ${escapeHtml(f.flagTexts[i]!)}</li>`,
      );
    });
    parts.push('</ul>');
  }
  if (f.review) parts.push(reviewHtml(f.review));
  parts.push(metaHtml(f, lookMarginRatio), '</div>', '</article>');
  return parts.join('\n');
}

function summaryHtml(model: ExportModel): string {
  const s = model.summary;
  const tiles: [string, number][] = [
    ['frames', s.frames],
    ['scored', s.scored],
    ['not scored', s.unscored],
    ['flagged frames', s.flaggedFrames],
  ];
  const parts = [
    '<section class="summary" aria-labelledby="summary-title">',
    '<h2 id="summary-title">Summary</h2>',
    `<ul class="tiles">${tiles.map(([label, n]) => `<li><strong>${n}</strong> ${escapeHtml(label)}</li>`).join('')}</ul>`,
  ];
  if (s.flagCounts.length) {
    parts.push(
      '<table class="flag-counts"><caption>Flags that need a look, by kind</caption><thead><tr><th scope="col">Flag</th><th scope="col">Frames</th></tr></thead><tbody>',
    );
    for (const [kind, count] of s.flagCounts) parts.push(`<tr><th scope="row">${escapeHtml(flagLabel(kind))}</th><td>${count}</td></tr>`);
    parts.push('</tbody></table>');
  }
  if (s.noteCounts.length)
    parts.push(
      `<p class="note">Notes (shown, not counted as flagged): ${escapeHtml(describeCounts(Object.fromEntries(s.noteCounts), ', '))}.</p>`,
    );
  if (s.acknowledgedFlags)
    parts.push(
      `<p class="note">${plural(s.acknowledgedFlags, 'flag')} marked as intended ${s.acknowledgedFlags === 1 ? 'is' : 'are'} left out.</p>`,
    );
  const notes = [
    ...(model.view.analysis?.notes ?? []),
    ...(model.view.model?.notices ?? []),
    ...model.view.notices.map((n) => n.message),
    ...model.view.board.problems.filter((p) => p.severity !== 'info').map((p) => (p.file ? `${p.file}: ${p.message}` : p.message)),
  ];
  if (notes.length) parts.push(`<h3>Notes</h3><ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  parts.push('</section>');
  return parts.join('\n');
}

/**
 * "16 frames in 2 scenes · 4 flagged · 1 error · Approved 3 · Redo 1": the app's board header
 * (flagged = frames with a warning, errors apart), then the review statuses.
 */
function countsHtml(model: ExportModel): string {
  const { view, summary } = model;
  const scenes = view.board.scenes.length;
  const errors = countErrorFrames(model.frames.map((f) => f.score ?? {}));
  const parts = [`${plural(summary.frames, 'frame')} in ${plural(scenes, 'scene')}`];
  if (view.analysis) parts.push(`${summary.flaggedFrames} flagged`);
  if (errors > 0) parts.push(plural(errors, 'error'));
  const statuses = countReviews(model.frames.map((f) => f.review));
  const statusText = statuses.map(
    ([status, n]) => `<span class="review-status ${status}">${escapeHtml(reviewStatusLabel(status))} ${n}</span>`,
  );
  return `<p class="counts">${[...parts.map(escapeHtml), ...statusText].join(' \u00b7 ')}</p>`;
}

function headerHtml(model: ExportModel): string {
  const { view } = model;
  const m = view.model;
  const details = [
    m && model.summary.scored > 0
      ? `Scored with ${m.name} (${m.id}) on ${m.provider.used.toUpperCase()}`
      : `Not scored yet${m ? ` (model ${m.name})` : ''}`,
    view.analysis ? `thresholds: ${view.analysis.calibration}` : null,
    `exported ${formatDateTime(model.exportedAt)}`,
  ].filter((d): d is string => d !== null);
  return [
    '<header>',
    '<p class="kicker">Frameproof report</p>',
    `<h1>${escapeHtml(view.board.name)}</h1>`,
    countsHtml(model),
    `<p class="details">${escapeHtml(details.join(' \u00b7 '))}</p>`,
    '</header>',
  ].join('\n');
}

export function renderHtml(model: ExportModel, thumbnails: readonly ThumbnailResult[]): string {
  const chart = renderChart(model);
  const lookMarginRatio = model.view.analysis?.thresholds.lookMarginRatio ?? 0;
  const scenes = model.scenes.map((scene, s) => {
    const flagged = scene.frames.filter(needsALook).length;
    return [
      `<section class="scene" aria-labelledby="scene-${s + 1}">`,
      `<h2 id="scene-${s + 1}">${escapeHtml(scene.name)} <span class="count">${plural(scene.frames.length, 'frame')} \u00b7 ${flagged} flagged</span></h2>`,
      '<div class="grid">',
      ...scene.frames.map((f) => cardHtml(f, thumbnails[f.index], lookMarginRatio)),
      '</div>',
      '</section>',
    ].join('\n');
  });
  return [
    ...documentHead(`${model.view.board.name} \u2014 Frameproof report`, CSP, REPORT_CSS),
    '<body>',
    '<main>',
    headerHtml(model),
    summaryHtml(model),
    chart
      ? `<figure class="series" aria-labelledby="series-title"><figcaption id="series-title">Scores along the board</figcaption>${chart}</figure>`
      : '',
    ...scenes,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
