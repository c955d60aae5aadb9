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
