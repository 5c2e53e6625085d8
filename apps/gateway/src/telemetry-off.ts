/**
 * Imported first, before anything loads @apollo/gateway: @apollo/gateway 2.x otherwise starts an
 * OpenTelemetry exporter to usage-reporting.api.apollographql.com and probes cloud metadata
 * endpoints (AWS/GCP/Azure/Alibaba) from its constructor. The variable is forced, not defaulted:
 * this platform never phones home. (A write, not a read: config.ts stays the only reader of env.)
 */
process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';

export const TELEMETRY_DISABLED = true;
