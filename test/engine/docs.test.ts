// The README's metric table is what admins read when writing rules: it must match the catalogue.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderReadme } from '../../scripts/docs.ts';
import { METRICS } from '../../shared/index.ts';

it('README.md lists the current metric catalogue (run npm run docs after changing it)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  expect(renderReadme(readme)).toBe(readme);
  for (const m of METRICS.filter((x) => !/^interactions_[a-z]+_/.test(x.name))) expect(readme).toContain(`\`${m.name}\``);
});
