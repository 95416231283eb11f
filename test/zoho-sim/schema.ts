/**
 * The seeded org's modules and fields. Standard field API names come from the v8 SDK
 * `record/field.ts` (zoho.md §2); custom fields follow Zoho's convention of admin-chosen API
 * names with no `__c` suffix (that is Salesforce/Fxiaoke), and `__s` marks system fields.
 */
export type FieldType =
  | 'id'
  | 'text'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'website'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'currency'
  | 'boolean'
  | 'picklist'
  | 'multiselect'
  | 'date'
  | 'datetime'
  | 'lookup'
  | 'ownerlookup'
  | 'userlookup'
  | 'autonumber'
  | 'tag';

export interface FieldDef {
  type: FieldType;
  label: string;
  readOnly?: boolean;
  custom?: boolean;
  /** For lookups: the module they point to (What_Id is polymorphic; see `$se_module`). */
  lookup?: string;
  /** Picklist values (display values). */
  values?: readonly string[];
  maxLength?: number;
}

export interface ModuleDef {
  apiName: string;
  /** Zoho module id, as in the watch response's `resource_id`. */
  id: string;
  singular: string;
  fields: Record<string, FieldDef>;
  /** Related lists on this module: api name -> how to find the related records. */
  related: Record<string, RelatedListDef>;
}

export interface RelatedListDef {
  /** Modules whose records appear in the list. */
  modules: readonly string[];
  /** The lookup field on the related record that points at the parent. */
  via: string;
  /** Extra filter (open vs closed activities). */
  filter?: 'open' | 'closed';
}

const common: Record<string, FieldDef> = {
  id: { type: 'id', label: 'Record Id', readOnly: true },
  Owner: { type: 'ownerlookup', label: 'Owner' },
  Created_By: { type: 'userlookup', label: 'Created By', readOnly: true },
  Modified_By: { type: 'userlookup', label: 'Modified By', readOnly: true },
  Created_Time: { type: 'datetime', label: 'Created Time', readOnly: true },
  Modified_Time: { type: 'datetime', label: 'Modified Time', readOnly: true },
  Tag: { type: 'tag', label: 'Tag' },
  Locked__s: { type: 'boolean', label: 'Locked', readOnly: true },
  Record_Status__s: { type: 'picklist', label: 'Record Status', readOnly: true, values: ['Available', 'Draft', 'Trash'] },
};

export const INDUSTRIES = [
  'ASP (Application Service Provider)',
  'Communications',
  'Consulting',
  'Data/Telecom OEM',
  'Education',
  'ERP (Enterprise Resource Planning)',
  'Financial Services',
  'Government/Military',
  'Healthcare',
  'Large Enterprise',
  'Manufacturing',
  'Real Estate',
  'Retail',
  'Small/Medium Enterprise',
  'Storage Equipment',
  'Systems Integrator',
  'Technology',
  'Logistics',
] as const;

export const ACCOUNT_TYPES = [
  'Analyst',
  'Competitor',
  'Customer',
  'Distributor',
  'Integrator',
  'Investor',
  'Other',
  'Partner',
  'Press',
  'Prospect',
  'Reseller',
  'Supplier',
  'Vendor',
] as const;

/**
 * Deal stages of the default pipeline (zoho.md §2). The last one's display value is
 * "Closed-Lost to Competition" and its actual value "Closed Lost to Competition"; records carry
 * the display value and COQL criteria accept either.
 */
export const DEAL_STAGES = [
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Identify Decision Makers',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
  'Closed-Lost to Competition',
] as const;
export const OPEN_STAGES = DEAL_STAGES.slice(0, 6);
export const PICKLIST_ACTUAL_VALUES: Record<string, string> = { 'Closed Lost to Competition': 'Closed-Lost to Competition' };

/** Values for the custom `Personality_Type` picklist: names the TierLens catalogue recognises, in both languages. */
export const PERSONALITY_VALUES = [
  '犹豫型',
  'Impulsive',
  '果断型',
  'Rational',
  '分析型',
  'Methodical',
  '爱提问型',
  '沉默型',
  'Talkative',
  '随和型',
  'Emotional',
  '关系型',
  'Proud',
  '固执型',
  'Picky',
  '精明型',
  'Haggler',
  '挑剔型',
  'Complaining',
] as const;

export const MODULES: Record<string, ModuleDef> = {
  Leads: {
    apiName: 'Leads',
    id: '4876876000000002175',
    singular: 'Lead',
    fields: {
      ...common,
      Company: { type: 'text', label: 'Company' },
      First_Name: { type: 'text', label: 'First Name' },
      Last_Name: { type: 'text', label: 'Last Name' },
      Full_Name: { type: 'text', label: 'Full Name', readOnly: true },
      Email: { type: 'email', label: 'Email' },
      Phone: { type: 'phone', label: 'Phone' },
      Lead_Status: {
        type: 'picklist',
        label: 'Lead Status',
        values: ['Not Contacted', 'Attempted to Contact', 'Contact in Future', 'Contacted', 'Junk Lead', 'Lost Lead', 'Pre-Qualified'],
      },
      Lead_Source: { type: 'picklist', label: 'Lead Source', values: ['Advertisement', 'Cold Call', 'Employee Referral', 'Web Download'] },
      Industry: { type: 'picklist', label: 'Industry', values: INDUSTRIES },
      Annual_Revenue: { type: 'currency', label: 'Annual Revenue' },
      State: { type: 'text', label: 'State' },
    },
    related: {},
  },
  Accounts: {
    apiName: 'Accounts',
    id: '4876876000000002177',
    singular: 'Account',
    fields: {
      ...common,
      Account_Name: { type: 'text', label: 'Account Name', maxLength: 200 },
      Account_Number: { type: 'bigint', label: 'Account Number' },
      Account_Site: { type: 'text', label: 'Account Site' },
      Account_Type: { type: 'picklist', label: 'Account Type', values: ACCOUNT_TYPES },
      Industry: { type: 'picklist', label: 'Industry', values: INDUSTRIES },
      Annual_Revenue: { type: 'currency', label: 'Annual Revenue' },
      Employees: { type: 'integer', label: 'Employees' },
      Rating: { type: 'picklist', label: 'Rating', values: ['Acquired', 'Active', 'Market Failed', 'Project Cancelled', 'Shut Down'] },
      Ownership: {
        type: 'picklist',
        label: 'Ownership',
        values: ['Government', 'Other', 'Partnership', 'Private', 'Public', 'Subsidiary'],
      },
      Phone: { type: 'phone', label: 'Phone' },
      Website: { type: 'website', label: 'Website' },
      Parent_Account: { type: 'lookup', label: 'Parent Account', lookup: 'Accounts' },
      Billing_Street: { type: 'text', label: 'Billing Street' },
      Billing_City: { type: 'text', label: 'Billing City' },
      Billing_State: { type: 'text', label: 'Billing State' },
      Billing_Code: { type: 'text', label: 'Billing Code' },
      Billing_Country: { type: 'text', label: 'Billing Country' },
      Description: { type: 'textarea', label: 'Description' },
      Currency: { type: 'picklist', label: 'Currency', values: ['CNY', 'USD'] },
      Exchange_Rate: { type: 'double', label: 'Exchange Rate' },
      Last_Activity_Time: { type: 'datetime', label: 'Last Activity Time', readOnly: true },
      // Custom fields (admin-chosen API names).
      Customer_Satisfaction: { type: 'double', label: 'Customer Satisfaction', custom: true },
      CSAT_Survey_Date: { type: 'date', label: 'CSAT Survey Date', custom: true },
      NPS_Score: { type: 'integer', label: 'NPS Score', custom: true },
      NPS_Survey_Date: { type: 'date', label: 'NPS Survey Date', custom: true },
      Referrals_Count: { type: 'integer', label: 'Referrals Count', custom: true },
      Annual_Agreement: { type: 'boolean', label: 'Annual Agreement', custom: true },
      Key_Account: { type: 'boolean', label: 'Key Account', custom: true },
      Personality_Type: { type: 'picklist', label: 'Personality Type', custom: true, values: PERSONALITY_VALUES },
      Overdue_Amount: { type: 'currency', label: 'Overdue Amount', custom: true },
      // The write-back target of zoho.md §6 ("Customer Tier" -> Customer_Tier); empty until someone writes it.
      Customer_Tier: {
        type: 'picklist',
        label: 'Customer Tier',
        custom: true,
        values: ['strategic', 'vip', 'key', 'new', 'dormant', 'low_value', 'standard'],
      },
    },
    related: {
      Deals: { modules: ['Deals'], via: 'Account_Name' },
      Cases: { modules: ['Cases'], via: 'Account_Name' },
      // zoho.md §2: "Activities" (open) and "Activities_History" ("Closed Activities", module Activities).
      Activities: { modules: ['Tasks', 'Events', 'Calls'], via: 'What_Id', filter: 'open' },
      Activities_History: { modules: ['Tasks', 'Events', 'Calls'], via: 'What_Id', filter: 'closed' },
      Contacts: { modules: ['Contacts'], via: 'Account_Name' },
      Notes: { modules: [], via: 'Parent_Id' },
      Attachments: { modules: [], via: 'Parent_Id' },
    },
  },
  Contacts: {
    apiName: 'Contacts',
    id: '4876876000000002179',
    singular: 'Contact',
    fields: {
      ...common,
      First_Name: { type: 'text', label: 'First Name' },
      Last_Name: { type: 'text', label: 'Last Name' },
      Full_Name: { type: 'text', label: 'Full Name', readOnly: true },
      Email: { type: 'email', label: 'Email' },
      Phone: { type: 'phone', label: 'Phone' },
      Title: { type: 'text', label: 'Title' },
      Account_Name: { type: 'lookup', label: 'Account Name', lookup: 'Accounts' },
    },
    related: {},
  },
  Deals: {
    apiName: 'Deals',
    id: '4876876000000002181',
    singular: 'Deal',
    fields: {
      ...common,
      Deal_Name: { type: 'text', label: 'Deal Name' },
      Account_Name: { type: 'lookup', label: 'Account Name', lookup: 'Accounts' },
      Amount: { type: 'currency', label: 'Amount' },
      Stage: { type: 'picklist', label: 'Stage', values: DEAL_STAGES },
      Probability: { type: 'integer', label: 'Probability (%)' },
      Expected_Revenue: { type: 'currency', label: 'Expected Revenue', readOnly: true },
      Closing_Date: { type: 'date', label: 'Closing Date' },
      Pipeline: { type: 'picklist', label: 'Pipeline', values: ['Standard (Standard)'] },
      Type: { type: 'picklist', label: 'Type', values: ['Existing Business', 'New Business'] },
      Lead_Source: {
        type: 'picklist',
        label: 'Lead Source',
        values: ['Advertisement', 'Cold Call', 'Employee Referral', 'Partner', 'Web Download'],
      },
      Next_Step: { type: 'text', label: 'Next Step' },
      Reason_For_Loss__s: { type: 'picklist', label: 'Reason For Loss', values: ['Price', 'Lost to Competitor', 'No Budget', 'Other'] },
      Currency: { type: 'picklist', label: 'Currency', values: ['CNY', 'USD'] },
      Description: { type: 'textarea', label: 'Description' },
    },
    related: {},
  },
  Calls: {
    apiName: 'Calls',
    id: '4876876000000002197',
    singular: 'Call',
    fields: {
      ...common,
      Subject: { type: 'text', label: 'Subject' },
      Call_Type: { type: 'picklist', label: 'Call Type', values: ['Outbound', 'Inbound', 'Missed'] },
      Call_Start_Time: { type: 'datetime', label: 'Call Start Time' },
      Call_Duration: { type: 'text', label: 'Call Duration' },
      Call_Duration_in_seconds: { type: 'integer', label: 'Call Duration (in seconds)', readOnly: true },
      Call_Purpose: {
        type: 'picklist',
        label: 'Call Purpose',
        values: ['Prospecting', 'Administrative', 'Negotiation', 'Demo', 'Project', 'Desk'],
      },
      Call_Result: {
        type: 'picklist',
        label: 'Call Result',
        values: ['Interested', 'Not interested', 'No response/Busy', 'Requested more info'],
      },
      Outgoing_Call_Status: { type: 'picklist', label: 'Outgoing Call Status', values: ['Scheduled', 'Completed', 'Overdue', 'Cancelled'] },
      What_Id: { type: 'lookup', label: 'Related To', lookup: 'Accounts' },
      $se_module: { type: 'text', label: 'Related Module', readOnly: true },
      Who_Id: { type: 'lookup', label: 'Contact Name', lookup: 'Contacts' },
      Description: { type: 'textarea', label: 'Description' },
    },
    related: {},
  },
  Events: {
    apiName: 'Events',
    id: '4876876000000002199',
    singular: 'Event',
    fields: {
      ...common,
      Event_Title: { type: 'text', label: 'Title' },
      Start_DateTime: { type: 'datetime', label: 'From' },
      End_DateTime: { type: 'datetime', label: 'To' },
      All_day: { type: 'boolean', label: 'All day' },
      Venue: { type: 'text', label: 'Venue' },
      Participants: { type: 'multiselect', label: 'Participants' },
      What_Id: { type: 'lookup', label: 'Related To', lookup: 'Accounts' },
      $se_module: { type: 'text', label: 'Related Module', readOnly: true },
      Who_Id: { type: 'lookup', label: 'Contact Name', lookup: 'Contacts' },
      Description: { type: 'textarea', label: 'Description' },
    },
    related: {},
  },
  Tasks: {
    apiName: 'Tasks',
    id: '4876876000000002193',
    singular: 'Task',
    fields: {
      ...common,
      Subject: { type: 'text', label: 'Subject' },
      Status: { type: 'picklist', label: 'Status', values: ['Not Started', 'Deferred', 'In Progress', 'Completed', 'Waiting for input'] },
      Priority: { type: 'picklist', label: 'Priority', values: ['High', 'Highest', 'Low', 'Lowest', 'Normal'] },
      Due_Date: { type: 'date', label: 'Due Date' },
      Closed_Time: { type: 'datetime', label: 'Closed Time', readOnly: true },
      What_Id: { type: 'lookup', label: 'Related To', lookup: 'Accounts' },
      $se_module: { type: 'text', label: 'Related Module', readOnly: true },
      Who_Id: { type: 'lookup', label: 'Contact Name', lookup: 'Contacts' },
      Description: { type: 'textarea', label: 'Description' },
    },
    related: {},
  },
  Cases: {
    apiName: 'Cases',
    id: '4876876000000002213',
    singular: 'Case',
    fields: {
      ...common,
      Case_Number: { type: 'autonumber', label: 'Case Number', readOnly: true },
      Subject: { type: 'text', label: 'Subject' },
      Status: { type: 'picklist', label: 'Status', values: ['New', 'On Hold', 'Escalated', 'Closed'] },
      Priority: { type: 'picklist', label: 'Priority', values: ['High', 'Medium', 'Low'] },
      Case_Origin: { type: 'picklist', label: 'Case Origin', values: ['Email', 'Phone', 'Web'] },
      Case_Reason: {
        type: 'picklist',
        label: 'Case Reason',
        values: ['User did not attend any training', 'Complex functionality', 'Existing problem', 'Instructions not clear', 'New problem'],
      },
      Type: { type: 'picklist', label: 'Type', values: ['Problem', 'Feature Request', 'Question'] },
      Account_Name: { type: 'lookup', label: 'Account Name', lookup: 'Accounts' },
      Deal_Name: { type: 'lookup', label: 'Deal Name', lookup: 'Deals' },
      No_of_comments: { type: 'integer', label: 'Number of comments', readOnly: true },
      Description: { type: 'textarea', label: 'Description' },
    },
    related: {},
  },
};

/** Module lookup by API name, case-insensitively (`/crm/v8/accounts` works like `/crm/v8/Accounts`; a guess). */
export function findModule(name: string): ModuleDef | undefined {
  const exact = MODULES[name];
  if (exact) return exact;
  const lower = name.toLowerCase();
  return Object.values(MODULES).find((m) => m.apiName.toLowerCase() === lower);
}
