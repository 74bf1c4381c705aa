// The report's stylesheet, inlined into the file. Light only: a dark page would print as a slab of
// toner. Print rules: each scene starts on a new page, a card never splits across pages.
/** What every report of ours shares: the palette, the type and the page header. */
export const REPORT_BASE_CSS = `
:root { color-scheme: light; --ink: #1c1f24; --muted: #5b6472; --line: #d9dde3; --paper: #ffffff; --tint: #f5f6f8;
  --warn: #b42318; --warn-tint: #fdecea; --info: #475467; --info-tint: #eef1f5; --accent: #2e5aac; }
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 28px 32px 48px; }
header { border-bottom: 2px solid var(--ink); padding-bottom: 12px; margin-bottom: 20px; }
.kicker { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: .06em; text-transform: uppercase; }
h1 { margin: 2px 0 6px; font-size: 30px; line-height: 1.15; }
.details { margin: 0; color: var(--muted); font-size: 14px; }
.counts { margin: 0 0 4px; font-size: 15px; }
.review { margin: 0 0 8px; font-size: 13px; overflow-wrap: anywhere; }
.review-status { font-weight: 600; border-radius: 4px; padding: 1px 6px; background: var(--tint); }
.review-status.approved { color: #1f6f43; background: #e6f4ea; }
.review-status.needs-changes { color: #8a4b00; background: #fff1dc; }
.review-status.redo { color: var(--warn); background: var(--warn-tint); }
.review-comment { color: var(--ink); }
`;

export const REPORT_CSS = `${REPORT_BASE_CSS}
h2 { font-size: 20px; margin: 28px 0 12px; }
h2 .count { font-size: 14px; font-weight: normal; color: var(--muted); margin-left: 6px; }
.summary { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 32px; align-items: start; }
.summary h2 { grid-column: 1 / -1; margin-top: 0; }
.summary h3, .summary .notes, .summary .note { grid-column: 1 / -1; }
.tiles { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 10px; }
.tiles li { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; color: var(--muted); }
.tiles strong { display: block; font-size: 26px; color: var(--ink); line-height: 1.1; }
.flag-counts { border-collapse: collapse; width: 100%; font-size: 14px; }
.flag-counts caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
.flag-counts th, .flag-counts td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); }
.flag-counts td { text-align: right; font-variant-numeric: tabular-nums; }
.flag-counts thead th { color: var(--muted); font-weight: normal; }
.flag-counts thead th:last-child { text-align: right; }
.summary h3 { font-size: 15px; margin: 16px 0 4px; }
.notes, .note { color: var(--muted); font-size: 14px; }
figure.series { margin: 24px 0 8px; }
figure.series figcaption { font-weight: 600; font-size: 20px; margin-bottom: 6px; }
.chart { width: 100%; height: auto; display: block; font-family: inherit; }
.chart .gridline { stroke: var(--line); stroke-width: 1; }
.chart .axis { fill: var(--muted); font-size: 11px; }
.chart .panel-title { fill: var(--ink); font-size: 13px; font-weight: 600; }
.chart .scene-band { fill: var(--tint); }
.chart .scene-line { stroke: #98a2b3; stroke-width: 1; stroke-dasharray: 4 3; }
.chart .scene-label { fill: var(--ink); font-size: 12px; font-weight: 600; }
.chart .threshold-band { fill: var(--warn); fill-opacity: 0.08; }
.chart .threshold { stroke: var(--warn); stroke-width: 1; stroke-dasharray: 6 4; }
.chart .threshold-label { fill: var(--warn); font-size: 11px; }
.chart .series { fill: none; stroke: var(--accent); stroke-width: 1.75; }
.chart .point { fill: var(--paper); stroke: var(--accent); stroke-width: 1.5; }
.chart .point.flagged { fill: var(--warn); stroke: var(--warn); }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr)); gap: 16px; }
.card { border: 1px solid var(--line); border-radius: 8px; overflow: hidden; background: var(--paper); display: flex; flex-direction: column; }
.card.warned { border-color: #f1a8a0; box-shadow: inset 4px 0 0 var(--warn); }
.thumb { background: var(--tint); border-bottom: 1px solid var(--line); }
.thumb img { display: block; width: 100%; height: auto; }
.no-image { aspect-ratio: 16 / 9; display: flex; align-items: center; justify-content: center; padding: 12px; text-align: center; color: var(--muted); font-size: 13px; }
.card .body { padding: 10px 12px 12px; }
.card h3 { margin: 0 0 4px; font-size: 16px; display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0 8px; }
.card h3 .shot { white-space: nowrap; }
.score { font-size: 15px; font-variant-numeric: tabular-nums; white-space: nowrap; }
.score small { color: var(--muted); font-weight: normal; font-size: 12px; }
.score.none { color: var(--muted); font-weight: normal; font-style: italic; font-size: 13px; }
.caption { margin: 0 0 8px; white-space: pre-line; overflow-wrap: anywhere; }
.caption.missing, .unscored { color: var(--muted); font-style: italic; }
.unscored { margin: 0 0 8px; font-size: 13px; }
.flags { list-style: none; margin: 0 0 8px; padding: 0; display: grid; gap: 5px; font-size: 13px; }
.flag { padding: 5px 8px; border-radius: 5px; background: var(--info-tint); border-left: 3px solid var(--info); }
.flag.warning { background: var(--warn-tint); border-left-color: var(--warn); }
.flag-name { font-weight: 600; margin-right: 2px; }
.flag.warning .flag-name { color: var(--warn); }
.meta { margin: 0; font-size: 12px; color: var(--muted); display: grid; gap: 1px; }
.meta div { display: flex; gap: 6px; }
.meta dt { flex: none; }
.meta dt::after { content: ":"; }
.meta dd { margin: 0; color: var(--ink); overflow-wrap: anywhere; }
@media print {
  @page { margin: 12mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .scene { break-before: page; }
  .scene h2 { break-after: avoid; }
  .card, figure.series, .summary, .tiles li { break-inside: avoid; }
  /* One frame per row, image beside the text: in narrow columns a frame with several flags grows
     taller than a page and splits, and a page holds two or three frames instead of five. */
  .grid { grid-template-columns: minmax(0, 1fr); gap: 8px; }
  .card { flex-direction: row; box-shadow: none; }
  .card.warned { box-shadow: none; border-left: 3px solid var(--warn); }
  .thumb { flex: 0 0 32%; border-bottom: none; border-right: 1px solid var(--line); background: var(--paper); }
  .card .body { flex: 1 1 auto; min-width: 0; padding: 6px 10px 8px; }
  .card h3 { font-size: 11pt; }
  .flags { font-size: 9pt; gap: 3px; }
  .flag { padding: 2px 6px; }
  .meta { display: block; font-size: 8pt; }
  .meta div { display: inline-flex; margin-right: 10px; }
  .flag, .review-status, .tiles li, .chart .scene-band, .chart .threshold-band { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.trim();
