// The calendar of the portal's date field (DateFieldTagHelper): the texts (month and day names, the era offset, button
// labels) come from the field's wrapper, so Thai pages show Thai months and Buddhist-era years. Keyboard: arrows move a
// day or a week, Page Up/Down a month, Enter picks, Escape closes.
(function () {
  'use strict';
  var open = null; // { wrap, input, button, panel, view: first of month shown, focus: focused day }

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function sameDay(a, b) { return a && b && a.getTime() === b.getTime(); }
  function day(y, m, d) { return new Date(y, m, d); }

  // The same reading as the server's ThaiDates.TryParse, for the formats the field is typed in.
  function parse(text) {
    var s = (text || '').replace(/[\u0E50-\u0E59]/g, function (c) { return String(c.charCodeAt(0) - 0x0E50); }).trim();
    var p = s.split(/\s*[\/.\-]\s*/);
    if (p.length !== 3) { return null; }
    if (p[0].length === 4) { p = [p[2], p[1], p[0]]; }
    if (!/^\d{1,2}$/.test(p[0]) || !/^\d{1,2}$/.test(p[1]) || !/^\d{4}$/.test(p[2])) { return null; }
    var y = +p[2], m = +p[1] - 1, d = +p[0];
    if (y > 2400) { y -= 543; }
    var date = day(y, m, d);
    return date.getMonth() === m && date.getDate() === d ? date : null;
  }

  function texts(wrap) {
    return {
      months: wrap.getAttribute('data-months').split('|'),
      days: wrap.getAttribute('data-days').split('|'),
      offset: +wrap.getAttribute('data-year-offset'),
      prev: wrap.getAttribute('data-label-prev'),
      next: wrap.getAttribute('data-label-next'),
      dialog: wrap.getAttribute('data-label-dialog')
    };
  }

  function longName(t, d) { return d.getDate() + ' ' + t.months[d.getMonth()] + ' ' + (d.getFullYear() + t.offset); }

  function button(cls, label, text) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.setAttribute('aria-label', label);
    b.textContent = text;
    return b;
  }

  function render() {
    var t = texts(open.wrap), panel = open.panel, view = open.view;
    var selected = parse(open.input.value), today = new Date();
    today = day(today.getFullYear(), today.getMonth(), today.getDate());
    panel.textContent = '';
    var head = document.createElement('div');
    head.className = 'pp-cal-head';
    var title = document.createElement('div');
    title.className = 'pp-cal-title';
    title.id = open.input.id + '-cal-title';
    title.setAttribute('aria-live', 'polite');
    title.textContent = t.months[view.getMonth()] + ' ' + (view.getFullYear() + t.offset);
    var prev = button('btn btn-sm btn-outline-secondary pp-cal-prev', t.prev, '\u2039');
    var next = button('btn btn-sm btn-outline-secondary pp-cal-next', t.next, '\u203A');
    prev.addEventListener('click', function () { move(-1, 'month', true); });
    next.addEventListener('click', function () { move(1, 'month', true); });
    head.append(prev, title, next);
    var grid = document.createElement('table');
    grid.className = 'pp-cal-grid';
    grid.setAttribute('role', 'grid');
    grid.setAttribute('aria-labelledby', title.id);
    var row = document.createElement('tr');
    t.days.forEach(function (name) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = name;
      row.appendChild(th);
    });
    var thead = document.createElement('thead');
    thead.appendChild(row);
    var body = document.createElement('tbody');
    var start = day(view.getFullYear(), view.getMonth(), 1 - view.getDay());
    for (var w = 0; w < 6; w++) {
      row = document.createElement('tr');
      for (var i = 0; i < 7; i++) {
        var d = day(start.getFullYear(), start.getMonth(), start.getDate() + w * 7 + i);
        var td = document.createElement('td');
        var b = button('pp-cal-day', longName(t, d), String(d.getDate()));
        if (d.getMonth() !== view.getMonth()) { b.classList.add('pp-cal-other'); }
        if (sameDay(d, today)) { b.classList.add('pp-cal-today'); }
        if (sameDay(d, selected)) { b.classList.add('pp-cal-selected'); b.setAttribute('aria-pressed', 'true'); }
        b.tabIndex = sameDay(d, open.focus) ? 0 : -1;
        b.dataset.date = d.getFullYear() + '-' + (d.getMonth() + 1) + '-' + d.getDate();
        td.appendChild(b);
        row.appendChild(td);
      }
      body.appendChild(row);
    }
    grid.append(thead, body);
    panel.append(head, grid);
  }

  function focusDay() {
    var b = open.panel.querySelector('.pp-cal-day[tabindex="0"]');
    if (b) { b.focus(); }
  }

  function move(n, unit, keepFocusOnButton) {
    var f = open.focus;
    f = unit === 'month'
      ? day(f.getFullYear(), f.getMonth() + n, Math.min(f.getDate(), 28))
      : day(f.getFullYear(), f.getMonth(), f.getDate() + n);
    open.focus = f;
    open.view = day(f.getFullYear(), f.getMonth(), 1);
    render();
    if (!keepFocusOnButton) { focusDay(); }
    else { open.panel.querySelector(n < 0 ? '.pp-cal-prev' : '.pp-cal-next').focus(); }
  }

  function close(returnFocus) {
    if (!open) { return; }
    var o = open;
    open = null;
    o.panel.remove();
    o.button.setAttribute('aria-expanded', 'false');
    if (returnFocus) { o.button.focus(); }
  }

  function pick(d) {
    var t = texts(open.wrap), input = open.input;
    input.value = pad(d.getDate()) + '/' + pad(d.getMonth() + 1) + '/' + (d.getFullYear() + t.offset);
    input.dispatchEvent(new Event('change', { bubbles: true }));
    close(false);
    input.focus();
  }

  function show(wrap) {
    close(false);
    var input = wrap.querySelector('input'), btn = wrap.querySelector('.pp-date-open');
    var now = new Date(), selected = parse(input.value);
    var f = selected || day(now.getFullYear(), now.getMonth(), now.getDate());
    var panel = document.createElement('div');
    panel.className = 'pp-cal';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', texts(wrap).dialog);
    open = { wrap: wrap, input: input, button: btn, panel: panel, focus: f };
    open.view = day(f.getFullYear(), f.getMonth(), 1);
    wrap.appendChild(panel);
    btn.setAttribute('aria-expanded', 'true');
    render();
    focusDay();
  }

  document.addEventListener('click', function (e) {
    var opener = e.target.closest('.pp-date-open');
    if (opener) {
      var wrap = opener.closest('.pp-date');
      if (open && open.wrap === wrap) { close(true); } else { show(wrap); }
      return;
    }
    var d = e.target.closest('.pp-cal-day');
    if (d && open) {
      var p = d.dataset.date.split('-');
      pick(day(+p[0], +p[1] - 1, +p[2]));
      return;
    }
    // The path, not e.target.closest: a month button re-renders the panel, so its target is no longer in it.
    if (open && e.composedPath().indexOf(open.panel) < 0) { close(false); }
  });

  document.addEventListener('keydown', function (e) {
    if (!open || !open.panel.contains(e.target)) { return; }
    var steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    if (e.key === 'Escape') { e.preventDefault(); close(true); }
    else if (e.target.classList.contains('pp-cal-day') && e.key in steps) {
      e.preventDefault();
      move(steps[e.key], 'day');
    } else if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      move(e.key === 'PageUp' ? -1 : 1, 'month');
    }
  });
})();
