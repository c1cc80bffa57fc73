// vertikal explorer: draw the charts. Each chart's Vega-Lite spec sits in a
// <script type="application/json"> beside its container; nothing here is inline
// and nothing is evaluated (the Vega expression interpreter replaces eval).
(function () {
  "use strict";

  function draw(root) {
    if (typeof window.vegaEmbed !== "function") return;
    var nodes = root.querySelectorAll("[data-chart]:not([data-drawn])");
    nodes.forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) return;
      el.setAttribute("data-drawn", "pending");
      var spec = JSON.parse(source.textContent);
      var options = {
        actions: false,
        renderer: "svg",
        ast: true,
        expr: window.vegaExpressionInterpreter,
        defaultStyle: false,
        tooltip: { disableDefaultStyle: true },
      };
      window.vegaEmbed(el, spec, options).then(
        function () { el.setAttribute("data-drawn", "yes"); },
        function (err) { el.setAttribute("data-drawn", "failed"); console.warn("chart not drawn:", err); }
      );
    });
  }

  function ready() { draw(document); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
  // after an htmx swap, move focus to the new result's heading for keyboard and screen reader users
  document.addEventListener("htmx:afterSettle", function (event) {
    var heading = event.target.querySelector && event.target.querySelector("h2");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  });
})();
