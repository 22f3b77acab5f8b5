// Herald's copy protection of an article's body, marked by the server with
// data-protect ("notice" or "attribute"), data-protect-notice,
// data-protect-url (the canonical address), data-protect-length and
// data-protect-source (the word before the address, in the page's language).
//
// It only deters casual copying: the text stays in the HTML for screen
// readers, reader modes and search engines, and anyone may turn scripts
// off. Keys are never intercepted, so keyboard navigation is untouched;
// form fields (the comment form) are never touched either. Signed-in staff
// carry the herald_staff cookie and are not protected against.
(function () {
  "use strict";
  var body = document.querySelector("[data-protect]");
  if (!body || /(?:^|;\s*)herald_staff=1(?:;|$)/.test(document.cookie)) return;
  var mode = body.getAttribute("data-protect");
  var source = new URL(body.getAttribute("data-protect-url") || location.href, location.href).href;
  var length = parseInt(body.getAttribute("data-protect-length"), 10) || 300;
  var label = (body.getAttribute("data-protect-source") || "Source") + ": ";

  // inField reports whether the event happens in a form field.
  function inField(ev) {
    var t = ev.target;
    return t instanceof Element && t.closest("input, textarea, select, [contenteditable]") !== null;
  }

  // touchesBody reports whether the current selection includes any of the
  // article's body.
  function touchesBody() {
    var sel = window.getSelection();
    for (var i = 0; sel && i < sel.rangeCount; i++) {
      if (sel.getRangeAt(i).intersectsNode(body)) return true;
    }
    return false;
  }

  if (mode === "notice") {
    var notice = document.createElement("div");
    notice.className = "copy-notice";
    notice.setAttribute("role", "status");
    notice.setAttribute("aria-live", "polite");
    notice.hidden = true;
    (document.querySelector("main") || document.body).appendChild(notice);
    var timer = 0;
    var show = function () {
      notice.textContent = body.getAttribute("data-protect-notice") || "";
      notice.hidden = false;
      clearTimeout(timer);
      timer = setTimeout(function () { notice.hidden = true; }, 4000);
    };
    var block = function (ev) {
      if (inField(ev)) return;
      ev.preventDefault();
      show();
    };
    body.classList.add("copy-protected");
    // Any click may start a selection: refused quietly, not with a notice.
    body.addEventListener("selectstart", function (ev) {
      if (!inField(ev)) ev.preventDefault();
    });
    ["dragstart", "contextmenu"].forEach(function (type) {
      body.addEventListener(type, block);
    });
    ["copy", "cut"].forEach(function (type) {
      document.addEventListener(type, function (ev) {
        if (touchesBody()) block(ev);
      });
    });
    return;
  }

  if (mode !== "attribute") return;

  function escapeHTML(s) {
    return s.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  document.addEventListener("copy", function (ev) {
    if (inField(ev) || !touchesBody() || !ev.clipboardData) return;
    var chars = Array.from(window.getSelection().toString());
    var text = chars.slice(0, length).join("") + (chars.length > length ? "…" : "");
    ev.clipboardData.setData("text/plain", text + "\n\n" + label + source);
    ev.clipboardData.setData("text/html", "<p>" + escapeHTML(text).replace(/\n+/g, "<br>") + "</p><p>" +
      escapeHTML(label) + "<a href=\"" + escapeHTML(source) + "\">" + escapeHTML(source) + "</a></p>");
    ev.preventDefault();
  });
})();
