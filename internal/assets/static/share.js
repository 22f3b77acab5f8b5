// Herald's share bars and embeds. The share links work without this
// script; it reveals "Copy link" and, where the browser has one, its own
// share sheet (Web Share API). It also gives a YouTube placeholder in an
// article a button that loads the player from youtube-nocookie.com — only
// when the reader clicks, so the page itself asks nothing of YouTube.
(function () {
  "use strict";
  var script = document.currentScript;

  // say shows text on the button for a few seconds and has the bar's live
  // region announce it.
  function say(bar, button, text) {
    var status = bar.querySelector(".share-status");
    var name = button.querySelector(".share-name");
    var label = button.getAttribute("data-label") || name.textContent;
    button.setAttribute("data-label", label);
    name.textContent = text;
    if (status) status.textContent = text;
    clearTimeout(button.timer);
    button.timer = setTimeout(function () {
      name.textContent = label;
      if (status) status.textContent = "";
    }, 4000);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { /* refused */ }
      area.remove();
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  document.querySelectorAll("[data-share]").forEach(function (bar) {
    var url = bar.getAttribute("data-url"), text = bar.getAttribute("data-text");
    var copyItem = bar.querySelector("[data-share-copy]");
    if (copyItem) {
      copyItem.hidden = false;
      var button = copyItem.querySelector("button");
      button.addEventListener("click", function () {
        copy(url).then(function () {
          say(bar, button, button.getAttribute("data-copied"));
        }, function () {
          window.prompt(button.getAttribute("data-label") || button.textContent, url);
        });
      });
    }
    var nativeItem = bar.querySelector("[data-share-native]");
    if (nativeItem && typeof navigator.share === "function") {
      nativeItem.hidden = false;
      nativeItem.querySelector("button").addEventListener("click", function () {
        navigator.share({ title: text, url: url }).catch(function () { /* dismissed */ });
      });
    }
  });

  var label = (script && script.getAttribute("data-embed-label")) || "Load from %s";
  document.querySelectorAll('figure[data-embed="youtube"]').forEach(function (figure) {
    var id = figure.getAttribute("data-embed-id");
    if (!/^[A-Za-z0-9_-]{11}$/.test(id)) return;
    var provider = figure.querySelector(".embed-provider");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "share-link embed-load";
    button.textContent = label.replace("%s", provider ? provider.textContent : "YouTube");
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1";
      frame.title = provider ? provider.textContent : "YouTube";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      var box = document.createElement("div");
      box.className = "embed-frame";
      box.appendChild(frame);
      button.replaceWith(box);
      frame.focus();
    });
    figure.appendChild(button);
  });
})();
