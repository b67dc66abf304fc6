import { describe, expect, it } from 'vitest';
import { keptAnswers } from '../../../src/domain/kept-answers';

describe('kept answers', () => {
  it('work a key out once, drop the oldest past the size, and work a forgotten key out again', () => {
    let worked = 0;
    const kept = keptAnswers<{ n: number }>(2);
    const of = (key: string) => kept.answer(key, () => ({ n: ++worked }));
    expect(of('a')).toEqual({ n: 1 });
    expect(of('a')).toEqual({ n: 1 });
    expect(of('b')).toEqual({ n: 2 });
    // A third key drops the oldest, "a".
    expect(of('c')).toEqual({ n: 3 });
    expect(of('b')).toEqual({ n: 2 });
    expect(of('a')).toEqual({ n: 4 });
    kept.forget('a');
    expect(of('a')).toEqual({ n: 5 });
    expect(worked).toBe(5);
  });
});
