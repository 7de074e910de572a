// "Show in Report": where a plan stands in the HTML report (each plan is an article with an
// anchor), and the report as a page that scrolls to it. The report itself runs no script; only
// this copy, shown in the editor, gets one line of script allowed by a nonce.
import type { ReportDocument } from './reportModel';
import { orderPlans } from './renderShared';

/** The anchor of a plan's article in the HTML report (`plan-3`); undefined when the report has no such plan. */
export function planAnchor(doc: ReportDocument, plan: { id: string; file: string }): string | undefined {
  const index = orderPlans(doc.plans).findIndex((p) => p.id === plan.id && p.file === plan.file);
  return index < 0 ? undefined : `plan-${index + 1}`;
}

const CSP_META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/;

/**
 * The report page scrolled to `anchor` and the anchor outlined. `nonce`: fresh random letters
 * and digits for this page; the page's policy then allows exactly that one script.
 */
export function scrolledTo(html: string, anchor: string, nonce: string): string {
  if (!/^[A-Za-z0-9]{16,}$/.test(nonce)) throw new RangeError('scrolledTo: the nonce must be 16 or more letters and digits');
  if (!/^[a-z0-9-]+$/.test(anchor)) throw new RangeError(`scrolledTo: not an anchor: ${anchor}`);
  if (!CSP_META.test(html) || !html.includes('</body>')) throw new RangeError('scrolledTo: not a PatchOps HTML report');
  const script =
    `<script nonce="${nonce}">(function(){var e=document.getElementById('${anchor}');` +
    `if(e){e.scrollIntoView({block:'start'});e.style.outline='3px solid #c2410c';e.style.outlineOffset='4px';}})();</script>\n`;
  return html
    .replace(CSP_META, (_m, csp: string) => `<meta http-equiv="Content-Security-Policy" content="${csp}; script-src &#39;nonce-${nonce}&#39;">`)
    .replace('</body>', `${script}</body>`);
}
