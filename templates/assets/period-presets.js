// The release build form: choosing a fiscal period (年度, 上半期/下半期, 四半期) fills in the dates and,
// when no name was typed (or the last one came from a preset), the name. Without script the server
// reads the same `preset` value and computes the dates itself.
(function () {
  'use strict';
  function start() {
    var select = document.querySelector('select[data-period-preset]');
    if (!select) return;
    var form = select.form;
    var label = form.querySelector('#label');
    var first = form.querySelector('#period_start');
    var last = form.querySelector('#period_end');
    var filled = '';
    select.addEventListener('change', function () {
      var option = select.options[select.selectedIndex];
      if (!option || !option.value) return;
      first.value = option.getAttribute('data-start');
      last.value = option.getAttribute('data-end');
      if (!label.value.trim() || label.value === filled) {
        label.value = option.getAttribute('data-label');
        filled = label.value;
      }
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
