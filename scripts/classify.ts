#!/usr/bin/env node
/**
 * npm run classify -- accounts.json [--rules rules.json] [--as-of 2026-11-23T00:00:00Z]
 *                     [--lang zh|en] [--stats auto|none|stats.json] [--format table|json|ndjson]
 *
 * Reads a JSON array, a single JSON object or NDJSON of account snapshots (`-` for stdin) and
 * prints their classifications. Bad input stops with the line and the path of what is wrong.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type AccountSnapshot,
  type Classification,
  classify,
  compileRules,
  computePopulationStats,
  DEFAULT_PLAYBOOK,
  type Lang,
  type PopulationStats,
  PopulationStatsSchema,
  type RuleSet,
  validateRuleSet,
  validateSnapshot,
} from '../shared/index.ts';

const USAGE = `usage: npm run classify -- <accounts.json|accounts.ndjson|-> [options]
  --rules <file>        a rule set (JSON); default: the built-in playbook
  --as-of <time>        ISO 8601 evaluation time; default: now
  --lang zh|en          language of labels and tips; default: en
  --stats auto|none|<file>
                        percentile statistics: computed from the input accounts (auto, the default),
                        none, or read from a file (GET /v1/stats output)
  --format table|json|ndjson
                        table (default) for people, json (one array) or ndjson for scripts`;

class InputError extends Error {}

/** Line (1-based) of each top-level array element's first character, without a full parser. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let inString = false;
  let line = 1;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectValue && ch !== undefined && !/\s/.test(ch) && ch !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectValue = true;
  }
  return lines;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${what} is not valid JSON: ${(e as Error).message}`);
  }
}

function readAccounts(file: string): AccountSnapshot[] {
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  const trimmed = text.trimStart();
  const items: { value: unknown; line: number; where: string }[] = [];
  if (trimmed.startsWith('[')) {
    const arr = parseJson(text, file) as unknown[];
    const lines = elementLines(text);
    arr.forEach((value, i) => {
      items.push({ value, line: lines[i] ?? 1, where: `[${i}]` });
    });
  } else if (trimmed.startsWith('{') && !text.trim().includes('\n')) {
    items.push({ value: parseJson(text, file), line: 1, where: '' });
  } else {
    const rows = text.split('\n');
    // A pretty-printed single object spans lines: try it whole first.
    if (trimmed.startsWith('{')) {
      try {
        items.push({ value: JSON.parse(text), line: 1, where: '' });
      } catch {
        /* NDJSON, handled below */
      }
    }
    if (items.length === 0) {
      rows.forEach((row, i) => {
        if (row.trim() !== '') items.push({ value: parseJson(row, `${file} line ${i + 1}`), line: i + 1, where: '' });
      });
    }
  }
  return items.map(({ value, line, where }) => {
    const r = validateSnapshot(value);
    if (!r.ok) {
      const first = r.issues[0];
      const path = `${where}${first?.path ? (first.path.startsWith('[') || !where ? first.path : `.${first.path}`) : ''}`;
      const more = r.issues.length > 1 ? ` (and ${r.issues.length - 1} more)` : '';
      throw new InputError(`${file} line ${line}: account${path ? ` at ${path}` : ''}: ${first?.message}${more}`);
    }
    return r.value;
  });
}

function readRules(file: string | undefined): RuleSet {
  if (!file) return DEFAULT_PLAYBOOK;
  const r = validateRuleSet(parseJson(readFileSync(file, 'utf8'), file));
  if (!r.ok) throw new InputError(`${file}: invalid rule set:\n${r.issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
  return r.value;
}

function table(results: Classification[]): string {
  const rows = results.map((c) => {
    const head = c.dimensions.find((d) => d.id === c.headline);
    const others = c.dimensions
      .filter((d) => d.id !== c.headline)
      .map((d) => `${d.id}=${d.tier}`)
      .join(' ');
    return `${c.accountId}\t${c.name}\t${head?.icon ?? ''} ${head?.tierLabel ?? ''}\t${others}`;
  });
  return ['id\tname\theadline\tdimensions', ...rows].join('\n');
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rules: { type: 'string' },
      'as-of': { type: 'string' },
      lang: { type: 'string', default: 'en' },
      stats: { type: 'string', default: 'auto' },
      format: { type: 'string', default: 'table' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const file = positionals[0];
  if (!file) throw new InputError(`no input file\n${USAGE}`);
  if (values.lang !== 'zh' && values.lang !== 'en') throw new InputError(`--lang must be zh or en, not "${values.lang}"`);
  if (!['table', 'json', 'ndjson'].includes(values.format as string)) throw new InputError(`--format must be table, json or ndjson`);
  const asOf = values['as-of'] ?? new Date().toISOString();
  if (!Number.isFinite(Date.parse(asOf))) throw new InputError(`--as-of is not an ISO 8601 time: "${asOf}"`);

  const rules = readRules(values.rules);
  const accounts = readAccounts(file);
  const compiled = compileRules(rules);
  let stats: PopulationStats | null = null;
  if (values.stats === 'auto') stats = computePopulationStats(compiled, accounts, asOf);
  else if (values.stats !== 'none') {
    const parsed = PopulationStatsSchema.safeParse(parseJson(readFileSync(values.stats as string, 'utf8'), values.stats as string));
    if (!parsed.success) throw new InputError(`${values.stats}: not population statistics: ${parsed.error.issues[0]?.message}`);
    stats = parsed.data;
  }
  const lang = values.lang as Lang;
  const results = accounts.map((a) => classify(compiled, a, { asOf, lang, stats }));
  if (values.format === 'json') console.log(JSON.stringify(results, null, 2));
  else if (values.format === 'ndjson') for (const r of results) console.log(JSON.stringify(r));
  else console.log(table(results));
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof InputError || (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as Error).name === 'TypeError') {
    console.error(`classify: ${(e as Error).message}`);
    process.exitCode = 2;
  } else throw e;
}
