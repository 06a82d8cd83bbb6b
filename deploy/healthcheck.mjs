#!/usr/bin/env node
/**
 * The container's HEALTHCHECK: in HTTP mode (INTERACTIONS_PORT set), healthy when GET /healthz
 * answers 200, which it does once the index is loaded. Gateway mode opens no port, so there is
 * nothing to ask: healthy while the process runs (it exits when it cannot serve).
 */
const port = process.env.INTERACTIONS_PORT?.trim();
if (port === undefined || port === '') process.exit(0);
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4_000) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
