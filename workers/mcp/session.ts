import type { Locale } from "../chat/i18n";

/**
 * What one MCP request's tools act for: checked by the route on this very request, never kept
 * between requests, so a revoked token stops working at once and balances are always fresh.
 */
export interface McpSession {
  env: Env;
  accountId: string;
  locale: Locale;
}
