/**
 * The tenant's records, per object. Values are kept in their natural types (numbers, epoch ms,
 * employee id lists); `query.ts` encodes them for the wire. Every change stamps
 * `last_modified_time` from the simulator clock, which is what incremental polling reads
 * (fxiaoke.md §2 "Incremental sync").
 */
import { OBJECTS } from './schema.ts';

export interface FxRecord {
  _id: string;
  [field: string]: unknown;
}

export class RecordStore {
  private readonly tables = new Map<string, Map<string, FxRecord>>();
  private readonly sorted = new Map<string, FxRecord[]>();
  private nextId: number;

  constructor(firstNewId = 1) {
    this.nextId = firstNewId;
    for (const name of Object.keys(OBJECTS)) this.tables.set(name, new Map());
  }

  has(object: string): boolean {
    return this.tables.has(object);
  }

  load(object: string, records: readonly FxRecord[]): void {
    const t = this.table(object);
    for (const r of records) t.set(r._id, r);
    this.sorted.delete(object);
  }

  get(object: string, id: string): FxRecord | undefined {
    return this.tables.get(object)?.get(id);
  }

  /** Every record of the object, in `_id` order (a fresh array the caller may reorder). */
  all(object: string): FxRecord[] {
    let list = this.sorted.get(object);
    if (!list) {
      list = [...this.table(object).values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
      this.sorted.set(object, list);
    }
    return [...list];
  }

  count(object: string): number {
    return this.table(object).size;
  }

  /** Ids of records created at run time: `6f` + a counter, so they sort after the seeded ones (whose ids start `64`). */
  newId(): string {
    const id = `6f${this.nextId.toString(16).padStart(22, '0')}`;
    this.nextId += 1;
    return id;
  }

  insert(object: string, values: Record<string, unknown>, at: number, by: string): FxRecord {
    const record: FxRecord = {
      owner: [by],
      record_type: 'default__c',
      life_status: 'normal',
      lock_status: '0',
      is_deleted: false,
      version: 1,
      ...values,
      _id: this.newId(),
      object_describe_api_name: object,
      created_by: [by],
      last_modified_by: [by],
      create_time: at,
      last_modified_time: at,
    };
    this.table(object).set(record._id, record);
    this.sorted.delete(object);
    return record;
  }

  update(object: string, id: string, values: Record<string, unknown>, at: number, by: string): FxRecord {
    const record = this.get(object, id);
    if (!record) throw new Error(`no ${object} record ${id}`);
    for (const [k, v] of Object.entries(values)) {
      if (k === '_id') continue;
      if (v === null || v === undefined) delete record[k];
      else record[k] = v;
    }
    record.last_modified_time = at;
    record.last_modified_by = [by];
    record.version = Number(record.version ?? 1) + 1;
    return record;
  }

  private table(object: string): Map<string, FxRecord> {
    let t = this.tables.get(object);
    if (!t) {
      t = new Map();
      this.tables.set(object, t);
    }
    return t;
  }
}
