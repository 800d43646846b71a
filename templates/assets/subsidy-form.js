// Progressive enhancement for the 交付申請 form (it works without this: 一時保存 and 申請する post it).
// - Each change is kept at once in this device's localStorage (per application and revision), then
//   saved to the server ~400 ms after she stops typing; the answer carries the figures and the rule
//   lines the server computed, in her language, which replace the ones on the page.
// - A save answered 401 (her session expired) says so plainly, with a link to sign in that comes
//   back here; what she typed stays on the device. On load, input on the device that is newer than
//   the server's revision is put back into the form and saved.
// CSP: script-src 'self'; no inline script anywhere.
(function () {
  'use strict';

  var form = document.querySelector('form[data-subsidy-form]');
  // A page of an application no longer edited (submitted, decided): this device forgets its copies.
  var done = document.querySelector('[data-subsidy-submitted]');
  if (done) {
    try {
      var prefixDone = 'hks-subsidy-draft:' + done.getAttribute('data-subsidy-submitted') + ':';
      for (var k = window.localStorage.length - 1; k >= 0; k--) {
        var name = window.localStorage.key(k);
        if (name && name.indexOf(prefixDone) === 0) window.localStorage.removeItem(name);
      }
    } catch (e) { /* no storage: nothing kept */ }
  }
  if (!form || !window.fetch || !window.JSON) return;

  var DEBOUNCE_MS = 400;
  var FIELDS = ['employees', 'target', 'target_note', 'sessions_per_employee', 'minutes_per_session', 'price_per_session_yen',
    'consultant_name', 'consultant_registration_no', 'period_start', 'period_end', 'sme_category', 'no_other_subsidy'];
  var id = form.getAttribute('data-application');
  var prefix = 'hks-subsidy-draft:' + id + ':';
  var revision = Number(form.getAttribute('data-revision'));
  var revisionInput = form.querySelector('input[name="revision"]');
  var csrfInput = form.querySelector('input[name="_csrf"]');
  var status = form.querySelector('[data-save-status]');
  var problem = form.querySelector('[data-save-problem]');
  var text = function (name) { return form.getAttribute('data-text-' + name) || ''; };

  var timer = null;
  var inflight = false;
  var again = false;
  var stale = false;
  var submitAfter = null;

  function values() {
    var out = {};
    FIELDS.forEach(function (name) {
      var inputs = form.querySelectorAll('[name="' + name + '"]');
      if (!inputs.length) return;
      var first = inputs[0];
      if (first.type === 'checkbox') out[name] = first.checked ? first.value : '';
      else if (first.type === 'radio') {
        out[name] = '';
        inputs.forEach(function (r) { if (r.checked) out[name] = r.value; });
      } else out[name] = first.value;
    });
    return out;
  }

  function apply(saved) {
    Object.keys(saved).forEach(function (name) {
      form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
        if (input.type === 'checkbox') input.checked = saved[name] === input.value;
        else if (input.type === 'radio') input.checked = saved[name] === input.value;
        else input.value = saved[name];
      });
    });
  }

  // --- this device's copy -------------------------------------------------------------------
  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function keep(vals) {
    var s = store();
    if (!s) return;
    try { s.setItem(prefix + revision, JSON.stringify({ values: vals, at: Date.now() })); } catch (e) { /* full or private mode: the server copy still saves */ }
  }
  function forget(rev) {
    var s = store();
    if (s) s.removeItem(prefix + rev);
  }
  /** The newest copy on the device for this application: {revision, values}. */
  function kept() {
    var s = store();
    var best = null;
    if (!s) return null;
    for (var i = 0; i < s.length; i++) {
      var key = s.key(i);
      if (!key || key.indexOf(prefix) !== 0) continue;
      var rev = Number(key.slice(prefix.length));
      try {
        var entry = JSON.parse(s.getItem(key));
        if (!best || rev > best.revision) best = { revision: rev, values: entry.values };
      } catch (e) { /* a broken copy is ignored */ }
    }
    return best;
  }

  // --- what the page shows ------------------------------------------------------------------
  function say(message) {
    status.textContent = message;
  }
  function trouble(message, withLogin) {
    problem.textContent = '';
    var p = document.createElement('p');
    p.textContent = message;
    problem.appendChild(p);
    if (withLogin) {
      var link = document.createElement('a');
      link.href = form.getAttribute('data-login');
      link.textContent = text('login');
      var q = document.createElement('p');
      q.appendChild(link);
      problem.appendChild(q);
    }
    problem.hidden = false;
  }
  function clearTrouble() {
    problem.hidden = true;
    problem.textContent = '';
  }

  function showFigures(answer) {
    var box = document.querySelector('[data-figures]');
    if (!box) return;
    var complete = answer.requested_text !== null;
    box.querySelector('[data-figures-incomplete]').hidden = complete;
    box.querySelector('[data-figures-body]').hidden = !complete;
    if (!complete) return;
    box.querySelector('[data-eligible]').textContent = answer.eligible_text;
    box.querySelector('[data-cost-line]').textContent = answer.cost_line;
    box.querySelector('[data-requested]').textContent = answer.requested_text;
    var list = box.querySelector('[data-rules]');
    list.textContent = '';
    answer.steps.forEach(function (step) {
      var li = document.createElement('li');
      li.setAttribute('data-rule', step.rule);
      li.textContent = step.text + ' → ' + step.yen_text;
      list.appendChild(li);
    });
  }

  /** A value the server could not take (a letter in a number): said beside its field, the rest is saved. */
  function showFieldErrors(errors) {
    form.querySelectorAll('[data-live-error]').forEach(function (p) { p.parentNode.removeChild(p); });
    (errors || []).forEach(function (e) {
      var input = form.querySelector('[name="' + e.field + '"]');
      var field = input && input.closest('.field');
      if (!field || field.querySelector('.field__error')) return;
      var p = document.createElement('p');
      p.className = 'field__error';
      p.setAttribute('data-live-error', '');
      p.textContent = e.text;
      input.parentNode.insertBefore(p, input.closest('.choice') || input);
    });
  }

  // --- saving -------------------------------------------------------------------------------
  function save() {
    timer = null;
    if (inflight) { again = true; return; }
    if (stale) return;
    var sent = values();
    var body = Object.assign({}, sent, { _csrf: csrfInput ? csrfInput.value : '', revision: revision });
    inflight = true;
    say(text('saving'));
    fetch(form.getAttribute('data-autosave'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (response.status === 401) {
        say('');
        trouble(text('expired'), true);
        return null;
      }
      if (response.status === 409) {
        stale = true;
        say('');
        trouble(text('stale'), false);
        return null;
      }
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (answer) {
      if (!answer) return;
      var before = revision;
      revision = answer.revision;
      if (revisionInput) revisionInput.value = String(revision);
      form.setAttribute('data-revision', String(revision));
      forget(before);
      // Typed while the save was on its way: keep it under the new revision and save it too.
      var now = values();
      if (JSON.stringify(now) !== JSON.stringify(sent)) { keep(now); again = true; }
      clearTrouble();
      showFigures(answer);
      showFieldErrors(answer.errors);
      say(answer.saved_at);
      if (restoring) { say(text('restored') + ' ' + answer.saved_at); restoring = false; }
    }).catch(function () {
      say('');
      trouble(text('failed'), false);
    }).then(function () {
      inflight = false;
      if (submitAfter) {
        var button = submitAfter;
        submitAfter = null;
        if (form.requestSubmit) form.requestSubmit(button); else form.submit();
        return;
      }
      if (again) { again = false; schedule(); }
    });
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, DEBOUNCE_MS);
  }

  function changed() {
    keep(values());
    schedule();
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);

  // The buttons post the whole form with its revision: let a save on its way land first.
  form.addEventListener('submit', function (event) {
    // The copy on the device stays until a later revision supersedes it: if this post meets an
    // expired session, the sign-in comes back to the form and restores it.
    if (!timer && !inflight) return;
    event.preventDefault();
    submitAfter = event.submitter || null;
    if (timer) { clearTimeout(timer); save(); }
  });

  // On load: what this device holds that the server does not yet (an expired session, a lost
  // connection) goes back into the form and is saved. An older copy than the server's is dropped.
  var restoring = false;
  var copy = kept();
  if (copy) {
    if (copy.revision >= revision && JSON.stringify(copy.values) !== JSON.stringify(values())) {
      if (copy.revision !== revision) forget(copy.revision);
      apply(copy.values);
      keep(copy.values);
      restoring = true;
      save();
    } else if (copy.revision < revision || JSON.stringify(copy.values) === JSON.stringify(values())) {
      forget(copy.revision);
    }
  }
})();
