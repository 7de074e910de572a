// The HTML report's only stylesheet. It is a constant on purpose: the report's CSP allows exactly
// this block by its SHA-256 hash, so no injected <style> or style="" could restyle the report
// (e.g. hide a breached plan). Light, system fonts only (no external resources), prints on A4.

export const REPORT_CSS = `
:root {
  --ink: #101828; --body: #344054; --muted: #475467; --line: #d0d5dd; --rule: #eaecf0;
  --soft: #f5f6f8; --paper: #ffffff; --bad: #c0281c; --warn: #b54708; --good: #12804f;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--soft); color: var(--body);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  font-variant-numeric: tabular-nums;
}
.page { max-width: 1140px; margin: 0 auto; padding: 28px 32px 40px; }
h1, h2, h3 { color: var(--ink); line-height: 1.25; }
h1 { font-size: 28px; margin: 2px 0 8px; overflow-wrap: anywhere; }
h2 { font-size: 18px; margin: 34px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h2 .count { color: var(--muted); font-weight: 400; }
h3 { font-size: 15px; margin: 0; }
p { margin: 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.muted { color: var(--muted); }
.wrap { overflow-wrap: break-word; }

.masthead { background: var(--paper); border: 1px solid var(--line); border-top: 6px solid var(--ink); border-radius: 8px; padding: 18px 22px; }
.eyebrow { font-size: 12px; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
.asof { color: var(--body); }
.asof strong { color: var(--ink); }
.notice { margin-top: 10px; padding: 8px 12px; border-radius: 6px; background: #fffaeb; border: 1px solid #fedf89; color: #7a2e0e; }
.banner { margin-top: 10px; display: grid; gap: 6px; }
.banner p { padding: 8px 12px; border-radius: 6px; }
.banner a { color: inherit; }
.banner-files { background: #fffaeb; border: 1px solid #fedf89; color: #7a2e0e; }
.banner-breach { background: #fef3f2; border: 1px solid #fda29b; color: #912018; }

.cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; }
.card { background: var(--paper); border: 1px solid var(--line); border-top: 4px solid var(--line); border-radius: 8px; padding: 12px 16px 14px; }
.card.wide { grid-column: span 2; }
.card h3 { font-size: 12px; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; color: var(--muted); }
.card .value { font-size: 32px; font-weight: 700; color: var(--ink); line-height: 1.15; margin: 6px 0 2px; }
.card .sub { font-size: 13px; color: var(--muted); }
.card.bad { border-top-color: var(--bad); } .card.bad .value { color: var(--bad); }
.card.warn { border-top-color: #f5a524; } .card.warn .value { color: var(--warn); }
.card.good { border-top-color: var(--good); }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(80px, 1fr)); gap: 8px; margin: 8px 0 0; }
.stats div { border-left: 3px solid var(--rule); padding-left: 8px; }
.stats dt { font-size: 12px; color: var(--muted); }
.stats dd { margin: 0; font-size: 18px; font-weight: 700; color: var(--ink); }
.stats dd.zero { color: #98a2b3; font-weight: 600; }

.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px; }
figure { margin: 0; background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
figcaption { margin-bottom: 10px; }
figcaption .muted { font-size: 12.5px; }
.chart-svg { display: block; width: 100%; height: auto; overflow: visible; }
/* No fill on text.seg: its fill attribute picks a colour that contrasts with its bar. */
.chart-svg text { font-size: 12px; }
.chart-svg text.axis { font-weight: 600; fill: var(--ink); }
.chart-svg text.seg { font-weight: 700; }
.chart-svg text.total { font-weight: 700; fill: var(--ink); }
.chart-svg text.muted { fill: var(--muted); }
.legend { list-style: none; margin: 10px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12.5px; }
.legend li { display: inline-flex; align-items: center; gap: 5px; }
.swatch { flex: none; }

table { width: 100%; border-collapse: collapse; background: var(--paper); }
.table-card { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; }
caption { text-align: left; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--rule); }
thead th { font-size: 11.5px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); background: #f9fafb; border-bottom: 1px solid var(--line); white-space: nowrap; }
tbody th { color: var(--ink); font-weight: 600; }
tbody tr:last-child > * { border-bottom: 0; }
.num { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; color: var(--ink); overflow-wrap: break-word; }
th .id { display: inline-block; min-width: 13ch; }
.title-cell .sub { display: block; font-weight: 400; color: var(--body); overflow-wrap: break-word; }
.rel { display: block; font-size: 12.5px; color: var(--muted); }
.rel.bad { color: var(--bad); font-weight: 700; }
.rel.warn { color: var(--warn); font-weight: 700; }
h3.sub-h { font-size: 14px; margin: 18px 0 8px; color: var(--muted); }
td.num.bad { color: var(--bad); font-weight: 700; } td.num.warn { color: var(--warn); font-weight: 700; } td.num.zero { color: #98a2b3; }
.cut, .left-out { margin-top: 8px; color: var(--muted); font-size: 13px; }
.empty { background: var(--paper); border: 1px dashed var(--line); border-radius: 8px; padding: 12px 16px; color: var(--muted); }

.badge { display: inline-block; padding: 0 8px; border: 1px solid; border-radius: 999px; font-size: 12px; font-weight: 700; line-height: 20px; white-space: nowrap; vertical-align: baseline; }
.tier { border-radius: 4px; font-size: 11px; letter-spacing: .05em; text-transform: uppercase; }
.tier-critical { background: #b42318; border-color: #b42318; color: #fff; }
.tier-high { background: #fdead7; border-color: #f7b27a; color: #93370d; }
.tier-medium { background: #fef7c3; border-color: #eaaa08; color: #713b12; }
.tier-low { background: #eff4ff; border-color: #b2ccff; color: #1d3a8a; }
.tier-none { background: #f2f4f7; border-color: #d0d5dd; color: #475467; }
.state-breached { background: #fee4e2; border-color: #f97066; color: #912018; }
.state-due_soon { background: #fef0c7; border-color: #fdb022; color: #7a2e0e; }
.state-awaiting_test { background: #f4f3ff; border-color: #bdb4fe; color: #4a1fb8; }
.state-on_track { background: #eff8ff; border-color: #84caff; color: #194185; }
.state-missed { background: #fef6ee; border-color: #f7b27a; color: #932f19; }
.state-met { background: #ecfdf3; border-color: #75e0a7; color: #085d3a; }
.state-exempt, .state-cancelled, .state-unknown { background: #f2f4f7; border-color: #d0d5dd; color: #344054; }
.exc-invalid, .exc-expired { background: #fee4e2; border-color: #f97066; color: #912018; }
.exc-expiring, .exc-pending { background: #fef0c7; border-color: #fdb022; color: #7a2e0e; }
.exc-active { background: #ecfdf3; border-color: #75e0a7; color: #085d3a; }
.exc-unknown { background: #f2f4f7; border-color: #d0d5dd; color: #344054; }
.appr-verified { background: #ecfdf3; border-color: #75e0a7; color: #085d3a; }
.appr-unverified, .appr-missing { background: #fee4e2; border-color: #f97066; color: #912018; }
.appr-unchecked, .appr-unknown { background: #f2f4f7; border-color: #d0d5dd; color: #344054; }
.wave-complete { background: #ecfdf3; border-color: #75e0a7; color: #085d3a; }
.wave-in_progress { background: #eff8ff; border-color: #84caff; color: #194185; }
.wave-paused { background: #fef0c7; border-color: #fdb022; color: #7a2e0e; }
.wave-rolled_back { background: #fee4e2; border-color: #f97066; color: #912018; }
.wave-planned, .wave-unknown { background: #f9fafb; border-color: #d0d5dd; color: #344054; }
.kev { background: #101828; border-color: #101828; color: #fff; border-radius: 4px; font-size: 11px; letter-spacing: .05em; }

.plan { background: var(--paper); border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 8px; padding: 14px 18px 16px; margin: 0 0 14px; }
.plan.p-breached { border-left-color: #c0281c; }
.plan.p-due_soon { border-left-color: #f5a524; }
.plan.p-awaiting_test { border-left-color: #6941c6; }
.plan.p-on_track { border-left-color: #1f6fd1; }
.plan.p-missed { border-left-color: #e0621b; }
.plan.p-met { border-left-color: #12804f; }
.plan-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; }
.plan-head h3 { font-size: 16px; overflow-wrap: anywhere; }
.plan-head .id { display: block; font-weight: 400; color: var(--muted); margin-bottom: 1px; }
.badges { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 6px; flex: none; max-width: 50%; }
.facts { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 10px 20px; margin: 12px 0 0; padding: 12px 0 0; border-top: 1px solid var(--rule); }
.facts dt { font-size: 11.5px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); }
.facts dd { margin: 1px 0 0; color: var(--ink); overflow-wrap: anywhere; }
.facts .span2 { grid-column: span 2; }
.facts .span4 { grid-column: 1 / -1; }
.waves { margin-top: 14px; border: 1px solid var(--rule); border-radius: 6px; overflow-x: auto; }
.waves table { font-size: 13px; table-layout: fixed; }
/* Fixed column widths: the waves of every plan line up down the page. */
.waves th:nth-child(1) { width: 14%; } .waves th:nth-child(2) { width: 11%; } .waves th:nth-child(3) { width: 16%; }
.waves th:nth-child(4) { width: 10%; } .waves th:nth-child(5) { width: 7%; } .waves th:nth-child(6) { width: 24%; }
.waves th:nth-child(7) { width: 18%; }
.waves thead th { white-space: normal; }
.waves td, .waves th { overflow-wrap: break-word; }
.progress { display: flex; align-items: center; gap: 8px; white-space: nowrap; }
.bar { display: block; width: 96px; height: 8px; flex: 0 1 auto; min-width: 40px; }
.blocked { color: var(--warn); }
.source { margin-top: 10px; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }

.exception-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 14px; }
.exception { background: var(--paper); border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 8px; padding: 14px 18px 14px; }
.exception.x-invalid, .exception.x-expired { border-left-color: #c0281c; }
.exception.x-expiring, .exception.x-pending { border-left-color: #f5a524; }
.exception.x-active { border-left-color: #12804f; }
.exception h3.id { font-size: 15px; font-weight: 700; color: var(--ink); margin: 0; }
.facts.two { grid-template-columns: repeat(2, minmax(0, 1fr)); }
.facts ul { margin: 0; padding-left: 18px; }
.callout { margin-top: 10px; padding: 6px 10px; border-radius: 6px; background: #fffaeb; border: 1px solid #fedf89; color: #7a2e0e; font-size: 13px; overflow-wrap: anywhere; }
.detail { display: block; font-size: 12.5px; color: var(--warn); margin-top: 2px; overflow-wrap: break-word; }
/* An approval git did not review is information, not a warning (docs/git-review.md). */
.callout.info { background: #f2f4f7; border-color: #d0d5dd; color: #344054; }
.detail.info { color: var(--muted); }

footer { margin-top: 32px; padding-top: 10px; border-top: 1px solid var(--line); font-size: 12.5px; color: var(--muted); }

@media screen and (max-width: 820px) {
  .page { padding: 16px; }
  .cards, .facts { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .charts, .exception-grid { grid-template-columns: 1fr; }
  .plan-head { flex-direction: column; }
  .badges { justify-content: flex-start; max-width: none; }
  .waves table { min-width: 640px; }
}
@page { size: A4; margin: 12mm; }
/* Print: A4 portrait, white paper, nothing clipped (wrap instead of scroll), no split cards. */
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 9.5pt; }
  .page { max-width: none; padding: 0; }
  .masthead, .card, figure, .plan, .exception, .table-card, .waves { border-color: #98a2b3; }
  .masthead { border-top-color: var(--ink); }
  .card .value { font-size: 24px; }
  .charts, .exception-grid { grid-template-columns: 1fr; }
  .chart-svg { max-width: 560px; }
  .table-card, .waves { overflow: visible; }
  th, td { padding: 5px 7px; }
  td, tbody th, .id, .wrap { overflow-wrap: anywhere; }
  thead th { font-size: 9.5px; letter-spacing: .02em; }
  .waves th:nth-child(1) { width: 14%; } .waves th:nth-child(2) { width: 15%; } .waves th:nth-child(3) { width: 15%; }
  .waves th:nth-child(4) { width: 12%; } .waves th:nth-child(5) { width: 8%; } .waves th:nth-child(6) { width: 20%; }
  .waves th:nth-child(7) { width: 16%; }
  .badge { padding: 0 6px; font-size: 11px; }
  .bar { width: 48px; }
  .card, figure, .plan, .exception, tr, .stats { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
}
`;
