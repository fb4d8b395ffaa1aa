// The progress of a bulletin campaign, refreshed every two seconds from its JSON endpoint
// until it has finished. Without JavaScript the page has a plain "Refresh" link.
(function () {
  "use strict";
  var root = document.querySelector("[data-campaign-progress]");
  if (!root) {
    return;
  }
  var bar = root.querySelector("progress");
  var status = null;

  function show(data) {
    Object.keys(data).forEach(function (name) {
      var field = root.querySelector('[data-field="' + name + '"]');
      if (field) {
        field.textContent = data[name];
      }
    });
    bar.value = data.percent;
    bar.textContent = data.percent + " %";
  }

  function poll() {
    fetch(root.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) {
          return;
        }
        show(data);
        if (status !== null && status !== data.status) {
          // Paused, resumed or finished elsewhere: the buttons change with the status.
          window.location.reload();
          return;
        }
        status = data.status;
        if (!data.finished) {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
