// Hangfire's dashboard, loaded after its own scripts: its job-list checkboxes have no label, so a screen reader says
// only "checkbox". Name each after its row's job, and the header one "select all".
(function () {
  function label() {
    document.querySelectorAll('input.js-jobs-list-select-all:not([aria-label])').forEach(function (box) {
      box.setAttribute('aria-label', 'Select all');
    });
    document.querySelectorAll('input.js-jobs-list-checkbox:not([aria-label])').forEach(function (box) {
      var row = box.closest('tr');
      var name = row ? row.textContent.replace(/\s+/g, ' ').trim().slice(0, 80) : box.value;
      box.setAttribute('aria-label', 'Select ' + (name || box.value));
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', label); else label();
})();
