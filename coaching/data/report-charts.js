// Draws the charts of a coaching report written with plotly_js = "directory": each chart's figure
// is a JSON data block (<script type="application/json" class="plotly-figure">), drawn here by the
// shared plotly.min.js beside the reports. No inline script, so the report also opens under a
// Content-Security-Policy of script-src 'self' (the dashboard's /reports route).
(function () {
  function draw() {
    var blocks = document.querySelectorAll('script.plotly-figure');
    for (var i = 0; i < blocks.length; i++) {
      var el = blocks[i];
      var target = document.getElementById(el.getAttribute('data-target'));
      if (!target || !window.Plotly) { continue; }
      var fig = JSON.parse(el.textContent);
      window.Plotly.newPlot(target, fig.data || [], fig.layout || {}, {displaylogo: false, responsive: true});
    }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
})();
