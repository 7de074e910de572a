import assert from 'assert/strict';
import { type CvssResult, scoreCvss, severityOfScore } from '../../../src/core/risk/cvss';

function scored(vector: string): { version: string; score: number; severity: string } {
  const r = scoreCvss(vector);
  assert.ok(r.ok, `expected ${vector} to score, got: ${r.ok ? '' : r.message}`);
  return { version: r.version, score: r.score, severity: r.severity };
}

function message(r: CvssResult): string {
  assert.equal(r.ok, false, `expected a failure, got ${JSON.stringify(r)}`);
  return r.ok ? '' : r.message;
}

describe('risk/cvss', () => {
  describe('severityOfScore: the CVSS qualitative rating scale', () => {
    it('maps band edges', () => {
      const cases: Array<[number, string]> = [
        [0, 'none'],
        [0.1, 'low'],
        [3.9, 'low'],
        [4.0, 'medium'],
        [6.9, 'medium'],
        [7.0, 'high'],
        [8.9, 'high'],
        [9.0, 'critical'],
        [10, 'critical'],
      ];
      for (const [score, band] of cases) assert.equal(severityOfScore(score), band, String(score));
    });

    it('refuses values that are not scores', () => {
      for (const bad of [-0.1, 10.1, Number.NaN, Infinity]) assert.throws(() => severityOfScore(bad), RangeError);
    });
  });

  describe('scoreCvss: CVSS 3.1 base scores (NVD / FIRST calculator values)', () => {
    const cases: Array<[string, number, string]> = [
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'], // unauthenticated network RCE
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0, 'critical'], // Log4Shell CVE-2021-44228
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 8.8, 'high'],
      ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8, 'high'],
      ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.1, 'high'],
      ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8, 'high'], // local privilege escalation
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5, 'high'],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'], // reflected XSS, scope changed
      ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4, 'medium'], // stored XSS, scope changed
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3, 'medium'],
      ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1, 'low'],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0.0, 'none'], // no impact: 0 by definition
    ];
    for (const [vector, score, severity] of cases) {
      it(`${vector} = ${score.toFixed(1)} (${severity})`, () => {
        assert.deepEqual(scored(vector), { version: '3.1', score, severity });
      });
    }
  });

  describe('scoreCvss: CVSS 3.0', () => {
    const cases: Array<[string, number, string]> = [
      ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'],
      ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0, 'critical'],
      ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'],
    ];
    for (const [vector, score, severity] of cases) {
      it(`${vector} = ${score.toFixed(1)}`, () => {
        assert.deepEqual(scored(vector), { version: '3.0', score, severity });
      });
    }
  });

  describe('scoreCvss: CVSS 4.0 (CVSS-B, FIRST v4.0 calculator values)', () => {
    const cases: Array<[string, number, string]> = [
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3, 'critical'],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10.0, 'critical'],
      ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5, 'high'], // spec example
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.7, 'high'],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N', 8.7, 'high'], // network DoS
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', 6.9, 'medium'],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N', 5.1, 'medium'], // XSS
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0.0, 'none'],
    ];
    for (const [vector, score, severity] of cases) {
      it(`${vector} = ${score.toFixed(1)}`, () => {
        assert.deepEqual(scored(vector), { version: '4.0', score, severity });
      });
    }

    it('ignores threat, environmental and supplemental metrics (CVSS-B is the base score)', () => {
      // E:U would lower CVSS-BT to 8.1; the product's severity uses CVSS-B.
      const withThreat = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L/MAV:P/S:P/U:Red';
      assert.equal(scored(withThreat).score, 9.3);
    });
  });

  describe('scoreCvss: optional v3 metrics and ordering', () => {
    it('ignores temporal and environmental metrics for the base score', () => {
      assert.equal(scored('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R/CR:L/MAV:P').score, 9.8);
    });

    it('accepts base metrics in any order', () => {
      assert.equal(scored('CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N').score, 9.8);
    });

    it('returns the same answer for a repeated vector (memoized)', () => {
      const v = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H';
      assert.deepEqual(scoreCvss(v), scoreCvss(v));
      assert.equal(scored(v).score, 8.8);
    });
  });

  describe('scoreCvss: messages a person can act on', () => {
    it('says CVSS 2 is not supported, with or without a prefix', () => {
      for (const v of ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P', '(AV:N/AC:L/Au:N/C:P/I:P/A:P)']) {
        assert.equal(message(scoreCvss(v)), 'CVSS 2 vectors are not supported: use a CVSS 3.1 or 4.0 vector', v);
      }
    });

    it('asks for the version prefix when it is missing or unknown', () => {
      assert.match(message(scoreCvss('AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')), /starts with its version, `CVSS:3\.1\/`/);
      assert.match(message(scoreCvss('CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')), /CVSS version `3\.2` is not supported/);
      assert.match(message(scoreCvss('CVSS:3.1/')), /no metrics after `CVSS:3\.1\/`/);
      assert.match(message(scoreCvss('')), /empty/);
    });

    it('names missing base metrics', () => {
      assert.equal(message(scoreCvss('CVSS:3.1/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')), 'missing base metric `AV`');
      assert.equal(message(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H')), 'missing base metrics `I`, `A`');
      assert.match(message(scoreCvss('CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')), /missing base metric `AT`/);
    });

    it('names an unknown value and lists the valid ones', () => {
      assert.match(message(scoreCvss('CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')), /^`AV:Q`: unknown value `Q` for `AV` .*valid: `N`, `A`, `L`, `P`$/);
      // Base metrics cannot be "not defined".
      assert.match(message(scoreCvss('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')), /unknown value `X` for `AV`/);
      // Safety (S) exists only for the modified MSI/MSA, not for the base SC.
      assert.match(message(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:S/SI:N/SA:N')), /unknown value `S` for `SC`.*valid: `H`, `L`, `N`$/);
    });

    it('names an unknown metric, and says when it belongs to the other version', () => {
      assert.match(
        message(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:1')),
        /^unknown metric `XX` for CVSS 3\.1; base metrics are AV, AC, PR, UI, S, C, I, A$/,
      );
      assert.match(message(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/VC:H')), /`VC` .*it is a CVSS 4\.0 metric/);
      assert.match(message(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/C:H/VI:H/VA:H/SC:N/SI:N/SA:N')), /`C` .*it is a CVSS 3\.x metric/);
    });

    it('rejects a duplicate metric, even with the same value', () => {
      assert.equal(message(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L')), 'metric `AV` appears more than once');
      assert.equal(message(scoreCvss('CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')), 'metric `AV` appears more than once');
    });

    it('rejects malformed parts instead of skipping them', () => {
      assert.match(message(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/')), /empty part/);
      assert.match(message(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/AH')), /`AH` is not a `metric:value` pair/);
      assert.match(message(scoreCvss('CVSS:3.1/Attack Vector:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')), /unknown metric `Attack Vector`/);
      assert.match(message(scoreCvss('cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h')), /starts with its version/);
    });
  });
});
