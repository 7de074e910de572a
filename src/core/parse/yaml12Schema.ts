// The YAML 1.2 core schema exactly as the `yaml` package resolves plain scalars, for js-yaml.
// js-yaml's own CORE_SCHEMA differs where YAML 1.1 habits survive (`0b101`, `-0x1F` and `+0x1F`
// as numbers) and where its patterns are narrower (`-.5e-3` as text, `-0` as 0). The full parser
// is the truth, so these are its patterns and its conversions, tried in its order.
import { FAILSAFE_SCHEMA, Type, type Schema } from 'js-yaml';

// The full parser's patterns (yaml/dist/schema/core: null, bool, int, float), each kind's joined
// into one. The float pattern also matches integers, which are tried first.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const FALSE = /^(?:[Ff]alse|FALSE)$/;
const INT = /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/**
 * The value the full parser gives a plain scalar, or `text` itself when it stays a string. The
 * first character rules out most kinds before any pattern runs (most plain scalars are words).
 */
export function resolvePlain(text: string): unknown {
  const c = text.charCodeAt(0);
  if (Number.isNaN(c) || c === 126 /* ~ */ || c === 110 /* n */ || c === 78 /* N */) return NULL.test(text) ? null : text;
  if (c === 116 /* t */ || c === 84 /* T */) return TRUE.test(text) ? true : text;
  if (c === 102 /* f */ || c === 70 /* F */) return FALSE.test(text) ? false : text;
  if ((c === 43 /* + */ || c === 45 /* - */ || c === 46 /* . */ || (c >= 48 && c <= 57)) && !isDateLike(text)) {
    if (INT.test(text)) return text[1] === 'o' ? parseInt(text.substring(2), 8) : text[1] === 'x' ? parseInt(text.substring(2), 16) : parseInt(text, 10);
    if (FLOAT.test(text)) {
      const tail = text.slice(-3).toLowerCase();
      if (tail === 'nan') return NaN;
      if (tail === 'inf') return c === 45 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      return parseFloat(text);
    }
  }
  return text;
}

/**
 * A digit then `-` at 3 and 4, as every date and time begins: neither a number pattern allows a
 * `-` right after a digit (only first, or after `e`), so neither is run. Plans write hundreds of
 * thousands of dates.
 */
function isDateLike(text: string): boolean {
  const d = text.charCodeAt(3);
  return text.charCodeAt(4) === 45 /* - */ && d >= 48 && d <= 57;
}

// js-yaml asks an implicit type whether it resolves a plain scalar, then to construct it: one
// type for all four kinds, so a scalar is classified once. Its tag names no YAML type on purpose:
// explicit tags never reach the fast path.
let resolved: unknown;
const coreScalar = new Type('tag:patchops.example,2026:yaml-1.2-core-scalar', {
  kind: 'scalar',
  resolve: (text: string) => (resolved = resolvePlain(text)) !== text,
  construct: () => resolved,
});

/** js-yaml's schema for the fast path: strings, sequences and mappings, and the YAML 1.2 core scalars. */
export const YAML12_CORE_SCHEMA: Schema = FAILSAFE_SCHEMA.extend({ implicit: [coreScalar] });
