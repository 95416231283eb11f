/**
 * Example bodies quoted from Zoho's own OpenAPI specs for CRM v8, github.com/zoho/crm-oas, folder
 * `v8.0/` (read 2026-11-23). Each constant names the file it comes from. Where zoho.md quotes a
 * body from another source, the constant says so.
 */

// ---------------------------------------------------------------- records

/** v8.0/record/mds/examples/getRecords.md — Status 400 RequiredParamMissing */
export const GET_RECORDS_REQUIRED_PARAM_MISSING = {
  code: 'REQUIRED_PARAM_MISSING',
  status: 'error',
  details: { param_name: 'fields' },
  message: 'required param is missing',
};

/** v8.0/record/mds/examples/getRecords.md — Status 400 LimitExceeded */
export const GET_RECORDS_LIMIT_EXCEEDED = {
  code: 'LIMIT_EXCEEDED',
  details: { limit: 50, param_name: 'fields' },
  message: 'limit exceeded',
  status: 'error',
};

/** v8.0/record/mds/examples/getRecords.md — Status 400 DiscretePaginationLimitExceeded */
export const GET_RECORDS_DISCRETE_PAGINATION = {
  code: 'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
  message: 'You can only get the first 2000 records without using page_token param',
  status: 'error',
  details: { limit: 2000 },
};

/** v8.0/record/mds/examples/getRecords.md — Status 400 TokenBoundDataMismatch */
export const GET_RECORDS_TOKEN_BOUND_MISMATCH = {
  code: 'TOKEN_BOUND_DATA_MISMATCH',
  message: 'The page_token given seems to be invalid or input param is added or altered or deleted',
  status: 'error',
  details: { param_name: 'page_token' },
};

/** v8.0/record/mds/examples/getRecords.md — Status 400 ExpiredValue */
export const GET_RECORDS_EXPIRED_VALUE = {
  status: 'error',
  code: 'EXPIRED_VALUE',
  message: 'Page token expired',
  details: { api_name: 'page_token', json_path: '$.query.page_token' },
};

/** v8.0/record/mds/examples/getRecords.md — Status 400 (module) */
export const GET_RECORDS_INVALID_MODULE = {
  code: 'INVALID_MODULE',
  details: { resource_path_index: 0 },
  message: 'the module name given seems to be invalid',
  status: 'error',
};

/** v8.0/record/mds/examples/getRecords.md — Status 404 InvalidUrlPattern */
export const INVALID_URL_PATTERN = {
  code: 'INVALID_URL_PATTERN',
  message: 'Please check if the URL trying to access is a correct one',
  status: 'error',
  details: {},
};

/** v8.0/record/mds/examples/getRecords.md — Status 200 Leads (the record; its info block is below) */
export const GET_RECORDS_LEADS_RECORD = {
  id: '4150868000000002175',
  Owner: { name: 'Patricia Boyle', id: '4150868000000225013', email: 'patricia.boyle@example.com' },
  Company: 'Zylker Corp',
  First_Name: 'John',
  Last_Name: 'Doe',
  Email: 'john.doe@zylker.com',
  Phone: '+1-555-123-4567',
  Lead_Status: 'Not Contacted',
  Created_Time: '2023-10-15T10:30:00+00:00',
  Modified_Time: '2023-10-15T14:20:00+00:00',
};

/** v8.0/record/mds/examples/getRecords.md — Status 200 Leads, `info` */
export const GET_RECORDS_INFO = {
  call: false,
  per_page: 5,
  next_page_token: 'c8582xx9e7c7',
  count: 5,
  sort_by: 'id',
  page: 1,
  page_token_expiry: '2022-11-11T15:08:14+05:30',
  sort_order: 'desc',
  email: false,
  more_records: true,
  previous_page_token: null,
};

/** v8.0/related_records/mds/examples/getRelatedRecords.md — Status 400 RequiredParamMissing */
export const RELATED_REQUIRED_PARAM_MISSING = {
  code: 'REQUIRED_PARAM_MISSING',
  message: 'One of the expected parameter is missing',
  status: 'error',
  details: { param_name: 'fields' },
};

/** v8.0/related_records/mds/examples/getRelatedRecords.md — Status 404 RecordNotFound */
export const RELATED_RECORD_NOT_FOUND = { code: 'INVALID_DATA', details: {}, message: 'The record does not exist', status: 'error' };

/** v8.0/related_records/mds/examples/getRelatedRecords.md — Status 400 InvalidDataRelationNameError */
export const RELATED_INVALID_NAME = {
  code: 'INVALID_DATA',
  message: 'The related name given seems to be invalid',
  status: 'error',
  details: { resource_path_index: 2 },
};

/** v8.0/related_records/mds/examples/getRelatedRecords.md — Status 200 ContactProductsSuccess, `info` keys */
export const RELATED_INFO_KEYS = [
  'page',
  'per_page',
  'count',
  'more_records',
  'next_page_token',
  'page_token_expiry',
  'previous_page_token',
];

/** v8.0/record/mds/examples/updateRecords.md — request "Leads" (the fields this simulator's Leads carry) */
export const UPDATE_RECORDS_REQUEST = {
  data: [
    {
      Lead_Source: 'Employee Referral',
      Company: 'ABC',
      Last_Name: 'Daly',
      First_Name: 'Paul',
      Email: 'p.daly@zylker.com',
      State: 'Texas',
      id: '111112000000142001',
    },
  ],
  trigger: ['approval', 'workflow', 'blueprint', 'pathfinder', 'orchestration'],
};

/** v8.0/record/mds/examples/updateRecords.md — Status 200 Success (one element of data[]) */
export const UPDATE_RECORDS_SUCCESS_ITEM = {
  code: 'SUCCESS',
  details: {
    Modified_Time: '2023-05-10T01:10:47-07:00',
    Modified_By: { name: 'Patricia Boyle', id: '5725767000000411001' },
    Created_Time: '2023-05-10T01:10:47-07:00',
    id: '5725767000000524157',
    Created_By: { name: 'Patricia Boyle', id: '5725767000000411001' },
    $approval_state: 'approved',
  },
  message: 'record updated',
  status: 'success',
};

/** v8.0/record/mds/examples/updateRecords.md — Status 207 MixedResults (the error element) */
export const UPDATE_RECORDS_MIXED_ERROR_ITEM = {
  code: 'INVALID_DATA',
  details: { api_name: 'Last_Name', json_path: '$.data[1].Last_Name' },
  message: 'the field api name given seems to be invalid',
  status: 'error',
};

/** v8.0/record/mds/examples/updateRecords.md — Status 412 AlreadyModified (one element of data[]) */
export const UPDATE_RECORDS_ALREADY_MODIFIED_ITEM = {
  code: 'ALREADY_MODIFIED',
  message: 'record updated time has already passed if-unmodified-since time',
  status: 'error',
  details: {
    Modified_Time: '2023-06-04T12:00:24+05:30',
    Created_Time: '2023-04-17T16:23:25+05:30',
    id: '492070000199308229',
    Modified_By: { name: 'Senthilkumar', id: '492070000000209017' },
    Created_By: { name: 'Senthilkumar', id: '492070000000209017' },
  },
};

/** v8.0/record/mds/examples/updateRecords.md — Status 400 LimitExceededError */
export const UPDATE_RECORDS_LIMIT_EXCEEDED = {
  data: [
    {
      code: 'LIMIT_EXCEEDED',
      details: { maximum_length: 100, api_name: 'data' },
      message: 'count of records in your request exceeds the limit',
      status: 'error',
    },
  ],
};

/** v8.0/record/mds/examples/updateRecords.md — Status 400 RecordLockedError (the element) */
export const UPDATE_RECORDS_RECORD_LOCKED_ITEM = {
  code: 'RECORD_LOCKED',
  details: { api_name: 'id', json_path: '$.data[0].id', action: 'record_locking' },
  message: 'Sorry, you cannot perform this operation as the record is locked.',
  status: 'error',
};

/** v8.0/record_count/operations/getRecordCount/examples/response-200-success.md */
export const RECORD_COUNT_KEYS = ['count'];

// ---------------------------------------------------------------- auth

/** v8.0/related_records/mds/examples/getRelatedRecords.md — Status 401 InvalidToken (the code; the message as seen in the wild, zoho.md §4) */
export const INVALID_TOKEN = { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' };

/** v8.0/record/operations/cloneRecord/examples/response-401-authenticationfailure.md */
export const AUTHENTICATION_FAILURE = { code: 'AUTHENTICATION_FAILURE', details: {}, message: 'Authentication failed', status: 'error' };

/** v8.0/record/mds/examples/getRecords.md — Status 401 ScopeMismatch */
export const SCOPE_MISMATCH = { code: 'OAUTH_SCOPE_MISMATCH', message: 'Unauthorized', status: 'error', details: {} };

// ---------------------------------------------------------------- COQL (v8.0/coql/mds/examples/executeCOQLQuery.md)

/** Request GetLeads */
export const COQL_GET_LEADS = { select_query: "select Last_Name, First_Name from Leads where Last_Name = 'Smith'" };
/** Status 200 SuccessResponse (the data row, before the always-added id) */
export const COQL_GET_LEADS_ROW = { Last_Name: 'Smith', First_Name: 'John' };
/** Request GetLeadsWithFieldMetadata */
export const COQL_GET_LEADS_WITH_META = {
  select_query: "select Last_Name from Leads where Last_Name = 'TestLead'",
  include_meta: ['fields'],
};
/** Status 400 SyntaxErrorInvalidClause */
export const COQL_MISSING_WHERE = { code: 'SYNTAX_ERROR', details: { clause: 'where' }, message: 'missing clause', status: 'error' };
/** Status 400 SyntaxErrorOperator */
export const COQL_NOT_OPERATOR = { code: 'SYNTAX_ERROR', details: { operator: 'not' }, message: 'operator not supported', status: 'error' };
/** Status 400 InvalidQueryInvalidOperator */
export const COQL_INVALID_OPERATOR = {
  code: 'INVALID_QUERY',
  details: { reason: 'invalid operator found', column_name: 'First_Name', operator: '>' },
  message: 'Invalid query formed',
  status: 'error',
};
/** Status 400 InvalidQueryInvalidAlias */
export const COQL_ALIAS_IS_COLUMN = {
  code: 'INVALID_QUERY',
  details: { column_name: 'First_Name', alias: 'Last_Name' },
  message: 'column name or property name given in select columns without alias name cannot be an alias name for other select columns',
  status: 'error',
};
/** Status 400 MandatoryNotFound */
export const COQL_MANDATORY_NOT_FOUND = {
  code: 'MANDATORY_NOT_FOUND',
  details: { api_name: 'select_query' },
  message: 'mandatory key not found',
  status: 'error',
};
/** Status 400 DuplicateAlias */
export const COQL_DUPLICATE_ALIAS = {
  code: 'DUPLICATE_ALIAS',
  details: { referred_columns: ['First_Name', 'Last_Name'], alias: 'Name' },
  message: 'same alias cannot refer more than one column',
  status: 'error',
};
/** Status 400 InvalidAlias */
export const COQL_EMPTY_ALIAS = {
  code: 'INVALID_ALIAS',
  details: { column_name: 'First_Name', alias: '' },
  message: 'alias name cannot be an empty string',
  status: 'error',
};
/** Status 400 DuplicateData */
export const COQL_DUPLICATE_COLUMN = {
  code: 'DUPLICATE_DATA',
  details: { column_name: 'First_Name' },
  message: 'duplicate select column',
  status: 'error',
};
/** Status 400 DuplicateDataAggregate */
export const COQL_DUPLICATE_AGGREGATE = {
  code: 'DUPLICATE_DATA',
  details: { column_name: 'Annual_Revenue', aggregate: 'MAX' },
  message: 'duplicate aggregate function',
  status: 'error',
};
/** Status 400 InvalidQueryInvalidLimit */
export const COQL_INVALID_LIMIT = {
  code: 'INVALID_QUERY',
  details: { limit: 's' },
  message: 'limit given seems to be invalid',
  status: 'error',
};
/** Status 400 InvalidDataLimitZero */
export const COQL_LIMIT_ZERO = { code: 'INVALID_DATA', details: {}, message: 'limit should be greater than 0', status: 'error' };
/** Status 400 InvalidDataUnsupportedFunction */
export const COQL_UNSUPPORTED_FUNCTION = {
  code: 'INVALID_DATA',
  details: { reason: 'unsupported aggregate function', column: 'TestFunction(Last_Name)' },
  message: 'invalid data',
  status: 'error',
};
/** Status 400 InvalidDataSupportedValues */
export const COQL_INCLUDE_META_VALUES = {
  code: 'INVALID_DATA',
  details: { api_name: 'include_meta', json_path: '$.include_meta[0]', supported_values: ['fields'] },
  message: 'invalid data',
  status: 'error',
};
/** Status 400 InvalidModule */
export const COQL_INVALID_MODULE = {
  code: 'INVALID_MODULE',
  details: {},
  message: 'the given module is not supported in api',
  status: 'error',
};
/** Status 400 InvalidQueryUnsupportedCriteria */
export const COQL_UNSUPPORTED_CRITERIA = {
  code: 'INVALID_QUERY',
  details: {
    cv_criteria: false,
    column_name: 'Participants',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Zoho's literal placeholder text, not a template
    value: '${EMPTY}',
    operator: '!=',
  },
  message: 'unsupported column in criteria',
  status: 'error',
};

// ---------------------------------------------------------------- notifications (v8.0/notifications/mds/examples/*.md)

/** createNotifications.md — request Sample (first entry; the spec renders the date as a Python TimeStamp) */
export const WATCH_REQUEST_ENTRY = {
  channel_id: '1000000068001',
  notify_url: 'https://www.example.com/notify',
  events: ['Leads.create', 'Contacts.edit'],
  token: 'TOKEN_FOR_VERIFICATION_1',
};

/** createNotifications.md — Status 201 Sample: the keys of details.events[] and the message */
export const WATCH_EVENT_KEYS = ['channel_expiry', 'resource_uri', 'resource_id', 'resource_name', 'channel_id'];
export const WATCH_SUCCESS_MESSAGE = 'Successfully subscribed for actions-watch of the given module';

/** createNotifications.md — Status 207 MultiStatusResponse (the error element) */
export const WATCH_MISSING_CHANNEL_ID = {
  code: 'MANDATORY_NOT_FOUND',
  details: { api_name: 'channel_id', json_path: '$.watch[1].channel_id' },
  message: 'required field not found',
  status: 'error',
};

/** disableNotifications.md — Status 200 Sample: message of each element */
export const UNWATCH_MESSAGE = 'Successfully un-subscribed from actions-watch';

/** updateNotificationInfo.md — Status 200 Sample: message */
export const WATCH_PATCH_MESSAGE = 'Successfully updated the subscribe details';

/** getNotifications.md — Status 200 Sample: keys of one watch[] element */
export const WATCH_LIST_KEYS = [
  'notify_on_related_action',
  'channel_expiry',
  'return_affected_field_values',
  'resource_uri',
  'resource_id',
  'notify_url',
  'resource_name',
  'fields',
  'notification_condition',
  'channel_id',
  'events',
  'token',
];

/** zoho.md §5 (v7 notifications doc example): keys of a callback body */
export const CALLBACK_KEYS = ['server_time', 'query_params', 'module', 'resource_uri', 'ids', 'operation', 'channel_id', 'token'];
