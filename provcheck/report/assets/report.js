(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var table = document.getElementById("documents");
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var text = document.getElementById("filter-text");
  var band = document.getElementById("filter-band");
  var severity = document.getElementById("filter-severity");
  var count = document.getElementById("doc-count");

  function sortBy(th) {
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var col = th.cellIndex;
    var numeric = th.getAttribute("data-type") !== "text";
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    rows.slice().sort(function (a, b) {
      var x = a.cells[col].getAttribute("data-value");
      var y = b.cells[col].getAttribute("data-value");
      var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      if (dir === "descending") { c = -c; }
      return c || (+a.getAttribute("data-index") - +b.getAttribute("data-index"));
    }).forEach(function (row) { tbody.appendChild(row); });
  }

  function applyFilter() {
    var query = text.value.trim().toLowerCase();
    var wanted = band.value;
    var least = parseInt(severity.value, 10) || 0;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!query || row.getAttribute("data-search").indexOf(query) !== -1) &&
        (!wanted || row.getAttribute("data-band") === wanted) &&
        (+row.getAttribute("data-worst") >= least);
      row.hidden = !ok;
      var section = document.getElementById(row.getAttribute("data-doc"));
      if (section) { section.hidden = !ok; }
      if (ok) { shown += 1; }
    });
    count.textContent = "Showing " + shown + " of " + rows.length + " documents";
  }

  headers.forEach(function (th) {
    th.querySelector("button").addEventListener("click", function () { sortBy(th); });
  });
  [text, band, severity].forEach(function (el) {
    el.addEventListener("input", applyFilter);
    el.addEventListener("change", applyFilter);
  });
  text.form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  window.provcheckReport = data;
  applyFilter();
  document.body.setAttribute("data-ready", "1");
})();
