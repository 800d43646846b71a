/**
 * `next` after sign-in must stay on this site: only a path of our own, never `//evil.example`
 * (protocol-relative) nor `/\evil.example` (browsers read the backslash as a slash).
 */
export function localPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  return value;
}
