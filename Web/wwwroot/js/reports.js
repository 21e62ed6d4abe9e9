// Dashboards and reports: Chart.js charts from data- attributes (the CSP forbids inline script), and selects that
// submit their form on change.
(function () {
  'use strict';

  document.querySelectorAll('select[data-auto-submit]').forEach(function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
  });

  var colours = {
    A: '#1b7f4b', B: '#e0a100', C: '#2f6fbf', D: '#8a4fb5', Unclassified: '#9aa0a6',
    overdue: '#c0392b', dueThisMonth: '#e0a100', completionRate: '#2f6fbf', registered: '#9cc3e6', completed: '#1f5f9f'
  };

  function draw() {
    // Canvas text does not inherit CSS: use the page's Thai font (Sarabun, served locally).
    window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    document.querySelectorAll('canvas[data-report-chart]').forEach(function (canvas) {
      var spec = JSON.parse(canvas.getAttribute('data-report-chart'));
      var labels = JSON.parse(canvas.getAttribute('data-labels') || '{}');
      var axis = { stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: 0 } };
      var valueAxis = spec.percent ? { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + '%'; } } } : axis;
      new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: spec.labels.map(function (l) { return labels[l] || l; }),
          datasets: spec.datasets.map(function (d) {
            return { label: labels[d.key] || d.key, data: d.data, backgroundColor: colours[d.key] || '#666' };
          })
        },
        options: {
          indexAxis: spec.horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: spec.horizontal ? { x: valueAxis, y: { stacked: !!spec.stacked } } : { x: { stacked: !!spec.stacked }, y: valueAxis },
          plugins: { legend: { position: 'bottom', display: spec.datasets.length > 1 } }
        }
      });
      canvas.setAttribute('data-drawn', 'true');
    });
  }
  if (window.Chart && document.querySelector('canvas[data-report-chart]')) {
    (document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve()).then(draw);
  }
})();
