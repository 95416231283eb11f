/**
 * 纷享销客 (Fxiaoke): the customer (AccountObj) list and the detail panel that opens over it.
 *
 * The app shell is one page, `/XV/UI/Home`, routed by its hash (crm/fxiaoke.md section 5):
 *   #crm/list/=/AccountObj                      customer list, old UI
 *   #paasapp/list/=/appId_CRM/AccountObj        customer list, new UI (an app id, then the object)
 * either may carry a query (`…/AccountObj?…`) or more path. No source shows a detail route, so
 * none is guessed: a click on a row opens the customer in a panel over the list, the URL may not
 * change, and the panel is found in the DOM with the customer's `_id` read from it, on every
 * scan the content runner makes (it rescans when nodes come and go, and when the id attribute
 * changes: a panel reused for the next customer).
 * The markup this relies on is unverified against a live tenant: see fxiaoke.selectors.ts.
 */

import { isFxiaokeHost } from './fxiaoke.hosts.ts';
import { FXIAOKE_ID_ATTR, FXIAOKE_SELECTORS as S } from './fxiaoke.selectors.ts';
import { type MountPoint, mountsByAttribute, type PageInfo, type SiteAdapter } from './types.ts';

export const FXIAOKE_CRM = 'fxiaoke';

/** What the worker's Fxiaoke connector accepts as a record id (a gateway `_id` is 24 hex characters). */
const RECORD_ID = /^[\w-]{1,64}$/;

/** The app shell's path and a customer list's hash route (the new UI names an app before the object). */
const LIST = /^\/XV\/UI\/Home\/?#(?:crm\/list\/=|paasapp\/list\/=\/(appId_[^/?]+))\/AccountObj(?:[/?]|$)/;

/** The page an app-shell URL shows: a customer list (`viewId`: `crm`, or the new UI's app id), or null. */
export function parseFxiaokeUrl(url: URL): PageInfo | null {
  const list = LIST.exec(url.pathname + url.hash);
  return list ? { site: 'fxiaoke', crm: FXIAOKE_CRM, kind: 'list', viewId: list[1] ?? 'crm' } : null;
}

/** Every customer on the page: the list's rows, and the detail panel when one is open. */
function find(root: ParentNode): MountPoint[] {
  return [
    ...mountsByAttribute(root, S.listRow, FXIAOKE_ID_ATTR, S.listName, 'compact', 'before'),
    ...mountsByAttribute(root, S.detailPanel, FXIAOKE_ID_ATTR, S.detailTitle, 'large'),
  ].filter((p) => RECORD_ID.test(p.accountId));
}

export const fxiaoke: SiteAdapter = {
  id: 'fxiaoke',
  crm: FXIAOKE_CRM,
  matches: (url) => url.protocol === 'https:' && isFxiaokeHost(url.hostname),
  parse: parseFxiaokeUrl,
  find,
  watchAttributes: [FXIAOKE_ID_ATTR],
};
