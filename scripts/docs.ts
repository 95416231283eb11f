#!/usr/bin/env node
/**
 * `npm run docs`: renders the metric catalogue (shared/metrics.ts, the one table the rule editor
 * also reads) into README.md between the metrics markers. `--check` exits 1 when README is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { METRICS } from '../shared/metrics.ts';

const README = new URL('../README.md', import.meta.url);
const START = '<!-- metrics:start -->';
const END = '<!-- metrics:end -->';

export function metricsTable(): string {
  // Collapse the per-kind interaction metrics into one row per window pattern to keep the table readable.
  const rows: string[] = [];
  const seenPattern = new Set<string>();
  for (const m of METRICS) {
    const kindMatch = /^interactions_(call|email|meeting|visit|ticket|chat|web|other)_(.+)$/.exec(m.name);
    if (kindMatch) {
      const pattern = `interactions_<kind>_${kindMatch[2]}`;
      if (seenPattern.has(pattern)) continue;
      seenPattern.add(pattern);
      rows.push(
        `| \`${pattern}\` | ${m.unit} | interactions of one kind (call, email, meeting, visit, ticket, chat, web, other) ${m.description.en.replace(/^Number of \S+ /, '')} | ${m.description.zh.replace(/电话/, '某类')} |`,
      );
      continue;
    }
    rows.push(`| \`${m.name}\` | ${m.unit} | ${m.description.en} | ${m.description.zh} |`);
  }
  return [
    `${METRICS.length} metrics. Generated from \`shared/metrics.ts\` by \`npm run docs\`.`,
    '',
    '| metric | unit | meaning | 含义 |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function renderReadme(text: string): string {
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md has no metrics markers');
  return `${text.slice(0, a + START.length)}\n${metricsTable()}\n${text.slice(b)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = readFileSync(README, 'utf8');
  const next = renderReadme(text);
  if (process.argv.includes('--check')) {
    if (next !== text) {
      console.error('README.md metric table is stale: run npm run docs');
      process.exit(1);
    }
  } else writeFileSync(README, next);
}
