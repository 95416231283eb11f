/**
 * Error envelopes. The gateway answers HTTP 200 for everything and puts the outcome in
 * `errorCode` (0 = success); `errorMessage` must never be parsed (fxiaoke.md §2, [probe S1]).
 * Codes and messages are the doc table's (fxiaoke.md §4, S1 errors-and-limits §3) or the
 * probed bodies where they differ (S1 §2); where a situation has no documented code the choice
 * is marked **guess** here and in README.md.
 */

export interface Envelope {
  errorCode: number;
  errorMessage: string;
  errorDescription?: string;
  traceId?: string;
  [extra: string]: unknown;
}

const env = (errorCode: number, errorMessage: string, errorDescription?: string, extra: Record<string, unknown> = {}): Envelope => ({
  errorCode,
  errorMessage,
  ...(errorDescription === undefined ? {} : { errorDescription }),
  ...extra,
});

export const fxErrors = {
  /** -1 系统繁忙 (doc table). */
  busy: () => env(-1, '系统繁忙', '系统繁忙'),
  /** -2 系统错误 (doc table). */
  system: () => env(-2, '系统错误', '系统错误'),
  /** 50009 服务异常，如超时 (new doc table only). */
  serviceTimeout: () => env(50009, '服务异常，如超时', '服务异常'),
  /** Probed: a forged or missing appSecret (or appId) at either token endpoint gives 10006 (S1 §2). */
  badAppSecret: (newEndpoint: boolean) =>
    env(
      10006,
      'the parameter appSecret is missing or illegal',
      '缺少参数或参数不合法',
      newEndpoint ? { error: '非法请求', error_description: '缺少参数或参数不合法' } : {},
    ),
  /** 20015 永久授权码错误 (doc table). */
  badPermanentCode: () => env(20015, '永久授权码错误', '永久授权码错误'),
  /** 15002 参数不合法 (doc table): a grantType other than app_secret. **guess** for this use. */
  badGrantType: () => env(15002, 'the parameter grantType is illegal', '参数不合法'),
  /** Probed: no authentication at all (S1 §2). */
  missingAuth: () => env(20017, 'corpAccessToken为必填项，不能为空'),
  /** Probed: forged Bearer + x-fs-ea, or forged corpAccessToken (S1 §2). Also used for expired tokens (doc: 20016). */
  badToken: () => env(20016, 'the cropId,cropAccessToken or authorization is error'),
  /** 20005 accessToken 不存在或者已经过期 (doc table); the simulator can answer expired tokens with it. */
  tokenExpired: () => env(20005, 'accessToken 不存在或者已经过期', 'accessToken 不存在或者已经过期'),
  /** 10014 缺少参数 corpId (doc table). */
  missingCorpId: () => env(10014, '缺少参数corpId', '缺少参数corpId'),
  /** 10010 缺少参数 openUserId (doc table); used for a missing x-fs-userid / currentOpenUserId (**guess**). */
  missingUser: () => env(10010, '缺少参数openUserId', '缺少参数openUserId'),
  /** 30027 员工不存在 (doc table): an unknown x-fs-userid (**guess** for this use). */
  employeeNotFound: () => env(30027, '员工不存在', '员工不存在'),
  /** 20012 openUserId 未找到 (doc table): an unknown currentOpenUserId (**guess** for this use). */
  openUserIdNotFound: () => env(20012, 'openUserId未找到', 'openUserId未找到'),
  /** 14001 接口调用超过限制 (doc table; which limit it means is undocumented, S1 §4). */
  callLimit: () => env(14001, '接口调用超过限制', '接口调用超过限制'),
  /** 30004 秒频次超限 (doc table). */
  perSecondLimit: () => env(30004, '秒频次超限', '秒频次超限'),
  /** 30002 当天访问频次超限（0 点重新统计）(doc table). */
  dailyQuota: () => env(30002, '当天访问频次超限', '当天访问频次超限（0点重新统计）'),
  /** 30003 客户没有购买 openapi 配额 (doc table). */
  noQuota: () => env(30003, '客户没有购买openapi配额，需要提open api订单购买', '客户没有购买openapi配额'),
  /** 10013 with the deep-paging page's body (S1 query-and-paging §4). */
  offsetOutOfRange: () => env(10013, 'offset out of range 10000', 'offset 不能超过10000'),
  /** 32000 参数错误 (doc table), with what is wrong. Its use for each case is a **guess**. */
  param: (what: string) => env(32000, `参数错误: ${what}`, '参数错误'),
  /** Data permission (message from S1's FAQ; the code is a **guess**). */
  noDataPermission: () => env(32000, '无此操作的数据权限', '无此操作的数据权限'),
  /** A get for an id that does not exist (**guess**: code and message). */
  notFound: () => env(32000, '数据不存在或已作废', '数据不存在或已作废'),
  /** 12004 POST 的数据包为空 (doc table). */
  emptyBody: () => env(12004, 'POST的数据包为空', 'POST的数据包为空'),
  /** Admin-side states (doc table 20020-20023). */
  appNoTenantPermission: () => env(20020, '应用没有获取该企业的数据的权限', '应用没有获取该企业的数据的权限'),
  appDisabled: () => env(20021, '在当前企业下，该app的状态为停用', '在当前企业下，该app的状态为停用'),
  appNotAuthorized: () => env(20022, '企业没有对该app授权', '企业没有对该app授权'),
  appNoDepartment: () => env(20023, 'APP没有访问department的权限', 'APP没有访问department的权限'),
  unknownPath: (path: string) => env(32000, `unknown api path ${path}`, '参数错误'),
};

/** An envelope for any code (fault injection): the known body when there is one. */
export function envelopeFor(code: number): Envelope {
  switch (code) {
    case -1:
      return fxErrors.busy();
    case -2:
      return fxErrors.system();
    case 50009:
      return fxErrors.serviceTimeout();
    case 10006:
      return fxErrors.badAppSecret(true);
    case 10013:
      return fxErrors.offsetOutOfRange();
    case 14001:
      return fxErrors.callLimit();
    case 20005:
      return fxErrors.tokenExpired();
    case 20015:
      return fxErrors.badPermanentCode();
    case 20016:
      return fxErrors.badToken();
    case 20017:
      return fxErrors.missingAuth();
    case 20020:
      return fxErrors.appNoTenantPermission();
    case 20021:
      return fxErrors.appDisabled();
    case 20022:
      return fxErrors.appNotAuthorized();
    case 20023:
      return fxErrors.appNoDepartment();
    case 30002:
      return fxErrors.dailyQuota();
    case 30003:
      return fxErrors.noQuota();
    case 30004:
      return fxErrors.perSecondLimit();
    case 30027:
      return fxErrors.employeeNotFound();
    default:
      return env(code, `simulated error ${code}`, `simulated error ${code}`);
  }
}

export const OK = { errorCode: 0, errorMessage: 'OK', errorDescription: 'success' } as const;
