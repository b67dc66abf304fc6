import type { RollupMethod } from '@contract/limits';

/** The unit delivery is measured in, as people say it: what "12 of 30 … done" counts. */
export const DELIVERY_UNIT: Record<RollupMethod, { one: string; many: string }> = {
  count: { one: 'ticket', many: 'tickets' },
  points: { one: 'story point', many: 'story points' },
  weights: { one: 'weighted unit', many: 'weighted units' },
};

/** Story points and weights can be fractional; tickets never are. Two decimals at most. */
export const amount = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

/** "7 of 30 tickets", "21.5 of 55 story points". */
export function deliveryAmount(f: {
  method: RollupMethod;
  deliveryDone: number;
  deliveryTotal: number;
}): string {
  const unit = DELIVERY_UNIT[f.method];
  return `${amount(f.deliveryDone)} of ${amount(f.deliveryTotal)} ${f.deliveryTotal === 1 ? unit.one : unit.many}`;
}
