/** The e2e server: its own port and a fixed local test token (not a secret: loopback, test data only). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_TOKEN = 'e2e-local-emulator-token-0123456789';
export const E2E_EMULATOR_URL = `http://127.0.0.1:${E2E_PORT}/emulator`;

/**
 * A stand-in for api.apify.com: a standalone emulator whose token looks like an Apify token, so
 * the "Apify" target can be exercised end to end and the token searched for wherever it must not be.
 */
export const FAKE_APIFY_PORT = E2E_PORT + 1000;
export const FAKE_APIFY_TOKEN = 'fake-apify-token-e2e-MARKER-7q3Zx9';
export const FAKE_APIFY_URL = `http://127.0.0.1:${FAKE_APIFY_PORT}`;
/** Everything the e2e Next server prints, for the test that searches the server log. */
export const E2E_SERVER_LOG = `test-results/server-${E2E_PORT}.log`;

/** Debian's chromium, launched so that it makes no network call of its own (there is no network). */
export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
