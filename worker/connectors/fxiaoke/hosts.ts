/**
 * The OpenAPI gateway of each 纷享销客 cloud (fxiaoke.md §1, S1 "所在云域名"; rule: other clouds are
 * `open-<login domain>`). S2's older list labels two of the same hosts differently (鲲鹏云 for
 * open-hws, 钉钉云 for open-ale) and adds two more (双胞胎, 金山云); the hosts agree, so the ids
 * below name hosts and the labels give both names. `www.fxiaoke.com` is not the gateway (it
 * answers /cgi/... with a 302 to an HTML page, probed in S1) and is never used.
 *
 * `baseUrl` in the settings overrides the host for the simulator and local runs; it is honoured
 * only where the deployment allows development hosts (ALLOW_DEV_CRM_HOSTS), because the token
 * call sends appSecret and permanentCode to that host.
 */
export const FXIAOKE_CLOUDS = {
  fxiaoke: { host: 'https://open.fxiaoke.com', label: '纷享云 (default; login www.fxiaoke.com)' },
  hwcloud: { host: 'https://open-hwcloud.fxiaoke.com', label: '华为云' },
  ale: { host: 'https://open-ale.fxiaoke.com', label: '阿里云 (S2: 钉钉云)' },
  ksc: { host: 'https://open-ksc.sharecrm.com', label: '香港华为' },
  hws: { host: 'https://open-hws.fxiaoke.com', label: '法兰克福 (S2: 鲲鹏云 / 海外AWS)' },
  na: { host: 'https://open-na.sharecrm.com', label: '北美云' },
  sbtjt: { host: 'https://open-crm.sbtjt.com', label: '双胞胎 (S2, older list)' },
  ksyun: { host: 'https://open-fxcrm.ksyun.com', label: '金山云 (S2, older list)' },
} as const;

export type FxiaokeCloud = keyof typeof FXIAOKE_CLOUDS;
export const FXIAOKE_CLOUD_IDS = Object.keys(FXIAOKE_CLOUDS) as [FxiaokeCloud, ...FxiaokeCloud[]];
