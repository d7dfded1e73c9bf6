/** The e2e server: its own port and a fixed local test token (not a secret: loopback, test data only). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_TOKEN = 'e2e-local-emulator-token-0123456789';
export const E2E_EMULATOR_URL = `http://127.0.0.1:${E2E_PORT}/emulator`;
