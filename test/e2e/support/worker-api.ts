/** What the worker itself says about an account: the tests compare the badge with it. */
import type { Classification, Lang } from '../../../shared/schema.ts';

export async function classification(workerUrl: string, id: string, lang: Lang = 'en', crm = 'demo'): Promise<Classification> {
  const res = await fetch(`${workerUrl}/v1/accounts/${crm}/${id}?lang=${lang}`, { headers: { authorization: 'Bearer demo-reader' } });
  if (!res.ok) throw new Error(`worker: ${res.status} for ${id}`);
  return (await res.json()) as Classification;
}

export async function headlineLabel(workerUrl: string, id: string, lang: Lang = 'en', crm = 'demo'): Promise<string> {
  const c = await classification(workerUrl, id, lang, crm);
  const head = c.dimensions.find((d) => d.id === c.headline);
  if (!head) throw new Error(`no headline for ${id}`);
  return head.tierLabel;
}
