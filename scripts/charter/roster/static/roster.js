// Generated site script of `charter roster build`. Progressive enhancement only: it reveals and
// drives the search box of the index, which stays hidden when scripts do not run.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  if (!form || !input || !status) return;
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-search]"));
  var keys = items.map(function (el) { return el.getAttribute("data-search"); });
  var kinds = items.map(function (el) { return el.getAttribute("data-kind"); });

  function apply() {
    var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = { people: 0, modules: 0 };
    for (var i = 0; i < items.length; i++) {
      var ok = true;
      for (var t = 0; t < terms.length && ok; t++) ok = keys[i].indexOf(terms[t]) !== -1;
      if (items[i].hidden === ok) items[i].hidden = !ok;
      if (ok) shown[kinds[i]] += 1;
    }
    status.textContent = terms.length
      ? shown.people + (shown.people === 1 ? " person" : " people") + " and " + shown.modules +
        (shown.modules === 1 ? " module" : " modules") + " match."
      : "";
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  input.addEventListener("input", apply);
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; apply(); }
})();
