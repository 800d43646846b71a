/** The clock is injected so rules that depend on "now" can be tested at a fixed instant. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Today's date in Asia/Tokyo (what a person in the city sees), independent of the process time zone. */
export function tokyoDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** An instant as Tokyo wall-clock time in ISO 8601 with its offset: `2026-11-04T10:15:00+09:00` (Japan has no DST). */
export function tokyoDateTime(instant: Date): string {
  return `${new Date(instant.getTime() + 9 * 3600_000).toISOString().slice(0, 19)}+09:00`;
}
