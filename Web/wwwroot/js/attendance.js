// The attendance register (no inline script: the CSP forbids it). Keeps the count above the register true to what
// saving would record, and "mark the rest present" marks only those nobody has marked yet. The server renders the
// same count and refuses what the disabled buttons refuse, so the page works without this script too.
(function () {
  var form = document.querySelector('form[data-attendance]');
  if (!form) { return; }
  var rows = form.querySelectorAll('[data-enrollment]');

  function count() {
    var n = { Present: 0, Late: 0, Excused: 0, Absent: 0, Unmarked: 0 };
    rows.forEach(function (row) {
      var checked = row.querySelector('input[type=radio]:checked');
      n[checked ? checked.value : 'Unmarked']++;
    });
    Object.keys(n).forEach(function (key) {
      var el = form.querySelector('[data-count="' + key + '"]');
      if (el) { el.textContent = n[key]; }
    });
  }

  form.addEventListener('change', count);
  var rest = form.querySelector('[data-mark-rest]');
  if (rest) {
    rest.addEventListener('click', function () {
      rows.forEach(function (row) {
        if (row.querySelector('input[type=radio]:checked')) { return; }
        var present = row.querySelector('input[type=radio][value=Present]');
        if (present && !present.disabled) { present.checked = true; }
      });
      count();
    });
  }
  count();
})();
