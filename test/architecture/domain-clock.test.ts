import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rel, sourceFiles } from '../support/source-files';

/** What reads the clock or an unseeded random source: the domain takes time and randomness as inputs. */
const IMPURE = /\bDate\.now\s*\(|\bnew Date\(\s*\)|\bMath\.random\s*\(|\bperformance\.now\s*\(/;

const withoutComments = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');

const offenders = (folder: string) => sourceFiles(folder).filter((f) => IMPURE.test(withoutComments(f)));

/** What reads the clock: only the one clock module may, and each invocation reads it once at its entry. */
const CLOCK = /\bDate\.now\s*\(|\bnew Date\(\s*\)/;
const THE_CLOCK = path.join('src', 'platform', 'clock.ts');

const clockReaders = (folder: string) =>
  sourceFiles(folder).filter((f) => rel(f) !== THE_CLOCK && CLOCK.test(withoutComments(f)));

describe('the domain reads no clock and no unseeded randomness', () => {
  it('takes today and its random source as inputs, so forecasts and health are repeatable', () => {
    expect(offenders('src/domain').map(rel)).toEqual([]);
  });

  it('reads the clock in src/ only through src/platform/clock.ts', () => {
    expect(clockReaders('src').map(rel)).toEqual([]);
  });

  it('can detect a clock read (the rule is not vacuous)', () => {
    expect(
      sourceFiles('src').filter((f) => rel(f) === THE_CLOCK && CLOCK.test(withoutComments(f))),
    ).toHaveLength(1);
    expect(clockReaders('sandbox').length).toBeGreaterThan(0);
  });
});
