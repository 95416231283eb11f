/**
 * Writes the saved 纷享销客 (Fxiaoke) pages in test/fixtures/fxiaoke-pages/ (run after changing
 * fxiaoke-pages.ts or the simulator's seed, and commit the output; a unit test checks they are in sync):
 *   npx node --no-warnings test/extension/generate-fxiaoke-fixtures.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAVED_PAGES } from './fxiaoke-pages.ts';

const OUT = join(import.meta.dirname, '../fixtures/fxiaoke-pages');
const pages = SAVED_PAGES();
for (const [name, html] of Object.entries(pages)) writeFileSync(join(OUT, name), html);
console.log(`wrote ${Object.keys(pages).length} pages to ${OUT}`);
