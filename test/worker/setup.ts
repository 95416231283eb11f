// Storage is reset per test file, the isolate is not: forget what the worker cached in memory.
// zod-openapi must extend zod before shared/ creates its schemas (zod copies methods at creation).
import '@hono/zod-openapi';
import { beforeAll } from 'vitest';
import { resetIsolateCaches } from '../../worker/memo.ts';

beforeAll(() => resetIsolateCaches());
