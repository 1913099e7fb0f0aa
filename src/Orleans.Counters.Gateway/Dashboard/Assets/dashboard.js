// The dashboard of /dashboard/{account}: live numbers polled every second from the realtime
// endpoint; the selected period's chart, totals and top lists from the track, summary and top
// endpoints. Every number shown is one the API answered.

import { ApiError, currentKey, getJson, query, takeKeyFromFragment, useKey } from "./api.js";
import { drawChart, drawSparkline } from "./chart.js";
import * as format from "./format.js";
import { atLevel, child, localFields, parsePeriod, period, periodName, step, topPeriod, trackPath } from "./periods.js";

const livePollMs = 1000;
// While the period shown holds the present, its chart is read again this often.
const periodRefreshMs = 10000;
const allAccounts = "all";

const account = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] ?? allAccounts);
const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
const address = new URLSearchParams(location.search);
const state = {
  type: address.get("type") || "pageview",
  timeZone: "UTC",
  period: parsePeriod(address.get("period")),
  track: null,
  hours: new Map(),
  liveTimer: 0,
  periodTimer: 0,
  loading: null,
  waitingForKey: false,
};

start();

function start() {
  takeKeyFromFragment();
  $("account").textContent = account === allAccounts ? "All accounts" : account;
  document.title = `${account} · Orleans.Counters`;
  if (account !== allAccounts) {
    // The tracker's tag for this account, served by this gateway (account names need no escaping).
    $("snippet").textContent = `<script defer data-account="${account}" src="${location.origin}/js/counters.js"></script>`;
    $("snippet-box").hidden = false;
    $("no-events-origin").textContent = location.origin;
    $("no-events-account").textContent = account;
  }
  $("account-picker").addEventListener("change", (event) => {
    location.assign(`/dashboard/${encodeURIComponent(event.target.value)}${query({ type: state.type })}`);
  });
  $("type-select").addEventListener("change", (event) => {
    state.type = event.target.value;
    reloadAll();
  });
  for (const button of document.querySelectorAll("[data-level]")) {
    button.addEventListener("click", () => guard(showAtLevel(button.dataset.level)));
  }
  $("prev").addEventListener("click", () => guard(stepPeriod(-1)));
  $("next").addEventListener("click", () => guard(stepPeriod(1)));
  $("now").addEventListener("click", () => guard(showNow(state.period?.level ?? "day")));
  $("key-form").addEventListener("submit", (event) => {
    useKey($("key-input").value.trim());
    $("key-input").value = "";
    state.waitingForKey = false;
    event.target.closest("dialog").close();
    reloadAll();
    loadAccountPicker();
  });
  new ResizeObserver(() => state.track && renderChart()).observe($("chart"));
  document.addEventListener("visibilitychange", () => !document.hidden && pollLive());
  reloadAll();
  loadAccountPicker();
}

// Only the admin key may list the accounts: with any other key (or none yet) the picker stays hidden.
async function loadAccountPicker() {
  let listing;
  try {
    listing = await getJson("/api/accounts");
  } catch {
    return;
  }
  const names = [allAccounts, ...listing.accounts.map((a) => a.account).filter((name) => name !== allAccounts)];
  if (!names.includes(account)) names.push(account);
  const select = $("account-picker");
  select.replaceChildren(...names.map((name) => new Option(name === allAccounts ? "All accounts" : name, name)));
  select.value = account;
  $("account-picker-box").hidden = false;
}

// The first call also learns the time zone, which the period arithmetic needs.
async function reloadAll() {
  const live = await pollLive();
  if (live) {
    await guard(state.period ? loadPeriod(state.period) : showNow("day"));
  }
}

// A navigation that failed (a day's length or today could not be read) says why, as a load does.
async function guard(navigation) {
  try {
    await navigation;
  } catch (error) {
    showError(error);
  }
}

async function pollLive() {
  clearTimeout(state.liveTimer);
  if (state.waitingForKey) return null;
  try {
    const live = await getJson(`/api/stats/${encodeURIComponent(account)}/realtime${query({ type: state.type })}`);
    showTimeZone(live.timeZone);
    await showRebuild(live);
    setText("live-minute", format.count(live.minute));
    setText("live-hour", format.count(live.hour));
    setText("live-day", format.count(live.day));
    setText("live-uniques", format.count(live.dayUniques));
    $("live-uniques-approximate").hidden = !live.uniquesApproximate;
    drawSparkline($("sparkline"), live.lastHour.map((minute) => minute.count));
    $("live-status").textContent = `updated ${new Date(live.now).toLocaleTimeString("en-GB", { timeZone: state.timeZone })}`;
    return live;
  } catch (error) {
    $("live-status").textContent = "not updating";
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      showError(error);
    } else {
      $("live-status").textContent = `not updating: ${error.message}`;
    }
    return null;
  } finally {
    // Only one poll is ever pending, however many calls overlapped.
    clearTimeout(state.liveTimer);
    if (!state.waitingForKey && !document.hidden) {
      state.liveTimer = setTimeout(pollLive, livePollMs);
    }
  }
}

async function showNow(level) {
  const today = await todayFields();
  await loadPeriod(atLevel(period("hour", today.year, today.month, today.day, today.hour), level, today));
}

async function showAtLevel(level) {
  if (!state.period) return;
  await loadPeriod(atLevel(state.period, level, await todayFields()));
}

async function stepPeriod(direction) {
  if (!state.period) return;
  await loadPeriod(await step(state.period, direction, hoursInDay));
}

// Today in the account's calendar, with the hour counted from local midnight as the API counts it.
async function todayFields() {
  const now = new Date();
  const today = localFields(now, state.timeZone);
  const day = await getJson(trackUrl(period("day", today.year, today.month, today.day)));
  state.hours.set(dayKey(today), Object.keys(day.data).length);
  return { ...today, hour: Math.floor((now - new Date(day.start)) / 3600000) };
}

async function hoursInDay(p) {
  const key = dayKey(p);
  if (!state.hours.has(key)) {
    const day = await getJson(trackUrl(period("day", p.year, p.month, p.day)));
    state.hours.set(key, Object.keys(day.data).length);
  }
  return state.hours.get(key);
}

async function loadPeriod(p) {
  clearTimeout(state.periodTimer);
  const loading = Symbol("load");
  state.loading = loading;
  try {
    const track = await getJson(trackUrl(p));
    const [summary, pages, referrers] = await Promise.all([
      getJson(`/api/stats/${encodeURIComponent(account)}/summary${query({ from: track.start, to: track.end })}`),
      topList(p, "url"),
      topList(p, "referrer"),
    ]);
    if (state.loading !== loading) return;
    state.period = p;
    state.track = track;
    if (p.level === "day") state.hours.set(dayKey(p), Object.keys(track.data).length);
    $("error").hidden = true;
    renderPeriod(summary);
    renderTop("top-pages", pages, p);
    renderTop("top-referrers", referrers, p);
    // What is shown, complete, for tests and scripts to wait on: "pageview/2025/03".
    $("period").dataset.period = `${state.type}/${trackPath(p)}`;
    // The address names the view, so that a reload or a bookmark comes back to it (the key stays out).
    history.replaceState(null, "", `${location.pathname}${query({ type: state.type, period: periodName(p) })}`);
    if (new Date(track.end) > new Date()) {
      state.periodTimer = setTimeout(() => loadPeriod(state.period), periodRefreshMs);
    }
  } catch (error) {
    if (state.loading === loading) showError(error);
  }
}

function topList(p, by) {
  if (account === allAccounts) return Promise.resolve(null);
  return getJson(`/api/stats/${encodeURIComponent(account)}/top${query({ type: state.type, by, period: topPeriod(p), limit: 10 })}`);
}

function renderPeriod(summary) {
  const { period: p, track } = state;
  const start = new Date(track.start);
  const end = new Date(track.end);
  $("period-title").textContent = format.periodTitle(p, start, end, state.timeZone);
  $("period-range").textContent = format.range(start, end);
  for (const button of document.querySelectorAll("[data-level]")) {
    button.setAttribute("aria-pressed", String(button.dataset.level === p.level));
  }
  $("next").disabled = end > new Date();
  setText("total", format.count(track.total));
  $("total-label").textContent = `${state.type} events`;
  setText("uniques", format.count(track.uniques));
  $("uniques-approximate").hidden = !track.uniquesApproximate;
  setText("sum", format.sum(track.sum));
  setText("bots", format.count(track.bots));
  $("sum-box").hidden = track.sum === 0;
  $("bots-box").hidden = track.bots === 0;
  renderTypes(Object.keys(summary.counts));
  // The summary names every type the account has ever sent: none means no event was ever counted.
  $("no-events").hidden = account === allAccounts || Object.keys(summary.counts).length > 0;
  renderChart();
  $("chart-help").hidden = p.level === "hour";
}

function renderChart() {
  const { period: p, track } = state;
  const start = new Date(track.start).getTime();
  const segmentMs = p.level === "day" ? 3600000 : 60000;
  const bars = Object.entries(track.data)
    .map(([label, value]) => ({ label, count: value }))
    .sort((a, b) => Number(a.label) - Number(b.label))
    .map((bar, i) => {
      const tick = format.segmentLabel(p.level, bar.label, new Date(start + i * segmentMs), state.timeZone);
      const name = p.level === "year" ? `${tick} ${p.year}` : p.level === "month" ? format.periodTitle(child(p, bar.label), null, null, state.timeZone) : tick;
      return { ...bar, tick, name };
    });
  const unit = { year: "month", month: "day", day: "hour", hour: "minute" }[p.level];
  drawChart($("chart"), {
    bars,
    caption: `${state.type} events per ${unit}, ${$("period-title").textContent}`,
    onOpen: p.level === "hour" ? null : (bar) => loadPeriod(child(p, bar.label)),
  });
}

function renderTypes(types) {
  const select = $("type-select");
  const names = [...new Set([...types, state.type])].sort();
  if (names.join("\n") !== [...select.options].map((o) => o.value).join("\n")) {
    select.replaceChildren(...names.map((name) => new Option(name, name)));
  }
  select.value = state.type;
}

function renderTop(id, top, p) {
  const list = $(id);
  const label = $(`${id}-period`);
  label.textContent = p.level === "hour" ? "whole day" : "";
  if (!top) {
    list.replaceChildren(emptyItem("Not counted across accounts: open one account's dashboard."));
    return;
  }
  if (top.items.length === 0) {
    list.replaceChildren(emptyItem("Nothing counted in this period."));
    return;
  }
  const max = top.items[0].count;
  list.replaceChildren(...top.items.map((item) => {
    const row = document.createElement("li");
    row.dataset.testid = "top-item";
    const bar = document.createElement("span");
    bar.className = "top-bar";
    bar.style.width = `${(item.count / max) * 100}%`;
    const value = document.createElement("span");
    value.className = "top-value";
    value.dataset.testid = "top-value";
    value.textContent = item.value;
    value.title = item.value;
    const number = document.createElement("span");
    number.className = "top-count";
    number.dataset.testid = "top-count";
    number.textContent = format.count(item.count);
    row.append(bar, value, number);
    return row;
  }));
}

function emptyItem(text) {
  const item = document.createElement("li");
  item.className = "empty";
  item.textContent = text;
  return item;
}

// A zone that changes once a period is shown (a re-count ended) reads that period again in the new zone's
// calendar, whose days may have other hours.
function showTimeZone(timeZone) {
  if (timeZone && timeZone !== state.timeZone) {
    state.timeZone = timeZone;
    state.hours.clear();
    if (state.track) loadPeriod(state.period);
  }
  $("time-zone").textContent = `Time zone ${state.timeZone}`;
}

// While a change of the account's zone is re-counted, the answers are the former zone's: the notice says so and
// how far the re-count came (the settings, which a read key may read). It is hidden in the same task that shows
// the new zone, so the page never shows both.
async function showRebuild(live) {
  const notice = $("zone-rebuild");
  if (!live.rebuilding) {
    if (!notice.hidden) {
      notice.hidden = true;
      $("zone-rebuild-status").textContent = `Re-counted: these numbers are now in ${live.timeZone}.`;
    }
    return;
  }
  let rebuild;
  try {
    ({ rebuild } = await getJson(`/api/accounts/${encodeURIComponent(account)}/settings`));
  } catch {
    return; // The next poll asks again; the live numbers need not wait for it.
  }
  // A poll that overlapped this one may have seen the re-count end meanwhile.
  if (!rebuild || live.timeZone !== state.timeZone) return;
  setText("zone-rebuild", `Re-counting in ${rebuild.to}: ${format.rebuildProgress(rebuild)}; these numbers are in ${live.timeZone} until it is done`);
  if (notice.hidden) {
    notice.hidden = false;
    $("zone-rebuild-status").textContent = `Re-counting in ${rebuild.to}: these numbers are in ${live.timeZone} until it is done.`;
  }
}

function showError(error) {
  if (error instanceof ApiError && error.status === 401) {
    askForKey(error.message);
    return;
  }
  const message = error instanceof ApiError && error.status === 403
    ? `This key cannot read ${account === allAccounts ? "every account (that takes the admin key)" : `account ${account}`}.`
    : error.message;
  $("error").textContent = message;
  $("error").hidden = false;
  if (error instanceof ApiError && error.status === 403) askForKey(message);
}

function askForKey(reason) {
  state.waitingForKey = true;
  clearTimeout(state.liveTimer);
  const dialog = $("key-dialog");
  const hadKey = currentKey() !== null;
  $("key-error").textContent = hadKey ? `That key was refused: ${reason}` : "";
  $("key-error").hidden = !hadKey;
  if (!dialog.open) dialog.showModal();
}

function trackUrl(p) {
  return `/api/stats/track/${encodeURIComponent(account)}/${encodeURIComponent(state.type)}/${trackPath(p)}`;
}

function dayKey(p) {
  return `${p.year}-${p.month}-${p.day}`;
}

// Writes a number only when it changed, so that screen readers hear changes, not every poll.
function setText(id, text) {
  const node = $(id);
  if (node.textContent !== text) node.textContent = text;
}
