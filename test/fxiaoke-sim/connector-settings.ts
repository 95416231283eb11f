/**
 * The simulated tenant's custom fields and objects, mapped in the Fxiaoke connector's settings as
 * an admin would after reading object/describe. Shared by the connector tests and
 * `npm run start:fxiaoke`.
 */
import type { FxiaokeSimCredentials } from './server.ts';

export const SIM_FIELDS = {
  annualAgreement: 'field_annual_agreement__c',
  personality: 'field_personality__c',
  overdueAmount: 'field_overdue_amount__c',
  employees: 'field_staff_count__c',
  annualRevenue: 'field_annual_revenue__c',
  extra: ['uniform_social_credit_code'],
};

/** CSAT and NPS answers live in object_survey__c (NPS is also on the account: field_nps__c / field_nps_date__c). */
export const SIM_SURVEYS = [
  {
    object: 'object_survey__c',
    accountField: 'field_account__c',
    scoreField: 'field_score__c',
    dateField: 'field_survey_date__c',
    kindField: 'field_survey_type__c',
    csatValues: ['csat'],
    npsValues: ['nps'],
  },
];

export const SIM_REFERRALS = { object: 'object_referral__c', accountField: 'field_referrer__c', dateField: 'field_referral_date__c' };

/** Connector settings for the simulator (new auth, the administrator as operator). */
export function simConnectorSettings(c: FxiaokeSimCredentials, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    baseUrl: c.baseUrl,
    appId: c.appId,
    operatorUserId: c.adminUserId,
    fields: SIM_FIELDS,
    surveys: SIM_SURVEYS,
    referrals: SIM_REFERRALS,
    ...extra,
  };
}

export function simConnectorSecrets(c: FxiaokeSimCredentials): Record<string, string> {
  return { appSecret: c.appSecret, permanentCode: c.permanentCode };
}
