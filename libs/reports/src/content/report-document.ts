import type { ReportDocument, ReportInput } from './report-input.js';

/** Placeholder until the content branch lands. */
export const REPORT_TEMPLATE_VERSION = 'placeholder0';

export function reportDocument(input: ReportInput): ReportDocument {
  const title = `${input.digest.scope.label_ja}`;
  return { html: `<!doctype html><html lang="${input.locale}"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1></body></html>`, title, lang: input.locale };
}
