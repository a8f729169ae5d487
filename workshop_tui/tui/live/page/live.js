// textual-serve's page script (its template's inline <script> and onClick handlers),
// moved to a file so that the page's Content-Security-Policy allows no inline script.
"use strict";

function getStartUrl() {
  const url = new URL(window.location.href);
  const params = new URLSearchParams(url.search);
  params.delete("delay");
  return url.pathname + "?" + params.toString();
}

async function refresh() {
  const pingUrl = document.body.dataset.pingurl;
  if (pingUrl) {
    await fetch(pingUrl, { method: "GET", mode: "no-cors" });
  }
  window.location.href = getStartUrl();
}

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.refresh")) {
    button.addEventListener("click", refresh);
  }
});
