// The stats API, called with the key the user gave. The key comes in the URL fragment (#key=…),
// which browsers never send to a server, or from the prompt; it is kept in sessionStorage (this tab
// only) and taken out of the address bar, so that it does not end up in a screenshot or a bookmark.

const storageName = "orleans-counters-key";

/** An answer other than 2xx, with the problem+json detail when the gateway sent one. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

/** Reads #key=… into session storage and removes it from the address bar; returns the key, if any. */
export function takeKeyFromFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const key = fragment.get("key");
  if (key) {
    sessionStorage.setItem(storageName, key);
    fragment.delete("key");
    const rest = fragment.toString();
    history.replaceState(null, "", location.pathname + location.search + (rest ? "#" + rest : ""));
  }
  return currentKey();
}

/** The key in use, or null in open mode. */
export function currentKey() {
  return sessionStorage.getItem(storageName);
}

/** Keeps a key the user typed. */
export function useKey(key) {
  sessionStorage.setItem(storageName, key);
}

/** GETs a path of the API as JSON, sending the key when there is one. */
export async function getJson(path, signal) {
  const headers = { Accept: "application/json" };
  const key = currentKey();
  if (key) {
    headers.Authorization = "Bearer " + key;
  }
  const response = await fetch(path, { headers, signal, cache: "no-store" });
  if (!response.ok) {
    let detail = "";
    try {
      const problem = await response.json();
      detail = problem.errors?.map?.((e) => `${e.field}: ${e.reason}`).join("; ") || problem.detail || problem.title || "";
    } catch {
      // Not problem+json: the status says enough.
    }
    throw new ApiError(response.status, detail);
  }
  return response.json();
}

/** Builds a query string from an object, leaving out empty values. */
export function query(values) {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== "") {
      parameters.set(name, String(value));
    }
  }
  const text = parameters.toString();
  return text ? "?" + text : "";
}
