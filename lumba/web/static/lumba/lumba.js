// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary so keyboard and screen-reader users hear it first.
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }
});
