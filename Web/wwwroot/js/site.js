// Behaviour without inline script (the CSP forbids it): elements opt in with data- attributes.
document.addEventListener('click', function (e) {
  var el = e.target.closest('[data-confirm]');
  // A button outside its form (form="…", e.g. one shared form for a long table) asks what its form asks.
  var owner = el ? null : e.target.closest('button[form]');
  if (owner && owner.form && owner.form.hasAttribute('data-confirm')) { el = owner.form; }
  if (el && !window.confirm(el.getAttribute('data-confirm'))) { e.preventDefault(); }
});
document.addEventListener('change', function (e) {
  var el = e.target.closest('[data-autosubmit]');
  if (el && el.form) { el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit(); }
});
