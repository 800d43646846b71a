import { INDUSTRIES, SIZE_CLASSES } from '@hokenshitsu/reference';
import type { Report } from './report.entity.js';

/**
 * The PDF's name as it lands in a manager's downloads: her industry and size in her language.
 * Browsers take the UTF-8 name from `filename*` (RFC 5987/6266); `filename` is the ASCII fallback.
 */
export function reportFileName(report: Pick<Report, 'industry' | 'sizeClass' | 'locale'>): { ascii: string; utf8: string } {
  const industry = INDUSTRIES.find((i) => i.code === report.industry);
  const size = SIZE_CLASSES.find((s) => s.code === report.sizeClass);
  const ascii = `feedback-report-${report.industry}-${report.sizeClass.replace(/\+/g, 'plus')}-${report.locale}.pdf`;
  const utf8 =
    report.locale === 'ja'
      ? `フィードバックレポート_${industry?.ja ?? report.industry}_${size?.ja ?? report.sizeClass}.pdf`
      : `Feedback report - ${industry?.en ?? report.industry} - ${size?.en ?? report.sizeClass}.pdf`;
  return { ascii, utf8 };
}

/** `attachment; filename="…"; filename*=UTF-8''…` with every byte outside RFC 5987's attr-char percent-encoded. */
export function contentDisposition(name: { ascii: string; utf8: string }): string {
  const encoded = encodeURIComponent(name.utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${name.ascii.replace(/["\\]/g, '')}"; filename*=UTF-8''${encoded}`;
}
