/**
 * Calendar periods, year-based numbering and deadlines follow China Standard Time (UTC+8, no
 * daylight saving), whatever the server's zone. These shift an instant so that its UTC fields read
 * the wall clock in China, and back, for calendar arithmetic with the UTC getters and setters.
 */
const OFFSET_MS = 8 * 3600_000;

export function toChinaWallClock(at: Date): Date {
  return new Date(at.getTime() + OFFSET_MS);
}

export function fromChinaWallClock(wall: Date): Date {
  return new Date(wall.getTime() - OFFSET_MS);
}

/** "2026-11": the calendar month in China of an instant. */
export function chinaMonth(at: Date): string {
  return toChinaWallClock(at).toISOString().slice(0, 7);
}
