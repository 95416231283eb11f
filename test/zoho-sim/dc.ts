/**
 * Data centres. Zoho runs one accounts server and one API host per DC (zoho.md §1, from the v8
 * SDK `routes/dc/*_data_center.ts` and DOCS `v8/multi-dc.html`). The simulator is one loopback
 * server, so each DC gets a path prefix instead of a host:
 *
 * | DC     | real accounts server           | real API domain              | sim accounts server     | sim api_domain      |
 * |--------|--------------------------------|------------------------------|-------------------------|---------------------|
 * | com    | https://accounts.zoho.com      | https://www.zohoapis.com     | {base}/accounts/com     | {base}/api/com      |
 * | eu     | https://accounts.zoho.eu       | https://www.zohoapis.eu      | {base}/accounts/eu      | {base}/api/eu       |
 * | in     | https://accounts.zoho.in       | https://www.zohoapis.in      | {base}/accounts/in      | {base}/api/in       |
 * | com.au | https://accounts.zoho.com.au   | https://www.zohoapis.com.au  | {base}/accounts/com.au  | {base}/api/com.au   |
 * | com.cn | https://accounts.zoho.com.cn   | https://www.zohoapis.com.cn  | {base}/accounts/com.cn  | {base}/api/com.cn   |
 * | jp     | https://accounts.zoho.jp       | https://www.zohoapis.jp      | {base}/accounts/jp      | {base}/api/jp       |
 * | sa     | https://accounts.zoho.sa       | https://www.zohoapis.sa      | {base}/accounts/sa      | {base}/api/sa       |
 * | ca     | https://accounts.zohocloud.ca  | https://www.zohoapis.ca      | {base}/accounts/ca      | {base}/api/ca       |
 *
 * The token is `POST {accounts}/oauth/v2/token`; the API is `{api_domain}/crm/v8/...`, where
 * `api_domain` comes from the token response. The org lives in one DC: its refresh token used
 * at another DC's accounts server gets `{"error":"invalid_client"}` (zoho.md §1 token errors:
 * "wrong client id or secret, or the wrong DC"), and its access token used at another DC's API
 * domain gets INVALID_TOKEN (a guess: the other DC does not know the token).
 *
 * Unprefixed paths (`{base}/oauth/v2/token`, `{base}/crm/v8/...`) go to the org's own DC, so a
 * client that only knows one base URL works too.
 */
export const DATA_CENTRES = {
  com: { accounts: 'https://accounts.zoho.com', api: 'https://www.zohoapis.com' },
  eu: { accounts: 'https://accounts.zoho.eu', api: 'https://www.zohoapis.eu' },
  in: { accounts: 'https://accounts.zoho.in', api: 'https://www.zohoapis.in' },
  'com.au': { accounts: 'https://accounts.zoho.com.au', api: 'https://www.zohoapis.com.au' },
  'com.cn': { accounts: 'https://accounts.zoho.com.cn', api: 'https://www.zohoapis.com.cn' },
  jp: { accounts: 'https://accounts.zoho.jp', api: 'https://www.zohoapis.jp' },
  sa: { accounts: 'https://accounts.zoho.sa', api: 'https://www.zohoapis.sa' },
  ca: { accounts: 'https://accounts.zohocloud.ca', api: 'https://www.zohoapis.ca' },
} as const;

export type DataCentre = keyof typeof DATA_CENTRES;
export const DC_IDS = Object.keys(DATA_CENTRES) as DataCentre[];

export function isDataCentre(s: string): s is DataCentre {
  return Object.hasOwn(DATA_CENTRES, s);
}

export function simAccountsServer(base: string, dc: DataCentre): string {
  return `${base}/accounts/${dc}`;
}

export function simApiDomain(base: string, dc: DataCentre): string {
  return `${base}/api/${dc}`;
}
