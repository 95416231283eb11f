/**
 * What the worker knows about each CRM: its settings schema (public fields), the names of its
 * secret fields, how to build a Connector from stored settings, and how to read its webhooks.
 * A new CRM is one definition file added to CRM_DEFINITIONS (connectors/index.ts).
 */
import type { z } from '@hono/zod-openapi';
import type { Connector, ConnectorStore, RelatedChange } from './types.ts';

export interface ConnectorInput {
  tenant: string;
  settings: Record<string, unknown>;
  /** Decrypted secrets, by field name; only present in memory while building the connector. */
  secrets: Record<string, string>;
  /** The tenant's state for this CRM (tokens, channels), kept in KV. */
  store: ConnectorStore;
  /** Local development: settings may point the connector at non-production hosts (a simulator). */
  allowDevHosts: boolean;
}

/** A verified-to-be CRM change notification: which tenant, the token it presented, what changed. */
export interface WebhookNotice {
  tenant: string;
  token: string;
  accountIds: string[];
  /**
   * Changed records that are not accounts. Resolved to their accounts by the connector's
   * `accountsOf` only after the token is verified, so an unauthenticated call never costs CRM calls.
   */
  related?: RelatedChange[];
}

export interface WebhookRequest {
  headers: Headers;
  query: URLSearchParams;
  /** The parsed JSON body (undefined when the body was empty). */
  body: unknown;
}

/** Reads a CRM's notification format; returns a message for input it cannot read. */
export type WebhookParser = (req: WebhookRequest) => WebhookNotice | { error: string };

export interface CrmDefinition {
  id: string;
  label: string;
  /** Public settings, returned by GET /v1/connectors/:crm. */
  settingsSchema: z.ZodType<Record<string, unknown>>;
  /** Secret fields accepted by PUT (besides `webhookToken`, which every CRM has); never returned. */
  secretNames: readonly string[];
  create(input: ConnectorInput): Connector;
  /** Defaults to the generic JSON format of connectors/webhooks.ts. */
  parseWebhook?: WebhookParser;
  /** Checks beyond the schema that depend on the deployment (PUT answers 400 with these issues). */
  settingsProblems?: (settings: Record<string, unknown>, env: { allowDevHosts: boolean }) => { path: string; message: string }[];
  /**
   * Small populations (the demo) compute statistics during the first request that needs them;
   * real CRMs compute them in the background and by cron.
   */
  statsOnFirstNeed?: boolean;
}

/** Every CRM has a webhook token: the shared secret its notifications must present. */
export const WEBHOOK_TOKEN = 'webhookToken';
