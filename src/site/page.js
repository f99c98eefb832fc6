(function () {
  "use strict";
  var form = document.getElementById("filters");
  var count = document.getElementById("count");
  var main = document.getElementById("companies");
  var field = function (id) { return document.getElementById(id); };
  var controls = { q: field("q"), company: field("company"), from: field("from"), to: field("to"), kind: field("kind"), health: field("health"), sort: field("sort") };
  var groups = Array.prototype.slice.call(main.querySelectorAll("section.company"));
  var items = [];
  groups.forEach(function (g, gi) {
    var name = g.getAttribute("data-company") || "";
    g.flinkscale = { order: gi, name: name, key: name.toLowerCase(), newest: 0, items: [], n: g.querySelector(".n") };
    Array.prototype.forEach.call(g.querySelectorAll("li"), function (li, i) {
      var year = parseInt(li.getAttribute("data-y"), 10) || 0;
      var title = li.querySelector(".t").textContent;
      var it = { li: li, group: g, order: i, year: year, kind: li.getAttribute("data-k"), health: li.getAttribute("data-h"), text: (title + " " + name).toLowerCase() };
      g.flinkscale.items.push(it);
      if (year > g.flinkscale.newest) { g.flinkscale.newest = year; }
      items.push(it);
    });
  });
  var total = items.length;
  var plural = function (n) { return n === 1 ? " entry" : " entries"; };

  // The view, from the address: ?q=&company=&year=2021-2024&kind=&health=&sort=
  function fromAddress() {
    var p = new URLSearchParams(window.location.search);
    var years = /^\s*(\d{4})?\s*(?:-\s*(\d{4})?)?\s*$/.exec(p.get("year") || "");
    var from = years && years[1] ? years[1] : "";
    var to = years ? (years[2] || (String(p.get("year") || "").indexOf("-") < 0 ? from : "")) : "";
    return { q: p.get("q") || "", company: p.get("company") || "", from: from, to: to, kind: p.get("kind") || "", health: p.get("health") || "", sort: p.get("sort") || "list" };
  }
  function fromControls() {
    return { q: controls.q.value, company: controls.company.value, from: controls.from.value, to: controls.to.value, kind: controls.kind.value, health: controls.health.value, sort: controls.sort.value };
  }
  function show(view) {
    Object.keys(controls).forEach(function (k) {
      var c = controls[k];
      var want = String(view[k]);
      if (c.options) {
        // `company=acme` selects Acme.
        Array.prototype.forEach.call(c.options, function (o) {
          if (o.value.toLowerCase() === want.toLowerCase()) { want = o.value; }
        });
      }
      c.value = want;
    });
  }
  function toAddress(view) {
    var p = new URLSearchParams();
    if (view.q) { p.set("q", view.q); }
    if (view.company) { p.set("company", view.company); }
    if (view.from || view.to) { p.set("year", view.from === view.to ? view.from : view.from + "-" + view.to); }
    if (view.kind) { p.set("kind", view.kind); }
    if (view.health) { p.set("health", view.health); }
    if (view.sort && view.sort !== "list") { p.set("sort", view.sort); }
    var query = p.toString();
    try {
      window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
    } catch (e) {
      // A page opened from a file may not rewrite its address.
    }
  }

  var sorted = "list";
  function order(sort) {
    if (sort === sorted) { return; }
    sorted = sort;
    var byList = function (a, b) { return a.order - b.order; };
    var gs = groups.slice();
    if (sort === "newest") {
      gs.sort(function (a, b) { return (b.flinkscale.newest - a.flinkscale.newest) || (a.flinkscale.order - b.flinkscale.order); });
    } else if (sort === "company") {
      gs.sort(function (a, b) { return a.flinkscale.key.localeCompare(b.flinkscale.key) || (a.flinkscale.order - b.flinkscale.order); });
    } else {
      gs.sort(function (a, b) { return a.flinkscale.order - b.flinkscale.order; });
    }
    gs.forEach(function (g) {
      var its = g.flinkscale.items.slice();
      its.sort(sort === "newest" ? function (a, b) { return (b.year - a.year) || byList(a, b); } : byList);
      var ul = g.querySelector("ul");
      its.forEach(function (it) { ul.appendChild(it.li); });
      main.appendChild(g);
    });
  }

  function apply(view) {
    var started = performance.now();
    var words = view.q.toLowerCase().split(/\s+/).filter(Boolean);
    var company = view.company.toLowerCase();
    var from = parseInt(view.from, 10) || 0;
    var to = parseInt(view.to, 10) || 0;
    var dated = from || to;
    var shown = 0;
    var i, w, it, ok;
    for (i = 0; i < groups.length; i++) { groups[i].flinkscale.shown = 0; }
    for (i = 0; i < items.length; i++) {
      it = items[i];
      ok = (!company || it.group.flinkscale.key === company)
        && (!dated || (it.year > 0 && (!from || it.year >= from) && (!to || it.year <= to)))
        && (!view.kind || it.kind === view.kind)
        && (!view.health || it.health === view.health);
      ok = ok === true;
      for (w = 0; ok && w < words.length; w++) {
        if (it.text.indexOf(words[w]) < 0) { ok = false; }
      }
      if (it.li.hidden === ok) { it.li.hidden = !ok; }
      if (ok) { shown++; it.group.flinkscale.shown++; }
    }
    for (i = 0; i < groups.length; i++) {
      var g = groups[i];
      g.hidden = g.flinkscale.shown === 0;
      g.flinkscale.n.textContent = String(g.flinkscale.shown);
    }
    order(view.sort);
    count.textContent = shown === total ? total + plural(total) : shown + " of " + total + plural(total);
    document.body.setAttribute("data-shown", String(shown));
    document.body.setAttribute("data-filter-ms", (performance.now() - started).toFixed(2));
  }

  var view = fromAddress();
  form.hidden = false;
  show(view);
  apply(view);
  var pending = 0;
  function changed() {
    window.clearTimeout(pending);
    var v = fromControls();
    apply(v);
    pending = window.setTimeout(function () { toAddress(v); }, 250);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
}());
