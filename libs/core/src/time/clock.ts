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
