/**
 * Writes the saved Zoho CRM pages in test/fixtures/zoho-pages/ (run after changing
 * zoho-pages.ts, and commit the output; a unit test checks they are in sync):
 *   npx node --no-warnings test/extension/generate-zoho-fixtures.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAVED_PAGES } from './zoho-pages.ts';

const OUT = join(import.meta.dirname, '../fixtures/zoho-pages');
for (const [name, html] of Object.entries(SAVED_PAGES())) writeFileSync(join(OUT, name), html);
console.log(`wrote ${Object.keys(SAVED_PAGES()).length} pages to ${OUT}`);
