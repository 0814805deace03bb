// clustergrid interactive page: hover, drag-zoom, search and branch selection
// over the PNG of the drawn figure.  No dependencies, no network.
"use strict";
(function () {
  const meta = JSON.parse(document.getElementById("cg-meta").textContent);
  const $ = (id) => document.getElementById(id);
  const fig = $("cg-fig"), overlay = $("cg-overlay"), tip = $("cg-tip");
  const W = meta.width, H = meta.height, HM = meta.heatmap;
  const [FR, FC] = meta.bin;            // bin size of the embedded data (1, 1: exact)
  const [NB, MB] = meta.binned;         // embedded rows, columns
  const binned = FR > 1 || FC > 1;

  // ---- the embedded data: colour indices, then float32 values ----------------
  const raw = atob(document.getElementById("cg-data").textContent.trim());
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  const Index = { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array }[meta.index_bytes], off = meta.offsets;
  const colourIndex = new Index(bytes.buffer, off.index, NB * MB);
  const values = new Float32Array(bytes.buffer, off.values, NB * MB);
  const palette = meta.palette;
  // rows held exactly beside an overview (exact_rows=): drawn row -> k
  const exactRow = new Map(meta.exact_rows.map((r, k) => [r, k]));
  const nx = meta.exact_rows.length * meta.ncols;
  const exactIndex = nx ? new Index(bytes.buffer, off.exact_index, nx) : null;
  const exactValues = nx ? new Float32Array(bytes.buffer, off.exact_values, nx) : null;

  const binOf = (r, c) => Math.floor(r / FR) * MB + Math.floor(c / FC);
  const isExact = (r) => !binned || exactRow.has(r);
  function valueAt(r, c) {
    const k = exactRow.get(r);
    return k === undefined ? values[binOf(r, c)] : exactValues[k * meta.ncols + c];
  }
  function colourAt(r, c) {
    const k = exactRow.get(r);
    return palette[k === undefined ? colourIndex[binOf(r, c)] : exactIndex[k * meta.ncols + c]];
  }

  // ---- geometry: the cells of each axis as segments of pixels -----------------
  // Overview: one segment per slice (from the drawn blocks).  Zoomed: one
  // segment covering the heatmap's box.
  function uniqueSegs(key0, key1, pos, size) {
    const seen = new Map();
    for (const b of meta.blocks) {
      const k = b[key0];
      if (!seen.has(k)) seen.set(k, { a: b[key0], b: b[key1], p: b.box[pos], s: b.box[size] });
    }
    return [...seen.values()].sort((x, y) => x.a - y.a);
  }
  const overviewRows = uniqueSegs("r0", "r1", 1, 3), overviewCols = uniqueSegs("c0", "c1", 0, 2);
  let view = null;                       // {r0, r1, c0, c1} when zoomed (ends exclusive)
  const rowSegs = () => view ? [{ a: view.r0, b: view.r1, p: HM[1], s: HM[3] }] : overviewRows;
  const colSegs = () => view ? [{ a: view.c0, b: view.c1, p: HM[0], s: HM[2] }] : overviewCols;

  // index of the cell at pixel coordinate p; clamp: the nearest cell when outside
  function cellOf(segs, p, clamp) {
    for (const g of segs) {
      if (p >= g.p && p < g.p + g.s) return Math.min(g.b - 1, g.a + Math.floor((p - g.p) / g.s * (g.b - g.a)));
    }
    if (!clamp) return -1;
    let best = segs[0].a, dist = Infinity;
    for (const g of segs) {
      if (Math.abs(p - g.p) < dist) { dist = Math.abs(p - g.p); best = g.a; }
      if (Math.abs(p - g.p - g.s) < dist) { dist = Math.abs(p - g.p - g.s); best = g.b - 1; }
    }
    return best;
  }
  // [start, size] in pixels of cell i, or null when not shown
  function spanOf(segs, i) {
    for (const g of segs) {
      if (i >= g.a && i < g.b) { const d = g.s / (g.b - g.a); return [g.p + (i - g.a) * d, d]; }
    }
    return null;
  }
  function overviewSpan(segs, i0, i1) {  // pixel range of cells i0..i1 (inclusive)
    const a = spanOf(segs, i0), b = spanOf(segs, i1);
    return [a[0], b[0] + b[1]];
  }

  // ---- canvases ---------------------------------------------------------------
  const dpr = window.devicePixelRatio || 1;
  function sizeCanvas(cv, x, y, w, h) {
    cv.style.left = x + "px"; cv.style.top = y + "px";
    cv.style.width = w + "px"; cv.style.height = h + "px";
  }
  sizeCanvas(overlay, 0, 0, W, H);
  overlay.width = Math.round(W * dpr); overlay.height = Math.round(H * dpr);
  const octx = overlay.getContext("2d");

  function paintCells(cv, nr, nc, colourOf) {
    // one canvas pixel per cell (sampled when more than 8192 along an axis),
    // scaled to its box without smoothing: cell edges land on the box's grid
    const h = Math.min(nr, 8192), w = Math.min(nc, 8192);
    cv.width = w; cv.height = h;
    const c2 = cv.getContext("2d"), img = c2.createImageData(w, h), d = img.data;
    for (let y = 0; y < h; y++) {
      const r = Math.floor((y + 0.5) * nr / h);
      for (let x = 0; x < w; x++) {
        const rgba = colourOf(r, Math.floor((x + 0.5) * nc / w)), o = 4 * (y * w + x);
        d[o] = rgba[0]; d[o + 1] = rgba[1]; d[o + 2] = rgba[2]; d[o + 3] = rgba[3];
      }
    }
    c2.putImageData(img, 0, 0);
  }
  const hex = (s) => [1, 3, 5, 7].map((k) => parseInt(s.slice(k, k + 2), 16));

  // ---- zoom ----------------------------------------------------------------------
  const zoomCanvas = $("cg-zoom"), zoomBars = $("cg-zoombars");
  const bg = meta.facecolor || [255, 255, 255, 255];
  function blend(rgba) {  // over the figure's background, as the PNG shows it
    const a = rgba[3] / 255;
    return [0, 1, 2].map((k) => Math.round(rgba[k] * a + bg[k] * (1 - a))).concat([255]);
  }

  function drawZoom() {
    zoomBars.textContent = "";
    const rl = $("cg-rowlabels"), cl = $("cg-collabels");
    if (!view) {
      zoomCanvas.hidden = true; rl.hidden = true; cl.hidden = true;
      $("cg-status").textContent = "Hover a cell; drag to zoom; double-click to reset; click a dendrogram branch to select it.";
      return;
    }
    const nr = view.r1 - view.r0, nc = view.c1 - view.c0;
    zoomCanvas.hidden = false;
    sizeCanvas(zoomCanvas, HM[0], HM[1], HM[2], HM[3]);
    // covers the anti-aliased edge pixels of the image's heatmap too
    zoomCanvas.style.outline = `1px solid rgb(${bg[0]},${bg[1]},${bg[2]})`;
    paintCells(zoomCanvas, nr, nc, (r, c) => blend(colourAt(view.r0 + r, view.c0 + c)));
    for (const bar of meta.bars) {  // the bars follow the zoom
      const cv = document.createElement("canvas"), rows = bar.axis === "row";
      const b = bar.box;
      if (rows) sizeCanvas(cv, b[0], HM[1], b[2], HM[3]); else sizeCanvas(cv, HM[0], b[1], HM[2], b[3]);
      const a0 = rows ? view.r0 : view.c0;
      paintCells(cv, rows ? nr : 1, rows ? 1 : nc, (r, c) => blend(hex(bar.colors[a0 + (rows ? r : c)])));
      zoomBars.appendChild(cv);
    }
    drawLabels(rl, "row", meta.labels.find((l) => l.axis === "row"), view.r0, view.r1, HM[1], HM[3]);
    drawLabels(cl, "col", meta.labels.find((l) => l.axis === "col"), view.c0, view.c1, HM[0], HM[2]);
    $("cg-status").textContent = `Zoomed: rows ${view.r0 + 1}\u2013${view.r1} (${nr}), columns ` +
      `${view.c0 + 1}\u2013${view.c1} (${nc}) of ${meta.nrows} \u00d7 ${meta.ncols}. Double-click to reset.`;
  }

  // labels of the zoomed cells, over the Labels panel's box (or beside the heatmap)
  function drawLabels(layer, axis, panel, i0, i1, p0, size) {
    const names = axis === "row" ? meta.rows : meta.cols, n = i1 - i0, cell = size / n;
    let box;
    if (panel) box = panel.box.slice();
    else if (axis === "row") box = [HM[0] + HM[2] + 2, HM[1], Math.max(0, Math.min(160, W - HM[0] - HM[2] - 2)), HM[3]];
    else box = [HM[0], HM[1] + HM[3] + 2, HM[2], Math.max(0, Math.min(120, H - HM[1] - HM[3] - 2))];
    // cover the drawn labels along the whole heatmap
    if (axis === "row") { box[1] = Math.min(box[1], HM[1]); box[3] = Math.max(box[3], HM[3]); }
    else { box[0] = Math.min(box[0], HM[0]); box[2] = Math.max(box[2], HM[2]); }
    const side = panel ? panel.side : (axis === "row" ? "right" : "bottom");
    layer.hidden = false;
    layer.textContent = "";
    layer.style.left = box[0] + "px"; layer.style.top = box[1] + "px";
    layer.style.width = box[2] + "px"; layer.style.height = box[3] + "px";
    layer.style.background = `rgb(${bg[0]},${bg[1]},${bg[2]})`;
    const font = Math.max(6, Math.min(12, cell * 0.8));
    const step = Math.max(1, Math.ceil(7 / cell));  // thin when cells are under 7 px
    for (let i = i0; i < i1; i += step) {
      const d = document.createElement("div");
      d.className = "cg-label";
      d.dataset.index = String(i);
      d.textContent = names[i];
      d.style.fontSize = font + "px";
      d.style.lineHeight = font * 1.2 + "px";
      const centre = p0 + (i - i0 + 0.5) * cell;
      if (axis === "row") {
        d.style.top = (centre - box[1] - font * 0.6) + "px";
        if (side === "left") { d.style.right = "2px"; } else { d.style.left = "2px"; }
      } else {
        d.style.left = (centre - box[0] - font * 0.6) + "px";
        d.style.height = (box[3] - 4) + "px";
        d.style.top = "2px";
        d.style.textAlign = side === "top" ? "start" : "end";
      }
      layer.appendChild(d);
    }
  }

  // ---- the overlay: outline, highlights, selection, drag rectangle -------------
  let hover = null, drag = null, matches = { rows: [], cols: [] }, selection = null;

  function bands(axis, idx, fill, stroke) {
    const rs = rowSegs(), cs = colSegs();
    const along = axis === "row" ? rs : cs, across = axis === "row" ? cs : rs;
    for (const i of idx) {
      const sp = spanOf(along, i);
      if (!sp) continue;
      for (const g of across) {
        const [x, y, w, h] = axis === "row" ? [g.p, sp[0], g.s, sp[1]] : [sp[0], g.p, sp[1], g.s];
        if (fill) { octx.fillStyle = fill; octx.fillRect(x, y, w, h); }
        if (stroke) { octx.strokeStyle = stroke; octx.lineWidth = 1; octx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1); }
      }
    }
  }

  function redraw() {
    octx.setTransform(dpr, 0, 0, dpr, 0, 0);
    octx.clearRect(0, 0, W, H);
    bands("row", matches.rows, "rgba(255, 200, 0, 0.45)", null);
    bands("col", matches.cols, "rgba(255, 200, 0, 0.45)", null);
    if (selection) {
      const axis = selection.axis, idx = [];
      for (let i = selection.lo; i <= selection.hi; i++) idx.push(i);
      bands(axis, idx, "rgba(30, 110, 255, 0.25)", null);
      const d = selection.dendrogram, segs = axis === "row" ? overviewRows : overviewCols;
      const [a, b] = overviewSpan(segs, selection.lo, selection.hi);
      const hp = d.h0 + (d.h1 - d.h0) * selection.height;
      octx.fillStyle = "rgba(30, 110, 255, 0.25)";
      if (axis === "row") octx.fillRect(Math.min(d.h0, hp), a, Math.abs(hp - d.h0) + 2, b - a);
      else octx.fillRect(a, Math.min(d.h0, hp), b - a, Math.abs(hp - d.h0) + 2);
    }
    if (view) {  // the dendrograms show the zoomed range
      for (const d of meta.dendrograms) {
        const segs = d.axis === "row" ? overviewRows : overviewCols;
        const [a, b] = d.axis === "row" ? overviewSpan(segs, view.r0, view.r1 - 1) : overviewSpan(segs, view.c0, view.c1 - 1);
        const [x, y, w, h] = d.box;
        octx.fillStyle = "rgba(255, 255, 255, 0.7)";
        if (d.axis === "row") { octx.fillRect(x, y, w, a - y); octx.fillRect(x, b, w, y + h - b); }
        else { octx.fillRect(x, y, a - x, h); octx.fillRect(b, y, x + w - b, h); }
      }
    }
    if (hover) {
      const rs = spanOf(rowSegs(), hover.r), cs = spanOf(colSegs(), hover.c);
      if (rs && cs) {
        octx.lineWidth = 2; octx.strokeStyle = "#000";
        octx.strokeRect(cs[0] - 1, rs[0] - 1, cs[1] + 2, rs[1] + 2);
        octx.lineWidth = 1; octx.strokeStyle = "#fff";
        octx.strokeRect(cs[0] - 2.5, rs[0] - 2.5, cs[1] + 5, rs[1] + 5);
      }
    }
    if (drag && drag.moved) {
      octx.fillStyle = "rgba(0, 0, 0, 0.12)"; octx.strokeStyle = "#000"; octx.lineWidth = 1;
      const x = Math.min(drag.x0, drag.x1), y = Math.min(drag.y0, drag.y1);
      const w = Math.abs(drag.x1 - drag.x0), h = Math.abs(drag.y1 - drag.y0);
      octx.fillRect(x, y, w, h); octx.strokeRect(x + 0.5, y + 0.5, w, h);
    }
  }

  // ---- tooltip ---------------------------------------------------------------------
  function fmt(v) {
    if (Number.isNaN(v)) return "";
    return String(Number(v.toPrecision(7)));
  }
  function showTip(r, c, px, py) {
    const rows = [["row", "row", meta.rows[r]], ["col", "column", meta.cols[c]]];
    const v = valueAt(r, c), col = colourAt(r, c);
    let text = fmt(v);
    if (col[3] === 0 && !Number.isNaN(v)) text = "(masked)";
    else if (Number.isNaN(v)) text = isExact(r) ? "(missing)" : "(no value in bin)";
    rows.push(["value", "value", text]);
    if (!isExact(r)) {
      const br = Math.floor(r / FR) * FR, bc = Math.floor(c / FC) * FC;
      const nr = Math.min(FR, meta.nrows - br), nc = Math.min(FC, meta.ncols - bc);
      if (nr * nc > 1) rows.push(["bin", "overview", `mean of ${nr}\u00d7${nc} cells`]);
    }
    meta.bars.forEach((b, k) => {
      rows.push(["bar" + k, b.name || (b.axis === "row" ? "row bar" : "column bar"), b.values[b.axis === "row" ? r : c]]);
    });
    renderTip(rows, px, py);
  }
  // over a panel (any panel, custom ones included): its name and the row or
  // column under the pointer (in the overview; a zoomed view shows the panel's name)
  function showPanelTip(p, px, py) {
    const rows = [["panel", "panel", p.name]];
    if (p.axis && !view) {
      const row = p.axis === "row";
      const i = cellOf(row ? overviewRows : overviewCols, row ? py : px, false);
      if (i >= 0) rows.push([p.axis, row ? "row" : "column", (row ? meta.rows : meta.cols)[i]]);
    }
    renderTip(rows, px, py);
  }
  function renderTip(rows, px, py) {
    tip.textContent = "";
    const table = document.createElement("table");
    for (const [key, name, val] of rows) {
      const tr = document.createElement("tr"), th = document.createElement("th"), td = document.createElement("td");
      tr.dataset.key = key; th.textContent = name; td.className = "v"; td.textContent = val;
      tr.append(th, td); table.appendChild(tr);
    }
    tip.appendChild(table);
    tip.hidden = false;
    const tw = tip.offsetWidth, th = tip.offsetHeight;
    tip.style.left = (px + 14 + tw > W ? Math.max(0, px - 14 - tw) : px + 14) + "px";
    tip.style.top = (py + 14 + th > H ? Math.max(0, py - 14 - th) : py + 14) + "px";
  }

  // ---- pointer ------------------------------------------------------------------------
  const inBox = (b, x, y) => x >= b[0] && x < b[0] + b[2] && y >= b[1] && y < b[1] + b[3];
  function local(ev) {
    const r = overlay.getBoundingClientRect();
    return [ev.clientX - r.left, ev.clientY - r.top];
  }
  function cellAt(x, y, clamp) {
    const r = cellOf(rowSegs(), y, clamp), c = cellOf(colSegs(), x, clamp);
    return r < 0 || c < 0 ? null : { r, c };
  }
  const overHeatmap = (x, y) => !!cellAt(x, y, false);
  const dendrogramAt = (x, y) => meta.dendrograms.find((d) => inBox(d.box, x, y));
  const panelAt = (x, y) => meta.panels.find((p) => inBox(p.box, x, y));

  overlay.addEventListener("mousedown", (ev) => {
    if (ev.button !== 0) return;
    const [x, y] = local(ev);
    if (overHeatmap(x, y)) { drag = { x0: x, y0: y, x1: x, y1: y, moved: false }; ev.preventDefault(); }
  });
  window.addEventListener("mousemove", (ev) => {
    const [x, y] = local(ev);
    if (drag) {
      drag.x1 = Math.max(HM[0], Math.min(HM[0] + HM[2] - 0.01, x));
      drag.y1 = Math.max(HM[1], Math.min(HM[1] + HM[3] - 0.01, y));
      drag.moved = drag.moved || Math.abs(drag.x1 - drag.x0) + Math.abs(drag.y1 - drag.y0) > 3;
    }
    const cell = x >= 0 && y >= 0 && x < W && y < H ? cellAt(x, y, false) : null;
    const panel = !cell && !drag && x >= 0 && y >= 0 && x < W && y < H ? panelAt(x, y) : null;
    if (cell && !(drag && drag.moved)) { hover = cell; showTip(cell.r, cell.c, x, y); }
    else if (panel) { hover = null; showPanelTip(panel, x, y); }
    else { hover = null; tip.hidden = true; }
    overlay.style.cursor = cell ? "crosshair" : (dendrogramAt(x, y) ? "pointer" : "default");
    redraw();
  });
  window.addEventListener("mouseup", (ev) => {
    if (!drag) return;
    const d = drag;
    drag = null;
    if (d.moved) {
      const a = cellAt(d.x0, d.y0, true), b = cellAt(d.x1, d.y1, true);
      zoom(Math.min(a.r, b.r), Math.max(a.r, b.r) + 1, Math.min(a.c, b.c), Math.max(a.c, b.c) + 1);
    }
    redraw();
  });
  overlay.addEventListener("dblclick", () => reset());
  window.addEventListener("keydown", (ev) => { if (ev.key === "Escape") reset(); });
  overlay.addEventListener("mouseleave", () => { hover = null; tip.hidden = true; redraw(); });

  // a click on a dendrogram selects the branch there: the cluster holding the
  // leaf at that position when the tree is cut at the clicked height
  overlay.addEventListener("click", (ev) => {
    const [x, y] = local(ev);
    const d = dendrogramAt(x, y);
    if (!d) return;
    const rows = d.axis === "row", segs = rows ? overviewRows : overviewCols;
    const i = cellOf(segs, rows ? y : x, false);
    if (i < 0) return;
    const h = ((rows ? x : y) - d.h0) / (d.h1 - d.h0);
    const tree = (rows ? meta.row_trees : meta.col_trees).find((t) => i >= t.start && i < t.start + t.leaf.length);
    if (!tree) return;
    let node = tree.leaf.indexOf(i);
    while (tree.parent[node] >= 0 && tree.height[tree.parent[node]] <= h) node = tree.parent[node];
    select(d, tree.lo[node], tree.hi[node], tree.height[node]);
  });

  function select(d, lo, hi, height) {
    selection = { axis: d.axis, lo, hi, height, dendrogram: d };
    const names = (d.axis === "row" ? meta.rows : meta.cols).slice(lo, hi + 1);
    $("cg-selection").hidden = false;
    $("cg-selinfo").textContent = `${names.length} ${d.axis === "row" ? "row" : "column"}${names.length === 1 ? "" : "s"} selected (branch at height ${fmt(height)}):`;
    $("cg-seltext").value = names.join("\n");
    redraw();
  }
  $("cg-copy").addEventListener("click", () => {
    const t = $("cg-seltext");
    t.focus(); t.select();
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(t.value).catch(() => document.execCommand("copy"));
    else document.execCommand("copy");
  });
  $("cg-selclear").addEventListener("click", () => { selection = null; $("cg-selection").hidden = true; redraw(); });

  // ---- search ---------------------------------------------------------------------------
  $("cg-search").addEventListener("input", (ev) => search(ev.target.value));
  function search(q) {
    q = q.trim().toLowerCase();
    const hit = (names) => q ? names.map((s, i) => s.toLowerCase().includes(q) ? i : -1).filter((i) => i >= 0) : [];
    matches = { rows: hit(meta.rows), cols: hit(meta.cols) };
    const m = $("cg-matches");
    m.textContent = q ? `${matches.rows.length} row${matches.rows.length === 1 ? "" : "s"}, ` +
      `${matches.cols.length} column${matches.cols.length === 1 ? "" : "s"}` : "";
    m.dataset.rows = matches.rows.join(",");
    m.dataset.cols = matches.cols.join(",");
    redraw();
  }

  function zoom(r0, r1, c0, c1) {
    view = { r0, r1, c0, c1 };
    hover = null; tip.hidden = true;
    drawZoom(); redraw();
  }
  function reset() {
    view = null;
    drawZoom(); redraw();
  }

  if (binned) {
    const note = $("cg-note");
    note.hidden = false;
    note.textContent = `This page holds a downsampled overview of the ${meta.nrows} \u00d7 ${meta.ncols} ` +
      `matrix: the mean of each bin of ${FR} \u00d7 ${FC} cells (${NB} \u00d7 ${MB} bins). ` +
      (exactRow.size ? `Exact values are held for ${exactRow.size} row${exactRow.size === 1 ? "" : "s"} ` +
        `(exact_rows); zooming shows them exactly and the other rows as bin means.`
        : `Zooming shows those means; the exact values are not embedded (raise max_cells or pass exact_rows).`);
  }
  redraw();
  // for scripts and tests: the current state, read-only
  window.clustergrid = {
    meta, view: () => view && { ...view }, matches: () => ({ rows: matches.rows.slice(), cols: matches.cols.slice() }),
    selection: () => selection && { axis: selection.axis, lo: selection.lo, hi: selection.hi },
    zoom: (r0, r1, c0, c1) => zoom(r0, r1, c0, c1), reset: () => reset(), search: (q) => search(q),
    readyMs: performance.now(),  // since navigation started: parsing, decoding, first paint set-up
    ready: true,
  };
})();
