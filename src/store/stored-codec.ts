import type { z } from 'zod';

/**
 * JSON kept in SQLite (transcript events, feedback, session options) outlives the code that wrote it, so each
 * such column has a format version beside it and is read through a codec: the stored value is upgraded step
 * by step from its version to the current one, then checked with the current schema. A breaking change of a
 * stored shape bumps the version by adding an upgrade step; rows written before versions existed are version 1.
 */

/** One step: a value stored as version n in, the same value as version n + 1 out (checked only at the end). */
export type FormatUpgrade = (value: unknown) => unknown;

/** A stored value that this server cannot read: a newer format, or JSON that the schema refuses. */
export class StoredFormatError extends Error {}

export interface StoredCodec<T> {
  /** The version `encode` writes. */
  readonly version: number;
  encode(value: T): string;
  decode(text: string, version: number): T;
}

/**
 * `upgrades[i]` turns version i + 1 into version i + 2, so the current version is `upgrades.length + 1`.
 * `name` names the stored value in errors.
 */
export function createStoredCodec<S extends z.ZodType>(
  name: string,
  schema: S,
  upgrades: readonly FormatUpgrade[] = [],
): StoredCodec<z.output<S>> {
  const version = upgrades.length + 1;
  return {
    version,
    encode: (value) => JSON.stringify(value),
    decode(text, stored) {
      if (!Number.isInteger(stored) || stored < 1) throw new StoredFormatError(`${name} has an invalid format version ${stored}`);
      if (stored > version) {
        throw new StoredFormatError(`${name} is stored in format ${stored}, newer than this server reads (${version}); upgrade the server`);
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new StoredFormatError(`${name} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      for (const upgrade of upgrades.slice(stored - 1)) value = upgrade(value);
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw new StoredFormatError(`${name} (format ${stored}) does not match its schema: ${parsed.error.message}`);
      return parsed.data;
    },
  };
}
