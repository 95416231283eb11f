/**
 * The simulated tenant's objects and fields, with the field types that decide how values are
 * encoded on the wire (fxiaoke.md §2 "Field value encoding", S1 objects-and-fields §4-5):
 * number / currency / percentile as strings, date and date_time as epoch ms, select_one as the
 * option value, employee fields always lists, object references as the referenced `_id` with
 * the referenced name in `<field>__r`, region fields as codes with the label in `<field>__r`.
 *
 * Preset objects (`XxxObj`) and the tenant's custom objects (`*__c`) are told apart by name,
 * as the gateway does (S1 custom-objects §1). The option values of select_one fields are the
 * simulator's own (every tenant has its own; fxiaoke.md §3 says to read them from describe);
 * the labels are the Chinese ones fxiaoke.md §3 and S7 name.
 */

export type FieldType =
  | 'text'
  | 'long_text'
  | 'select_one'
  | 'number'
  | 'currency'
  | 'percentile'
  | 'date'
  | 'date_time'
  | 'employee'
  | 'department'
  | 'object_reference'
  | 'true_or_false'
  | 'region';

export interface FieldDef {
  type: FieldType;
  label: string;
  /** select_one options. */
  options?: readonly { value: string; label: string }[];
  /** number / currency decimals on the wire. */
  decimals?: number;
  /** object_reference target. */
  target?: string;
  /** Region code -> label, for `__r`. */
  regions?: 'country' | 'province' | 'city';
}

export interface ObjectDef {
  apiName: string;
  label: string;
  custom: boolean;
  fields: Record<string, FieldDef>;
}

const SYSTEM_FIELDS: Record<string, FieldDef> = {
  _id: { type: 'text', label: '唯一性ID' },
  name: { type: 'text', label: '名称' },
  owner: { type: 'employee', label: '负责人' },
  owner_department: { type: 'text', label: '负责人主属部门' },
  created_by: { type: 'employee', label: '创建人' },
  last_modified_by: { type: 'employee', label: '最后修改人' },
  create_time: { type: 'date_time', label: '创建时间' },
  last_modified_time: { type: 'date_time', label: '最后修改时间' },
  record_type: { type: 'select_one', label: '业务类型', options: [{ value: 'default__c', label: '预设业务类型' }] },
  life_status: {
    type: 'select_one',
    label: '生命状态',
    options: [
      { value: 'normal', label: '正常' },
      { value: 'under_review', label: '审核中' },
      { value: 'in_change', label: '变更中' },
      { value: 'ineffective', label: '未生效' },
      { value: 'invalid', label: '作废' },
    ],
  },
  lock_status: {
    type: 'select_one',
    label: '锁定状态',
    options: [
      { value: '0', label: '未锁定' },
      { value: '1', label: '锁定' },
    ],
  },
  is_deleted: { type: 'true_or_false', label: '是否删除' },
  object_describe_api_name: { type: 'text', label: '对象' },
  version: { type: 'number', label: '版本', decimals: 0 },
};

/** Customer level (客户级别). Values are the simulator's; labels follow fxiaoke.md §3. */
export const ACCOUNT_LEVELS = [
  { value: '1', label: '重要客户' },
  { value: '2', label: '普通客户' },
  { value: '3', label: '一般客户' },
] as const;

/** Deal status (成交状态). */
export const DEAL_STATUSES = [
  { value: '1', label: '未成交' },
  { value: '2', label: '已成交' },
  { value: '3', label: '多次成交' },
] as const;

/** Opportunity sales status (fxiaoke.md §3: 进行中/赢单/输单/无效). */
export const SALES_STATUSES = [
  { value: '1', label: '进行中' },
  { value: '2', label: '赢单' },
  { value: '3', label: '输单' },
  { value: '4', label: '无效' },
] as const;

export const SALES_STAGES = [
  { value: '1', label: '验证客户' },
  { value: '2', label: '需求确定' },
  { value: '3', label: '方案/报价' },
  { value: '4', label: '谈判审核' },
  { value: '5', label: '赢单' },
] as const;

/** Follow-up types (fxiaoke.md §3: interactive_types 电话/会议/拜访…). */
export const INTERACTIVE_TYPES = [
  { value: '1', label: '电话' },
  { value: '2', label: '拜访' },
  { value: '3', label: '会议' },
  { value: '4', label: '邮件' },
  { value: '5', label: '微信' },
  { value: '6', label: '其他' },
] as const;

export const INDUSTRIES = [
  { value: '1', label: '信息技术' },
  { value: '2', label: '制造业' },
  { value: '3', label: '零售' },
  { value: '4', label: '医疗健康' },
  { value: '5', label: '金融' },
  { value: '6', label: '教育' },
  { value: '7', label: '物流' },
  { value: '8', label: '房地产' },
] as const;

export const ACCOUNT_TYPES = [
  { value: '1', label: '普通客户' },
  { value: '2', label: '商业客户' },
  { value: '3', label: '高端客户' },
] as const;

export const ACCOUNT_SOURCES = [
  { value: '1', label: '官网' },
  { value: '2', label: '展会' },
  { value: '3', label: '转介绍' },
  { value: '4', label: '电话营销' },
] as const;

export const SURVEY_TYPES = [
  { value: 'csat', label: '满意度' },
  { value: 'nps', label: 'NPS' },
] as const;

export const OBJECTS: Record<string, ObjectDef> = {
  AccountObj: {
    apiName: 'AccountObj',
    label: '客户',
    custom: false,
    fields: {
      ...SYSTEM_FIELDS,
      name: { type: 'text', label: '客户名称' },
      account_level: { type: 'select_one', label: '客户级别', options: ACCOUNT_LEVELS },
      account_type: { type: 'select_one', label: '客户分类', options: ACCOUNT_TYPES },
      account_source: { type: 'select_one', label: '来源', options: ACCOUNT_SOURCES },
      industry: { type: 'select_one', label: '行业', options: INDUSTRIES },
      deal_status: { type: 'select_one', label: '成交状态', options: DEAL_STATUSES },
      last_deal_closed_time: { type: 'date_time', label: '最后成交时间' },
      last_followed_time: { type: 'date_time', label: '最后跟进时间' },
      high_seas_id: { type: 'object_reference', label: '所属公海', target: 'HighSeasObj' },
      claimed_time: { type: 'date_time', label: '领取时间' },
      returned_time: { type: 'date_time', label: '退回时间' },
      country: { type: 'region', label: '国家', regions: 'country' },
      province: { type: 'region', label: '省', regions: 'province' },
      city: { type: 'region', label: '市', regions: 'city' },
      address: { type: 'text', label: '详细地址' },
      tel: { type: 'text', label: '电话' },
      uniform_social_credit_code: { type: 'text', label: '统一社会信用代码' },
      // The tenant's custom fields (fxiaoke.md §3: "plus many tenant field_xxx__c").
      field_annual_agreement__c: { type: 'true_or_false', label: '年度供货协议' },
      field_nps__c: { type: 'number', label: 'NPS评分', decimals: 0 },
      field_nps_date__c: { type: 'date', label: 'NPS调查日期' },
      field_personality__c: { type: 'text', label: '沟通风格' },
      field_overdue_amount__c: { type: 'currency', label: '逾期金额', decimals: 2 },
      field_staff_count__c: { type: 'number', label: '员工人数', decimals: 0 },
      field_annual_revenue__c: { type: 'currency', label: '年营业额', decimals: 2 },
    },
  },
  SalesOrderObj: {
    apiName: 'SalesOrderObj',
    label: '销售订单',
    custom: false,
    fields: {
      ...SYSTEM_FIELDS,
      name: { type: 'text', label: '销售订单编号' },
      account_id: { type: 'object_reference', label: '客户名称', target: 'AccountObj' },
      new_opportunity_id: { type: 'object_reference', label: '商机2.0', target: 'NewOpportunityObj' },
      order_time: { type: 'date', label: '下单日期' },
      order_amount: { type: 'currency', label: '销售订单金额', decimals: 2 },
      payment_amount: { type: 'currency', label: '已回款金额', decimals: 2 },
      receivable_amount: { type: 'currency', label: '待回款金额', decimals: 2 },
      product_amount: { type: 'currency', label: '产品合计', decimals: 2 },
    },
  },
  NewOpportunityObj: {
    apiName: 'NewOpportunityObj',
    label: '商机2.0',
    custom: false,
    fields: {
      ...SYSTEM_FIELDS,
      name: { type: 'text', label: '商机名称' },
      account_id: { type: 'object_reference', label: '客户名称', target: 'AccountObj' },
      amount: { type: 'currency', label: '商机金额', decimals: 2 },
      sales_stage: { type: 'select_one', label: '商机阶段', options: SALES_STAGES },
      sales_status: { type: 'select_one', label: '状态', options: SALES_STATUSES },
      probability: { type: 'percentile', label: '赢率', decimals: 1 },
      close_date: { type: 'date', label: '预计成交日期' },
    },
  },
  ActiveRecordObj: {
    apiName: 'ActiveRecordObj',
    label: '销售记录',
    custom: false,
    fields: {
      ...SYSTEM_FIELDS,
      name: { type: 'text', label: '主题' },
      account_id: { type: 'object_reference', label: '客户', target: 'AccountObj' },
      interactive_types: { type: 'select_one', label: '跟进类型', options: INTERACTIVE_TYPES },
      interactive_scenario: { type: 'text', label: '跟进场景' },
      active_record_content: { type: 'long_text', label: '跟进内容' },
    },
  },
  HighSeasObj: {
    apiName: 'HighSeasObj',
    label: '公海',
    custom: false,
    fields: { ...SYSTEM_FIELDS, name: { type: 'text', label: '公海名称' } },
  },
  ContactObj: {
    apiName: 'ContactObj',
    label: '联系人',
    custom: false,
    fields: {
      ...SYSTEM_FIELDS,
      account_id: { type: 'object_reference', label: '客户名称', target: 'AccountObj' },
      job_title: { type: 'text', label: '职务' },
      mobile: { type: 'text', label: '手机' },
      email: { type: 'text', label: '邮件' },
    },
  },
  object_survey__c: {
    apiName: 'object_survey__c',
    label: '客户调查',
    custom: true,
    fields: {
      ...SYSTEM_FIELDS,
      name: { type: 'text', label: '调查编号' },
      field_account__c: { type: 'object_reference', label: '客户', target: 'AccountObj' },
      field_survey_type__c: { type: 'select_one', label: '调查类型', options: SURVEY_TYPES },
      field_score__c: { type: 'number', label: '评分', decimals: 0 },
      field_survey_date__c: { type: 'date', label: '调查日期' },
    },
  },
  object_referral__c: {
    apiName: 'object_referral__c',
    label: '转介绍',
    custom: true,
    fields: {
      ...SYSTEM_FIELDS,
      name: { type: 'text', label: '转介绍编号' },
      field_referrer__c: { type: 'object_reference', label: '推荐客户', target: 'AccountObj' },
      field_referred_name__c: { type: 'text', label: '被推荐企业' },
      field_referral_date__c: { type: 'date', label: '推荐日期' },
    },
  },
};

export const isCustomObject = (apiName: string) => apiName.endsWith('__c');

/** Region codes and labels (the simulator's codes; S1 §4 says real codes come from a region API). */
export const REGION_LABELS: Record<string, string> = {
  '248': '中国',
  '310000': '上海市',
  '110000': '北京市',
  '440000': '广东省',
  '330000': '浙江省',
  '320000': '江苏省',
  '510000': '四川省',
  '420000': '湖北省',
  '610000': '陕西省',
  '500000': '重庆市',
  '350000': '福建省',
  '370000': '山东省',
  '430000': '湖南省',
  '310100': '上海市',
  '110100': '北京市',
  '440300': '深圳市',
  '440100': '广州市',
  '330100': '杭州市',
  '320500': '苏州市',
  '320100': '南京市',
  '510100': '成都市',
  '420100': '武汉市',
  '610100': '西安市',
  '500100': '重庆市',
  '350200': '厦门市',
  '370200': '青岛市',
  '430100': '长沙市',
};

/** The options of a select_one field, or an empty list. */
export function optionsOf(object: string, field: string): readonly { value: string; label: string }[] {
  return OBJECTS[object]?.fields[field]?.options ?? [];
}
