export interface CounterSnapshot {
  total: number;
  /** Keyed by method and route template, e.g. 'GET /rest/api/3/issue/{issueIdOrKey}'. */
  byRoute: Record<string, number>;
}

/** Counts calls per route template, so tests can assert how many requests a feature costs. */
export class RequestCounters {
  private totalCalls = 0;
  private byRoute = new Map<string, number>();

  record(route: string): void {
    this.totalCalls++;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }

  get total(): number {
    return this.totalCalls;
  }

  count(route: string): number {
    return this.byRoute.get(route) ?? 0;
  }

  reset(): void {
    this.totalCalls = 0;
    this.byRoute.clear();
  }

  snapshot(): CounterSnapshot {
    return { total: this.totalCalls, byRoute: Object.fromEntries(this.byRoute) };
  }
}
