// Progressive enhancement for report PDFs (every page works without it; CSP: script-src 'self').
// 1. The digest page's form[data-report-request]: posts the request to the API (JSON; API writes
//    need a same-site Origin, which fetch sends, not a form token), shows the progress in place,
//    polls the report's status, and when done starts the download: no page reload.
// 2. A report's status page ([data-report-poll]) and a release's batch page ([data-batch-poll]):
//    poll the JSON instead of the no-script refresh, move the bar, reload when the state changes
//    (the words for each state are the server's, in the page's language).
(function () {
  'use strict';

  var POLL_MS = 700;

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    });
  }

  function requestForm(form) {
    var button = form.querySelector('button[type="submit"]');
    var box = form.querySelector('[data-report-progress]');
    var bar = form.querySelector('[data-report-bar]');
    var status = form.querySelector('[data-report-status]');
    var text = function (name, percent) {
      return (form.getAttribute('data-text-' + name) || '').replace('{percent}', String(percent));
    };
    var value = function (name) {
      var input = form.querySelector('input[name="' + name + '"]');
      return input ? input.value : '';
    };

    function finish(message, error) {
      form.removeAttribute('aria-busy');
      button.disabled = false;
      status.textContent = message;
      status.classList.toggle('text-error', Boolean(error));
      if (error) box.hidden = true;
    }

    function show(report) {
      if (report.status === 'done') {
        bar.value = 100;
        finish(text('done'));
        var link = document.createElement('a');
        link.href = '/api/v1/reports/' + report.id + '/pdf';
        link.textContent = text('done-link');
        status.appendChild(document.createTextNode(' '));
        status.appendChild(link);
        // The PDF is sent as an attachment: the browser downloads it and the page stays.
        window.location.assign(link.href);
        return true;
      }
      if (report.status === 'failed') {
        finish(text('failed'), true);
        return true;
      }
      if (report.status === 'rendering') {
        bar.value = report.progress || 0;
        status.textContent = text('rendering', report.progress || 0);
      } else {
        bar.removeAttribute('value'); // waiting its turn: an indeterminate bar
        status.textContent = text('queued');
      }
      return false;
    }

    function follow(id, failures) {
      window.setTimeout(function () {
        getJson('/api/v1/reports/' + encodeURIComponent(id))
          .then(function (report) {
            if (!show(report)) follow(id, 0);
          })
          .catch(function () {
            // A dropped connection is tried again, slower; after several, say so.
            if (failures >= 5) finish(text('failed'), true);
            else follow(id, failures + 1);
          });
      }, failures ? POLL_MS * 4 : POLL_MS);
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (form.getAttribute('aria-busy') === 'true') return;
      form.setAttribute('aria-busy', 'true');
      button.disabled = true;
      box.hidden = false;
      bar.removeAttribute('value');
      status.classList.remove('text-error');
      status.textContent = text('queued');
      fetch('/api/v1/reports', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ release_id: value('release_id'), industry: value('industry'), size_class: value('size_class'), locale: value('locale') }),
      })
        .then(function (response) {
          if (response.status === 503) throw new Error('unavailable');
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (accepted) {
          if (!show(accepted)) follow(accepted.id, 0);
        })
        .catch(function (error) {
          finish(text(error && error.message === 'unavailable' ? 'unavailable' : 'failed'), true);
        });
    });
  }

  // Back/forward cache: a page restored after the download must be usable again.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    var forms = document.querySelectorAll('form[data-report-request][aria-busy="true"]');
    for (var i = 0; i < forms.length; i++) {
      forms[i].removeAttribute('aria-busy');
      forms[i].querySelector('button[type="submit"]').disabled = false;
    }
  });

  function pollReport(section) {
    var url = section.getAttribute('data-report-poll');
    var state = section.getAttribute('data-report-state');
    var bar = section.querySelector('[data-report-bar]');
    var status = section.querySelector('[data-report-status]');
    var template = section.getAttribute('data-text-rendering') || '{percent}%';
    function tick() {
      getJson(url)
        .then(function (report) {
          if (report.status !== state && report.status !== 'rendering') return window.location.reload();
          if (report.status === 'rendering') {
            bar.value = report.progress || 0;
            status.textContent = template.replace('{percent}', String(report.progress || 0));
            state = 'rendering';
          }
          window.setTimeout(tick, POLL_MS);
        })
        .catch(function () {
          window.setTimeout(tick, POLL_MS * 4);
        });
    }
    window.setTimeout(tick, POLL_MS);
  }

  function pollBatch(section) {
    var url = section.getAttribute('data-batch-poll');
    var bar = section.querySelector('[data-batch-bar]');
    var status = section.querySelector('[data-batch-status]');
    var template = section.getAttribute('data-template') || '';
    function tick() {
      getJson(url)
        .then(function (b) {
          if (b.queued + b.rendering === 0) return window.location.reload();
          bar.max = b.total;
          bar.value = b.done + b.failed;
          status.textContent = template.replace('{done}', String(b.done)).replace('{total}', String(b.total)).replace('{failed}', String(b.failed));
          window.setTimeout(tick, 2000);
        })
        .catch(function () {
          window.setTimeout(tick, 5000);
        });
    }
    window.setTimeout(tick, 2000);
  }

  function start() {
    var forms = document.querySelectorAll('form[data-report-request]');
    for (var i = 0; i < forms.length; i++) requestForm(forms[i]);
    var reports = document.querySelectorAll('[data-report-poll]');
    for (var j = 0; j < reports.length; j++) pollReport(reports[j]);
    var batches = document.querySelectorAll('[data-batch-poll]');
    for (var k = 0; k < batches.length; k++) pollBatch(batches[k]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
