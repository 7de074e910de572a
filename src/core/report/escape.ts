// Escaping shared by every report renderer. Every value in a ReportDocument comes from a file
// someone can edit (ids, titles, reasons, emails), so it is always data, never markup.

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe for HTML element content and for quoted attribute values (also inside inline SVG). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Text safe inside a GitHub-flavoured Markdown table cell, heading or list item: it cannot end the
 * cell (`|`), start a new line, open a link or image (`[`), HTML or an autolink (`<`), code,
 * emphasis or strikethrough. Backslash escapes keep the raw file readable; the backslash itself is
 * escaped first so `\|` in a value cannot cancel our escape. `&` is escaped only where it would
 * start an entity, so `&lt;` shows as typed. Bare http(s)/www/e-mail text may still be autolinked
 * by GFM renderers: that links exactly the text shown and never a `javascript:` URL.
 */
export function escapeMarkdownCell(value: string): string {
  return value
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&');
}

// A spreadsheet treats a cell starting with one of these as a formula (full-width forms too, which
// some locales fold to ASCII); leading white space does not stop every spreadsheet from doing so.
const FORMULA_START = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;
// A plain decimal like "-3" or "-12.5" cannot be a formula; prefixing it would turn it into text.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Prefixes `'` to text a spreadsheet would evaluate as a formula (CSV/formula injection, OWASP).
 * A plain negative decimal such as `-3` is left alone so numbers stay numbers.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One RFC 4180 field. Numbers are written as numbers (a negative number stays `-3`), booleans as
 * `true`/`false`, null as an empty field; text is formula-neutralized, then quoted when it holds a
 * quote, comma, CR or LF (quotes doubled).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutralizeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The URL to put in an `href`, or null when it must stay plain text: only absolute http(s) URLs
 * without embedded credentials pass (no `javascript:`, `data:`, relative or `user@host` tricks).
 * The WHATWG parser's normalized form is returned, so what was checked is what a browser follows.
 */
export function safeUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url.href;
}
