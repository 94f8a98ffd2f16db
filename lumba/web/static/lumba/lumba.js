// Progressive enhancement only: every page works without this file.
(function () {
  // Move focus to the error summary, or to the page heading after an htmx
  // swap, so keyboard and screen-reader users hear what changed first.
  function focusWhatMatters(afterSwap) {
    var target = document.querySelector("[data-autofocus]") || (afterSwap && document.querySelector("main h1"));
    if (target) {
      if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
      target.focus();
    }
  }
  document.addEventListener("DOMContentLoaded", function () { focusWhatMatters(false); });
  document.addEventListener("htmx:afterSettle", function () { focusWhatMatters(true); });
})();
