/**
 * The org's records, per module, and the change feed that drives watch notifications.
 * Every mutation (API writes and `control.mutate`) goes through here, so notifications fire
 * the same way whichever side changed the data.
 */
import { MODULES } from './schema.ts';
import { zohoDateTime } from './time.ts';

export interface ZohoRecord {
  id: string;
  [field: string]: unknown;
}

export interface UserRef {
  id: string;
  name: string;
  email: string;
}

export type ChangeOp = 'insert' | 'update' | 'delete';

export interface ChangeEvent {
  module: string;
  op: ChangeOp;
  ids: string[];
  /** For updates: the fields each record's change touched. */
  affectedFields: Record<string, string[]>;
  /** The new values of those fields (for `return_affected_field_values`). */
  affectedValues: Record<string, Record<string, unknown>>;
  at: number;
}

export class RecordStore {
  private readonly byModule = new Map<string, Map<string, ZohoRecord>>();
  private readonly listeners: ((e: ChangeEvent) => void)[] = [];
  private nextId: bigint;

  constructor(firstNewId: bigint) {
    this.nextId = firstNewId;
    for (const name of Object.keys(MODULES)) this.byModule.set(name, new Map());
  }

  onChange(listener: (e: ChangeEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Load seeded records without firing notifications. */
  load(module: string, records: readonly ZohoRecord[]): void {
    const m = this.table(module);
    for (const r of records) m.set(r.id, r);
  }

  clear(): void {
    for (const m of this.byModule.values()) m.clear();
  }

  get(module: string, id: string): ZohoRecord | undefined {
    return this.byModule.get(module)?.get(id);
  }

  all(module: string): ZohoRecord[] {
    return [...this.table(module).values()];
  }

  count(module: string): number {
    return this.table(module).size;
  }

  newId(): string {
    const id = this.nextId;
    this.nextId += 1n;
    return id.toString();
  }

  insert(module: string, values: Record<string, unknown>, at: number, by: UserRef, emit = true): ZohoRecord {
    const stamp = zohoDateTime(at);
    const user = { name: by.name, id: by.id, email: by.email };
    const record: ZohoRecord = {
      Owner: user,
      ...values,
      id: typeof values.id === 'string' ? values.id : this.newId(),
      Created_Time: stamp,
      Modified_Time: stamp,
      Created_By: user,
      Modified_By: user,
      Record_Status__s: 'Available',
      Locked__s: false,
    };
    this.table(module).set(record.id, record);
    if (emit) this.emit({ module, op: 'insert', ids: [record.id], affectedFields: {}, affectedValues: {}, at });
    return record;
  }

  /** Apply `values` to one record; returns the record and the fields whose value changed. */
  update(module: string, id: string, values: Record<string, unknown>, at: number, by: UserRef): { record: ZohoRecord; changed: string[] } {
    const record = this.table(module).get(id);
    if (!record) throw new Error(`no ${module} record ${id}`);
    const changed: string[] = [];
    for (const [k, v] of Object.entries(values)) {
      if (k === 'id') continue;
      if (JSON.stringify(record[k] ?? null) !== JSON.stringify(v ?? null)) changed.push(k);
      record[k] = v;
    }
    record.Modified_Time = zohoDateTime(at);
    record.Modified_By = { name: by.name, id: by.id, email: by.email };
    return { record, changed };
  }

  delete(module: string, id: string): boolean {
    return this.table(module).delete(id);
  }

  emit(event: ChangeEvent): void {
    for (const l of this.listeners) l(event);
  }

  private table(module: string): Map<string, ZohoRecord> {
    let m = this.byModule.get(module);
    if (!m) {
      m = new Map();
      this.byModule.set(module, m);
    }
    return m;
  }
}
