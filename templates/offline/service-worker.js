/* Careers Passport's service worker (served from /service-worker.js by journal/offline).
   - Keeps the static files pupils' pages need in a cache named after this release's version.
   - Pupil pages the server marks "X-Offline-Cache: pupil" are kept per person (the
     "X-Offline-User" key): fetched from the network first, the kept copy shown when offline
     with its "offline — showing what was saved" banner. Nothing else is kept.
   - Sends the queue of entries made offline (static/js/offline.js) on Background Sync.
   - A new version waits until a page agrees (no half-filled form changes under anyone), then
     takes over and deletes the old caches. */
"use strict";
var VERSION = {{ version|tojson }};
var PRECACHE = {{ precache|tojson }};
var STYLESHEET = {{ stylesheet|tojson }};
var STATIC_CACHE = "static-" + VERSION;
var PAGES_PREFIX = "pages-";
var META_CACHE = "offline-meta";
var USER_URL = "/__offline/user";

importScripts({{ queue_script|tojson }});

var currentUser = null;

function rememberedUser() {
  if (currentUser !== null) return Promise.resolve(currentUser);
  return caches.open(META_CACHE).then(function (cache) {
    return cache.match(USER_URL);
  }).then(function (found) {
    return found ? found.text() : "";
  }).then(function (user) {
    currentUser = user;
    return user;
  });
}

function pagesCache(user) {
  return PAGES_PREFIX + VERSION + "-" + user;
}

/* A different person signed in on this phone: nobody else's pages stay. */
function switchUser(user) {
  return rememberedUser().then(function (before) {
    if (before === user) return;
    currentUser = user;
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(PAGES_PREFIX) === 0;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () {
      return caches.open(META_CACHE);
    }).then(function (cache) {
      return cache.put(USER_URL, new Response(user));
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) {
    return cache.addAll(PRECACHE);
  }));
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "take-over") self.skipWaiting();
  if (data.type === "forget") {  // sign-out: the page has emptied the queue
    currentUser = "";
    event.waitUntil(caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(PAGES_PREFIX) === 0 || name === META_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () {
      if (event.ports && event.ports[0]) event.ports[0].postMessage("forgotten");
    }));
  }
});

/* Taking over: keep the pages the person had kept, fetched again for the new version while
   online (or copied as they were when not), then delete every cache of older versions. */
self.addEventListener("activate", function (event) {
  event.waitUntil(rememberedUser().then(function (user) {
    return caches.keys().then(function (names) {
      var old = names.filter(function (name) {
        return (name.indexOf("static-") === 0 && name !== STATIC_CACHE) ||
          (name.indexOf(PAGES_PREFIX) === 0 && name !== pagesCache(user));
      });
      var mine = old.filter(function (name) { return user && name.slice(-user.length - 1) === "-" + user; });
      return Promise.all(mine.map(function (name) { return carryOver(name, user); }))
        .then(function () { return Promise.all(old.map(function (name) { return caches.delete(name); })); });
    });
  }).then(function () { return self.clients.claim(); }));
});

function carryOver(name, user) {
  return Promise.all([caches.open(name), caches.open(pagesCache(user))]).then(function (both) {
    return both[0].keys().then(function (requests) {
      return Promise.all(requests.map(function (request) {
        return fetch(request.url, { credentials: "same-origin" }).then(function (response) {
          if (keepable(response) && response.headers.get("X-Offline-User") === user) {
            return both[1].put(request.url, response);
          }
        }).catch(function () {
          return both[0].match(request).then(function (kept) {
            if (kept) return both[1].put(request.url, kept);
          });
        });
      }));
    });
  });
}

function keepable(response) {
  return response.ok && response.headers.get("X-Offline-Cache") === "pupil" &&
    !!response.headers.get("X-Offline-User");
}

var RECORD = /^\/passport\/(new\/[a-z_]+|entries\/\d+\/diary\/new)$/;

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && request.mode === "navigate" && RECORD.test(url.pathname)) {
    var copy = request.clone();  // the page thought it was online: keep it if the send fails
    event.respondWith(fetch(request).catch(function () { return keepPosted(copy, url.pathname); }));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(staticFile(request));
  }
});

function page(request) {
  return fetch(request).then(function (response) {
    var user = response.headers.get("X-Offline-User");
    var work = user ? switchUser(user) : Promise.resolve();
    if (keepable(response)) {
      var copy = response.clone();
      work = work.then(function () {
        return caches.open(pagesCache(user));
      }).then(function (cache) {
        return cache.put(withoutHash(request.url), copy);
      });
    }
    return work.catch(function () {}).then(function () { return response; });
  }, function () {
    return keptPage(request);
  });
}

function withoutHash(address) {
  return address.split("#")[0];
}

/* The kept copy, with its banner shown; or a short page saying it was never kept. */
function keptPage(request) {
  return rememberedUser().then(function (user) {
    if (!user) return null;
    return caches.open(pagesCache(user)).then(function (cache) {
      return cache.match(withoutHash(request.url));
    });
  }).then(function (kept) {
    if (!kept) return notKept();
    return kept.text().then(function (html) {
      var headers = new Headers(kept.headers);
      headers.set("X-Offline-Copy", "1");
      return new Response(html.replace("data-offline-banner hidden", "data-offline-banner"), {
        status: 200, headers: headers
      });
    });
  });
}

function notKept() {
  return shortPage(503, "You are offline", "This page was not saved on this phone. " +
    "Pages you opened while online can be seen offline.");
}

function staticFile(request) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: true }).then(function (kept) {
      if (kept) return kept;
      return fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      });
    });
  });
}

/* A record form sent while the connection failed: kept in the queue like the page would. */
function keepPosted(request, path) {
  return Promise.all([request.formData(), rememberedUser()]).then(function (both) {
    var data = both[0];
    var user = both[1];
    if (!user || !/^[0-9a-f-]{36}$/.test(data.get("client_id") || "")) throw new Error("not kept");
    var fields = [];
    data.forEach(function (value, name) {
      if (name === "csrf_token") return;
      if (typeof value !== "string" && !(value.name && value.size)) return;
      fields.push([name, value]);
    });
    var about = data.get("organisation") || data.get("employer") || data.get("title") ||
      data.get("what_i_did") || "";
    return self.JournalQueue.put({
      client_id: data.get("client_id"),
      user: user,
      action: path,
      label: "An entry" + (about ? ": " + String(about).slice(0, 60) : ""),
      state: "waiting",
      saved_at: Date.now(),
      fields: fields
    });
  }).then(function () {
    if (self.registration.sync) self.registration.sync.register(self.JournalQueue.SYNC_TAG).catch(function () {});
    return shortPage(202, "Saved on this phone",
      "There was no connection, so your entry is kept on this phone. " +
      "It will be sent when you are back online.");
  }, function () {
    return shortPage(503, "Not sent", "There was no connection and this phone could not keep " +
      "your entry. Go back: what you typed may still be there. Try again when you are online.");
  });
}

function shortPage(status, title, text) {
  var html = "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">" +
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
    "<title>" + title + " – Careers Passport</title>" +
    "<link rel=\"stylesheet\" href=\"" + STYLESHEET + "\"></head><body><main id=\"main\">" +
    "<h1>" + title + "</h1><p data-kept-by-worker>" + text + "</p>" +
    "<p><a href=\"/\">Go to your passport</a></p></main></body></html>";
  return new Response(html, {
    status: status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }
  });
}

/* Background Sync (Chromium): send the queue even if no page of the app is open. */
self.addEventListener("sync", function (event) {
  if (event.tag !== self.JournalQueue.SYNC_TAG) return;
  event.waitUntil(rememberedUser().then(function (user) {
    if (!user) return;
    return self.JournalQueue.sendAll(user).then(function () {
      return self.clients.matchAll({ type: "window" });
    }).then(function (windows) {
      windows.forEach(function (w) { w.postMessage({ type: "queue-changed" }); });
    });
  }));
});
