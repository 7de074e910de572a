// The Exceptions view's rows: how long each exception still applies as of an explicit instant,
// and what git says of its approval; an invalid one says why, never a countdown.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exceptionDescription, exceptionTimeLeftText } from '../../../src/core/present/exceptionRows';
import { REPO_ROOT } from '../../support/sharedData';
import { evaluateFiles, type Files } from '../../support/workspace';

function samples(asOf: string) {
  const root = path.join(REPO_ROOT, 'samples');
  const files: Files = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.yaml')) files[path.relative(root, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return evaluateFiles(files, asOf);
}

describe('present: an exception’s time left (Exceptions view)', () => {
  it('EXC-2026-014 (revisit_on 2026-12-04, Chicago): expires in 10d 18h as of 2026-11-23 12:00Z, expired 1d ago on 2026-12-05 06:00Z', () => {
    const before = samples('2026-11-23T12:00:00Z');
    const e14 = before.exceptions.find((e) => e.id === 'EXC-2026-014')!;
    assert.equal(e14.state, 'expiring');
    // 2026-12-04 00:00 CST is 06:00Z: 10 days and 18 hours after 2026-11-23 12:00Z.
    assert.equal(exceptionTimeLeftText(e14, before.asOf), 'expires in 10d 18h');
    const after = samples('2026-12-05T06:00:00Z');
    const late = after.exceptions.find((e) => e.id === 'EXC-2026-014')!;
    assert.equal(late.state, 'expired');
    assert.equal(exceptionTimeLeftText(late, after.asOf), 'expired 1d ago');
  });

  it('no revisit date and invalid say so; the description adds the approval', () => {
    const e = samples('2026-11-23T12:00:00Z');
    const any = e.exceptions[0];
    assert.equal(exceptionTimeLeftText({ ...any, revisitOn: null, state: 'active' }, e.asOf), 'no revisit date');
    assert.equal(
      exceptionTimeLeftText({ ...any, state: 'invalid', detail: 'approved by the requester `bob`' }, e.asOf),
      'invalid: approved by the requester bob',
    );
    assert.equal(exceptionDescription({ ...any, revisitOn: null, state: 'active', approval: 'unchecked' }, e.asOf), 'no revisit date · not checked');
  });
});
