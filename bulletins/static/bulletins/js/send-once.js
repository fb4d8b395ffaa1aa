// A second click on "Send" while the first is on its way does nothing (the server would find
// the same campaign anyway, by the form's key).
(function () {
  "use strict";
  var form = document.querySelector("[data-bulletin-send-form]");
  if (!form) {
    return;
  }
  form.addEventListener("submit", function (event) {
    if (form.dataset.submitted) {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "true";
  });
})();
