/* Orleans.Counters tracker: <script defer data-account="ACCOUNT" src="https://GATEWAY/js/counters.js"></script>
   No cookies, no storage. Pageviews on load and on history navigations; counters('order', {value: 59.9, props: {plan: 'pro'}}). */
(function (w, d) {
  'use strict';
  var tag = d.currentScript;
  var account = tag && tag.getAttribute('data-account');
  if (!account) return;
  var endpoint = new URL(tag.src).origin + '/api/events?account=' + encodeURIComponent(account);
  var lastPath = null;

  // The address without query string or fragment: they may hold what a visitor typed, and are not counted.
  function strip(href) {
    var u = new URL(href, location.href);
    return u.origin + u.pathname;
  }

  function send(type, options) {
    options = options || {};
    var event = { type: String(type), url: strip(location.href) };
    if (typeof options.value === 'number') event.value = options.value;
    var props = {};
    var given = options.props || {};
    for (var name in given) {
      if (Object.prototype.hasOwnProperty.call(given, name) && given[name] != null) props[name] = String(given[name]);
    }
    if (options.referrer) props.referrer = options.referrer;
    for (name in props) { event.properties = props; break; }
    // A string body goes as text/plain: a "simple" request, without a preflight.
    var body = JSON.stringify(event);
    if (!(navigator.sendBeacon && navigator.sendBeacon(endpoint, body)) && w.fetch) {
      fetch(endpoint, { method: 'POST', body: body, keepalive: true, credentials: 'omit' }).catch(function () {});
    }
  }

  function pageview(referrer) {
    if (location.pathname === lastPath) return;
    lastPath = location.pathname;
    send('pageview', { referrer: referrer });
  }

  // A referrer from this site is a navigation, not where the visitor came from.
  var referrer = '';
  try {
    var from = d.referrer && new URL(d.referrer);
    if (from && from.host !== location.host) referrer = strip(d.referrer);
  } catch (e) { /* no referrer */ }

  var queued = (w.counters && w.counters.q) || [];
  w.counters = function (type, options) { send(type, options); };

  var push = history.pushState;
  history.pushState = function () {
    var result = push.apply(this, arguments);
    pageview();
    return result;
  };
  w.addEventListener('popstate', function () { pageview(); });

  pageview(referrer);
  for (var i = 0; i < queued.length; i++) send.apply(null, queued[i]);
})(window, document);
