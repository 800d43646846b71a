// Progressive enhancement for long operations (the pages work without it; CSP: script-src 'self').
// 1. Any <form data-long-operation="message">: on submit its buttons are disabled (no second
//    press), the form is marked aria-busy, and the message shows in a status region beside them.
// 2. A build progress page (data-build-poll="url"): polls the small JSON status instead of the
//    no-script page refresh, updates the stage and the bar in place, and follows the result.
(function () {
  'use strict';

  function prepare(form) {
    var status = document.createElement('div');
    status.className = 'long-operation';
    status.setAttribute('role', 'status');
    // Present (and empty) from the start, so screen readers announce the message when it appears.
    var buttons = form.querySelectorAll('button[type="submit"], button:not([type]), input[type="submit"]');
    var last = buttons[buttons.length - 1];
    if (last && last.parentNode) last.parentNode.insertBefore(status, last.nextSibling);
    else form.appendChild(status);

    form.addEventListener('submit', function (event) {
      if (form.getAttribute('aria-busy') === 'true') {
        event.preventDefault();
        return;
      }
      form.setAttribute('aria-busy', 'true');
      // Disable after the submission has started: a disabled button would not be sent.
      window.setTimeout(function () {
        for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
      }, 0);
      status.innerHTML = '';
      var spinner = document.createElement('span');
      spinner.className = 'long-operation__spinner';
      spinner.setAttribute('aria-hidden', 'true');
      var text = document.createElement('span');
      text.textContent = form.getAttribute('data-long-operation') || '…';
      status.appendChild(spinner);
      status.appendChild(text);
      status.classList.add('long-operation--active');
    });
  }

  // Back/forward cache: a page restored after navigating away must be usable again.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    var busy = document.querySelectorAll('form[data-long-operation][aria-busy="true"]');
    for (var i = 0; i < busy.length; i++) {
      busy[i].removeAttribute('aria-busy');
      var buttons = busy[i].querySelectorAll('button, input[type="submit"]');
      for (var j = 0; j < buttons.length; j++) buttons[j].disabled = false;
      var status = busy[i].querySelector('.long-operation');
      if (status) {
        status.textContent = '';
        status.classList.remove('long-operation--active');
      }
    }
  });

  function poll(section) {
    var url = section.getAttribute('data-build-poll');
    var bar = section.querySelector('[data-build-bar]');
    var statusText = section.querySelector('[data-build-status]');
    var stage = section.getAttribute('data-build-stage');
    function tick() {
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (s) {
          if (s.location) {
            window.location.assign(s.location);
            return;
          }
          if (s.stage !== stage) {
            // The stage's words live in the page's language on the server: fetch them with the page.
            window.location.reload();
            return;
          }
          if (bar) bar.value = s.value;
          window.setTimeout(tick, 1000);
        })
        .catch(function () {
          window.setTimeout(tick, 3000);
        });
    }
    if (statusText) window.setTimeout(tick, 1000);
    // The elapsed time moves every second, so the page never looks frozen.
    var elapsed = section.querySelector('[data-build-elapsed]');
    if (elapsed) {
      var seconds = Number(elapsed.getAttribute('data-build-elapsed')) || 0;
      var template = elapsed.getAttribute('data-template') || '{seconds}';
      window.setInterval(function () {
        seconds += 1;
        elapsed.textContent = template.replace('{seconds}', String(seconds));
      }, 1000);
    }
  }

  function start() {
    var forms = document.querySelectorAll('form[data-long-operation]');
    for (var i = 0; i < forms.length; i++) prepare(forms[i]);
    var builds = document.querySelectorAll('[data-build-poll]');
    for (var j = 0; j < builds.length; j++) poll(builds[j]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
