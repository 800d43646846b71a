import type { DownloadName } from '@hokenshitsu/core';
import { INDUSTRIES, SIZE_CLASSES } from '@hokenshitsu/reference';
import type { Report } from './report.entity.js';

/**
 * The PDF's name as it lands in a manager's downloads: her industry and size in her language.
 * Browsers take the UTF-8 name from `filename*` (RFC 5987/6266); `filename` is the ASCII fallback.
 */
export function reportFileName(report: Pick<Report, 'industry' | 'sizeClass' | 'locale'>): DownloadName {
  const industry = INDUSTRIES.find((i) => i.code === report.industry);
  const size = SIZE_CLASSES.find((s) => s.code === report.sizeClass);
  const ascii = `feedback-report-${report.industry}-${report.sizeClass.replace(/\+/g, 'plus')}-${report.locale}.pdf`;
  const utf8 =
    report.locale === 'ja'
      ? `フィードバックレポート_${industry?.ja ?? report.industry}_${size?.ja ?? report.sizeClass}.pdf`
      : `Feedback report - ${industry?.en ?? report.industry} - ${size?.en ?? report.sizeClass}.pdf`;
  return { ascii, utf8 };
}
