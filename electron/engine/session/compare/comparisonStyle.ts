// The comparison report's stylesheet. Light only, like the board report; in print the tables fill a
// landscape page, header rows repeat on each page and a row never splits.
import { REPORT_BASE_CSS } from '../../export/index.ts';

// The board report's base, then what a page of wide tables needs.
export const COMPARISON_CSS = `${REPORT_BASE_CSS}
:root { --odd: #fff6db; }
body { font-size: 14px; }
main { max-width: 1400px; }
h1 { font-size: 28px; }
.details { font-size: inherit; }
h2 { font-size: 19px; margin: 28px 0 10px; }
p.how { color: var(--muted); margin: 6px 0; max-width: 70em; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
thead th { color: var(--muted); font-weight: 600; border-bottom: 1.5px solid var(--ink); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.key { display: inline-block; min-width: 1.6em; padding: 0 4px; border-radius: 4px; background: var(--accent); color: #fff; text-align: center; font-weight: 700; }
.id, .file { color: var(--muted); font-size: 12px; font-weight: normal; overflow-wrap: anywhere; }
table.models th[scope="row"] { white-space: nowrap; }
table.models .id { overflow-wrap: normal; }
table.models thead th { white-space: normal; }
table.models td.counts { min-width: 10em; }
ul.counts { list-style: none; margin: 0; padding: 0; }
table.frames th[scope="row"], table.disagreements th[scope="row"] { min-width: 11em; }
table.correlations, table.disagreements { width: auto; min-width: 50%; }
table.correlations td, table.disagreements td { padding-right: 24px; }
.caption { white-space: pre-line; overflow-wrap: anywhere; max-width: 28em; }
.caption.missing { color: var(--muted); font-style: italic; }
.ranks { display: block; color: var(--muted); font-size: 11px; }
.none { color: var(--muted); font-style: italic; }
ul.flags { list-style: none; margin: 0; padding: 0; display: grid; gap: 3px; }
ul.flags li { padding: 1px 6px; border-radius: 4px; background: var(--info-tint); border-left: 3px solid var(--info); font-size: 12px; }
ul.flags li.warning { background: var(--warn-tint); border-left-color: var(--warn); }
ul.flags li.only { outline: 1.5px dashed var(--ink); }
tr.disagree > th, tr.disagree > td { background: var(--odd); }
.notes { color: var(--muted); }
@media print {
  @page { size: landscape; margin: 10mm; }
  body { font-size: 9pt; }
  main { max-width: none; padding: 0; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  .key, ul.flags li, tr.disagree > th, tr.disagree > td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.trim();
