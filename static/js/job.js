// job.js keeps a running job's page (a feed sync or an import) up to
// date without reloading it. Every two seconds it asks the API how the
// job is doing and shows that, with the progress bar; once the job has
// ended it fetches the page again and puts its report in place. Without
// this script the page refreshes itself instead.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || !box.hasAttribute("data-running") || !window.fetch) {
    return;
  }
  var now = document.getElementById("job-now");
  var spoken = document.getElementById("job-status");
  var bar = document.getElementById("job-progress");
  var lastSpoken = Date.now();

  // say puts text in the polite live region. Counts that changed every
  // two seconds would talk over everything else, so progress is said at
  // most every ten seconds; the end is said at once.
  function say(text, atOnce) {
    if (atOnce || Date.now() - lastSpoken >= 10000) {
      spoken.textContent = text;
      lastSpoken = Date.now();
    }
  }

  function show(job) {
    now.textContent = job.summary;
    if (bar) {
      if (job.size > 0) {
        bar.max = job.size;
        bar.value = job.bytes_read;
      }
      bar.textContent = job.summary;
    }
    say(job.summary, false);
  }

  // swap replaces what matches selector here with its match in page.
  function swap(page, selector) {
    var fresh = page.querySelector(selector);
    var old = document.querySelector(selector);
    if (fresh && old) {
      old.replaceWith(document.importNode(fresh, true));
    }
  }

  // finish puts in the report, from the page as the server now renders it.
  function finish(job) {
    return fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        swap(page, "#job-detail");
        swap(page, ".job-facts");
        now.textContent = job.summary;
        say(job.summary, true);
        box.removeAttribute("data-running");
      });
  }

  function check() {
    fetch(box.getAttribute("data-job"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) {
          throw new Error("status " + r.status);
        }
        return r.json();
      })
      .then(function (job) {
        if (job.done) {
          return finish(job);
        }
        show(job);
        window.setTimeout(check, 2000);
      })
      .catch(function () {
        // The server may be restarting: try again, less often.
        window.setTimeout(check, 5000);
      });
  }
  window.setTimeout(check, 1000);
})();
