// Periods as the API names them: the account's local calendar (year, month, day) and, for an hour,
// its index from local midnight (0–22 on a day that springs forward, 0–24 on one that falls back).
// Calendar steps are plain date arithmetic, done in UTC so that no browser time zone interferes.

/** The period lengths, longest first; each one's segments are periods of the next. */
export const levels = ["year", "month", "day", "hour"];

/** A period: { level, year, month, day, hour }, the fields finer than its level left at their first value. */
export function period(level, year, month = 1, day = 1, hour = 0) {
  return { level, year, month, day, hour };
}

/** The path after /api/stats/track/{account}/{type}/ for a period. */
export function trackPath(p) {
  const parts = [p.year];
  if (p.level !== "year") parts.push(pad(p.month));
  if (p.level === "day" || p.level === "hour") parts.push(pad(p.day));
  if (p.level === "hour") parts.push(p.hour);
  return parts.join("/");
}

/** The top endpoint's period: YYYY, YYYY-MM or YYYY-MM-DD; an hour shows its day's top lists. */
export function topPeriod(p) {
  if (p.level === "year") return `${p.year}`;
  if (p.level === "month") return `${p.year}-${pad(p.month)}`;
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** A period from its name in the page's address (?period=2025, 2025-03, 2025-03-14 or 2025-03-14T14, the hour from midnight); null if it is none. */
export function parsePeriod(text) {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{1,2}))?)?)?$/.exec(text ?? "");
  if (!match) return null;
  const [, year, month, day, hour] = match.map((part) => (part === undefined ? undefined : Number(part)));
  const level = hour !== undefined ? "hour" : day !== undefined ? "day" : month !== undefined ? "month" : "year";
  return period(level, year, month ?? 1, day ?? 1, hour ?? 0);
}

/** The name of a period in the page's address: the inverse of parsePeriod. */
export function periodName(p) {
  return p.level === "hour" ? `${topPeriod(p)}T${p.hour}` : topPeriod(p);
}

/** The segment a bar of the period's chart opens, from the segment's label in the API's data. */
export function child(p, label) {
  const n = Number(label);
  if (p.level === "year") return period("month", p.year, n);
  if (p.level === "month") return period("day", p.year, p.month, n);
  if (p.level === "day") return period("hour", p.year, p.month, p.day, n);
  return null;
}

/**
 * The period at another level around `p`: a longer one contains it; a shorter one is the part of it
 * `today` is in when today lies inside, else its first part.
 */
export function atLevel(p, level, today) {
  const target = { ...p, level };
  const defined = ["year", "month", "day", "hour"].slice(0, levels.indexOf(p.level) + 1);
  const containsToday = defined.every((field) => p[field] === today[field]);
  for (const field of ["month", "day", "hour"].slice(levels.indexOf(p.level))) {
    target[field] = containsToday ? today[field] : field === "hour" ? 0 : 1;
  }
  return target;
}

/**
 * The period before (step −1) or after (+1). An hour's neighbours may be in the next or previous
 * day, whose length in hours `hoursIn(day)` answers (it reads the day from the API).
 */
export async function step(p, direction, hoursIn) {
  if (p.level === "year") return period("year", p.year + direction);
  if (p.level === "month") {
    const d = new Date(Date.UTC(p.year, p.month - 1 + direction, 1));
    return period("month", d.getUTCFullYear(), d.getUTCMonth() + 1);
  }
  if (p.level === "day") return shiftDay(p, direction, "day");
  const hour = p.hour + direction;
  if (hour >= 0 && hour < (await hoursIn(p))) return { ...p, hour };
  const day = shiftDay(p, direction, "hour");
  return direction > 0 ? day : { ...day, hour: (await hoursIn(day)) - 1 };
}

/** The local calendar fields of an instant in a time zone; the hour is the wall clock's. */
export function localFields(instant, timeZone) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type) => Number(parts.find((part) => part.type === type).value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") };
}

function shiftDay(p, direction, level) {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + direction));
  return period(level, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0);
}

function pad(n) {
  return String(n).padStart(2, "0");
}
