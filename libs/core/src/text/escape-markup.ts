/**
 * Text for HTML or SVG markup built by hand (the fallback error page, server-side charts): the
 * five characters that could end an attribute or open a tag become entities.
 */
export function escapeMarkup(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
