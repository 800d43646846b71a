/** A form field as a string: urlencoded bodies give strings, but a repeated name gives an array. */
export function field(body: Record<string, unknown> | undefined, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value : '';
}
