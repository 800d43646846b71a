const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The nil uuid: matches no row. */
export const NO_ID = '00000000-0000-0000-0000-000000000000';

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * A malformed id in a URL names no object: map it to an id that matches nothing, so the lookup
 * answers 404 like any unknown id instead of a database type error.
 */
export function idOrNothing(id: string): string {
  return isUuid(id) ? id : NO_ID;
}
