import type { z } from 'zod';
import {
  clientKeySchema,
  DEFAULT_HEAD_LIMIT,
  DEFAULT_LIST_REQUESTS_LIMIT,
  headLimitSchema,
  lockLimitSchema,
  lockSecsSchema,
  MAX_HEAD_LIMIT,
  MAX_LIST_QUEUES_LIMIT,
  MAX_LIST_REQUESTS_LIMIT,
  MAX_LOCK_LIMIT,
  queueNameSchema,
  type RequestFilter,
  requestFilterSchema,
} from '../../api-contract';
import { invalidClientKey, invalidInput } from '../errors';

const DECIMAL = /^\d+(\.\d+)?$/;
/** Counts as the API's clients write them: apify-client's `String(n)`, the Python client's `str(n)`. */
const DIGITS = /^\d+$/;

/** Typed reads of a query string; every bad value is a 400 naming the parameter. */
export class Query {
  constructor(private readonly params: URLSearchParams) {}

  private raw(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  private check<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw invalidInput(`Parameter "${name}" ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
    return parsed.data;
  }

  private decimal(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!DECIMAL.test(value)) throw invalidInput(`Parameter "${name}" must be a non-negative number, got "${value}"`);
    return Number(value);
  }

  /**
   * `limit` and `offset`: decimal digits only, so `1e3`, `10.0`, `+5`, ` 5` and `0x10` are refused rather
   * than guessed at. Any number of digits is a number: past 2^53 it reads as MAX_SAFE_INTEGER, which every
   * cap lies far below, so a huge value meets the cap's rule (clamp or refuse) instead of zod's `int()`
   * (which refuses unsafe integers) or SQLite (which refuses an OFFSET beyond 64 bits).
   */
  private wholeNumber(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!DIGITS.test(value)) {
      throw invalidInput(`Parameter "${name}" must be a whole number written in decimal digits, got "${value}"`);
    }
    return Math.min(Number(value), Number.MAX_SAFE_INTEGER);
  }

  /** `1`/`true` and `0`/`false` (apify-client sends 1/0, the Python client true/false). */
  bool(name: string): boolean {
    const value = this.raw(name);
    if (value === undefined || value === '' || value === '0' || value === 'false') return false;
    if (value === '1' || value === 'true') return true;
    throw invalidInput(`Parameter "${name}" must be 1, 0, true or false, got "${value}"`);
  }

  clientKey(): string | undefined {
    const value = this.raw('clientKey');
    if (value === undefined) return undefined;
    const parsed = clientKeySchema.safeParse(value);
    if (!parsed.success) throw invalidClientKey(`Parameter "clientKey" ${parsed.error.issues[0]?.message}`);
    return value;
  }

  lockSecs(): number {
    const value = this.decimal('lockSecs');
    if (value === undefined) throw invalidInput('Parameter "lockSecs" is required');
    return this.check('lockSecs', lockSecsSchema, value);
  }

  /** GET head: 1 or more, default 100; any larger count is clamped to the platform's 1000. */
  headLimit(): number {
    const value = this.wholeNumber('limit');
    if (value === undefined) return DEFAULT_HEAD_LIMIT;
    return this.check('limit', headLimitSchema, Math.min(value, MAX_HEAD_LIMIT));
  }

  /** POST head/lock: 1 to 25, default 25; unlike GET head, more is refused (§9 of the specification). */
  lockLimit(): number {
    const value = this.wholeNumber('limit');
    if (value === undefined) return MAX_LOCK_LIMIT;
    return this.check('limit', lockLimitSchema, value);
  }

  /** List queues: `limit=0` means unset, as the platform treats it; clamped to 1000. */
  pagination() {
    const offset = this.wholeNumber('offset') ?? 0;
    const limit = this.wholeNumber('limit') ?? 0;
    return {
      offset,
      limit: limit === 0 ? MAX_LIST_QUEUES_LIMIT : Math.min(limit, MAX_LIST_QUEUES_LIMIT),
      desc: this.bool('desc'),
      unnamed: this.bool('unnamed'),
    };
  }

  listRequests() {
    const limit = this.wholeNumber('limit') ?? DEFAULT_LIST_REQUESTS_LIMIT;
    const filter = this.params
      .getAll('filter')
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => value !== '')
      .map((value): RequestFilter => this.check('filter', requestFilterSchema, value));
    return {
      limit: this.check('limit', headLimitSchema, Math.min(limit, MAX_LIST_REQUESTS_LIMIT)),
      cursor: this.raw('cursor'),
      exclusiveStartId: this.raw('exclusiveStartId'),
      filter,
      clientKey: this.clientKey(),
    };
  }

  queueName(): string | undefined {
    const value = this.raw('name');
    if (value === undefined || value === '') return undefined;
    return this.check('name', queueNameSchema, value);
  }
}
