// Accessible names for the inputs that admin scripts build in place of a labelled field:
// the rich-text editor's editable area and select2's boxes (autocomplete fields), named
// after the field they stand for.
(function () {
  "use strict";

  function fieldName(field) {
    if (!field) return "";
    if (field.getAttribute("aria-label")) return field.getAttribute("aria-label");
    var label = field.id ? document.querySelector('label[for="' + field.id + '"]') : null;
    return label ? label.textContent.replace(/\s*:\s*$/, "").trim() : "";
  }

  function name(element, text) {
    if (!element || !text || element.getAttribute("aria-label") === text) return;
    element.removeAttribute("aria-labelledby");
    element.setAttribute("aria-label", text);
  }

  function nameAll() {
    document.querySelectorAll(".prose-editor").forEach(function (editor) {
      var box = editor.querySelector('[contenteditable="true"]');
      if (box && !box.hasAttribute("aria-label")) {
        name(box, fieldName(editor.querySelector("textarea")));
        box.setAttribute("aria-multiline", "true");
      }
    });
    document.querySelectorAll("select.select2-hidden-accessible").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      var text = fieldName(select);
      name(container.querySelector(".select2-selection"), text);
      name(container.querySelector(".select2-selection__rendered[role]"), text);
      name(container.querySelector(".select2-search__field"), text);
    });
  }

  new MutationObserver(nameAll).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", nameAll);
})();
