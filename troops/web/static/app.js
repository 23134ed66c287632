/* troops web page: draws the chart with BokehJS and connects it to the record.
 * Every text that comes from the data is put into the page with textContent (never as
 * markup), and a link gets an href only when it is an http(s) address. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("troops-data").textContent);
  var EVIDENCE = ["mark", "conflict"];
  var LAYERS = data.layer_names;
  var state = { snap: data.snapshots.length - 1, hidden: {}, evidence: false, focus: null, pinned: null };
  var plots = [];
  var tip = document.getElementById("tip");
  var side = document.getElementById("side");
  var seriesById = {};
  data.series.forEach(function (s) { seriesById[s.id] = s; });

  function el(tag, cls, txt) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (txt !== undefined && txt !== null) { node.textContent = String(txt); }
    return node;
  }
  function safeHref(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
  }
  function sourceLink(src) {
    var href = safeHref(src.url);
    if (href) {
      var a = el("a", "link", href);
      a.href = href;
      a.rel = "noopener noreferrer";
      return a;
    }
    return el("span", "link", src.url_text ? src.url_text + " (not linked)" : "no URL recorded");
  }
  function snapshot() {
    if (state.snap >= 0) { return data.snapshots[state.snap]; }
    var empty = { on: null, layers: {}, hits: [], latest: {} };
    data.series.forEach(function (s) { empty.latest[s.id] = "no report yet"; });
    return empty;
  }
  function hits(k) {
    return snapshot().hits.filter(function (h) {
      return h.p === k && !state.hidden[h.s] && (h.k !== "mark" || state.evidence);
    }).sort(function (a, b) { return a.x - b.x || a.y - b.y; });
  }

  /* ---------------------------------------------------------------- drawing */
  function model(name) { return models[name] || null; }
  function apply() {
    var snap = snapshot();
    Object.keys(data.layers).forEach(function (name) {
      var src = model(name);
      if (!src) { return; }
      var given = snap.layers[name], cols = {};
      data.layers[name].forEach(function (c) { cols[c] = given ? given[c].slice() : []; });
      src.data = cols;
    });
    data.series.forEach(function (s) {
      LAYERS.forEach(function (layer) {
        var r = model("r-" + layer + ":" + s.id);
        if (r) { r.visible = !state.hidden[s.id] && (state.evidence || EVIDENCE.indexOf(layer) < 0); }
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-latest]"), function (node) {
      node.textContent = snap.latest[node.getAttribute("data-latest")] || "";
    });
    plots.forEach(function (p, k) { placeLabels(k); });
    var known = document.getElementById("known-text");
    var day = document.getElementById("known-on").value;
    if (!day) {
      known.textContent = "the whole record";
    } else if (state.snap < 0) {
      known.textContent = "as known on " + day + ": no report published yet";
    } else {
      known.textContent = "as known on " + day + " (reports published by " + snap.on + ")";
    }
    setFocus(null);
  }

  /* ---------------------------------------------------------------- hit testing */
  function screen(k, h) {
    var frame = plots[k].view.frame;
    return { x: frame.x_scale.compute(h.x), y: frame.y_scale.compute(h.y),
             x0: frame.x_scale.compute(h.x0), x1: frame.x_scale.compute(h.x1),
             lo: frame.y_scale.compute(h.lo), hi: frame.y_scale.compute(h.hi) };
  }
  function nearest(k, sx, sy) {
    var best = null, bestD = 14;
    hits(k).forEach(function (h) {
      var p = screen(k, h);
      var d = Math.hypot(p.x - sx, p.y - sy);
      if (h.k === "level" && sx >= p.x0 && sx <= p.x1) {
        d = Math.min(d, Math.abs(p.y - sy) + 2);
        /* inside the band or range the level was read as */
        if (sy <= p.lo && sy >= p.hi) { d = Math.min(d, 6); }
      }
      if (d < bestD) { best = h; bestD = d; }
    });
    return best;
  }

  /* ---------------------------------------------------------------- tooltip */
  function figureBlock(f, full) {
    var box = el("div", "fig");
    var src = data.sources[f.source] || {};
    var head = el("p", "said");
    head.appendChild(el("strong", null, f.reported));
    if (f.range) { head.appendChild(document.createTextNode(" read as " + f.range)); }
    box.appendChild(head);
    var dl = el("dl", "facts");
    [["as of", f.as_of], ["kind", f.kind], ["claimant", f.claimant],
     ["publisher", src.publisher || "not named in the text"], ["published", src.published || "no date"]]
      .forEach(function (pair) {
        dl.appendChild(el("dt", null, pair[0]));
        dl.appendChild(el("dd", null, pair[1]));
      });
    box.appendChild(dl);
    box.appendChild(el("blockquote", "quote", f.quote));
    var line = el("p", "where");
    line.appendChild(el("span", "title", src.title || "Untitled report"));
    line.appendChild(document.createTextNode(" — "));
    line.appendChild(sourceLink(src));
    box.appendChild(line);
    if (full && f.note) { box.appendChild(el("p", "note", f.note)); }
    return box;
  }
  function hitTitle(h) {
    if (h.k === "event") { return "Event, " + h.start + ": " + h.level; }
    var s = seriesById[h.s];
    var what = { level: "level", mark: "target or cap" }[h.k];
    var t = s.label + " — " + what + " " + h.level + (h.range ? " (" + h.range + ")" : "");
    t += ", from " + h.start + (h.end && h.k !== "mark" ? " to " + h.end : "");
    return t + (h.marks && h.marks.length ? "; drawn as: " + h.marks.join(", ") : "");
  }
  function showTip(k, h, sx, sy) {
    tip.textContent = "";
    var head = el("p", "tip-head", hitTitle(h));
    head.style.setProperty("--c", h.s ? seriesById[h.s].color : "#777777");
    tip.appendChild(head);
    if (h.k === "event") { tip.appendChild(eventBlock(data.events[h.ev])); }
    h.figs.slice(0, 2).forEach(function (id) {
      if (data.figures[id]) { tip.appendChild(figureBlock(data.figures[id], false)); }
    });
    if (h.figs.length > 2) { tip.appendChild(el("p", "more", "and " + (h.figs.length - 2) + " more reports (click to see them)")); }
    tip.appendChild(el("p", "hint", "Click or press Enter to open the report."));
    tip.hidden = false;
    var panel = document.getElementById("panel-" + k);
    var chart = document.getElementById("chart");
    var left = panel.offsetLeft + sx + 16;
    var width = tip.offsetWidth;
    if (left + width > chart.clientWidth) { left = Math.max(0, panel.offsetLeft + sx - width - 16); }
    var top = panel.offsetTop + sy + 12;
    if (top + tip.offsetHeight > chart.clientHeight) { top = Math.max(0, chart.clientHeight - tip.offsetHeight); }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip() { tip.hidden = true; }
  function setFocus(f) {
    state.focus = f;
    plots.forEach(function (p, k) {
      var src = model("focus-" + k);
      if (src) { src.data = f && f.k === k ? { x: [f.h.x], y: [f.h.y] } : { x: [], y: [] }; }
    });
    if (!f) { hideTip(); }
  }
  function focusHit(k, h) {
    setFocus({ k: k, h: h });
    var p = screen(k, h);
    showTip(k, h, p.x, p.y);
    var panel = document.getElementById("panel-" + k);
    panel.setAttribute("aria-label", hitTitle(h));
  }

  function eventBlock(ev) {
    var box = el("div", "fig");
    var src = data.sources[ev.source] || {};
    if (ev.description) { box.appendChild(el("p", "said", ev.description)); }
    if (ev.claimant) { box.appendChild(el("p", "where", "claimant: " + ev.claimant)); }
    box.appendChild(el("blockquote", "quote", ev.quote));
    box.appendChild(el("p", "where", (src.publisher || src.title || ev.source) + ", " + (src.published || "no date")));
    return box;
  }
  function open(h) {
    if (h.k === "event") { pinEvent(h.ev); } else { pin(h.figs[0]); }
  }

  /* ---------------------------------------------------------------- side panel */
  function archive(src, figId) {
    var box = el("div", "archive");
    box.tabIndex = 0;
    var text = src.text || "";
    var spans = (src.spans && src.spans[figId]) || [];
    var pos = 0, firstMark = null;
    spans.forEach(function (sp) {
      if (sp[0] < pos) { return; }
      box.appendChild(document.createTextNode(text.slice(pos, sp[0])));
      var mark = el("mark", null, text.slice(sp[0], sp[1]));
      box.appendChild(mark);
      if (!firstMark) { firstMark = mark; }
      pos = sp[1];
    });
    box.appendChild(document.createTextNode(text.slice(pos)));
    return { box: box, mark: firstMark };
  }
  function openButton(label, figId) {
    var b = el("button", "open", label);
    b.type = "button";
    b.addEventListener("click", function () { pin(figId); });
    return b;
  }
  function sideHead(src) {
    side.textContent = "";
    var close = el("button", "close", "close ×");
    close.type = "button";
    close.addEventListener("click", unpin);
    side.appendChild(close);
    side.appendChild(el("h2", null, src.title || "Untitled report"));
    var by = el("p", "by", [src.publisher || "publisher not named in the text", src.author,
                             src.published || "no publication date"].filter(Boolean).join(" · "));
    side.appendChild(by);
    if (src.via && src.via.length) { side.appendChild(el("p", "via", "republished from " + src.via.join(", "))); }
    side.appendChild(sourceLink(src));
  }
  function showArchive(src, id) {
    side.appendChild(el("h3", null, "The archived text"));
    var arch = archive(src, id);
    side.appendChild(arch.box);
    return arch;
  }
  function scrollToMark(arch) {
    if (arch.mark) {
      arch.box.scrollTop = Math.max(0, arch.mark.offsetTop - arch.box.offsetTop - arch.box.clientHeight / 3);
    }
  }
  function pinEvent(evId) {
    var ev = data.events[evId];
    if (!ev) { return; }
    state.pinned = evId;
    var src = data.sources[ev.source] || {};
    sideHead(src);
    side.appendChild(el("h3", null, "Event, " + ev.date + ": " + ev.label));
    side.appendChild(eventBlock(ev));
    var arch = showArchive(src, evId);
    side.hidden = false;
    scrollToMark(arch);
  }
  function pin(figId) {
    var f = data.figures[figId];
    if (!f) { return; }
    state.pinned = figId;
    var src = data.sources[f.source] || {};
    sideHead(src);
    var s = seriesById[f.series];
    side.appendChild(el("h3", null, (s ? s.label : f.series) + ": " + f.reported));
    side.appendChild(figureBlock(f, true));
    var arch = showArchive(src, figId);
    var others = (src.figures || []).filter(function (id) { return id !== figId && data.figures[id]; });
    side.appendChild(el("h3", null, "Other figures in this report"));
    if (others.length) {
      var ul = el("ul", "others");
      others.forEach(function (id) {
        var o = data.figures[id];
        var li = el("li");
        li.appendChild(openButton(o.reported + " — " + o.series + ", " + o.kind + ", as of " + o.as_of, id));
        ul.appendChild(li);
      });
      side.appendChild(ul);
    } else {
      side.appendChild(el("p", "none", "none"));
    }
    var pairs = data.conflicts.filter(function (c) { return c.first === figId || c.second === figId; });
    side.appendChild(el("h3", null, "Reports that disagree"));
    if (pairs.length) {
      var list = el("ul", "conflicts");
      pairs.forEach(function (c) {
        var other = c.first === figId ? c.second : c.first;
        var li = el("li");
        li.appendChild(el("p", "reason", c.reason + " (" + c.rule + ")"));
        var of = data.figures[other];
        var ev = data.events[other];
        if (of) {
          var osrc = data.sources[of.source] || {};
          li.appendChild(el("blockquote", "quote", of.quote));
          li.appendChild(el("p", "where", (osrc.publisher || osrc.title || of.source) + ", " + (osrc.published || "no date")));
          li.appendChild(openButton("open this report", other));
        } else if (ev) {
          li.appendChild(el("blockquote", "quote", ev.quote));
          var esrc = data.sources[ev.source] || {};
          li.appendChild(el("p", "where", (esrc.publisher || esrc.title || ev.source) + ", " + (esrc.published || "no date")));
        }
        list.appendChild(li);
      });
      side.appendChild(list);
    } else {
      side.appendChild(el("p", "none", "none found (troops conflicts)"));
    }
    side.hidden = false;
    scrollToMark(arch);
  }
  function unpin() {
    state.pinned = null;
    side.hidden = true;
    side.textContent = "";
  }

  /* ---------------------------------------------------------------- wiring */
  function wirePanel(k) {
    var m = plots[k].view.model;
    m.on_event("mousemove", function (e) {
      var h = nearest(k, e.sx, e.sy);
      if (h) { setFocus({ k: k, h: h }); showTip(k, h, e.sx, e.sy); } else { setFocus(null); }
    });
    m.on_event("tap", function (e) {
      var h = nearest(k, e.sx, e.sy);
      if (h) { open(h); }
    });
    var node = document.getElementById("panel-" + k);
    node.addEventListener("mouseleave", function () { setFocus(null); });
    node.addEventListener("blur", function () { setFocus(null); });
    node.addEventListener("keydown", function (e) {
      var list = hits(k);
      if (!list.length) { return; }
      var at = state.focus && state.focus.k === k ? list.indexOf(state.focus.h) : -1;
      if (e.key === "ArrowRight" || e.key === "ArrowDown") {
        focusHit(k, list[Math.min(list.length - 1, at + 1)]);
      } else if (e.key === "ArrowLeft" || e.key === "ArrowUp") {
        focusHit(k, list[Math.max(0, at - 1)]);
      } else if (e.key === "Home") {
        focusHit(k, list[0]);
      } else if (e.key === "End") {
        focusHit(k, list[list.length - 1]);
      } else if ((e.key === "Enter" || e.key === " ") && at >= 0) {
        open(list[at]);
      } else if (e.key === "Escape") {
        setFocus(null);
        unpin();
      } else {
        return;
      }
      e.preventDefault();
    });
    node.addEventListener("focus", function () {
      var list = hits(k);
      if (list.length && !(state.focus && state.focus.k === k)) { focusHit(k, list[0]); }
    });
  }
  function knownOn() {
    var day = document.getElementById("known-on").value;
    if (!day) {
      state.snap = data.snapshots.length - 1;
    } else {
      state.snap = -1;
      data.snapshots.forEach(function (s, i) { if (s.on && s.on <= day) { state.snap = i; } });
    }
    apply();
  }
  function wireControls() {
    var input = document.getElementById("known-on");
    input.addEventListener("change", knownOn);
    input.addEventListener("input", knownOn);
    document.getElementById("known-latest").addEventListener("click", function () {
      input.value = "";
      knownOn();
    });
    Array.prototype.forEach.call(document.querySelectorAll("input[data-series]"), function (box) {
      box.addEventListener("change", function () {
        state.hidden[box.getAttribute("data-series")] = !box.checked;
        apply();
      });
    });
    document.getElementById("evidence").addEventListener("change", function (e) {
      state.evidence = e.target.checked;
      apply();
    });
    var table = document.getElementById("figure-table");
    var order = { col: -1, dir: 1 };
    Array.prototype.forEach.call(table.querySelectorAll("thead button"), function (b) {
      b.addEventListener("click", function () {
        var col = Number(b.getAttribute("data-col"));
        order.dir = order.col === col ? -order.dir : 1;
        order.col = col;
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          return order.dir * x.cells[col].textContent.localeCompare(y.cells[col].textContent, "en", { numeric: true });
        });
        rows.forEach(function (r) { body.appendChild(r); });
        Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (th, i) {
          if (i === col) { th.setAttribute("aria-sort", order.dir > 0 ? "ascending" : "descending"); }
          else { th.removeAttribute("aria-sort"); }
        });
      });
    });
    table.tBodies[0].addEventListener("click", function (e) {
      var row = e.target.closest("tr");
      if (row && row.getAttribute("data-id")) { pin(row.getAttribute("data-id")); }
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") { unpin(); } });
  }

  /* For the browser test and for links: where a figure's level or mark (or an event) is
   * drawn now, in viewport pixels. */
  function locate(figId) {
    for (var k = 0; k < plots.length; k++) {
      var list = hits(k);
      for (var i = 0; i < list.length; i++) {
        if (list[i].figs.indexOf(figId) >= 0 || list[i].ev === figId) {
          var panel = document.getElementById("panel-" + k);
          var r = panel.getBoundingClientRect();
          if (r.top < 0 || r.bottom > window.innerHeight) { panel.scrollIntoView({ block: "center" }); }
          var p = screen(k, list[i]);
          var box = panel.getBoundingClientRect();
          return { x: box.left + p.x, y: box.top + p.y };
        }
      }
    }
    return null;
  }

  /* ---------------------------------------------------------------- the chart
   * Built here with BokehJS's plotting API (inlined with BokehJS itself), from the layers
   * the Python side worked out: one plot per panel, one data source per layer and series.
   * The looks follow the paper story figure (troops.plot.story). */
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var BOXES = {
    band: { fill_alpha: 0.22, line_alpha: 0 },
    vague: { fill_alpha: 0.12, line_alpha: 0 },
    range: { fill_alpha: 0.3, line_width: 1 }
  };
  var LINES = {
    stale: { line_alpha: 0.4, line_width: 2 },
    line: { line_width: 2 },
    unknown: { line_width: 1.2, line_dash: "dotted" }
  };
  var models = {};
  function fld(name) { return { field: name }; }
  function columns(name) {
    var given = data.snapshots[data.snapshots.length - 1].layers[name], cols = {};
    data.layers[name].forEach(function (c) { cols[c] = given ? given[c].slice() : []; });
    return cols;
  }
  function source(name) {
    var src = new Bokeh.ColumnDataSource({ data: columns(name) });
    models[name] = src;
    return src;
  }
  function look(base, extra) {
    var out = {};
    [base, extra].forEach(function (o) { Object.keys(o).forEach(function (k) { out[k] = o[k]; }); });
    return out;
  }
  function drawSeries(p, sid) {
    var color = seriesById[sid].color, dash = seriesById[sid].dash;
    function has(layer) { return data.layers[layer + ":" + sid] !== undefined; }
    function put(layer, method, attrs) {
      var name = layer + ":" + sid;
      attrs.source = source(name);
      attrs.visible = EVIDENCE.indexOf(layer) < 0;
      models["r-" + name] = p[method](attrs);
    }
    Object.keys(BOXES).forEach(function (layer) {
      if (!has(layer)) { return; }
      put(layer, "quad", look(BOXES[layer], { left: fld("left"), right: fld("right"), bottom: fld("bottom"),
        top: fld("top"), fill_color: color, line_color: color }));
    });
    Object.keys(LINES).forEach(function (layer) {
      if (!has(layer)) { return; }
      put(layer, "segment", look({ line_dash: dash }, look(LINES[layer], { x0: fld("x0"), y0: fld("y0"),
        x1: fld("x1"), y1: fld("y1"), line_color: color, line_cap: "butt" })));
    });
    if (has("unknowntext")) {
      put("unknowntext", "text", { x: fld("x"), y: fld("y"), text: fld("text"), text_color: color,
        text_font_size: "11px", x_offset: 3, y_offset: -4 });
    }
    if (has("point")) {
      put("point", "scatter", { x: fld("x"), y: fld("y"), size: 6, fill_color: color,
        line_color: "#ffffff", line_width: 1 });
    }
    if (has("mark")) {  /* hidden until the evidence toggle shows it */
      put("mark", "scatter", { x: fld("x"), y: fld("y"), marker: fld("marker"), size: 10,
        fill_color: "#ffffff", line_color: color, line_width: 1.8 });
    }
    if (has("conflict")) {
      put("conflict", "segment", { x0: fld("x0"), y0: fld("y0"), x1: fld("x1"), y1: fld("y1"),
        line_color: "#222222", line_width: 1.2, line_dash: "2 3" });
    }
  }
  /* The story figure's value labels: the most important first, each above what it
   * labels (the level, its band or its range) or below it, left out when it would touch
   * a label already placed or leave the plot (troops.plot.storylabels does the same on
   * paper, from font metrics; here from a width per character). */
  var LABEL_PX = 11, CHAR_PX = 6.6, LABEL_H = 13;
  function placeLabels(k) {
    var frame = plots[k].view.frame, xs = frame.x_scale, ys = frame.y_scale, box = frame.bbox;
    var taken = [], lines = [], cols = { x: [], y: [], text: [], color: [] };
    var snap = snapshot();
    data.panels[k].series.forEach(function (sid) {  /* what the labels must not touch */
      if (state.hidden[sid]) { return; }
      ["line", "stale", "unknown", "conflict"].forEach(function (layer) {
        var c = snap.layers[layer + ":" + sid];
        if (!c || (layer === "conflict" && !state.evidence)) { return; }
        for (var i = 0; i < c.x0.length; i++) {
          var ax = xs.compute(c.x0[i]), bx = xs.compute(c.x1[i]);
          var ay = ys.compute(c.y0[i]), by = ys.compute(c.y1[i]);
          lines.push({ l: Math.min(ax, bx) - 1, r: Math.max(ax, bx) + 1,
                       t: Math.min(ay, by) - 1, b: Math.max(ay, by) + 1 });
        }
      });
      ["band", "range"].forEach(function (layer) {
        var c = snap.layers[layer + ":" + sid];
        if (!c) { return; }
        for (var i = 0; i < c.left.length; i++) {
          lines.push({ l: xs.compute(c.left[i]), r: xs.compute(c.right[i]),
                       t: ys.compute(c.top[i]), b: ys.compute(c.bottom[i]) });
        }
      });
    });
    function touches(r, list) {
      return list.some(function (o) { return r.l < o.r && o.l < r.r && r.t < o.b && o.t < r.b; });
    }
    (snap.labels || []).forEach(function (lab) {
      if (lab.p !== k || state.hidden[lab.s]) { return; }
      var w = lab.text.length * CHAR_PX + 2;
      var x0 = xs.compute(lab.x0), x1 = xs.compute(lab.x1);
      var above = ys.compute(lab.hi) - 3 - LABEL_H, below = ys.compute(lab.lo) + 3;
      var xs2 = [x0 + 2, Math.max(x0, x1 - w)];
      var spots = [[xs2[0], above], [xs2[1], above], [xs2[0], below], [xs2[1], below]];
      if (lab.bare) { spots = spots.slice(2).concat(spots.slice(0, 2)); }
      for (var i = 0; i < spots.length; i++) {
        var sx = spots[i][0], sy = spots[i][1];
        var r = { l: sx, r: sx + w, t: sy, b: sy + LABEL_H };
        if (r.l < box.left || r.r > box.right || r.t < box.top || r.b > box.bottom) { continue; }
        if (touches(r, taken) || touches(r, lines)) { continue; }
        taken.push(r);
        cols.x.push(xs.invert(sx));
        cols.y.push(ys.invert(sy + LABEL_H / 2));
        cols.text.push(lab.text);
        cols.color.push(seriesById[lab.s].color);
        return;
      }
    });
    model("values-" + k).data = cols;
  }
  function panelPlot(k) {
    var panel = data.panels[k];
    var p = Bokeh.Plotting.figure({
      height: 230, sizing_mode: "stretch_width", x_axis_type: "datetime",
      x_range: new Bokeh.Range1d({ start: data.x_range[0], end: data.x_range[1] }),
      y_range: new Bokeh.Range1d({ start: 0, end: panel.y_max }),
      tools: "", toolbar_location: null, title: panel.title, min_border_left: 64,
      min_border_right: 16, background_fill_color: "#ffffff", outline_line_color: null
    });
    p.title.text_font = FONT;
    p.title.text_font_size = "14px";
    p.yaxes.forEach(function (a) { a.formatter = new Bokeh.NumeralTickFormatter({ format: "0,0" }); });
    p.xaxes.forEach(function (a) {
      a.formatter = new Bokeh.DatetimeTickFormatter({ years: "%Y", months: "%b %Y", days: "%d %b %Y" });
    });
    p.axes.forEach(function (a) { a.major_label_text_font = FONT; a.major_label_text_font_size = "12px"; });
    p.xgrids.forEach(function (g) { g.grid_line_color = null; });
    p.ygrids.forEach(function (g) { g.grid_line_alpha = 0.5; });
    panel.series.forEach(function (sid) { drawSeries(p, sid); });
    models["r-event:" + k] = p.scatter({ x: fld("x"), y: fld("y"), source: source("event:" + k),
      marker: "inverted_triangle", size: 11, fill_color: "#777777", line_color: "#ffffff" });
    models["values-" + k] = new Bokeh.ColumnDataSource({ data: { x: [], y: [], text: [], color: [] } });
    models["r-values-" + k] = p.text({ x: fld("x"), y: fld("y"), text: fld("text"),
      text_color: fld("color"), source: models["values-" + k], text_font_size: LABEL_PX + "px",
      text_align: "left", text_baseline: "middle" });
    models["focus-" + k] = new Bokeh.ColumnDataSource({ data: { x: [], y: [] } });
    p.scatter({ x: fld("x"), y: fld("y"), source: models["focus-" + k], size: 18, fill_alpha: 0,
      line_color: "#111111", line_width: 2.5 });
    return Bokeh.Plotting.show(p, document.getElementById("panel-" + k)).then(function (view) {
      plots[k] = { view: view };
    });
  }

  Promise.all(data.panels.map(function (panel, k) { return panelPlot(k); })).then(function () {
    plots.forEach(function (p, k) { wirePanel(k); });
    wireControls();
    apply();
    var again = null;
    window.addEventListener("resize", function () {
      clearTimeout(again);
      again = setTimeout(function () { plots.forEach(function (p, k) { placeLabels(k); }); }, 250);
    });
    window.troopsPage = { locate: locate, pin: pin, model: model };
    document.body.setAttribute("data-ready", "1");
  });
})();
