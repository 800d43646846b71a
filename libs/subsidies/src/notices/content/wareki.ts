/**
 * Dates as a Japanese municipality prints them on its notices: in 和暦 (Japanese era), the first
 * year of an era as 元年 (令和元年5月1日). Pure: the ISO date is read as a calendar date (UTC
 * midnight, formatted in UTC), so the process's time zone never moves it a day.
 */
const format = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

export function warekiDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== isoDate) throw new RangeError(`not an ISO date: ${isoDate}`);
  // Some ICU versions print the first year as "1年": notices say 元年.
  return format.formatToParts(date).map((p) => (p.type === 'year' && p.value === '1' ? '元' : p.value)).join('');
}
