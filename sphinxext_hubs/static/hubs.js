/* sphinxext-hubs: the "View as" switch (and the start of a graph's
 * sideways scroll on a narrow screen, at the end).
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

  /* The all-notes page: the filter box shows the entries whose title,
   * kind or description holds every word typed, and the groups that keep
   * one; it says how many it shows.  On a list split into pages, the box
   * looks through every entry: a script of them all (data-hubs-entries),
   * loaded when the reader first types, as Sphinx's search loads its
   * index; the matches are listed in place of the page's own groups. */
  function matches(words, text) {
    text = text.toLowerCase();
    return words.every(function (word) {
      return text.indexOf(word) >= 0;
    });
  }

  function filterIndex() {
    var box = document.getElementById("hubs-index-query");
    if (!box) {
      return;
    }
    var index = box.closest(".hubs-index");
    var status = index.querySelector(".hubs-index-shown");
    var terms = Array.prototype.slice.call(index.querySelectorAll("dt"));
    var source = box.getAttribute("data-hubs-entries");
    var results = null;
    var requested = false;

    function filterPage(words) {
      var shown = 0;
      terms.forEach(function (term) {
        var description = term.nextElementSibling;
        var match = matches(words, term.textContent + " " +
          (description ? description.textContent : ""));
        term.hidden = !match;
        if (description && description.tagName === "DD") {
          description.hidden = !match;
        }
        shown += match ? 1 : 0;
      });
      index.querySelectorAll(".hubs-index-group").forEach(function (group) {
        var empty = !group.querySelector("dt:not([hidden])");
        group.hidden = empty;
        var heading = group.previousElementSibling;
        if (heading && heading.classList.contains("hubs-index-heading")) {
          heading.hidden = empty;
        }
      });
      return shown;
    }

    function filterAll(words) {
      /* every entry of every page, once the script is here */
      var root = new URL(source, document.baseURI).href
        .replace(/_static\/[^\/]*$/, "");
      if (results) {
        results.remove();
        results = null;
      }
      var own = index.querySelectorAll(".hubs-index-group, .hubs-index-heading");
      own.forEach(function (element) {
        element.hidden = words.length > 0;
      });
      if (!words.length) {
        return 0;
      }
      results = document.createElement("dl");
      results.className = "hubs-index-group hubs-index-results";
      var shown = 0;
      window.hubsEntries.forEach(function (entry) {
        if (!matches(words, entry[0] + " " + entry[2] + " " + entry[3])) {
          return;
        }
        var term = document.createElement("dt");
        var link = document.createElement("a");
        link.href = new URL(entry[1], root).href;
        link.textContent = entry[0];
        term.appendChild(link);
        if (entry[2]) {
          var badge = document.createElement("span");
          badge.className = "hubs-badge";
          badge.textContent = entry[2];
          term.appendChild(document.createTextNode(" "));
          term.appendChild(badge);
        }
        var description = document.createElement("dd");
        description.textContent = entry[3];
        results.appendChild(term);
        results.appendChild(description);
        shown += 1;
      });
      index.appendChild(results);
      return shown;
    }

    function update() {
      var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown;
      if (source && window.hubsEntries) {
        shown = filterAll(words);
      } else {
        shown = filterPage(words);
        if (source && words.length && !requested) {
          requested = true;
          var script = document.createElement("script");
          script.src = source;
          script.onload = function () {
            filterPage([]);
            update();
          };
          document.head.appendChild(script);
        }
      }
      status.textContent = words.length
        ? box.getAttribute("data-hubs-shown").replace("{n}", String(shown))
        : "";
    }

    box.addEventListener("input", update);
  }

  /* A graph wider than its column (on a narrow screen) scrolls sideways in
   * its own box: start with the page it is drawn on in the middle. */
  function centreGraphs() {
    document.querySelectorAll(".hubs-graph-drawing").forEach(function (box) {
      var spare = box.scrollWidth - box.clientWidth;
      var current = box.querySelector(".hubs-graph-current circle");
      if (spare <= 0) {
        return;
      }
      var offset = spare / 2;
      if (current) {
        var own = box.getBoundingClientRect();
        var dot = current.getBoundingClientRect();
        offset = dot.left + dot.width / 2 - own.left - box.clientWidth / 2;
      }
      box.scrollLeft = Math.max(0, Math.min(spare, offset));
    });
  }

  function start() {
    init();
    filterIndex();
    centreGraphs();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
