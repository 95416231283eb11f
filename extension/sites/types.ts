/**
 * A site adapter knows one CRM's web UI: which URLs it serves, what page a URL is, and where
 * on that page the accounts are. It holds no state and adds no listeners: navigation (pushState,
 * hash routes, re-renders) is handled once, centrally, by the content runner, which calls
 * `parse` on every URL change and `find` whenever the DOM changes.
 *
 * A hash-routed CRM (Fxiaoke: `https://www.fxiaoke.com/XV/UI/Home#crm/list/=/AccountObj`) plugs
 * in the same way: `parse` reads `url.hash`, and the runner already reacts to hash changes. A
 * record that opens without a URL change (Fxiaoke's detail panel over the list) is found by
 * `find`, which the runner calls again on every DOM change.
 */

export type PageKind = 'account' | 'list' | 'deal';

export interface PageInfo {
  /** The adapter that parsed the URL. */
  site: string;
  /** The worker's connector id for this CRM (`GET /v1/accounts/:crm/:id`). */
  crm: string;
  kind: PageKind;
  /** The record id in the URL: the account on account pages, the deal on deal pages. */
  recordId?: string;
  /** The list view id, on list pages. */
  viewId?: string;
}

export interface MountPoint {
  accountId: string;
  /** The element the badge is placed right after. */
  anchor: Element;
  /** `large`: the record header (headline and chips); `compact`: list rows and lookup fields (headline only). */
  size: 'large' | 'compact';
  /**
   * Right after the anchor (default), or right before it: in list cells that cut long names
   * with an ellipsis, a badge placed first stays visible and the name gives way.
   */
  placement?: 'before' | 'after';
}

export interface SiteAdapter {
  id: string;
  crm: string;
  /** Whether the adapter serves this URL's host (the page may still be one it ignores). */
  matches(url: URL): boolean;
  /** The page a URL shows, or null for pages without accounts to badge. Pure. */
  parse(url: URL): PageInfo | null;
  /** Where the badges go on a page: every account currently in the DOM. Pure (reads only). */
  find(root: ParentNode, page: PageInfo): MountPoint[];
  /**
   * Attributes whose changes can move an account, for a CRM that patches an element in place
   * for another record (Fxiaoke's detail panel): the runner rescans when one changes, as it
   * does when nodes are added or removed.
   */
  watchAttributes?: string[];
}

/** Two URLs show the same page (a new page run is not needed between them). */
export function samePage(a: PageInfo | null, b: PageInfo | null): boolean {
  if (!a || !b) return a === b;
  return a.site === b.site && a.crm === b.crm && a.kind === b.kind && a.recordId === b.recordId && a.viewId === b.viewId;
}

/**
 * The accounts of pages that carry record ids in the DOM (the demo CRM, Fxiaoke): one mount point
 * per `holder` element (a list row, a record header or panel) with a non-empty id in `attr`, at
 * the first `anchor` inside it.
 */
export function mountsByAttribute(
  root: ParentNode,
  holder: string,
  attr: string,
  anchor: string,
  size: MountPoint['size'],
  placement?: MountPoint['placement'],
): MountPoint[] {
  const out: MountPoint[] = [];
  for (const el of root.querySelectorAll(holder)) {
    const id = el.getAttribute(attr);
    const at = el.querySelector(anchor);
    if (id && at) out.push({ accountId: id, anchor: at, size, placement });
  }
  return out;
}
