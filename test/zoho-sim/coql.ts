/**
 * COQL: `POST /crm/v8/coql` with `{"select_query": "...", "include_meta": ["fields"]}`.
 *
 * A real tokenizer, parser and evaluator for the subset TierLens needs. Sources:
 * - OAS `coql/operations/executeCOQLQuery/operation.md` and `coql/mds/examples/executeCOQLQuery.md`
 *   (request and response bodies, every error example: SYNTAX_ERROR, INVALID_QUERY, LIMIT_EXCEEDED,
 *   INVALID_ALIAS, DUPLICATE_ALIAS, DUPLICATE_DATA, MANDATORY_NOT_FOUND, INVALID_DATA, INVALID_MODULE).
 * - DOCS `v8/COQL-Limitations.html` and `COQL-Overview.html` via zoho.md §3: LIMIT <= 2000 (default
 *   200), OFFSET from 0, LIMIT + OFFSET <= 100,000; <= 50 select columns, <= 25 criteria, <= 10 ORDER
 *   BY fields, <= 4 GROUP BY fields, <= 5 aggregate fields; `in`/`not in` up to 50 values;
 *   operators = != > < >= <= between, in, not in, like, not like, is null, is not null; aggregates
 *   SUM MAX MIN AVG COUNT with GROUP BY; `id` is always returned (Kaizen #81); 204 when no match.
 * - Kaizen #171 (COQL FAQs): more than two criteria must be paired with parentheses, `((A and B)
 *   and C)`; reserved words as column names go in single or double quotes; `limit <offset>, <count>`
 *   is accepted (a third-party guide; also `limit n offset m`).
 * - Kaizen #81: booleans support only `=`; joins through lookups (`Account_Name.Industry`,
 *   `'What_Id->Accounts.Account_Name'`); default order is ascending record id.
 *
 * Guessed (not in any source found): lookup fields in COQL rows come back as `{"id": ...}` only;
 * aggregate columns are keyed by their alias or the expression text, `SUM(Amount)`; a WHERE clause is
 * required (the OAS example `{"clause":"where"}, "missing clause"` suggests it, older versions did);
 * the exact `details` of LIMIT_EXCEEDED and of unknown-column errors.
 */
import { type ApiError, apiError } from './errors.ts';
import { coqlCredits } from './limits.ts';
import { type FieldDef, findModule, MODULES, type ModuleDef, PICKLIST_ACTUAL_VALUES } from './schema.ts';
import type { RecordStore, ZohoRecord } from './store.ts';
import { parseZohoTime } from './time.ts';

export const COQL_MAX_LIMIT = 2000;
export const COQL_DEFAULT_LIMIT = 200;
export const COQL_MAX_ROWS = 100_000;
const MAX_SELECT_COLUMNS = 50;
const MAX_CRITERIA = 25;
const MAX_ORDER_BY = 10;
const MAX_GROUP_BY = 4;
const MAX_AGGREGATES = 5;
const MAX_IN_VALUES = 50;
const AGGREGATES = ['SUM', 'MAX', 'MIN', 'AVG', 'COUNT'] as const;
type Aggregate = (typeof AGGREGATES)[number];

export class CoqlError extends Error {
  readonly error: ApiError;
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(`${code}: ${message}`);
    this.error = apiError(400, code, message, details);
  }
}

const syntaxNear = (near: string) => new CoqlError('SYNTAX_ERROR', 'error occured while parsing the query', { near });

// ---------------------------------------------------------------- tokens

type TokenKind = 'ident' | 'string' | 'number' | 'op' | 'punct' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  /** Unquoted string value / identifier text. */
  value: string;
  column: number;
}

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= q.length) throw syntaxNear(q.slice(start, start + 20));
        const ch = q[i] as string;
        if (ch === '\\' && i + 1 < q.length) {
          value += q[i + 1];
          i += 2;
        } else if (ch === c && q[i + 1] === c) {
          value += c;
          i += 2;
        } else if (ch === c) {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      out.push({ kind: 'string', text: q.slice(start, i), value, column: start + 1 });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(q[i + 1] ?? ''))) {
      i++;
      while (i < q.length && /[0-9.]/.test(q[i] as string)) i++;
      out.push({ kind: 'number', text: q.slice(start, i), value: q.slice(start, i), column: start + 1 });
      continue;
    }
    if (/[A-Za-z_$]/.test(c) || (c === '!' && /[A-Za-z]/.test(q[i + 1] ?? ''))) {
      i++;
      for (;;) {
        if (i < q.length && /[A-Za-z0-9_$]/.test(q[i] as string)) i++;
        else if (q[i] === '.' && /[A-Za-z_$]/.test(q[i + 1] ?? '')) i++;
        else if (q[i] === '-' && q[i + 1] === '>') i += 2;
        else break;
      }
      const text = q.slice(start, i);
      out.push({ kind: 'ident', text, value: text, column: start + 1 });
      continue;
    }
    const two = q.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=' || two === '<>') {
      out.push({ kind: 'op', text: two, value: two, column: start + 1 });
      i += 2;
      continue;
    }
    if (c === '=' || c === '<' || c === '>') {
      out.push({ kind: 'op', text: c, value: c, column: start + 1 });
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === '*') {
      out.push({ kind: 'punct', text: c, value: c, column: start + 1 });
      i++;
      continue;
    }
    throw syntaxNear(c);
  }
  out.push({ kind: 'end', text: '', value: '', column: q.length + 1 });
  return out;
}

// ---------------------------------------------------------------- AST

export type Literal = string | number | boolean;

export interface FieldColumn {
  kind: 'field';
  path: string;
  alias?: string;
}
export interface AggregateColumn {
  kind: 'aggregate';
  fn: Aggregate;
  path: string;
  alias?: string;
}
export type Column = FieldColumn | AggregateColumn;

export type Condition =
  | { kind: 'and'; left: Condition; right: Condition }
  | { kind: 'or'; left: Condition; right: Condition }
  | { kind: 'compare'; path: string; op: '=' | '!=' | '<' | '>' | '<=' | '>='; value: Literal }
  | { kind: 'in'; path: string; not: boolean; values: Literal[] }
  | { kind: 'between'; path: string; not: boolean; low: Literal; high: Literal }
  | { kind: 'null'; path: string; not: boolean }
  | { kind: 'like'; path: string; not: boolean; pattern: string };

export interface OrderItem {
  key: string;
  desc: boolean;
}

export interface Query {
  columns: Column[];
  module: string;
  where?: Condition;
  groupBy: string[];
  orderBy: OrderItem[];
  limit: number;
  offset: number;
  limitGiven: boolean;
}

/** The key a column gets in a result row. */
export function columnKey(c: Column): string {
  return c.alias ?? (c.kind === 'aggregate' ? `${c.fn}(${c.path})` : c.path);
}

// ---------------------------------------------------------------- parser

const KEYWORDS = new Set([
  'select',
  'from',
  'where',
  'and',
  'or',
  'not',
  'in',
  'between',
  'is',
  'null',
  'like',
  'order',
  'group',
  'by',
  'asc',
  'desc',
  'limit',
  'offset',
  'as',
]);

class Parser {
  private pos = 0;
  private readonly tokens: Token[];
  criteria = 0;
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }
  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }
  take(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.pos++;
    return t;
  }
  isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.value.toLowerCase() === word;
  }
  expectKeyword(word: string): void {
    if (!this.isKeyword(word)) throw syntaxNear(this.peek().text || word);
    this.take();
  }
  expectPunct(p: string): void {
    const t = this.take();
    if (t.kind !== 'punct' || t.value !== p) throw syntaxNear(t.text || p);
  }

  query(): Query {
    if (!this.isKeyword('select')) {
      const first = this.peek();
      if (first.kind === 'end') throw new CoqlError('SYNTAX_ERROR', 'given coql query not supported');
      throw syntaxNear(first.text);
    }
    this.take();
    const columns: Column[] = [];
    do {
      columns.push(this.column());
    } while (this.peek().kind === 'punct' && this.peek().value === ',' && this.take());
    this.expectKeyword('from');
    const moduleToken = this.take();
    if (moduleToken.kind !== 'ident' || KEYWORDS.has(moduleToken.value.toLowerCase())) throw syntaxNear(moduleToken.text || 'from');
    const q: Query = {
      columns,
      module: moduleToken.value,
      groupBy: [],
      orderBy: [],
      limit: COQL_DEFAULT_LIMIT,
      offset: 0,
      limitGiven: false,
    };
    if (!this.isKeyword('where')) {
      if (this.peek().kind === 'end' || this.isKeyword('group') || this.isKeyword('order') || this.isKeyword('limit')) {
        throw new CoqlError('SYNTAX_ERROR', 'missing clause', { clause: 'where' });
      }
      throw syntaxNear(this.peek().text);
    }
    this.take();
    q.where = this.condition();
    if (this.criteria > MAX_CRITERIA) throw new CoqlError('LIMIT_EXCEEDED', 'limit exceeded', { clause: 'where', limit: MAX_CRITERIA });
    if (this.isKeyword('group')) {
      this.take();
      this.expectKeyword('by');
      do {
        q.groupBy.push(this.fieldName());
      } while (this.peek().kind === 'punct' && this.peek().value === ',' && this.take());
      if (q.groupBy.length > MAX_GROUP_BY)
        throw new CoqlError('LIMIT_EXCEEDED', 'limit exceeded', { clause: 'group by', limit: MAX_GROUP_BY });
    }
    if (this.isKeyword('order')) {
      this.take();
      this.expectKeyword('by');
      do {
        const key = this.orderKey();
        let desc = false;
        if (this.isKeyword('asc')) this.take();
        else if (this.isKeyword('desc')) {
          this.take();
          desc = true;
        }
        q.orderBy.push({ key, desc });
      } while (this.peek().kind === 'punct' && this.peek().value === ',' && this.take());
      if (q.orderBy.length > MAX_ORDER_BY)
        throw new CoqlError('LIMIT_EXCEEDED', 'limit exceeded', { clause: 'order by', limit: MAX_ORDER_BY });
    }
    if (this.isKeyword('limit')) {
      this.take();
      const first = this.take();
      const firstN = this.integer(first, 'limit');
      if (this.peek().kind === 'punct' && this.peek().value === ',') {
        // `limit <offset>, <count>`
        this.take();
        const second = this.take();
        q.offset = this.checkOffset(firstN, first);
        q.limit = this.integer(second, 'limit');
      } else {
        q.limit = firstN;
      }
      q.limitGiven = true;
      if (q.limit <= 0) throw new CoqlError('INVALID_DATA', 'limit should be greater than 0');
      if (q.limit > COQL_MAX_LIMIT) throw new CoqlError('LIMIT_EXCEEDED', 'limit exceeded', { clause: 'limit', limit: COQL_MAX_LIMIT });
    }
    if (this.isKeyword('offset')) {
      this.take();
      const t = this.take();
      q.offset = this.checkOffset(this.integer(t, 'offset'), t);
    }
    if (this.peek().kind !== 'end') throw syntaxNear(this.peek().text);
    if (q.offset + q.limit > COQL_MAX_ROWS)
      throw new CoqlError('LIMIT_EXCEEDED', 'limit exceeded', { clause: 'offset', limit: COQL_MAX_ROWS });
    return q;
  }

  private integer(t: Token, what: 'limit' | 'offset'): number {
    if (t.kind !== 'number' || !/^-?\d+$/.test(t.value)) {
      // OAS InvalidQueryInvalidLimit: {"limit":"s"}, "limit given seems to be invalid"
      throw new CoqlError('INVALID_QUERY', `${what} given seems to be invalid`, { [what]: t.text });
    }
    return Number(t.value);
  }

  private checkOffset(n: number, t: Token): number {
    if (n < 0) throw new CoqlError('INVALID_QUERY', 'offset given seems to be invalid', { offset: t.text });
    return n;
  }

  private column(): Column {
    const t = this.peek();
    if (t.kind === 'punct' && t.value === '*') throw new CoqlError('SYNTAX_ERROR', 'given coql query not supported', { near: '*' });
    let col: Column;
    if (t.kind === 'ident' && this.peek(1).kind === 'punct' && this.peek(1).value === '(') {
      this.take();
      this.take();
      const inner = this.peek();
      let path: string;
      if (inner.kind === 'ident' || inner.kind === 'string') path = this.take().value;
      else if (inner.kind === 'punct' && inner.value === '*') {
        this.take();
        path = '*';
      } else throw syntaxNear(inner.text);
      this.expectPunct(')');
      const fn = t.value.toUpperCase();
      if (!AGGREGATES.includes(fn as Aggregate)) {
        // OAS InvalidDataUnsupportedFunction
        throw new CoqlError('INVALID_DATA', 'invalid data', { reason: 'unsupported aggregate function', column: `${t.value}(${path})` });
      }
      col = { kind: 'aggregate', fn: fn as Aggregate, path: path === '*' ? 'id' : path };
    } else {
      col = { kind: 'field', path: this.fieldName() };
    }
    if (this.isKeyword('as')) {
      this.take();
      const a = this.take();
      if (a.kind !== 'ident' && a.kind !== 'string') throw syntaxNear(a.text || 'as');
      col.alias = a.value;
    } else if (this.peek().kind === 'ident' && !KEYWORDS.has(this.peek().value.toLowerCase())) {
      col.alias = this.take().value;
    }
    return col;
  }

  private fieldName(): string {
    const t = this.take();
    if (t.kind === 'string') return t.value;
    if (t.kind !== 'ident' || KEYWORDS.has(t.value.toLowerCase())) throw syntaxNear(t.text);
    return t.value;
  }

  private orderKey(): string {
    const t = this.peek();
    if (t.kind === 'ident' && this.peek(1).kind === 'punct' && this.peek(1).value === '(') {
      this.take();
      this.take();
      const inner = this.take();
      this.expectPunct(')');
      return `${t.value.toUpperCase()}(${inner.value === '*' ? 'id' : inner.value})`;
    }
    return this.fieldName();
  }

  /** A condition joins at most two operands; a third needs parentheses (Kaizen #171). */
  private condition(): Condition {
    const left = this.operand();
    if (!this.isKeyword('and') && !this.isKeyword('or')) return left;
    const kind = this.take().value.toLowerCase() as 'and' | 'or';
    const right = this.operand();
    if (this.isKeyword('and') || this.isKeyword('or')) throw syntaxNear(this.peek().text);
    return { kind, left, right };
  }

  private operand(): Condition {
    const t = this.peek();
    if (t.kind === 'punct' && t.value === '(') {
      this.take();
      const c = this.condition();
      this.expectPunct(')');
      return c;
    }
    if (this.isKeyword('not')) throw new CoqlError('SYNTAX_ERROR', 'operator not supported', { operator: 'not' });
    return this.predicate();
  }

  private literal(): Literal {
    const t = this.take();
    if (t.kind === 'string') return t.value;
    if (t.kind === 'number') return Number(t.value);
    if (t.kind === 'ident' && (t.value.toLowerCase() === 'true' || t.value.toLowerCase() === 'false'))
      return t.value.toLowerCase() === 'true';
    if (t.kind === 'ident' && t.value.toLowerCase() === 'select') throw new CoqlError('SYNTAX_ERROR', 'given coql query not supported');
    throw syntaxNear(t.text);
  }

  private predicate(): Condition {
    const path = this.fieldName();
    this.criteria += 1;
    const t = this.peek();
    if (t.kind === 'op') {
      this.take();
      if (t.value === '<>') throw new CoqlError('SYNTAX_ERROR', 'operator not supported', { operator: '<>' });
      return { kind: 'compare', path, op: t.value as '=' | '!=' | '<' | '>' | '<=' | '>=', value: this.literal() };
    }
    let not = false;
    if (this.isKeyword('not')) {
      this.take();
      not = true;
      if (!this.isKeyword('in') && !this.isKeyword('like') && !this.isKeyword('between')) {
        throw new CoqlError('SYNTAX_ERROR', 'operator not supported', { operator: 'not' });
      }
    }
    if (this.isKeyword('in')) {
      this.take();
      this.expectPunct('(');
      if (this.isKeyword('select')) throw new CoqlError('SYNTAX_ERROR', 'given coql query not supported');
      const values: Literal[] = [];
      do {
        values.push(this.literal());
      } while (this.peek().kind === 'punct' && this.peek().value === ',' && this.take());
      this.expectPunct(')');
      if (values.length > MAX_IN_VALUES) {
        throw new CoqlError('LIMIT_EXCEEDED', 'limit exceeded', {
          column_name: path,
          operator: not ? 'not in' : 'in',
          limit: MAX_IN_VALUES,
        });
      }
      return { kind: 'in', path, not, values };
    }
    if (this.isKeyword('between')) {
      this.take();
      const low = this.literal();
      this.expectKeyword('and');
      const high = this.literal();
      return { kind: 'between', path, not, low, high };
    }
    if (this.isKeyword('like')) {
      this.take();
      const p = this.take();
      if (p.kind !== 'string') throw syntaxNear(p.text);
      return { kind: 'like', path, not, pattern: p.value };
    }
    if (!not && this.isKeyword('is')) {
      this.take();
      let isNot = false;
      if (this.isKeyword('not')) {
        this.take();
        isNot = true;
      }
      this.expectKeyword('null');
      return { kind: 'null', path, not: isNot };
    }
    throw syntaxNear(t.text);
  }
}

export function parseCoql(text: string): Query {
  return new Parser(tokenize(text)).query();
}

// ---------------------------------------------------------------- field resolution

interface Resolved {
  /** Canonical path. */
  path: string;
  def: FieldDef;
  get: (r: ZohoRecord) => unknown;
}

const USER_FIELDS: Record<string, FieldDef> = {
  id: { type: 'id', label: 'Id' },
  name: { type: 'text', label: 'Name' },
  full_name: { type: 'text', label: 'Full Name' },
  email: { type: 'email', label: 'Email' },
};

function lookupId(v: unknown): string | undefined {
  if (v && typeof v === 'object' && 'id' in v && typeof (v as { id: unknown }).id === 'string') return (v as { id: string }).id;
  return undefined;
}

function fieldIn(module: ModuleDef, name: string): [string, FieldDef] | undefined {
  const exact = module.fields[name];
  if (exact) return [name, exact];
  const lower = name.toLowerCase();
  const found = Object.entries(module.fields).find(([k]) => k.toLowerCase() === lower);
  return found;
}

function resolve(module: ModuleDef, raw: string, store: RecordStore, clause: string): Resolved {
  const fail = () => new CoqlError('INVALID_QUERY', 'invalid column given', { column_name: raw, clause });
  // 'What_Id->Accounts.Account_Name': a polymorphic lookup with the target module named.
  const arrow = /^([A-Za-z0-9_$]+)->([A-Za-z0-9_]+)\.([A-Za-z0-9_$]+)$/.exec(raw);
  const dot = /^([A-Za-z0-9_$]+)\.([A-Za-z0-9_$]+)$/.exec(raw);
  if (arrow || dot) {
    const [lookupName, targetName, sub] = arrow ? [arrow[1], arrow[2], arrow[3]] : [dot?.[1], undefined, dot?.[2]];
    const lf = fieldIn(module, lookupName ?? '');
    if (!lf || !sub) throw fail();
    const [lookupApi, lookupDef] = lf;
    if (lookupDef.type === 'ownerlookup' || lookupDef.type === 'userlookup') {
      const uf = Object.entries(USER_FIELDS).find(([k]) => k === sub.toLowerCase());
      if (!uf) throw fail();
      return {
        path: `${lookupApi}.${uf[0]}`,
        def: uf[1],
        get: (r) => {
          const u = r[lookupApi] as { id?: string; name?: string; email?: string } | null | undefined;
          if (!u) return null;
          return uf[0] === 'id' ? u.id : uf[0] === 'email' ? u.email : u.name;
        },
      };
    }
    if (lookupDef.type !== 'lookup' || !lookupDef.lookup) throw fail();
    const target = findModule(targetName ?? lookupDef.lookup);
    if (!target) throw fail();
    const sf = fieldIn(target, sub);
    if (!sf) throw fail();
    const [subApi, subDef] = sf;
    const path = arrow ? `${lookupApi}->${target.apiName}.${subApi}` : `${lookupApi}.${subApi}`;
    return {
      path,
      def: subDef,
      get: (r) => {
        const id = lookupId(r[lookupApi]);
        if (!id) return null;
        if (lookupApi === 'What_Id' && r.$se_module !== target.apiName) return null;
        if (subApi === 'id') return id;
        return store.get(target.apiName, id)?.[subApi] ?? null;
      },
    };
  }
  const f = fieldIn(module, raw);
  if (!f) throw fail();
  const [api, def] = f;
  return { path: api, def, get: (r) => r[api] ?? null };
}

const TEXTUAL = new Set(['text', 'textarea', 'email', 'phone', 'website', 'picklist', 'autonumber']);
const NUMERIC = new Set(['integer', 'double', 'currency', 'bigint']);
const TEMPORAL = new Set(['date', 'datetime']);
const REFERENCE = new Set(['lookup', 'ownerlookup', 'userlookup', 'id']);

function allowedOperators(def: FieldDef): Set<string> {
  if (def.type === 'boolean') return new Set(['=']);
  if (TEXTUAL.has(def.type)) return new Set(['=', '!=', 'in', 'not in', 'like', 'not like', 'is null', 'is not null']);
  if (NUMERIC.has(def.type) || TEMPORAL.has(def.type) || def.type === 'id') {
    return new Set(['=', '!=', '<', '>', '<=', '>=', 'between', 'not between', 'in', 'not in', 'is null', 'is not null']);
  }
  if (REFERENCE.has(def.type)) return new Set(['=', '!=', 'in', 'not in', 'is null', 'is not null']);
  return new Set();
}

function operatorOf(c: Exclude<Condition, { kind: 'and' } | { kind: 'or' }>): string {
  switch (c.kind) {
    case 'compare':
      return c.op;
    case 'in':
      return c.not ? 'not in' : 'in';
    case 'between':
      return c.not ? 'not between' : 'between';
    case 'like':
      return c.not ? 'not like' : 'like';
    case 'null':
      return c.not ? 'is not null' : 'is null';
  }
}

// ---------------------------------------------------------------- evaluation

type Comparable = number | string | boolean;

/** The value of a record field in comparable form (lookups compare by id; text case-insensitively). */
function comparable(def: FieldDef, v: unknown): Comparable | null {
  if (v === null || v === undefined || v === '') return null;
  if (REFERENCE.has(def.type)) return def.type === 'id' ? String(v) : (lookupId(v) ?? (typeof v === 'string' ? v : null));
  if (NUMERIC.has(def.type)) return typeof v === 'number' ? v : Number(v);
  if (def.type === 'datetime') return typeof v === 'string' ? parseZohoTime(v) : null;
  if (def.type === 'date') return typeof v === 'string' ? v : null;
  if (def.type === 'boolean') return v === true;
  if (typeof v === 'string') return (PICKLIST_ACTUAL_VALUES[v] ?? v).toLowerCase();
  return null;
}

function literalFor(def: FieldDef, lit: Literal, path: string): Comparable {
  const bad = () => new CoqlError('INVALID_QUERY', 'invalid value given for the column', { column_name: path, value: String(lit) });
  if (def.type === 'id') return String(lit);
  if (REFERENCE.has(def.type)) return String(lit);
  if (NUMERIC.has(def.type)) {
    const n = typeof lit === 'number' ? lit : Number(lit);
    if (typeof lit === 'boolean' || !Number.isFinite(n)) throw bad();
    return n;
  }
  if (def.type === 'datetime') {
    const ms = typeof lit === 'string' ? parseZohoTime(lit) : Number.NaN;
    if (Number.isNaN(ms) || /^\d{4}-\d{2}-\d{2}$/.test(String(lit))) throw bad();
    return ms;
  }
  if (def.type === 'date') {
    if (typeof lit !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(lit)) throw bad();
    return lit;
  }
  if (def.type === 'boolean') {
    if (lit === true || lit === 'true') return true;
    if (lit === false || lit === 'false') return false;
    throw bad();
  }
  const s = String(lit);
  return (PICKLIST_ACTUAL_VALUES[s] ?? s).toLowerCase();
}

function compareValues(a: Comparable, b: Comparable): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string' && /^\d{15,}$/.test(a) && /^\d{15,}$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function likeToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/_/g, '.'))
    .join('.*');
  return new RegExp(`^${body}$`, 'is');
}

type Predicate = (r: ZohoRecord) => boolean;

function compile(c: Condition, module: ModuleDef, store: RecordStore): Predicate {
  if (c.kind === 'and' || c.kind === 'or') {
    const l = compile(c.left, module, store);
    const r = compile(c.right, module, store);
    return c.kind === 'and' ? (rec) => l(rec) && r(rec) : (rec) => l(rec) || r(rec);
  }
  const f = resolve(module, c.path, store, 'where');
  const op = operatorOf(c);
  if (f.def.type === 'multiselect' || f.def.type === 'tag') {
    // OAS InvalidQueryUnsupportedCriteria
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Zoho's literal placeholder text, not a template
    const value = c.kind === 'compare' ? String(c.value) : '${EMPTY}';
    throw new CoqlError('INVALID_QUERY', 'unsupported column in criteria', {
      cv_criteria: false,
      column_name: f.path,
      value,
      operator: op,
    });
  }
  if (!allowedOperators(f.def).has(op)) {
    // OAS InvalidQueryInvalidOperator
    throw new CoqlError('INVALID_QUERY', 'Invalid query formed', { reason: 'invalid operator found', column_name: f.path, operator: op });
  }
  const get = (rec: ZohoRecord) => comparable(f.def, f.get(rec));
  switch (c.kind) {
    case 'null':
      return c.not ? (rec) => get(rec) !== null : (rec) => get(rec) === null;
    case 'compare': {
      const lit = literalFor(f.def, c.value, f.path);
      const test: Record<typeof c.op, (d: number) => boolean> = {
        '=': (d) => d === 0,
        '!=': (d) => d !== 0,
        '<': (d) => d < 0,
        '>': (d) => d > 0,
        '<=': (d) => d <= 0,
        '>=': (d) => d >= 0,
      };
      const t = test[c.op];
      return (rec) => {
        const v = get(rec);
        return v !== null && t(compareValues(v, lit));
      };
    }
    case 'in': {
      const lits = c.values.map((v) => literalFor(f.def, v, f.path));
      return (rec) => {
        const v = get(rec);
        if (v === null) return false;
        const hit = lits.some((l) => compareValues(v, l) === 0);
        return c.not ? !hit : hit;
      };
    }
    case 'between': {
      const lo = literalFor(f.def, c.low, f.path);
      const hi = literalFor(f.def, c.high, f.path);
      return (rec) => {
        const v = get(rec);
        if (v === null) return false;
        const inside = compareValues(v, lo) >= 0 && compareValues(v, hi) <= 0;
        return c.not ? !inside : inside;
      };
    }
    case 'like': {
      const re = likeToRegExp(c.pattern);
      return (rec) => {
        const v = f.get(rec);
        if (v === null || v === undefined) return false;
        const hit = re.test(String(v));
        return c.not ? !hit : hit;
      };
    }
  }
}

/** What a COQL row shows for a value: lookups as `{id}` only. */
function output(def: FieldDef, v: unknown): unknown {
  if (v === undefined) return null;
  if ((def.type === 'lookup' || def.type === 'ownerlookup' || def.type === 'userlookup') && v !== null) {
    const id = lookupId(v);
    return id === undefined ? null : { id };
  }
  return v;
}

function aggregate(fn: Aggregate, def: FieldDef, values: unknown[]): unknown {
  const present = values.filter((v) => v !== null && v !== undefined && v !== '');
  if (fn === 'COUNT') return present.length;
  if (present.length === 0) return null;
  if (fn === 'SUM' || fn === 'AVG') {
    const sum = present.reduce<number>((s, v) => s + Number(v), 0);
    return fn === 'SUM' ? Math.round(sum * 100) / 100 : Math.round((sum / present.length) * 100) / 100;
  }
  const keyed = present.map((v) => ({ v, k: comparable(def, v) as Comparable }));
  keyed.sort((a, b) => compareValues(a.k, b.k));
  return (fn === 'MIN' ? keyed[0] : keyed.at(-1))?.v ?? null;
}

function fieldMeta(path: string, def: FieldDef, index: number): Record<string, unknown> {
  const jsonType = NUMERIC.has(def.type)
    ? def.type === 'integer'
      ? 'integer'
      : 'double'
    : def.type === 'boolean'
      ? 'boolean'
      : REFERENCE.has(def.type) && def.type !== 'id'
        ? 'jsonobject'
        : 'string';
  return {
    api_name: path,
    field_label: def.label,
    display_label: def.label,
    data_type: def.type,
    json_type: jsonType,
    custom_field: def.custom === true,
    read_only: def.readOnly === true,
    id: `48768760000000${String(5000 + index).padStart(5, '0')}`,
    ...(def.lookup ? { lookup: { module: { api_name: def.lookup } } } : {}),
  };
}

export interface CoqlResult {
  status: number;
  body: unknown;
  credits: number;
}

function fail(e: unknown, credits: number): CoqlResult {
  if (e instanceof CoqlError) return { status: e.error.httpStatus, body: e.error.body, credits };
  throw e;
}

/** Run a request body against the store. Credits follow the query's LIMIT (1 when it does not parse). */
export function runCoql(body: unknown, store: RecordStore): CoqlResult {
  if (!body || typeof body !== 'object' || typeof (body as { select_query?: unknown }).select_query !== 'string') {
    // OAS MandatoryNotFound
    return fail(new CoqlError('MANDATORY_NOT_FOUND', 'mandatory key not found', { api_name: 'select_query' }), 1);
  }
  const { select_query: text, include_meta: includeMeta } = body as { select_query: string; include_meta?: unknown };
  if (includeMeta !== undefined) {
    if (!Array.isArray(includeMeta)) {
      return fail(
        new CoqlError('INVALID_DATA', 'invalid data', {
          expected_data_type: 'jsonarray',
          api_name: 'include_meta',
          json_path: '$.include_meta',
        }),
        1,
      );
    }
    const bad = includeMeta.findIndex((v) => v !== 'fields');
    if (bad >= 0 || includeMeta.length !== 1) {
      return fail(
        new CoqlError('INVALID_DATA', 'invalid data', {
          api_name: 'include_meta',
          json_path: `$.include_meta[${Math.max(bad, 0)}]`,
          supported_values: ['fields'],
        }),
        1,
      );
    }
  }
  let q: Query;
  try {
    q = parseCoql(text);
  } catch (e) {
    return fail(e, 1);
  }
  const credits = coqlCredits(q.limit);
  try {
    return { ...execute(q, store, includeMeta !== undefined), credits };
  } catch (e) {
    return fail(e, credits);
  }
}

function execute(q: Query, store: RecordStore, withMeta: boolean): { status: number; body: unknown } {
  const module = findModule(q.module);
  // OAS InvalidModule
  if (!module || !MODULES[module.apiName]) throw new CoqlError('INVALID_MODULE', 'the given module is not supported in api');
  if (q.columns.length > MAX_SELECT_COLUMNS)
    throw new CoqlError('LIMIT_EXCEEDED', 'limit exceeded', { clause: 'select', limit: MAX_SELECT_COLUMNS });

  // Columns, aliases and duplicates.
  const resolved = q.columns.map((c) => ({ c, f: resolve(module, c.path, store, 'select') }));
  const aggregates = resolved.filter((x) => x.c.kind === 'aggregate');
  if (aggregates.length > MAX_AGGREGATES)
    throw new CoqlError('LIMIT_EXCEEDED', 'limit exceeded', { clause: 'select', limit: MAX_AGGREGATES });
  const seen = new Set<string>();
  for (const { c, f } of resolved) {
    if (c.alias !== undefined && c.alias.trim() === '') {
      throw new CoqlError('INVALID_ALIAS', 'alias name cannot be an empty string', { column_name: f.path, alias: '' });
    }
    const key = c.kind === 'aggregate' ? `${c.fn}(${f.path})` : f.path;
    if (seen.has(key)) {
      if (c.kind === 'aggregate')
        throw new CoqlError('DUPLICATE_DATA', 'duplicate aggregate function', { column_name: f.path, aggregate: c.fn });
      throw new CoqlError('DUPLICATE_DATA', 'duplicate select column', { column_name: f.path });
    }
    seen.add(key);
  }
  const byAlias = new Map<string, string[]>();
  for (const { c, f } of resolved) if (c.alias) byAlias.set(c.alias, [...(byAlias.get(c.alias) ?? []), f.path]);
  for (const [alias, cols] of byAlias) {
    if (cols.length > 1)
      throw new CoqlError('DUPLICATE_ALIAS', 'same alias cannot refer more than one column', { referred_columns: cols, alias });
  }
  for (const { c, f } of resolved) {
    if (c.alias && resolved.some((o) => o.c.kind === 'field' && !o.c.alias && o.f.path === c.alias)) {
      throw new CoqlError(
        'INVALID_QUERY',
        'column name or property name given in select columns without alias name cannot be an alias name for other select columns',
        {
          column_name: f.path,
          alias: c.alias,
        },
      );
    }
  }
  for (const { c, f } of aggregates) {
    const kind = f.def.type;
    const ok =
      c.kind === 'aggregate' &&
      (c.fn === 'COUNT' ||
        ((c.fn === 'SUM' || c.fn === 'AVG') && NUMERIC.has(kind)) ||
        ((c.fn === 'MAX' || c.fn === 'MIN') && (NUMERIC.has(kind) || TEMPORAL.has(kind))));
    if (!ok)
      throw new CoqlError('INVALID_QUERY', 'invalid aggregate function for the column', {
        column_name: f.path,
        aggregate: c.kind === 'aggregate' ? c.fn : '',
      });
  }

  const predicate = q.where ? compile(q.where, module, store) : () => true;
  const rows = store.all(module.apiName).filter(predicate);
  const grouped = aggregates.length > 0 || q.groupBy.length > 0;

  let out: Record<string, unknown>[];
  if (!grouped) {
    const order = q.orderBy.length ? q.orderBy : [{ key: 'id', desc: false }];
    const sorters = order.map((o) => ({ f: resolve(module, o.key, store, 'order by'), desc: o.desc }));
    rows.sort((a, b) => {
      for (const s of sorters) {
        const x = comparable(s.f.def, s.f.get(a));
        const y = comparable(s.f.def, s.f.get(b));
        if (x === y) continue;
        if (x === null) return 1;
        if (y === null) return -1;
        const d = compareValues(x, y);
        if (d !== 0) return s.desc ? -d : d;
      }
      return 0;
    });
    out = rows.map((r) => {
      const row: Record<string, unknown> = {};
      for (const { c, f } of resolved) row[columnKey({ ...c, path: f.path })] = output(f.def, f.get(r));
      row.id = r.id; // always returned (Kaizen #81)
      return row;
    });
  } else {
    const groupFields = q.groupBy.map((g) => resolve(module, g, store, 'group by'));
    for (const { c, f } of resolved) {
      if (c.kind === 'field' && !groupFields.some((g) => g.path === f.path)) {
        throw new CoqlError('INVALID_QUERY', 'column should be present in group by clause', { column_name: f.path, clause: 'group by' });
      }
    }
    const groups = new Map<string, ZohoRecord[]>();
    for (const r of rows) {
      const key = JSON.stringify(groupFields.map((g) => comparable(g.def, g.get(r))));
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    }
    out = [...groups.values()].map((members) => {
      const first = members[0] as ZohoRecord;
      const row: Record<string, unknown> = {};
      for (const { c, f } of resolved) {
        const key = columnKey({ ...c, path: f.path });
        row[key] = c.kind === 'aggregate' ? aggregate(c.fn, f.def, members.map(f.get)) : output(f.def, f.get(first));
      }
      return row;
    });
    const order = q.orderBy.length ? q.orderBy : groupFields.map((g) => ({ key: g.path, desc: false }));
    out.sort((a, b) => {
      for (const o of order) {
        const col = resolved.find(({ c, f }) => columnKey({ ...c, path: f.path }) === o.key || c.alias === o.key || f.path === o.key);
        const key = col ? columnKey({ ...col.c, path: col.f.path }) : o.key;
        const x = a[key];
        const y = b[key];
        const cx = x && typeof x === 'object' ? lookupId(x) : x;
        const cy = y && typeof y === 'object' ? lookupId(y) : y;
        if (cx === cy) continue;
        if (cx === null || cx === undefined) return 1;
        if (cy === null || cy === undefined) return -1;
        const d = compareValues(cx as Comparable, cy as Comparable);
        if (d !== 0) return o.desc ? -d : d;
      }
      return 0;
    });
  }

  const page = out.slice(q.offset, q.offset + q.limit);
  if (page.length === 0) return { status: 204, body: undefined };
  const body: Record<string, unknown> = { data: page, info: { count: page.length, more_records: out.length > q.offset + page.length } };
  if (withMeta) {
    body.fields = Object.fromEntries(
      resolved.filter(({ c }) => c.kind === 'field').map(({ f }, i) => [f.path, fieldMeta(f.path, f.def, i)]),
    );
  }
  return { status: 200, body };
}
