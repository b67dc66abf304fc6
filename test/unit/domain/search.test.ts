import { describe, expect, it } from 'vitest';
import { rankByMatch } from '../../../src/domain/search';

const outcome = (title: string, statement: string) => ({ title, statement });

describe('rankByMatch: what a person typed, best match first', () => {
  const items = [
    outcome(
      'Faster refunds',
      'Customers who return items get their money back within a day, so checkout trust grows.',
    ),
    outcome('Grow repeat checkout', 'Returning customers buy again.'),
    outcome('Checkout in one step', 'Fewer abandoned carts.'),
    outcome('Mobile app rating', 'Store reviews say the app is fast.'),
  ];

  it('puts a title that starts with the words first, then a title holding them, then a statement', () => {
    // By hand: "Checkout in one step" starts with it; "Grow repeat checkout" holds it in its title;
    // "Faster refunds" only in its statement; the app rating not at all.
    expect(rankByMatch(items, 'checkout').map((o) => o.title)).toEqual([
      'Checkout in one step',
      'Grow repeat checkout',
      'Faster refunds',
    ]);
  });

  it('keeps the order among equals, and everything for an empty query', () => {
    expect(rankByMatch(items, ' ').map((o) => o.title)).toEqual(items.map((o) => o.title));
    expect(rankByMatch(items, 'customers').map((o) => o.title)).toEqual([
      'Faster refunds',
      'Grow repeat checkout',
    ]);
    expect(rankByMatch(items, 'nothing like it')).toEqual([]);
  });
});
