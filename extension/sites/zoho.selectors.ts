/**
 * Every DOM selector the Zoho adapter uses, in one place. Zoho's markup is not an API: when
 * Zoho changes it, this file (and the saved pages in test/fixtures/zoho-pages/ that prove each
 * selector, with the number of matches it must find) is all that changes.
 *
 * Keyed on `data-zcqa` test hooks, Lyte/crux tag names, element ids and link URLs, never on
 * generated class names (source: the team's notes on Zoho's crux components, crm/zoho.md
 * section 7; not yet checked against a live org). The classic shell and "CRM for Everyone"
 * render the same crux list and detail components inside different chrome, so one set of
 * selectors serves both; the fixtures hold both shells.
 */
export const ZOHO_SELECTORS = {
  /** Record page header: the record's name (first header field); the badge goes after it. */
  recordName: 'span#recHeader1, span.cxDvRecordHeader1',

  /** List view: the table of the Accounts module only (other modules' lists are not badged). */
  accountsListTable: 'crux-table-component[data-zcqa="cxListViewTable"][cx-prop-module="Accounts"]',
  /** List view: one data row, inside the table above. */
  listRow: 'lyte-exptable-tr[data-zcqa="detailView"]',
  /** List view: the row's own record link (`id="listView_{recordId}"`). */
  listRecordLink: 'a[id^="listView_"]',
  /** List view fallback: any link to an account in the row (the first one is the record's). */
  listAccountLink: 'a[href*="/tab/Accounts/"]',

  /** Deal page: the "Account Name" lookup field (`value_<API name>`) and its link to the account. */
  dealAccountLink: '[data-zcqa="value_Account_Name"] a[href*="/tab/Accounts/"]',
} as const;

export type ZohoSelector = keyof typeof ZOHO_SELECTORS;
