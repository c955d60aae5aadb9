// Shows why an htmx request was refused (CSRF, rights, validation) instead of failing silently.
document.addEventListener("htmx:responseError", function (event) {
  var box = document.getElementById("flash");
  if (!box) { return; }
  var xhr = event.detail.xhr;
  box.textContent = (xhr && xhr.responseText) ? xhr.responseText.slice(0, 300) : "请求失败，请刷新页面后重试";
  box.hidden = false;
});
document.addEventListener("htmx:sendError", function () {
  var box = document.getElementById("flash");
  if (box) { box.textContent = "无法连接复核平台，请检查网络后重试"; box.hidden = false; }
});

// After a decision the answer replaces only the group (or the form's section) where the click happened:
// keep that element where it was on screen and move focus to its message, so nothing jumps.
var kept = null;
document.addEventListener("htmx:beforeRequest", function (event) {
  var origin = event.detail.elt && event.detail.elt.closest("details.group, section[id]");
  var open = Array.prototype.map.call(document.querySelectorAll("details.group[open]"), function (d) { return d.id; });
  kept = origin ? { id: origin.id, top: origin.getBoundingClientRect().top, open: open } : null;
});
document.addEventListener("htmx:afterSettle", function () {
  if (!kept) { return; }
  kept.open.forEach(function (id) {
    var d = document.getElementById(id);
    if (d) { d.open = true; }
  });
  var el = document.getElementById(kept.id);
  if (el) {
    window.scrollBy(0, el.getBoundingClientRect().top - kept.top);
    var note = el.querySelector(".decision-note");
    if (note) { note.focus({ preventScroll: true }); }
  }
  kept = null;
});

// 全部展开 / 全部收起 for the finding groups (the buttons stay hidden without JavaScript).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-groups]");
  if (!button) { return; }
  var open = button.getAttribute("data-groups") === "open";
  document.querySelectorAll("details.group").forEach(function (d) { d.open = open; });
});
function showGroupToggles() {
  document.querySelectorAll(".group-toggles").forEach(function (s) { s.hidden = false; });
}
document.addEventListener("DOMContentLoaded", showGroupToggles);
document.addEventListener("htmx:afterSettle", showGroupToggles);
