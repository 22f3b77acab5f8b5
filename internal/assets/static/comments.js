// Herald's comment form: remembers the name and email in this browser
// only (localStorage, never a cookie) when asked, and opens the form under
// the comment a "Reply" link answers.
(function () {
  "use strict";
  var form = document.querySelector("[data-comment-form]");
  if (!form) return;
  remember(form);
  var respond = document.getElementById("respond");
  document.querySelectorAll("[data-reply]").forEach(function (link) {
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      form.elements.parent.value = link.getAttribute("data-reply");
      link.closest("article").after(respond);
      form.elements.comment.focus();
    });
  });

  // remember keeps the commenter's name and email in localStorage when the
  // box is ticked; a signed-in member of staff's form has neither field.
  function remember(form) {
    var key = "herald-commenter";
    var box = form.querySelector("[data-remember]");
    var name = form.elements.author, email = form.elements.email;
    if (!box || !name || !email) return;
    try {
      var saved = JSON.parse(localStorage.getItem(key) || "null");
      if (saved) {
        if (!name.value) name.value = saved.name || "";
        if (!email.value) email.value = saved.email || "";
        box.checked = true;
      }
    } catch (e) { /* storage unavailable */ }
    form.addEventListener("submit", function () {
      try {
        if (box.checked) {
          localStorage.setItem(key, JSON.stringify({ name: name.value, email: email.value }));
        } else {
          localStorage.removeItem(key);
        }
      } catch (e) { /* storage unavailable */ }
    });
  }
})();
