import { describe, expect, it } from 'vitest';
import { measure } from '../../scripts/size';
import { UI_APPS } from '../../scripts/ui-apps';

// Sizes of a given build are deterministic, so a budget is a fair test. `npm test` builds first if stale.
describe('Custom UI bundle budgets (entry script, gzip)', () => {
  for (const app of UI_APPS) {
    it(`${app} stays within its budget`, () => {
      const size = measure(app);
      expect(size.entryGzip).toBeGreaterThan(10_000);
      expect(size.entryGzip, `${app}: ${size.entryGzip} B gzip > ${size.budgetGzip} B`).toBeLessThanOrEqual(
        size.budgetGzip,
      );
    });
  }
});
