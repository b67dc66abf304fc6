/** The data held by one app installation: plain keys, secrets and one table per custom entity, all separate. */

export interface StoredRecord {
  value: unknown;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  expireAt?: number;
}

export type Namespace = { kind: 'kvs' } | { kind: 'secret' } | { kind: 'entity'; entityName: string };

export const KVS_NAMESPACE: Namespace = { kind: 'kvs' };
export const SECRET_NAMESPACE: Namespace = { kind: 'secret' };
export const entityNamespace = (entityName: string): Namespace => ({ kind: 'entity', entityName });

export interface SnapshotEntry {
  key: string;
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expireAt?: number;
}

export interface StoreSnapshot {
  kvs: SnapshotEntry[];
  secrets: SnapshotEntry[];
  entities: Record<string, SnapshotEntry[]>;
}

export class Store {
  private readonly kvs = new Map<string, StoredRecord>();
  private readonly secrets = new Map<string, StoredRecord>();
  private readonly entities = new Map<string, Map<string, StoredRecord>>();

  /** `changed` hears every record written or removed (undefined), e.g. to keep an index current. */
  constructor(
    private readonly now: () => number,
    private readonly changed: (
      namespace: Namespace,
      key: string,
      record: StoredRecord | undefined,
    ) => void = () => {},
  ) {}

  /** The live record, or undefined. An expired record is gone for every reader, so it is dropped on sight. */
  read(namespace: Namespace, key: string): StoredRecord | undefined {
    const table = this.table(namespace);
    const record = table.get(key);
    if (record === undefined) return undefined;
    if (this.expired(record)) {
      table.delete(key);
      this.changed(namespace, key, undefined);
      return undefined;
    }
    return record;
  }

  write(namespace: Namespace, key: string, record: StoredRecord): void {
    this.table(namespace).set(key, record);
    this.changed(namespace, key, record);
  }

  /** True when a live record was removed. */
  remove(namespace: Namespace, key: string): boolean {
    const existed = this.read(namespace, key) !== undefined;
    this.table(namespace).delete(key);
    if (existed) this.changed(namespace, key, undefined);
    return existed;
  }

  /** Every live record of a namespace, in no particular order. */
  entries(namespace: Namespace): Array<[string, StoredRecord]> {
    const table = this.table(namespace);
    const live: Array<[string, StoredRecord]> = [];
    for (const [key, record] of table) {
      if (this.expired(record)) {
        table.delete(key);
        this.changed(namespace, key, undefined);
      } else live.push([key, record]);
    }
    return live;
  }

  snapshot(): StoreSnapshot {
    const entities: Record<string, SnapshotEntry[]> = {};
    for (const name of [...this.entities.keys()].sort()) {
      const entries = this.snapshotOf({ kind: 'entity', entityName: name });
      if (entries.length > 0) entities[name] = entries;
    }
    return { kvs: this.snapshotOf(KVS_NAMESPACE), secrets: this.snapshotOf(SECRET_NAMESPACE), entities };
  }

  load(snapshot: StoreSnapshot): void {
    const fill = (namespace: Namespace, entries: SnapshotEntry[]) => {
      for (const { key, ...record } of entries) this.write(namespace, key, record);
    };
    fill(KVS_NAMESPACE, snapshot.kvs);
    fill(SECRET_NAMESPACE, snapshot.secrets);
    for (const [entityName, entries] of Object.entries(snapshot.entities)) {
      fill({ kind: 'entity', entityName }, entries);
    }
  }

  private snapshotOf(namespace: Namespace): SnapshotEntry[] {
    return this.entries(namespace)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, record]) => ({ key, ...record }));
  }

  private expired(record: StoredRecord): boolean {
    return record.expireAt !== undefined && record.expireAt <= this.now();
  }

  private table(namespace: Namespace): Map<string, StoredRecord> {
    if (namespace.kind === 'kvs') return this.kvs;
    if (namespace.kind === 'secret') return this.secrets;
    let table = this.entities.get(namespace.entityName);
    if (table === undefined) {
      table = new Map();
      this.entities.set(namespace.entityName, table);
    }
    return table;
  }
}
