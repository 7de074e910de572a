// The fast path's plain scalars resolve as the full parser's YAML 1.2 core schema does: the
// `yaml` package is the truth (yaml12Schema.ts), also where a shortcut skips its patterns.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { resolvePlain } from '../../../src/core/parse/yaml12Schema';
import { fuzzParameters } from '../hostile/fuzzSeed';

/** What the full parser makes of `text` written as a plain scalar. */
const truth = (text: string): unknown => parseDocument(text, { schema: 'core' }).toJS();

describe('parse: plain scalars as the YAML 1.2 core schema reads them', () => {
  const cases = [
    '2026-11-06',
    '2026-11-07T09:00',
    '2026-11-07T09:00:00Z',
    '1234-5',
    '0001-1',
    '1e-5',
    '12e-34',
    '123e-4',
    '123E-45',
    '-1',
    '-.5e-3',
    '0x1F',
    '0o17',
    '-0',
    '+12',
    '.inf',
    '-.Inf',
    '.NaN',
    '1_000',
    '10.5',
    '2026',
    'null',
    'True',
    'FALSE',
    '~',
  ];
  for (const text of cases) it(`reads ${text} as the full parser does`, () => assert.deepEqual(resolvePlain(text), truth(text)));

  const { seed, runs } = fuzzParameters('plain scalars against the full parser', 2000);
  it(`reads strings of digits, signs, dots, exponents and date marks as the full parser does (seed ${seed}, ${runs} runs)`, () => {
    const scalar = fc
      .array(fc.constantFrom(...'0123456789-+.eExoT:Z_'), { minLength: 1, maxLength: 12 })
      .map((chars) => chars.join(''))
      // Plain scalars only: no indicator first, no `:` last (a mapping's key).
      .filter((s) => (/^[0-9.+]/.test(s) || (s.startsWith('-') && s.length > 1)) && !s.endsWith(':'));
    fc.assert(
      fc.property(scalar, (text) => assert.deepEqual(resolvePlain(text), truth(text), text)),
      { seed, numRuns: runs },
    );
  });
});
