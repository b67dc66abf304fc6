export interface KvsCounterSnapshot {
  /** Requests handled, whatever their outcome. */
  total: number;
  /** Requests per operation (`get`, `entity/query`, `batch/set`, `transaction`, ...). */
  byOperation: Record<string, number>;
  /** Keys touched per operation: 1 per single request, the item count of each batch or transaction. */
  itemsByOperation: Record<string, number>;
  /** Error answers per error code. */
  errorsByCode: Record<string, number>;
}

/**
 * Storage calls are what Forge bills and rate-limits (a batch or a transaction counts as one request), so tests and
 * benchmarks read these to assert how many round trips a feature costs.
 */
export class KvsCounters {
  private state: KvsCounterSnapshot = emptyState();

  get total(): number {
    return this.state.total;
  }

  get byOperation(): Readonly<Record<string, number>> {
    return this.state.byOperation;
  }

  get itemsByOperation(): Readonly<Record<string, number>> {
    return this.state.itemsByOperation;
  }

  get errorsByCode(): Readonly<Record<string, number>> {
    return this.state.errorsByCode;
  }

  record(operation: string, items: number, errorCode?: string): void {
    const { byOperation, itemsByOperation, errorsByCode } = this.state;
    this.state.total += 1;
    byOperation[operation] = (byOperation[operation] ?? 0) + 1;
    itemsByOperation[operation] = (itemsByOperation[operation] ?? 0) + items;
    if (errorCode !== undefined) errorsByCode[errorCode] = (errorsByCode[errorCode] ?? 0) + 1;
  }

  reset(): void {
    this.state = emptyState();
  }

  snapshot(): KvsCounterSnapshot {
    return {
      total: this.state.total,
      byOperation: { ...this.state.byOperation },
      itemsByOperation: { ...this.state.itemsByOperation },
      errorsByCode: { ...this.state.errorsByCode },
    };
  }
}

function emptyState(): KvsCounterSnapshot {
  return { total: 0, byOperation: {}, itemsByOperation: {}, errorsByCode: {} };
}
