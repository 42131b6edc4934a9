/* sphinxext-hubs: the "View as" switch.
 * Every card is in the page; this only changes how they are laid out.
 * The reader's choice is kept in localStorage and applied on every hub:
 * on <html> as data-hubs-view (which the CSS follows), and as the classes
 * hubs-view-cards / hubs-view-list of each hub.  A script written after
 * each switch sets data-hubs-view while the page is parsed, before it is
 * first drawn; this one, which a theme may load at the end of the page,
 * sets the classes and handles the buttons. */
(function () {
  "use strict";
  var KEY = "sphinxext-hubs:view";
  var VIEWS = ["cards", "list"];
  document.documentElement.classList.add("hubs-js");

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return VIEWS.indexOf(value) >= 0 ? value : null;
    } catch (error) {
      return null;
    }
  }

  function remember(view) {
    try {
      window.localStorage.setItem(KEY, view);
    } catch (error) {
      /* private mode or storage disabled: the switch still works */
    }
  }

  function apply(view) {
    document.documentElement.setAttribute("data-hubs-view", view);
    document.querySelectorAll(".hubs-page, .hubs-hub").forEach(function (el) {
      VIEWS.forEach(function (name) {
        el.classList.toggle("hubs-view-" + name, name === view);
      });
    });
    document.querySelectorAll(".hubs-viewas-option").forEach(function (button) {
      button.setAttribute(
        "aria-pressed",
        button.getAttribute("data-hubs-view") === view ? "true" : "false"
      );
    });
  }

  function init() {
    var view = stored();
    if (view) {
      apply(view);
    }
    document.querySelectorAll(".hubs-viewas-option").forEach(function (button) {
      button.addEventListener("click", function () {
        var chosen = button.getAttribute("data-hubs-view");
        apply(chosen);
        remember(chosen);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
