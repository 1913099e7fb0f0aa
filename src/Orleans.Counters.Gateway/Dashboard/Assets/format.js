// How numbers, segments and periods read on the page. Dates are shown in the account's time zone,
// from the instants the API answers, so a day's hours read as its wall clock (twice 01:00 on the
// night daylight saving ends).

const integer = new Intl.NumberFormat("en-US");
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const monthNames = Array.from({ length: 12 }, (_, m) =>
  new Intl.DateTimeFormat("en-US", { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2000, m, 1))));

/** A count: 12,345. */
export const count = (n) => integer.format(n);

/** A sum of values: 1,234.5. */
export const sum = (n) => decimal.format(n);

/** A chart axis number: 1.2K. */
export const axis = (n) => compact.format(n);

/** The short label of a segment, for the chart's axis and its bars' names. */
export function segmentLabel(level, label, start, timeZone) {
  if (level === "year") return monthNames[Number(label) - 1];
  if (level === "month") return String(label);
  return clock(start, timeZone);
}

/** The period as a heading: "2025", "March 2025", "Sunday, 9 March 2025", "9 March 2025, 14:00–15:00". */
export function periodTitle(p, start, end, timeZone) {
  const utc = new Date(Date.UTC(p.year, p.month - 1, p.day));
  if (p.level === "year") return String(p.year);
  if (p.level === "month") return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(utc);
  const day = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(utc);
  if (p.level === "day") return day;
  return `${day}, ${clock(start, timeZone)}–${clock(end, timeZone)}`;
}

/** How far a change of time zone's re-count came: "1,234 of 5,678 hours moved". */
export function rebuildProgress(rebuild) {
  if (rebuild.phase === "finding") return "finding the hours to move";
  const moved = `${count(rebuild.hoursMoved)} of ${count(rebuild.hoursFound)} hours moved`;
  return rebuild.phase === "moving" ? moved : `${moved}, adding up the days, months and years`;
}

/** The instants a period covers, in UTC, as the API answered them. */
export function range(start, end) {
  const iso = (d) => d.toISOString().slice(0, 16).replace("T", " ");
  return `${iso(start)} to ${iso(end)} UTC`;
}

function clock(instant, timeZone) {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(instant);
}
