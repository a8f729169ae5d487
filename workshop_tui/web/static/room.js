// The participants' page: join with the code, then ask the room every 1,5 s what is
// asked now. Every word shown comes from the page (its <template>s) or from the API,
// already in the participant's language; nothing here is inserted as HTML.
"use strict";

const POLL_MS = 1500;
const lang = document.documentElement.lang === "da" ? "da" : "en";
let shownQuestion = null; // asked_at and cells of the question on screen

function api(path, body) {
  const options = { credentials: "same-origin", headers: {} };
  if (body !== undefined) {
    options.method = "POST";
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  return fetch(path + "?lang=" + lang, options).then(async (response) => {
    let data = {};
    try { data = await response.json(); } catch (error) { data = {}; }
    return { status: response.status, data: data };
  });
}

function show(id, visible) { document.getElementById(id).hidden = !visible; }

function questionKey(now) {
  return JSON.stringify([now.asked_at, now.activities.map(
    (a) => [a.activity_id, a.groups.map((g) => g.group_id)])]);
}

function buildQuestion(now) {
  const holder = document.getElementById("activities");
  holder.replaceChildren();
  for (const activity of now.activities) {
    const card = document.getElementById("activity-template").content.cloneNode(true);
    card.querySelector(".subprocess").textContent = activity.subprocess;
    card.querySelector(".name").textContent = activity.activity;
    card.querySelector(".description").textContent = activity.description;
    const groups = card.querySelector(".groups");
    for (const group of activity.groups) {
      const form = document.getElementById("group-template").content.cloneNode(true).firstElementChild;
      form.dataset.activity = activity.activity_id;
      form.dataset.group = group.group_id;
      form.querySelector(".group-name").textContent = group.group;
      form.querySelector(".group-description").textContent = group.group_description;
      if (group.own) {
        form.querySelector(".low").value = group.own.low_text;
        form.querySelector(".high").value = group.own.high_text;
      }
      form.addEventListener("submit", send);
      groups.appendChild(form);
    }
    holder.appendChild(card);
  }
}

function fillCell(form, group, revealed) {
  form.querySelector(".own").hidden = !group.own;
  form.querySelector(".own-text").textContent = group.own ? group.own.text : "";
  form.querySelector(".count-number").textContent = String(group.answered);
  for (const input of form.querySelectorAll("input, button")) { input.disabled = revealed; }
  const spread = form.querySelector(".spread");
  spread.hidden = !group.spread;
  if (!group.spread) { return; }
  const ranges = form.querySelector(".ranges");
  ranges.replaceChildren(...group.spread.ranges.map((text) => {
    const item = document.createElement("li");
    item.textContent = text;
    return item;
  }));
  for (const [row, figures] of [[".low-row", group.spread.low], [".high-row", group.spread.high]]) {
    const cells = form.querySelectorAll(row + " td");
    cells[0].textContent = figures.lowest;
    cells[1].textContent = figures.median;
    cells[2].textContent = figures.highest;
  }
}

function render(now) {
  document.getElementById("participant").textContent = now.participant;
  document.getElementById("process").textContent = now.process;
  document.getElementById("status").textContent = now.status;
  const key = questionKey(now);
  if (key !== shownQuestion) {
    buildQuestion(now);
    shownQuestion = key;
  }
  for (const activity of now.activities) {
    for (const group of activity.groups) {
      const form = document.querySelector(
        `form.group[data-activity="${CSS.escape(activity.activity_id)}"][data-group="${CSS.escape(group.group_id)}"]`);
      if (form) { fillCell(form, group, now.revealed); }
    }
  }
}

async function send(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const error = form.querySelector(".error");
  error.textContent = "";
  const answer = await api("/api/estimate", {
    activity_id: form.dataset.activity,
    group_id: form.dataset.group,
    low: form.querySelector(".low").value,
    high: form.querySelector(".high").value,
  }).catch(() => null);
  if (answer === null) { show("lost", true); return; }
  if (answer.status !== 200) { error.textContent = answer.data.error || String(answer.status); }
  await poll();
}

async function poll() {
  const answer = await api("/api/now").catch(() => null);
  show("lost", answer === null);
  if (answer === null) { return; }
  if (answer.status === 401) {
    show("room", false);
    show("join", true);
    return;
  }
  if (answer.status === 200) {
    show("join", false);
    show("room", true);
    render(answer.data);
  }
}

async function join(event) {
  event.preventDefault();
  const error = document.getElementById("join-error");
  error.textContent = "";
  const answer = await api("/api/join", {
    code: document.getElementById("code").value,
    name: document.getElementById("name").value,
  }).catch(() => null);
  if (answer === null) { show("lost", true); return; }
  if (answer.status !== 200) {
    error.textContent = answer.data.error || String(answer.status);
    return;
  }
  await poll();
}

document.getElementById("join-form").addEventListener("submit", join);
poll();
setInterval(poll, POLL_MS);
