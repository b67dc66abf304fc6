import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/domain/dates';
import {
  type DeliveryForecast,
  deliveryHistoryOf,
  forecastDelivery,
  weeklyHistory,
} from '../../../../src/domain/forecast/delivery';
import { seededRandom } from '../../../../src/domain/forecast/random';
import { TODAY, weeklyInput } from '../../../builders/forecast';

const run = (input: Parameters<typeof forecastDelivery>[0], seed = 1, trials = 10_000) =>
  forecastDelivery(input, { random: seededRandom(seed), trials });

function forecastOf(f: DeliveryForecast) {
  if (f.kind !== 'forecast') throw new Error(`expected a forecast, got ${f.kind}`);
  return f;
}

describe('the delivery forecast on closed-form cases', () => {
  it('gives the known date for a constant throughput: today + ⌈7 × left ÷ per week⌉ days', () => {
    // 10 a week for 8 weeks; 25 left: two whole weeks and half of the third, 17.5 days, so day 18.
    const f = forecastOf(run(weeklyInput(Array(8).fill(10), 25)));
    expect(f.likely).toBe(addDays(TODAY, 18));
    expect(f.safe).toBe(addDays(TODAY, 18));
    expect(forecastOf(run(weeklyInput(Array(8).fill(10), 30))).likely).toBe(addDays(TODAY, 21));
    expect(forecastOf(run(weeklyInput(Array(8).fill(10), 1))).likely).toBe(addDays(TODAY, 1));
  });

  it('counts scope growth against throughput: 10 done and 2 added a week finish 24 in 3 weeks', () => {
    const f = forecastOf(run(weeklyInput(Array(6).fill(10), 24, { added: Array(6).fill(2) })));
    expect(f.likely).toBe(addDays(TODAY, 21));
    expect(f.meanAdded).toBe(2);
    expect(f.explanation.method).toContain('Scope growth is part of the model');
    expect(f.explanation.working).toContain(
      'Left now: 24 tickets. At the average pace the work left shrinks by 10 − 2 = 8 a week: 24 ÷ 8 ≈ 3 weeks. The simulation’s dates differ because real weeks vary.',
    );
  });

  it('gives the chance of finishing by the due date: certain on the day, none a day before', () => {
    const input = weeklyInput(Array(8).fill(10), 25);
    expect(forecastOf(run({ ...input, dueDate: addDays(TODAY, 18) })).chanceByDue).toBe(1);
    expect(forecastOf(run({ ...input, dueDate: addDays(TODAY, 17) })).chanceByDue).toBe(0);
    expect(forecastOf(run({ ...input, dueDate: addDays(TODAY, -3) })).chanceByDue).toBe(0);
    expect(forecastOf(run(input)).chanceByDue).toBeNull();
  });

  it('matches the geometric odds of a team that finishes 10 in three weeks of four, and nothing in the fourth', () => {
    // 10 left: done in week 1 with chance 3/4, by week 2 with 1 − (1/4)² = 15/16, by week 3 with 63/64.
    const input = { ...weeklyInput([0, 10, 10, 10], 10), dueDate: addDays(TODAY, 7) };
    const f = forecastOf(run(input, 3));
    expect(f.likely).toBe(addDays(TODAY, 7));
    expect(f.safe).toBe(addDays(TODAY, 14));
    // 10,000 futures: the share's standard deviation is about 0.0043; 0.015 is three and a half of them.
    expect(Math.abs((f.chanceByDue ?? 0) - 0.75)).toBeLessThan(0.015);
    const twoWeeks = forecastOf(run({ ...input, dueDate: addDays(TODAY, 14) }, 3)).chanceByDue ?? 0;
    expect(Math.abs(twoWeeks - 15 / 16)).toBeLessThan(0.01);
  });

  it('says when work is added as fast as it is finished: no date, no chance', () => {
    const f = forecastOf(
      run({ ...weeklyInput([5, 5, 5], 10, { added: [5, 6, 5] }), dueDate: addDays(TODAY, 60) }),
    );
    expect(f.likely).toBeNull();
    expect(f.safe).toBeNull();
    expect(f.chanceByDue).toBe(0);
    expect(f.explanation.summary).toBe(
      'At this pace the work is not likely to be done within about 10 years. The chance of finishing by the due date, 14 Aug 2026, is 0%.',
    );
    expect(f.explanation.working.join(' ')).toContain('the work left does not shrink');
  });

  it('replays the same futures for the same seed', () => {
    const input = {
      ...weeklyInput([3, 0, 8, 5, 1, 9, 4], 60, { added: [1, 2, 0, 0, 3, 1, 0] }),
      dueDate: '2026-09-01',
    };
    expect(run(input, 11, 2000)).toEqual(run(input, 11, 2000));
  });
});

describe('too little history, or nothing left', () => {
  it('says so in words, instead of a date, with fewer than 3 weeks of finished work', () => {
    const f = run(weeklyInput([0, 6, 0, 0, 6], 40));
    expect(f.kind).toBe('not-enough-history');
    if (f.kind !== 'not-enough-history') return;
    expect(f.weeks.weeksWithCompletions).toBe(2);
    expect(f.needed).toBe(3);
    expect(f.explanation.summary).toBe(
      'Not enough history to forecast a date yet: work reached Done in 2 of the last 5 weeks, and a forecast needs at least 3 weeks in which work was finished.',
    );
  });

  it('says so for an outcome that has not run a whole week', () => {
    const f = run({ ...weeklyInput([], 40), start: addDays(TODAY, -5) });
    expect(f.kind).toBe('not-enough-history');
    expect(f.explanation.summary).toContain('the outcome has not yet run a whole week');
  });

  it('has nothing to forecast when all is done', () => {
    const f = run(weeklyInput([4, 4, 4], 0));
    expect(f.kind).toBe('done');
    expect(f.explanation.summary).toBe('All the counted work is done.');
  });
});

describe('the weeks a forecast replays', () => {
  it('ends the newest week today and starts each week 7 days before the next', () => {
    const weeks = weeklyHistory(
      {
        doneByDay: {
          [TODAY]: 1,
          [addDays(TODAY, -6)]: 2,
          [addDays(TODAY, -7)]: 4,
          [addDays(TODAY, -13)]: 8,
          [addDays(TODAY, -14)]: 16,
          [addDays(TODAY, 1)]: 99,
        },
        addedByDay: { [addDays(TODAY, -8)]: 3 },
        remaining: 5,
      },
      addDays(TODAY, -20),
      TODAY,
    );
    // 21 days from the start: 3 whole weeks, oldest first; the day after today is not history.
    expect(weeks.from).toBe(addDays(TODAY, -20));
    expect(weeks.done).toEqual([16, 12, 3]);
    expect(weeks.added).toEqual([0, 3, 0]);
    expect(weeks.weeksWithCompletions).toBe(3);
  });

  it('leaves out the week the start cuts short, and weeks beyond the most it reads', () => {
    const history = {
      doneByDay: { [addDays(TODAY, -9)]: 5, [addDays(TODAY, -2)]: 1 },
      addedByDay: {},
      remaining: 1,
    };
    expect(weeklyHistory(history, addDays(TODAY, -10), TODAY).done).toEqual([1]);
    expect(weeklyHistory(history, addDays(TODAY, -13), TODAY).done).toEqual([5, 1]);
    expect(weeklyHistory(history, addDays(TODAY, -400), TODAY, 52).done).toHaveLength(52);
    expect(weeklyHistory(history, null, TODAY).done).toEqual([1]);
  });
});

describe('the delivery history of tickets', () => {
  it('buckets finished work by day, growth by day from the start day on, and sums what is left', () => {
    const h = deliveryHistoryOf(
      [
        { created: '2026-03-01T10:00:00.000Z', doneOn: '2026-03-10T16:00:00.000Z', units: 3 },
        { created: '2026-02-20', doneOn: '2026-03-10', units: 2 },
        { created: '2026-03-02', doneOn: null, units: 5 },
        { created: '2026-03-05', doneOn: '2026-03-12', units: 0.1 },
        { created: '2026-03-05', doneOn: '2026-03-12', units: 0.2 },
        { created: '2026-01-01', doneOn: null, units: 1 },
      ],
      '2026-03-01',
    );
    // Created before the start day is the starting scope; on the start day or later, growth: the rule of
    // the rollup's "added after start", so the forecast and that figure count the same tickets.
    expect(h.doneByDay).toEqual({ '2026-03-10': 5, '2026-03-12': 0.3 });
    expect(h.addedByDay).toEqual({ '2026-03-01': 3, '2026-03-02': 5, '2026-03-05': 0.3 });
    expect(h.remaining).toBe(6);
    expect(deliveryHistoryOf([{ created: '2026-03-02', doneOn: null, units: 1 }], null).addedByDay).toEqual(
      {},
    );
  });
});

describe('the words of a delivery forecast', () => {
  it('explains the dates, the chance and the arithmetic in business words', () => {
    const f = forecastOf(
      run({
        ...weeklyInput([6, 0, 9, 3], 40, { added: [0, 2, 0, 1] }),
        dueDate: '2026-09-30',
      }),
    );
    expect(f.explanation.summary).toMatch(
      /^At this pace the work is likely done around \d+ \w{3} 2026, and by \d+ \w{3} 2026 in 85 of 100 simulated futures\. The chance of finishing by the due date, 30 Sep 2026, is \d+%\.$/,
    );
    expect(f.explanation.working).toEqual([
      'History: 4 weeks, 19 May 2026 to 15 Jun 2026; work reached Done in 3 of them.',
      'Finished per week, oldest first: 6, 0, 9, 3 (on average 4.5 tickets).',
      'Added per week after the start, oldest first: 0, 2, 0, 1 (on average 0.75 tickets).',
      'Left now: 40 tickets. At the average pace the work left shrinks by 4.5 − 0.75 = 3.75 a week: 40 ÷ 3.75 ≈ 10.7 weeks. The simulation’s dates differ because real weeks vary.',
      `Of 10,000 simulated futures, half end by ${f.likely ? formatted(f.likely) : ''} and 85 of 100 by ${f.safe ? formatted(f.safe) : ''}.`,
      `${Math.round((f.chanceByDue ?? 0) * 10_000).toLocaleString('en-US')} of 10,000 futures end by the due date, 30 Sep 2026: ${Math.round((f.chanceByDue ?? 0) * 100)}%.`,
    ]);
    expect(f.explanation.caveats[0]).toContain('the past 4');
  });

  it('warns that unestimated tickets make a points forecast early, and that without a start growth is left out', () => {
    const points = forecastOf(run({ ...weeklyInput([5, 8, 3], 20), unit: 'points', unestimatedOpen: 4 }));
    expect(points.explanation.caveats).toContain(
      'Open tickets without an estimate: 4. They add no points to what is left, so the dates are early by their work.',
    );
    expect(points.explanation.working[1]).toContain('story points');
    // Without a start, history begins on the first day anything happened: the week it cuts short is left out.
    const noStart = forecastOf(run({ ...weeklyInput([5, 8, 3, 4], 20), start: null }));
    expect(noStart.weeks.done).toEqual([8, 3, 4]);
    expect(noStart.explanation.working[2]).toBe('Work added: not counted (no start date).');
    expect(noStart.explanation.caveats.join(' ')).toContain('leaves growth out');
  });
});

const formatted = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][(m ?? 1) - 1]} ${y}`;
};
