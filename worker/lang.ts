/** The response language: `?lang=` first, then Accept-Language (zh or en), else en. */
import type { Lang } from '../shared/index.ts';
import type { AppContext } from './context.ts';
import { ApiError } from './errors.ts';

export function requestLang(c: AppContext, bodyLang?: Lang): Lang {
  if (bodyLang) return bodyLang;
  const q = c.req.query('lang');
  if (q !== undefined) {
    if (q === 'zh' || q === 'en') return q;
    throw new ApiError('bad_request', 'lang must be zh or en', {
      details: { issues: [{ path: 'lang', message: 'expected "zh" or "en"' }] },
    });
  }
  return fromAcceptLanguage(c.req.header('accept-language'));
}

export function fromAcceptLanguage(header: string | undefined): Lang {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}
