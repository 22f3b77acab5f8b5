// Herald newsroom: small enhancements. Every page works without this file.
(function () {
  "use strict";

  // Slug suggestion: until someone edits the slug, it follows the headline,
  // as the server would suggest it (the server's rules are authoritative).
  // The same rules as markup.Slugify: Cyrillic by the scheme of Russian
  // passports, Latin without diacritics, apostrophes dropped.
  var translit = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y",
    "ь": "", "э": "e", "ю": "iu", "я": "ia", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o"
  };

  function slugify(s) {
    var out = "";
    s = s.toLowerCase().normalize("NFD");
    for (var i = 0; i < s.length; i++) {
      var c = s[i];
      if (/[a-z0-9]/.test(c)) out += c;
      else if (translit[c] !== undefined) out += translit[c];
      else if (/[\u0300-\u036f'’ʼ]/.test(c)) continue;
      else out += "-";
    }
    return out.replace(/-+/g, "-").replace(/^-|-$/g, "").slice(0, 200).replace(/-$/, "");
  }

  function slugSuggestion() {
    var headline = document.querySelector("[data-slug-source]");
    var slug = document.querySelector("[data-slug-target]");
    if (!headline || !slug) return;
    var follow = slug.value === "" || slug.value === slugify(headline.value);
    slug.addEventListener("input", function () { follow = slug.value === ""; });
    headline.addEventListener("input", function () {
      if (follow) slug.value = slugify(headline.value);
    });
  }

  // Unsaved changes: warn before leaving a form that was changed and not sent.
  function unsavedWarning() {
    var forms = document.querySelectorAll("form[data-unsaved]");
    var dirty = false;
    forms.forEach(function (f) {
      f.addEventListener("input", function () { dirty = true; });
      f.addEventListener("submit", function () { dirty = false; });
    });
    if (forms.length === 0) return;
    window.addEventListener("beforeunload", function (e) {
      if (dirty) { e.preventDefault(); e.returnValue = ""; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    slugSuggestion();
    unsavedWarning();
  });
})();
