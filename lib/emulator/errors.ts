/** An error the emulator reports to its caller as `{ error: { type, message } }`. */
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}

export const invalidInput = (message: string) => new EmulatorError(400, 'invalid-input', message);
export const invalidRequest = (message: string) => new EmulatorError(400, 'invalid-request', message);
export const invalidClientKey = (message: string) => new EmulatorError(400, 'invalid-client-key', message);
export const queueNotFound = () => new EmulatorError(404, 'record-not-found', 'Request Queue was not found');
export const requestNotFound = () => new EmulatorError(404, 'record-not-found', 'Request was not found');
