/**
 * Every DOM hook the Fxiaoke adapter uses, in one place, proven against the saved pages in
 * test/fixtures/fxiaoke-pages/ (test/extension/fxiaoke-selectors.test.ts counts each match).
 *
 * UNVERIFIED: nobody has checked these against a live Fxiaoke tenant (crm/fxiaoke.md section 5
 * found no source for the web app's markup). What is known: the app is hash-routed, the list
 * page has an `h2` title, the old UI hooks behaviour on `j-`-prefixed classes (`a.j-detail`
 * opens a record in the admin pages), and a customer opens in a detail panel over the list
 * whose record id may not be in the URL. The rest is a plausible guess, designed so that a
 * live check changes this file only: the list and the panel name their object in
 * `data-apiname`, rows and the panel carry the record's `_id` in `data-id` (on a live tenant
 * the id may instead have to come from the page's own `WebDetail` call, section 5).
 */
export const FXIAOKE_SELECTORS = {
  /**
   * A data row of the customer object's list (the old `#crm/list` and the new `#paasapp/list`
   * routes render the same list component), with the customer's `_id` in `data-id`.
   */
  listRow: '.crm-list[data-apiname=AccountObj] tr[data-id]',
  /** The row's name link (it opens the detail panel): the badge goes before it. */
  listName: 'a.j-detail',
  /** The detail panel over the list while it shows a customer, with the customer's `_id` in `data-id`. */
  detailPanel: '.crm-detail[data-apiname=AccountObj][data-id]',
  /** The panel's title (the customer's name): the badge goes after it. */
  detailTitle: '.crm-detail-title',
} as const;

export type FxiaokeSelector = keyof typeof FXIAOKE_SELECTORS;

/**
 * The attribute holding a record's `_id`. The panel is reused for the next customer (patched in
 * place, no URL change), so the content runner watches this attribute as well as added nodes.
 */
export const FXIAOKE_ID_ATTR = 'data-id';
