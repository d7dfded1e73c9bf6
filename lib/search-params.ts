import { z } from 'zod';

// A page's shareable state, read from and written to its URL search params. Every param says what a
// missing or bad value reads as (its `.catch`), so reading a URL never fails, and that value is the
// param's default: writing it removes the param from the URL.

export type SearchValue = string | number | boolean;
export type SearchSchema = z.ZodObject<Record<string, z.ZodCatch<z.ZodType<SearchValue>>>>;
/** What a writer may change: a value, or null to remove the param (as writing its default does). */
export type SearchChanges<Values> = { [Name in keyof Values]?: Values[Name] | null };

/** Free text; missing reads as ''. */
export const textParam = () => z.string().catch('');

/** `1` turns it on; anything else, or nothing, leaves it off. */
export const flagParam = () =>
  z
    .literal('1')
    .transform(() => true)
    .catch(false);

/**
 * An integer as `Number()` reads it: one out of range clamps into `min`..`max`, anything that is not
 * an integer (or nothing) reads as `fallback`.
 */
export const intParam = (fallback: number, min: number, max: number) =>
  z.coerce
    .number()
    .refine(Number.isInteger)
    .transform((value) => Math.min(max, Math.max(min, value)))
    .catch(fallback);

/**
 * A number kept as written, not clamped: the action it is sent to says what is wrong with it (an
 * absurd value is an error the page shows). Missing, or not a number, reads as `fallback`.
 */
export const checkedNumberParam = (fallback: number) => z.coerce.number().refine(Number.isFinite).catch(fallback);

interface ReadableParams {
  get(name: string): string | null;
}

/** The page's values; a param repeated in the URL counts once, first wins (as `URLSearchParams.get`). */
export function readSearch<Schema extends SearchSchema>(schema: Schema, params: ReadableParams): z.output<Schema> {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, params.get(name) ?? undefined]));
  return schema.parse(raw);
}

/** The query string after `changes`, other params kept; a value equal to its default is removed. */
export function writeSearch<Schema extends SearchSchema>(
  schema: Schema,
  current: string,
  changes: SearchChanges<z.output<Schema>>,
): string {
  const defaults: Record<string, unknown> = readSearch(schema, new URLSearchParams());
  const next = new URLSearchParams(current);
  for (const [name, value] of Object.entries<unknown>(changes)) {
    if (value === undefined) continue;
    if (value === null || value === defaults[name]) next.delete(name);
    else next.set(name, value === true ? '1' : String(value));
  }
  return next.toString();
}
