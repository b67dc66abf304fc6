import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rel, sourceFiles } from '../support/source-files';

/** What reads the clock or an unseeded random source: the domain takes time and randomness as inputs. */
const IMPURE = /\bDate\.now\s*\(|\bnew Date\(\s*\)|\bMath\.random\s*\(|\bperformance\.now\s*\(/;

const offenders = (folder: string) =>
  sourceFiles(folder).filter((f) => {
    const code = readFileSync(f, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    return IMPURE.test(code);
  });

describe('the domain reads no clock and no unseeded randomness', () => {
  it('takes today and its random source as inputs, so forecasts and health are repeatable', () => {
    expect(offenders('src/domain').map(rel)).toEqual([]);
  });

  it('can detect a clock read (the rule is not vacuous)', () => {
    expect(offenders('src/resolvers').length).toBeGreaterThan(0);
  });
});
