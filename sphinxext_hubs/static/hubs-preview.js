/* sphinxext-hubs: link previews.
 * Hovering or focusing a card's title, a {note}/{hub} link or a link of a
 * Related block shows where it leads -- the page's title, kind and
 * description -- in a small box beside the link (beside the whole card,
 * which the title's link covers), never over it.  All of it
 * is in the page already (written at build time): a card shows it; a link
 * carries data-hubs-kind (and data-hubs-title when its text is not the
 * page's title) and its description in title or in the text beside it.
 * The box is the link's description for screen readers (aria-describedby);
 * Escape closes it; without JavaScript there is none. */
(function () {
  "use strict";
  var LINKS = "a.hubs-card-link, a[data-hubs-kind]";
  var DELAY = 300; /* ms of hovering before the box opens */
  var box = null;
  var shown = null; /* the link whose preview is open */
  var timer = null;

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /* What the preview of *link* shows. */
  function preview(link) {
    var card = link.classList.contains("hubs-card-link") && link.closest(".hubs-card");
    if (card) {
      return {
        title: text(card.querySelector(".hubs-card-title")),
        kind: text(card.querySelector(".hubs-badge")),
        description: text(card.querySelector(".hubs-card-description"))
      };
    }
    var beside = link.parentNode.querySelector(".hubs-related-description");
    return {
      title: link.getAttribute("data-hubs-title") || text(link),
      kind: link.getAttribute("data-hubs-kind"),
      description:
        link.getAttribute("data-hubs-description") ||
        link.getAttribute("title") ||
        text(beside)
    };
  }

  function make() {
    box = document.createElement("div");
    box.id = "hubs-preview";
    box.className = "hubs-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("mouseleave", function (event) {
      if (!shown || !shown.contains(event.relatedTarget)) {
        hide();
      }
    });
    document.body.appendChild(box);
  }

  function place(link) {
    /* a card's title link covers the whole card: the box goes beside the
     * card, which stays clickable */
    var anchor = (link.classList.contains("hubs-card-link") && link.closest(".hubs-card")) || link;
    var rect = anchor.getBoundingClientRect();
    var room = document.documentElement.clientWidth;
    var gap = 6;
    box.style.left = "0px";
    box.style.top = "0px";
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var left = Math.max(gap, Math.min(rect.left, room - width - gap));
    /* below the link, or above it where there is no room below */
    var top = rect.bottom + gap;
    if (top + height > window.innerHeight && rect.top - gap - height >= 0) {
      top = rect.top - gap - height;
    }
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    clearTimeout(timer);
    if (shown === link) {
      return;
    }
    var data = preview(link);
    if (!data.title && !data.description) {
      return;
    }
    if (!box) {
      make();
    }
    hide();
    box.textContent = "";
    var head = document.createElement("p");
    head.className = "hubs-preview-head";
    var title = document.createElement("strong");
    title.textContent = data.title;
    head.appendChild(title);
    if (data.kind) {
      var kind = document.createElement("span");
      kind.className = "hubs-badge";
      kind.textContent = data.kind;
      head.appendChild(document.createTextNode(" "));
      head.appendChild(kind);
    }
    box.appendChild(head);
    if (data.description) {
      var description = document.createElement("p");
      description.className = "hubs-preview-description";
      description.textContent = data.description;
      box.appendChild(description);
    }
    /* the native tooltip would show the same description again */
    if (link.hasAttribute("title")) {
      link.setAttribute("data-hubs-description", link.getAttribute("title"));
      link.removeAttribute("title");
    }
    box.hidden = false;
    place(link);
    link.setAttribute("aria-describedby", box.id);
    shown = link;
  }

  function hide() {
    clearTimeout(timer);
    if (shown) {
      shown.removeAttribute("aria-describedby");
      shown = null;
    }
    if (box) {
      box.hidden = true;
    }
  }

  function linkOf(event) {
    var target = event.target;
    return target && target.closest ? target.closest(LINKS) : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = linkOf(event);
    if (link && link !== shown) {
      clearTimeout(timer);
      timer = setTimeout(function () {
        show(link);
      }, DELAY);
    }
  });
  document.addEventListener("mouseout", function (event) {
    var link = linkOf(event);
    if (!link || link.contains(event.relatedTarget)) {
      return;
    }
    clearTimeout(timer);
    if (link === shown && !(box && box.contains(event.relatedTarget))) {
      hide();
    }
  });
  document.addEventListener("focusin", function (event) {
    var link = linkOf(event);
    if (link) {
      show(link);
    }
  });
  document.addEventListener("focusout", function (event) {
    if (linkOf(event) === shown) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shown) {
      hide();
    }
  });
})();
