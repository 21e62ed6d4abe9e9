// Tourism communities: cascading province → district → sub-district selects, and the summary charts.
// No inline script (the CSP forbids it): elements opt in with data- attributes.
(function () {
  'use strict';

  function fill(select, items, valueOf, textOf) {
    var first = select.options[0];
    select.innerHTML = '';
    select.appendChild(first);
    items.forEach(function (item) {
      var o = document.createElement('option');
      o.value = valueOf(item);
      o.textContent = textOf(item);
      select.appendChild(o);
    });
    select.value = '';
  }

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  document.querySelectorAll('[data-geo-cascade]').forEach(function (box) {
    var province = box.querySelector('[data-geo=province]');
    var district = box.querySelector('[data-geo=district]');
    var sub = box.querySelector('[data-geo=subdistrict]');
    var thai = (document.documentElement.lang || 'th') === 'th';
    var name = function (x) { return thai ? x.nameTh : (x.nameEn || x.nameTh); };
    province.addEventListener('change', function () {
      fill(district, [], null, null);
      fill(sub, [], null, null);
      if (!province.value) { return; }
      getJson('/api/v1/geography/provinces/' + encodeURIComponent(province.value) + '/districts')
        .then(function (items) { fill(district, items, function (x) { return x.code; }, name); });
    });
    district.addEventListener('change', function () {
      fill(sub, [], null, null);
      if (!district.value) { return; }
      getJson('/api/v1/geography/districts/' + encodeURIComponent(district.value) + '/sub-districts')
        .then(function (items) {
          fill(sub, items, function (x) { return x.code; }, function (x) { return name(x) + (x.postalCode ? ' (' + x.postalCode + ')' : ''); });
        });
    });
  });

  var colours = { A: '#1b7f4b', B: '#e0a100', C: '#2f6fbf', D: '#8a4fb5', Unclassified: '#9aa0a6' };
  function drawCharts() {
    // The page's Thai font (Sarabun, served locally): canvas text does not inherit CSS, and the default fonts lack Thai.
    window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    document.querySelectorAll('canvas[data-community-chart]').forEach(function (canvas) {
      var spec = JSON.parse(canvas.getAttribute('data-community-chart'));
      var labels = JSON.parse(canvas.getAttribute('data-labels') || '{}');
      var horizontal = canvas.getAttribute('data-horizontal') === 'true';
      new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: spec.labels.map(function (l) { return spec.regionKeys ? (labels['Region:' + l] || l) : l; }),
          datasets: spec.datasets.map(function (d) {
            return { label: labels[d.key] || d.key, data: d.data, backgroundColor: colours[d.key] || '#666' };
          })
        },
        options: {
          indexAxis: horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: 'bottom' } }
        }
      });
    });
  }
  if (window.Chart && document.querySelector('canvas[data-community-chart]')) {
    (document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve()).then(drawCharts);
  }
})();
