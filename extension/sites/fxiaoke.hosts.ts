/**
 * Where 纷享销客 (Fxiaoke) serves its web app (crm/fxiaoke.md section 5): the app shell is
 * `https://www.fxiaoke.com/XV/UI/Home#…` on the public cloud (纷享云); other clouds have their
 * own login hosts (`hws.fxiaoke.com` was seen in public code; the open API's `open-<login host>`
 * rule suggests `ale.fxiaoke.com`, `ksc.sharecrm.com`, `na.sharecrm.com`), and private
 * deployments their own domains.
 *
 * Only the public cloud's app shell is in the manifest, as a content-script match: installing
 * asks for one host, and no host permission is needed on top (the background never calls
 * Fxiaoke; the worker does). Any other cloud or a private deployment is granted at run time
 * (`requestHost(origin, 'fxiaoke')` in lib/hosts.ts), one origin at a time.
 */

/**
 * The content script's static match: the public cloud's host (the whole host, like Zoho's, so the
 * app shell is covered however it is reached; `parse` ignores every page but `/XV/UI/Home`).
 */
export const FXIAOKE_MATCHES: readonly string[] = ['https://www.fxiaoke.com/*'];

/** Fxiaoke's own domains (every cloud's UI host is a subdomain of one of them). */
export const isFxiaokeHost = (hostname: string): boolean => /(^|\.)(fxiaoke|sharecrm)\.com$/i.test(hostname);
