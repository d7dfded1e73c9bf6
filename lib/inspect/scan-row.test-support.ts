import type { ScanRow } from './types';

// Test support only: a scan row with plain defaults (a pending request never tried), changed as given.
export const scanRow = (id: string, overrides: Partial<ScanRow> = {}): ScanRow => ({
  id,
  url: `https://x.test/${id}`,
  uniqueKey: `https://x.test/${id}`,
  method: 'GET',
  retryCount: 0,
  handledAt: null,
  errorCount: 0,
  lastError: null,
  lockExpiresAt: null,
  ...overrides,
});
