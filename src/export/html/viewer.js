// newsgraph viewer: draws the embedded graph on a canvas; no network, no dependencies.
// Data comes from the JSON script element #newsgraph-data, positions are
// precomputed in Rust. Text from the data only ever reaches the page via textContent.
(function () {
  'use strict';

  var t0 = performance.now();
  var DATA = JSON.parse(document.getElementById('newsgraph-data').textContent);
  var META = DATA.meta;
  var nodes = DATA.nodes;
  var edges = DATA.edges;
  var N = nodes.length;
  var E = edges.length;
  var articles = new Map();
  DATA.articles.forEach(function (a) { articles.set(a.id, a); });

  var TYPES = ['PERSON', 'COUNTRY', 'ORGANIZATION', 'PLACE'];
  var TYPE_NAMES = { PERSON: 'Person', COUNTRY: 'Country', ORGANIZATION: 'Organization', PLACE: 'Place' };
  // Node fills avoid the red/green reserved for stance edges.
  var TYPE_COLOURS = { PERSON: '#2f6db5', COUNTRY: '#e08a1e', ORGANIZATION: '#8e5bb5', PLACE: '#8c6d4f' };
  var SIGNS = ['hostile', 'friendly', 'mixed', 'comention'];
  var SIGN_NAMES = { hostile: 'Hostile', friendly: 'Friendly', mixed: 'Mixed / neutral', comention: 'Named together' };
  var SIGN_COLOURS = { hostile: '#d0312d', friendly: '#1a9850', mixed: '#6f6f6f', comention: '#7d8799' };
  var GROUP_PALETTE = ['#4e79a7', '#f28e2b', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f',
    '#17becf', '#bcbd22', '#1f3b73', '#a0522d', '#6b6ecf'];
  var OTHER_COLOUR = '#c4c4c0';
  var BG = '#f7f7f5';
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Noto Sans", sans-serif';

  // ---------- derived data ----------
  var xs = new Float64Array(N), ys = new Float64Array(N);
  var sx = new Float64Array(N), sy = new Float64Array(N), sr = new Float64Array(N);
  var baseR = new Float64Array(N);
  var colourIdx = new Uint16Array(N);
  var palette = [];
  var rank = [];            // node indices, most central first
  var adjacency = [];       // per node: edge indices
  var searchKeys = [];
  var typeCounts = {}, signCounts = {};
  TYPES.forEach(function (t) { typeCounts[t] = 0; });
  SIGNS.forEach(function (s) { signCounts[s] = 0; });

  function fold(s) {
    return String(s).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  for (var i = 0; i < N; i++) {
    var n = nodes[i];
    xs[i] = n.x; ys[i] = n.y;
    adjacency.push([]);
    typeCounts[n.type] = (typeCounts[n.type] || 0) + 1;
    var keys = [fold(n.name)];
    (n.aliases || []).forEach(function (a) { keys.push(fold(a[0])); });
    searchKeys.push(keys);
  }
  for (var e = 0; e < E; e++) {
    var ed = edges[e];
    adjacency[ed.s].push(e);
    if (ed.t !== ed.s) adjacency[ed.t].push(e);
    signCounts[ed.sign] = (signCounts[ed.sign] || 0) + 1;
  }
  // Stance edges between the same pair in both directions bend to opposite sides.
  var edgeWidth = new Float64Array(E);
  for (e = 0; e < E; e++) {
    ed = edges[e];
    var w = Math.log2(1 + ed.weight);
    edgeWidth[e] = ed.kind === 'stance' ? Math.min(5.5, 1 + 0.9 * w) : Math.min(2.5, 0.6 + 0.4 * w);
  }

  // ---------- state ----------
  var state = {
    colourBy: 'type',
    sizeBy: META.default_size,
    types: {}, signs: {},
    focus: -1, depth2: false, dist: null,
    // Defaults chosen in Rust and shown in the toolbar, where they can be changed.
    comention: 'backbone', labels: META.labels, untied: false,
    hoverNode: -1, hoverEdge: -1, pinnedEdge: -1,
    view: { x: 0, y: 0, k: 1 }, fitK: 1,
  };
  TYPES.forEach(function (t) { state.types[t] = true; });
  SIGNS.forEach(function (s) { state.signs[s] = true; });

  function metric(n, key) {
    if (key === 'mentions') return n.mentions;
    if (key === 'degree') return n.degree;
    var v = n.analysis ? n.analysis[key] : undefined;
    return typeof v === 'number' && isFinite(v) ? v : 0;
  }

  function applySize() {
    var max = 0, min = Infinity;
    for (var i = 0; i < N; i++) {
      var v = metric(nodes[i], state.sizeBy);
      if (v > max) max = v;
      if (v < min) min = v;
    }
    var lo = Math.min(0, min), span = max - lo || 1;
    for (i = 0; i < N; i++) {
      baseR[i] = 2.5 + 13 * Math.sqrt((metric(nodes[i], state.sizeBy) - lo) / span);
    }
    rank = [];
    for (i = 0; i < N; i++) rank.push(i);
    rank.sort(function (a, b) {
      return (metric(nodes[b], state.sizeBy) - metric(nodes[a], state.sizeBy)) ||
        (nodes[b].mentions - nodes[a].mentions) || (a - b);
    });
  }

  var groupLegend = [];
  function applyColour() {
    palette = [];
    groupLegend = [];
    if (state.colourBy === 'type') {
      TYPES.forEach(function (t) { palette.push(TYPE_COLOURS[t]); });
      for (var i = 0; i < N; i++) colourIdx[i] = Math.max(0, TYPES.indexOf(nodes[i].type));
      return;
    }
    var key = state.colourBy, counts = new Map();
    for (i = 0; i < N; i++) {
      var v = nodes[i].analysis ? nodes[i].analysis[key] : undefined;
      var k = v === undefined ? '' : String(v);
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    var groups = Array.from(counts.entries()).filter(function (g) { return g[0] !== ''; });
    groups.sort(function (a, b) { return (b[1] - a[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0); });
    var slot = new Map();
    groups.slice(0, GROUP_PALETTE.length).forEach(function (g, j) {
      slot.set(g[0], j); palette.push(GROUP_PALETTE[j]); groupLegend.push([g[0], g[1], GROUP_PALETTE[j]]);
    });
    var other = palette.length;
    palette.push(OTHER_COLOUR);
    var rest = N - groupLegend.reduce(function (s, g) { return s + g[1]; }, 0);
    if (rest > 0) groupLegend.push([groups.length > GROUP_PALETTE.length ? 'other / none' : 'none', rest, OTHER_COLOUR]);
    for (i = 0; i < N; i++) {
      v = nodes[i].analysis ? nodes[i].analysis[key] : undefined;
      var s = slot.get(v === undefined ? '' : String(v));
      colourIdx[i] = s === undefined ? other : s;
    }
  }

  // Actors without a drawn edge are hidden unless asked for (or focused): on a real-news
  // graph they are most of the actors and would bury the network.
  var tiedDegree = new Int32Array(N);
  function typeShown(i) { return state.types[nodes[i].type] === true; }
  function edgeKindShown(e) {
    var ed = edges[e];
    if (ed.kind === 'comention' && (state.comention === 'none' || (state.comention === 'backbone' && ed.backbone !== true))) return false;
    return state.signs[ed.sign] === true && typeShown(ed.s) && typeShown(ed.t);
  }
  function recount() {
    tiedDegree.fill(0);
    for (var e = 0; e < E; e++) {
      if (!edgeKindShown(e)) continue;
      tiedDegree[edges[e].s]++;
      tiedDegree[edges[e].t]++;
    }
  }
  function nodeShown(i) {
    return typeShown(i) && (state.untied || tiedDegree[i] > 0 || i === state.focus);
  }
  function edgeShown(e) { return edgeKindShown(e); }
  function inEgo(i) { return state.dist === null || state.dist[i] >= 0; }

  function computeEgo() {
    recount();
    if (state.focus < 0) { state.dist = null; return; }
    var dist = new Int8Array(N).fill(-1);
    var depth = state.depth2 ? 2 : 1;
    dist[state.focus] = 0;
    var frontier = [state.focus];
    for (var d = 1; d <= depth; d++) {
      var next = [];
      frontier.forEach(function (u) {
        adjacency[u].forEach(function (e) {
          if (!edgeShown(e)) return;
          var v = edges[e].s === u ? edges[e].t : edges[e].s;
          if (dist[v] < 0) { dist[v] = d; next.push(v); }
        });
      });
      frontier = next;
    }
    state.dist = dist;
  }

  // ---------- canvas and camera ----------
  var canvas = document.getElementById('graph');
  var ctx = canvas.getContext('2d', { alpha: false });
  var W = 0, H = 0, dpr = 1;

  function resize() {
    dpr = window.devicePixelRatio || 1;
    W = canvas.clientWidth || window.innerWidth;
    H = canvas.clientHeight || window.innerHeight;
    canvas.width = Math.max(1, Math.round(W * dpr));
    canvas.height = Math.max(1, Math.round(H * dpr));
  }

  // The part of the window not covered by the side panel, where the graph should sit.
  function drawingArea() {
    var panel = document.getElementById('panel');
    var filters = document.getElementById('filters');
    var right = W, left = 0;
    if (panel && W > 900) right = W - panel.offsetWidth - 16;
    if (filters && W > 900) left = filters.offsetWidth + 16;
    if (right - left < 300) left = 0;
    return { x0: left, x1: Math.max(left + 200, right), y0: 50, y1: H - 30 };
  }

  function fitView(indices) {
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    indices.forEach(function (i) {
      if (xs[i] < minX) minX = xs[i]; if (xs[i] > maxX) maxX = xs[i];
      if (ys[i] < minY) minY = ys[i]; if (ys[i] > maxY) maxY = ys[i];
    });
    if (!isFinite(minX)) { minX = -1; maxX = 1; minY = -1; maxY = 1; }
    var a = drawingArea();
    var w = Math.max(maxX - minX, 50), h = Math.max(maxY - minY, 50);
    var k = Math.min((a.x1 - a.x0 - 60) / w, (a.y1 - a.y0 - 60) / h);
    var cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    // Shift the centre so the box is centred in the drawing area, not the window.
    var offX = ((a.x0 + a.x1) / 2 - W / 2) / k, offY = ((a.y0 + a.y1) / 2 - H / 2) / k;
    return { x: cx - offX, y: cy - offY, k: k };
  }

  function allShown() {
    var out = [];
    for (var i = 0; i < N; i++) if (nodeShown(i)) out.push(i);
    return out.length ? out : rank.slice();
  }

  var anim = null;
  function animateTo(target, ms) {
    var from = { x: state.view.x, y: state.view.y, k: state.view.k };
    var start = performance.now();
    anim = function (now) {
      var t = Math.min(1, (now - start) / ms), s = t * t * (3 - 2 * t);
      var lk = Math.log(from.k) + (Math.log(target.k) - Math.log(from.k)) * s;
      state.view.k = Math.exp(lk);
      state.view.x = from.x + (target.x - from.x) * s;
      state.view.y = from.y + (target.y - from.y) * s;
      if (t >= 1) anim = null;
    };
    requestDraw();
  }

  // While the view moves on a big graph, faint co-mention edges are left out so frames
  // stay fast; the full picture comes back once the view has been still for a moment.
  var LOD_EDGES = 6000;
  var PATH_CHUNK = 200;
  var moving = false, stillTimer = 0;
  function markMoving() {
    if (!bigGraph()) return;
    moving = true;
    clearTimeout(stillTimer);
    stillTimer = setTimeout(function () { moving = false; requestDraw(); }, 180);
  }

  var drawQueued = false;
  function requestDraw() {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(function (now) {
      drawQueued = false;
      if (anim) { anim(now); markMoving(); if (anim) requestDraw(); }
      draw();
    });
  }

  function zoomFactor() {
    return Math.max(0.55, Math.min(3, Math.pow(state.view.k / state.fitK, 0.45)));
  }

  // ---------- drawing ----------
  function project() {
    var v = state.view, hw = W / 2, hh = H / 2, z = zoomFactor();
    for (var i = 0; i < N; i++) {
      sx[i] = (xs[i] - v.x) * v.k + hw;
      sy[i] = (ys[i] - v.y) * v.k + hh;
      sr[i] = baseR[i] * z;
    }
  }

  function onScreen(i, pad) {
    return sx[i] > -pad && sx[i] < W + pad && sy[i] > -pad && sy[i] < H + pad;
  }

  function edgeOnScreen(a, b) {
    return !((sx[a] < 0 && sx[b] < 0) || (sx[a] > W && sx[b] > W) ||
      (sy[a] < 0 && sy[b] < 0) || (sy[a] > H && sy[b] > H));
  }

  // Control point of a stance edge: bent to the right of source -> target.
  function control(a, b) {
    var mx = (sx[a] + sx[b]) / 2, my = (sy[a] + sy[b]) / 2;
    var dx = sx[b] - sx[a], dy = sy[b] - sy[a];
    return [mx - dy * 0.14, my + dx * 0.14];
  }

  var stats = { frames: 0, lastMs: 0 };

  // Big graphs: while the view moves, the last full picture is scaled and shifted
  // (one drawImage) instead of redrawn; the full redraw follows when the view is still.
  var snapshot = null, snapView = null;
  function bigGraph() { return N > 1500 || E > LOD_EDGES; }

  function drawMoving() {
    var v = state.view, s = v.k / snapView.k;
    var dx = (snapView.x - v.x) * v.k - (W / 2) * s + W / 2;
    var dy = (snapView.y - v.y) * v.k - (H / 2) * s + H / 2;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = BG;
    ctx.fillRect(0, 0, W, H);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(snapshot, 0, 0, snapshot.width, snapshot.height, dx, dy, W * s, H * s);
  }

  function takeSnapshot() {
    if (!snapshot) snapshot = document.createElement('canvas');
    if (snapshot.width !== canvas.width || snapshot.height !== canvas.height) {
      snapshot.width = canvas.width;
      snapshot.height = canvas.height;
    }
    var sctx = snapshot.getContext('2d');
    sctx.setTransform(1, 0, 0, 1, 0, 0);
    sctx.drawImage(canvas, 0, 0);
    snapView = { x: state.view.x, y: state.view.y, k: state.view.k };
  }

  function draw() {
    var tStart = performance.now();
    if (moving && snapView && bigGraph()) {
      drawMoving();
      stats.frames++;
      stats.lastMs = performance.now() - tStart;
      return;
    }
    drawFull();
    if (bigGraph()) takeSnapshot();
    stats.frames++;
    stats.lastMs = performance.now() - tStart;
  }

  function drawFull() {
    project();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = BG;
    ctx.fillRect(0, 0, W, H);
    var focusMode = state.dist !== null;
    var e, ed, a, b;

    // Co-mention edges: one faint path.
    if (state.signs.comention) {
      ctx.strokeStyle = SIGN_COLOURS.comention;
      ctx.globalAlpha = focusMode ? 0.45 : (E > 4000 ? 0.16 : 0.28);
      ctx.lineWidth = focusMode ? 1.2 : 0.8;
      ctx.beginPath();
      var any = 0;
      for (e = 0; e < E; e++) {
        ed = edges[e];
        if (ed.kind !== 'comention' || !edgeShown(e)) continue;
        a = ed.s; b = ed.t;
        if (focusMode && !(inEgo(a) && inEgo(b))) continue;
        if (!edgeOnScreen(a, b)) continue;
        ctx.moveTo(sx[a], sy[a]); ctx.lineTo(sx[b], sy[b]);
        if (++any % PATH_CHUNK === 0) { ctx.stroke(); ctx.beginPath(); }
      }
      if (any) ctx.stroke();
      ctx.globalAlpha = 1;
    }

    // Stance edges: bucketed by sign and width so each bucket is one path.
    var buckets = {};
    var heads = { hostile: [], friendly: [], mixed: [] };
    for (e = 0; e < E; e++) {
      ed = edges[e];
      if (ed.kind !== 'stance' || !edgeShown(e)) continue;
      a = ed.s; b = ed.t;
      if (focusMode && !(inEgo(a) && inEgo(b))) continue;
      if (!edgeOnScreen(a, b)) continue;
      var wq = Math.round(edgeWidth[e] * 2) / 2;
      var key = ed.sign + '|' + wq;
      (buckets[key] || (buckets[key] = [])).push(e);
      heads[ed.sign].push(e);
    }
    // Many long anti-aliased curves are what costs most in a frame: past a few thousand
    // visible stance edges they are drawn as chords (two straight segments).
    var shownStance = heads.hostile.length + heads.friendly.length + heads.mixed.length;
    var curves = shownStance < 2500;
    var thin = Math.max(0.4, Math.min(1, Math.sqrt(1200 / Math.max(1, shownStance))));
    ctx.lineCap = 'butt';
    Object.keys(buckets).sort().forEach(function (key) {
      var parts = key.split('|');
      ctx.strokeStyle = SIGN_COLOURS[parts[0]];
      ctx.lineWidth = Math.max(0.8, parseFloat(parts[1]) * thin);
      ctx.globalAlpha = focusMode ? 0.9 : shownStance > 150 ? 0.62 : 0.8;
      if (parts[0] === 'mixed') ctx.setLineDash([5, 4]);
      ctx.beginPath();
      buckets[key].forEach(function (e, j) {
        // Short paths: rasterising one huge self-crossing path costs far more.
        if (j > 0 && j % PATH_CHUNK === 0) { ctx.stroke(); ctx.beginPath(); }
        var a = edges[e].s, b = edges[e].t, c = control(a, b);
        ctx.moveTo(sx[a], sy[a]);
        if (curves) ctx.quadraticCurveTo(c[0], c[1], sx[b], sy[b]);
        else {
          ctx.lineTo(0.25 * sx[a] + 0.5 * c[0] + 0.25 * sx[b], 0.25 * sy[a] + 0.5 * c[1] + 0.25 * sy[b]);
          ctx.lineTo(sx[b], sy[b]);
        }
      });
      ctx.stroke();
      ctx.setLineDash([]);
    });
    ctx.globalAlpha = 1;
    Object.keys(heads).forEach(function (sign) {
      ctx.beginPath();
      heads[sign].forEach(function (e) { arrowHead(e); });
      ctx.fillStyle = SIGN_COLOURS[sign];
      ctx.fill();
    });

    // Highlighted edge on top.
    var he = state.hoverEdge >= 0 ? state.hoverEdge : state.pinnedEdge;
    if (he >= 0 && edgeShown(he)) {
      ed = edges[he];
      ctx.beginPath();
      if (ed.kind === 'stance') {
        var c = control(ed.s, ed.t);
        ctx.moveTo(sx[ed.s], sy[ed.s]); ctx.quadraticCurveTo(c[0], c[1], sx[ed.t], sy[ed.t]);
      } else {
        ctx.moveTo(sx[ed.s], sy[ed.s]); ctx.lineTo(sx[ed.t], sy[ed.t]);
      }
      ctx.strokeStyle = '#111';
      ctx.lineWidth = Math.max(2.5, edgeWidth[he] + 2);
      ctx.globalAlpha = 0.35;
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.strokeStyle = SIGN_COLOURS[ed.sign];
      ctx.lineWidth = Math.max(1.5, edgeWidth[he]);
      ctx.stroke();
      if (ed.kind === 'stance') {
        ctx.beginPath(); arrowHead(he); ctx.fillStyle = SIGN_COLOURS[ed.sign]; ctx.fill();
      }
    }

    // Nodes: out-of-focus ones faint, then one path per colour, smallest last drawn first.
    var perColour = palette.map(function () { return []; });
    var faint = [], second = [];
    for (var r = rank.length - 1; r >= 0; r--) {
      var i = rank[r];
      if (!nodeShown(i) || !onScreen(i, sr[i] + 2)) continue;
      if (focusMode && !inEgo(i)) faint.push(i);
      else if (focusMode && state.dist[i] === 2) second.push(i);
      else perColour[colourIdx[i]].push(i);
    }
    // Neighbours of neighbours: their own colour, lighter, under the direct ones.
    if (second.length) {
      ctx.globalAlpha = 0.5;
      second.forEach(function (i) {
        ctx.beginPath();
        ctx.arc(sx[i], sy[i], sr[i], 0, 6.2832);
        ctx.fillStyle = palette[colourIdx[i]];
        ctx.fill();
      });
      ctx.globalAlpha = 1;
    }
    if (faint.length) {
      ctx.beginPath();
      faint.forEach(function (i) { ctx.moveTo(sx[i] + sr[i], sy[i]); ctx.arc(sx[i], sy[i], sr[i], 0, 6.2832); });
      ctx.fillStyle = '#d9d9d5';
      ctx.fill();
    }
    ctx.lineWidth = 1;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    perColour.forEach(function (list, ci) {
      if (!list.length) return;
      ctx.beginPath();
      list.forEach(function (i) { ctx.moveTo(sx[i] + sr[i], sy[i]); ctx.arc(sx[i], sy[i], sr[i], 0, 6.2832); });
      ctx.fillStyle = palette[ci];
      ctx.fill();
      // White rims separate touching nodes; on crowded views only the bigger ones get them.
      if (N <= 1500) { ctx.stroke(); return; }
      ctx.beginPath();
      list.forEach(function (i) {
        if (sr[i] < 5) return;
        ctx.moveTo(sx[i] + sr[i], sy[i]); ctx.arc(sx[i], sy[i], sr[i], 0, 6.2832);
      });
      ctx.stroke();
    });
    [state.focus, state.hoverNode].forEach(function (i, j) {
      if (i < 0 || !nodeShown(i)) return;
      ctx.beginPath();
      ctx.arc(sx[i], sy[i], sr[i] + 3, 0, 6.2832);
      ctx.lineWidth = j === 0 ? 3 : 2;
      ctx.strokeStyle = j === 0 ? '#111' : '#444';
      ctx.stroke();
    });

    drawLabels(focusMode);
  }

  function arrowHead(e) {
    var ed = edges[e], a = ed.s, b = ed.t;
    var c = control(a, b);
    var dx = sx[b] - c[0], dy = sy[b] - c[1], len = Math.sqrt(dx * dx + dy * dy);
    if (len < 1e-6) return;
    var full = Math.hypot(sx[b] - sx[a], sy[b] - sy[a]);
    if (full < sr[a] + sr[b] + 10) return;
    dx /= len; dy /= len;
    var tipX = sx[b] - dx * (sr[b] + 1.5), tipY = sy[b] - dy * (sr[b] + 1.5);
    var size = 5 + edgeWidth[e] * 1.4;
    var bx = tipX - dx * size, by = tipY - dy * size;
    ctx.moveTo(tipX, tipY);
    ctx.lineTo(bx - dy * size * 0.5, by + dx * size * 0.5);
    ctx.lineTo(bx + dy * size * 0.5, by - dx * size * 0.5);
    ctx.closePath();
  }

  var labelWidth = new Map();
  // Bidi overrides and isolates in a name would reorder the label on the canvas (a
  // spoofing trick); the side panel shows the name exactly, in an isolated element.
  var BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
  function labelText(i) {
    var s = nodes[i].name.replace(BIDI_CONTROLS, '');
    return s.length > 42 ? s.slice(0, 40) + '…' : s;
  }

  function drawLabels(focusMode) {
    var z = state.view.k / state.fitK;
    var budget = Math.round(Math.min(N, state.labels * Math.pow(Math.max(z, 0.3), 1.6)));
    var must = [];
    if (state.focus >= 0) must.push(state.focus);
    if (state.hoverNode >= 0) must.push(state.hoverNode);
    var candidates = must.slice();
    if (focusMode) {
      // Every direct neighbour of the focus gets a chance, most central first.
      rank.forEach(function (i) { if (state.dist[i] === 1 && nodeShown(i)) candidates.push(i); });
      rank.forEach(function (i) { if (state.dist[i] === 2 && nodeShown(i)) candidates.push(i); });
      budget = Math.max(budget, 60);
    } else {
      for (var r = 0; r < rank.length && candidates.length < budget * 3 + 2; r++) {
        var i = rank[r];
        if (nodeShown(i) && onScreen(i, 0)) candidates.push(i);
      }
    }
    var placed = [];
    var cell = 80, grid = new Map();
    function collides(x0, y0, x1, y1) {
      for (var gx = Math.floor(x0 / cell); gx <= Math.floor(x1 / cell); gx++) {
        for (var gy = Math.floor(y0 / cell); gy <= Math.floor(y1 / cell); gy++) {
          var list = grid.get(gx + ',' + gy);
          if (!list) continue;
          for (var j = 0; j < list.length; j++) {
            var p = list[j];
            if (x0 < p[2] && x1 > p[0] && y0 < p[3] && y1 > p[1]) return true;
          }
        }
      }
      return false;
    }
    function add(rect) {
      for (var gx = Math.floor(rect[0] / cell); gx <= Math.floor(rect[2] / cell); gx++) {
        for (var gy = Math.floor(rect[1] / cell); gy <= Math.floor(rect[3] / cell); gy++) {
          var k = gx + ',' + gy;
          var list = grid.get(k);
          if (list) list.push(rect); else grid.set(k, [rect]);
        }
      }
    }
    // Labels that would hide under the overlays are not drawn (unless hovered/focused).
    ['panel', 'filters', 'toolbar'].forEach(function (id) {
      var o = document.getElementById(id);
      if (!o || o.offsetParent === null) return;
      var r = o.getBoundingClientRect(), c = canvas.getBoundingClientRect();
      add([r.left - c.left, r.top - c.top, r.right - c.left, r.bottom - c.top]);
    });
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    var seen = new Set();
    var shown = 0;
    for (var c = 0; c < candidates.length && shown < budget; c++) {
      i = candidates[c];
      if (seen.has(i)) continue;
      seen.add(i);
      if (!onScreen(i, 0)) continue;
      var strong = i === state.focus || i === state.hoverNode;
      var size = strong ? 14 : shown < 5 ? 13 : 12;
      ctx.font = (strong ? '700 ' : '600 ') + size + 'px ' + FONT;
      var text = labelText(i);
      var wkey = size + (strong ? 'b' : '') + text;
      var w = labelWidth.get(wkey);
      if (w === undefined) { w = ctx.measureText(text).width; labelWidth.set(wkey, w); }
      var x0 = sx[i] + sr[i] + 3, y0 = sy[i] - size / 2 - 1;
      var rect = [x0 - 2, y0, x0 + w + 2, y0 + size + 2];
      if (!strong && must.indexOf(i) < 0 && collides(rect[0], rect[1], rect[2], rect[3])) continue;
      add(rect);
      placed.push([i, x0, sy[i], text, ctx.font]);
      shown++;
    }
    placed.forEach(function (p) {
      ctx.font = p[4];
      ctx.lineWidth = 3.5;
      ctx.strokeStyle = 'rgba(247,247,245,0.95)';
      ctx.strokeText(p[3], p[1], p[2]);
      ctx.fillStyle = '#1d1d1f';
      ctx.fillText(p[3], p[1], p[2]);
    });
  }

  // ---------- hit testing ----------
  function nodeAt(px, py) {
    var best = -1, bestD = Infinity;
    for (var i = 0; i < N; i++) {
      if (!nodeShown(i)) continue;
      var dx = sx[i] - px, dy = sy[i] - py, r = Math.max(sr[i], 4) + 2;
      var d = dx * dx + dy * dy;
      if (d <= r * r && d < bestD) { bestD = d; best = i; }
    }
    return best;
  }

  function segDist(px, py, ax, ay, bx, by) {
    var dx = bx - ax, dy = by - ay, l = dx * dx + dy * dy;
    var t = l > 0 ? ((px - ax) * dx + (py - ay) * dy) / l : 0;
    t = Math.max(0, Math.min(1, t));
    var qx = ax + t * dx - px, qy = ay + t * dy - py;
    return Math.sqrt(qx * qx + qy * qy);
  }

  function edgeAt(px, py) {
    var best = -1, bestD = 6;
    var focusMode = state.dist !== null;
    for (var e = 0; e < E; e++) {
      var ed = edges[e], a = ed.s, b = ed.t;
      if (!edgeShown(e)) continue;
      if (focusMode && !(inEgo(a) && inEgo(b))) continue;
      var minX = Math.min(sx[a], sx[b]) - 40, maxX = Math.max(sx[a], sx[b]) + 40;
      var minY = Math.min(sy[a], sy[b]) - 40, maxY = Math.max(sy[a], sy[b]) + 40;
      if (px < minX || px > maxX || py < minY || py > maxY) continue;
      var d;
      if (ed.kind === 'stance') {
        // The curve as four chords through B(t) at t = 1/4, 1/2, 3/4.
        var c = control(a, b), prevX = sx[a], prevY = sy[a];
        d = Infinity;
        for (var k = 1; k <= 4; k++) {
          var t = k / 4, u = 1 - t;
          var qx = u * u * sx[a] + 2 * u * t * c[0] + t * t * sx[b];
          var qy = u * u * sy[a] + 2 * u * t * c[1] + t * t * sy[b];
          d = Math.min(d, segDist(px, py, prevX, prevY, qx, qy));
          prevX = qx; prevY = qy;
        }
        d -= edgeWidth[e] / 2;
      } else {
        d = segDist(px, py, sx[a], sy[a], sx[b], sy[b]) + 1.5;
      }
      if (d < bestD) { bestD = d; best = e; }
    }
    return best;
  }

  // ---------- panel ----------
  var panel = document.getElementById('panel');

  function el(tag, attrs, children) {
    var x = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') x.textContent = attrs[k];
      else if (k === 'class') x.className = attrs[k];
      else if (k === 'style') x.style.cssText = attrs[k];
      else x.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      x.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return x;
  }

  function fmt(v) {
    if (typeof v !== 'number') return String(v);
    if (Number.isInteger(v)) return v.toLocaleString('en');
    var a = Math.abs(v);
    return a >= 100 ? v.toFixed(1) : a >= 1 ? v.toFixed(3) : v.toPrecision(3);
  }

  function dl(rows) {
    var d = el('dl');
    rows.forEach(function (r) {
      if (r[1] === undefined || r[1] === null || r[1] === '') return;
      d.appendChild(el('dt', { text: r[0] }));
      d.appendChild(el('dd', { text: typeof r[1] === 'number' ? fmt(r[1]) : String(r[1]) }));
    });
    return d;
  }

  function nodeColour(i) { return palette[colourIdx[i]] || OTHER_COLOUR; }

  function showDefault() {
    if (state.pinnedEdge >= 0) { showEdge(state.pinnedEdge); return; }
    if (state.focus >= 0) { showNode(state.focus); return; }
    panel.replaceChildren(
      el('h2', { text: 'Actor network' }),
      dl([['Actors', META.node_count], ['Edges', META.edge_count], ['Articles', META.article_count],
        ['Dates', META.first_date ? META.first_date + ' – ' + (META.last_date || '') : undefined],
        ['Node size', state.sizeBy],
        ['Co-mention', META.comention_scope === 'article' ? 'named in one article' : 'named in one sentence'],
        ['Drawn', 'every stance edge; co-mentions: ' + (state.comention === 'backbone' ? 'the backbone (' + META.backbone + ')' : state.comention) +
          '; ' + (state.untied ? 'all actors' : 'actors with a drawn edge') + '; ' + state.labels + ' labels at full view']]),
      el('p', { class: 'hint', text: 'Hover an actor or an edge to see details and evidence. ' +
        'Click an actor to focus its network (tick “depth 2” for neighbours of neighbours); ' +
        'click an edge to keep its evidence here; click the background to reset. ' +
        'Drag to pan, scroll to zoom, “/” to search.' }),
      el('h3', { text: 'Most central (' + state.sizeBy + ')' }),
      tiesList(rank.filter(nodeShown).slice(0, 15).map(function (i) {
        return { node: i, text: nodes[i].name, note: fmt(metric(nodes[i], state.sizeBy)), colour: nodeColour(i) };
      }))
    );
  }

  function tiesList(items) {
    var ul = el('ul', { class: 'ties' });
    items.forEach(function (it) {
      var li = el('li', { title: 'Focus ' + it.text, tabindex: '0', role: 'button' }, [
        el('span', { class: it.line ? 'line' : 'swatch', style: (it.line ? 'border-top-color:' : 'background:') + it.colour + ';margin-right:6px;vertical-align:middle' }),
        it.text, it.note ? el('span', { class: 'count', text: ' ' + it.note }) : null,
      ]);
      li.addEventListener('click', function () { focusNode(it.node, true); });
      li.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); focusNode(it.node, true); }
      });
      ul.appendChild(li);
    });
    return ul;
  }

  function showNode(i) {
    var n = nodes[i];
    var items = [
      el('h2', { text: n.name }),
      el('span', { class: 'badge', style: 'background:' + TYPE_COLOURS[n.type], text: TYPE_NAMES[n.type] || n.type }),
      dl([['Id', n.id], ['Wikidata', n.ids && n.ids.qid], ['ISO 3166', n.ids && [n.ids.iso2, n.ids.iso3].filter(Boolean).join(' / ')],
        ['Mentions', n.mentions], ['Sentences', n.sentences], ['Articles', n.articles], ['Neighbours', n.degree]]),
    ];
    var an = n.analysis ? Object.keys(n.analysis).sort() : [];
    if (an.length) {
      items.push(el('h3', { text: 'Analysis' }));
      items.push(dl(an.map(function (k) { return [k.replace(/_/g, ' '), n.analysis[k]]; })));
    }
    if (n.aliases && n.aliases.length) {
      items.push(el('h3', { text: 'Names used (' + n.aliases.length + ')' }));
      items.push(el('p', { text: n.aliases.slice(0, 30).map(function (a) { return a[0] + ' ×' + a[1]; }).join(' · ') +
        (n.aliases.length > 30 ? ' …' : '') }));
    }
    var out = [], inc = [], co = [];
    adjacency[i].forEach(function (e) {
      var ed = edges[e];
      if (ed.kind === 'stance') (ed.s === i ? out : inc).push(e); else co.push(e);
    });
    var byWeight = function (a, b) { return (edges[b].weight - edges[a].weight) || (a - b); };
    if (n.analysis && n.analysis.camp !== undefined) {
      var mates = [];
      for (var j = 0; j < N; j++) if (j !== i && nodes[j].analysis && nodes[j].analysis.camp === n.analysis.camp) mates.push(nodes[j].name);
      items.push(el('p', { text: 'Camp ' + n.analysis.camp + (mates.length ? ' with ' + mates.slice(0, 12).join(', ') + (mates.length > 12 ? ' and ' + (mates.length - 12) + ' more' : '') : ' (alone)') }));
    }
    // The dossier: whom it criticizes, praises or addresses and who does so to it, each
    // with counts and mean intensity, and the first evidence of the three strongest.
    [['hostile', true, 'Criticizes'], ['friendly', true, 'Praises'], ['mixed', true, 'Addresses (mixed or neutral)'],
      ['hostile', false, 'Criticized by'], ['friendly', false, 'Praised by'], ['mixed', false, 'Addressed by (mixed or neutral)']
    ].forEach(function (g) {
      var list = (g[1] ? out : inc).filter(function (e) { return edges[e].sign === g[0]; }).sort(byWeight);
      if (!list.length) return;
      items.push(el('h3', { text: g[2] + ' (' + list.length + ')' }));
      items.push(tiesList(list.slice(0, 12).map(function (e) {
        var ed = edges[e], other = g[1] ? ed.t : ed.s;
        return { node: other, text: (g[1] ? '→ ' : '← ') + nodes[other].name,
          note: '×' + ed.weight + ', mean ' + fmt(ed.mean_intensity), colour: SIGN_COLOURS[ed.sign], line: true };
      })));
      var ul = el('ul', { class: 'evidence' });
      list.slice(0, 3).forEach(function (e) {
        var ev = edges[e].evidence[0];
        if (ev) ul.appendChild(el('li', { class: ev.polarity || 'comention' }, [markedText(ev.text, ev.cue), sourceLine(ev)]));
      });
      if (ul.childNodes.length) items.push(ul);
    });
    if (co.length) {
      items.push(el('h3', { text: 'Named together with (' + co.length + ')' }));
      items.push(tiesList(co.sort(byWeight).slice(0, 12).map(function (e) {
        var ed = edges[e], other = ed.s === i ? ed.t : ed.s;
        return { node: other, text: nodes[other].name, note: ed.weight + ' sentences', colour: nodeColour(other) };
      })));
    }
    panel.replaceChildren.apply(panel, items);
  }

  // The sentence with every occurrence of `cue` marked (case-insensitive).
  function markedText(text, cue) {
    var q = el('q');
    if (!cue) { q.textContent = text; return q; }
    var lower = text.toLowerCase(), c = cue.toLowerCase(), pos = 0, k;
    while ((k = lower.indexOf(c, pos)) >= 0 && c.length > 0) {
      q.appendChild(document.createTextNode(text.slice(pos, k)));
      q.appendChild(el('mark', { text: text.slice(k, k + c.length) }));
      pos = k + c.length;
    }
    q.appendChild(document.createTextNode(text.slice(pos)));
    return q;
  }

  function sourceLine(ev) {
    var a = articles.get(ev.article);
    var parts = [];
    if (ev.cue) parts.push('cue “' + ev.cue + '”');
    if (ev.category) parts.push(ev.category);
    if (typeof ev.intensity === 'number') parts.push('intensity ' + fmt(ev.intensity));
    parts.push('article ' + ev.article + ', sentence ' + (ev.sentence + 1));
    var div = el('div', { class: 'source', text: parts.join(' · ') });
    if (a) {
      var bits = [a.title, a.source, a.date].filter(Boolean).join(' · ');
      if (bits) div.appendChild(el('div', { text: bits }));
      if (a.url && /^https?:\/\//i.test(a.url)) {
        div.appendChild(el('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer', text: a.url }));
      }
    }
    return div;
  }

  function showEdge(e) {
    var ed = edges[e], s = nodes[ed.s], t = nodes[ed.t];
    var items = [];
    if (ed.kind === 'stance') {
      items.push(el('h2', { text: s.name + ' → ' + t.name }));
      items.push(el('span', { class: 'badge', style: 'background:' + SIGN_COLOURS[ed.sign], text: SIGN_NAMES[ed.sign] }));
      var cats = Object.keys(ed.categories || {}).sort(function (a, b) { return ed.categories[b] - ed.categories[a] || (a < b ? -1 : 1); });
      items.push(dl([['Relations', ed.weight], ['Friendly', ed.positive], ['Hostile', ed.negative], ['Neutral', ed.neutral],
        ['Mean intensity', ed.mean_intensity + ' (−10 hostile … +10 cooperative)'],
        ['Categories', cats.map(function (c) { return c + ' ×' + ed.categories[c]; }).join(', ')]]));
    } else {
      items.push(el('h2', { text: s.name + ' — ' + t.name }));
      items.push(el('span', { class: 'badge', style: 'background:' + SIGN_COLOURS.comention, text: SIGN_NAMES.comention }));
      items.push(dl([['Sentences', ed.sentences], ['Articles', ed.articles], ['Association (NPMI)', ed.npmi]]));
    }
    items.push(el('h3', { text: 'Evidence (' + ed.evidence.length + ' of ' + (ed.kind === 'stance' ? ed.weight : ed.sentences) + ')' }));
    var ul = el('ul', { class: 'evidence' });
    ed.evidence.forEach(function (ev) {
      ul.appendChild(el('li', { class: ev.polarity || 'comention' }, [markedText(ev.text, ev.cue), sourceLine(ev)]));
    });
    if (!ed.evidence.length) ul.appendChild(el('li', { text: 'No evidence sentences were kept for this edge.' }));
    items.push(ul);
    panel.replaceChildren.apply(panel, items);
  }

  function refreshPanel() {
    if (state.hoverNode >= 0) showNode(state.hoverNode);
    else if (state.hoverEdge >= 0) showEdge(state.hoverEdge);
    else showDefault();
  }

  // ---------- focus ----------
  function focusNode(i, moveCamera) {
    state.focus = i;
    state.pinnedEdge = -1;
    if (i >= 0 && !nodeShown(i)) {
      state.types[nodes[i].type] = true;
      var box = document.querySelector('input[data-type="' + nodes[i].type + '"]');
      if (box) box.checked = true;
    }
    computeEgo();
    if (i >= 0 && moveCamera) {
      var ego = [];
      for (var j = 0; j < N; j++) if (state.dist[j] >= 0) ego.push(j);
      var v = fitView(ego);
      v.k = Math.min(v.k, state.fitK * 8);
      v.k = Math.max(v.k, state.fitK * 0.8);
      animateTo(v, 450);
    }
    updateStatus();
    refreshPanel();
    requestDraw();
  }

  // ---------- controls ----------
  function buildControls() {
    var colourSel = document.getElementById('colour-by');
    [['type', 'type']].concat(META.groupings.map(function (g) { return [g, g]; })).forEach(function (o) {
      colourSel.appendChild(el('option', { value: o[0], text: o[1] }));
    });
    colourSel.value = state.colourBy;
    colourSel.addEventListener('change', function () {
      state.colourBy = colourSel.value; applyColour(); buildLegend(); refreshPanel(); requestDraw();
    });
    var sizeSel = document.getElementById('size-by');
    META.size_metrics.forEach(function (m) { sizeSel.appendChild(el('option', { value: m, text: m.replace(/_/g, ' ') })); });
    sizeSel.value = state.sizeBy;
    sizeSel.addEventListener('change', function () {
      state.sizeBy = sizeSel.value; applySize(); refreshPanel(); requestDraw();
    });
    var mode = document.getElementById('comention-mode');
    mode.value = state.comention;
    mode.addEventListener('change', function () {
      state.comention = mode.value; computeEgo(); updateStatus(); refreshPanel(); requestDraw();
    });
    var labels = document.getElementById('labels');
    labels.value = String(state.labels);
    labels.addEventListener('input', function () {
      var v = parseInt(labels.value, 10);
      if (isFinite(v) && v >= 0) { state.labels = Math.min(v, 1000); requestDraw(); }
    });
    var untied = document.getElementById('untied');
    untied.checked = state.untied;
    untied.addEventListener('change', function () {
      state.untied = untied.checked; computeEgo(); updateStatus(); refreshPanel(); requestDraw();
    });
    var depth = document.getElementById('depth2');
    depth.addEventListener('change', function () {
      state.depth2 = depth.checked;
      if (state.focus >= 0) focusNode(state.focus, true);
    });
    document.getElementById('fit').addEventListener('click', function () {
      animateTo(fitView(state.dist ? allEgo() : allShown()), 400);
    });
    buildLegend();
    var ef = document.getElementById('edge-filters');
    SIGNS.forEach(function (s) {
      var box = el('input', { type: 'checkbox', 'data-sign': s });
      box.checked = true;
      box.addEventListener('change', function () {
        state.signs[s] = box.checked; computeEgo(); updateStatus(); requestDraw();
      });
      var cls = s === 'comention' ? 'line faint' : s === 'mixed' ? 'line dashed' : 'line';
      ef.appendChild(el('label', {}, [box, el('span', { class: cls, style: 'border-top-color:' + SIGN_COLOURS[s] }),
        SIGN_NAMES[s] + (s === 'comention' ? '' : ' →'), el('span', { class: 'count', text: fmt(signCounts[s] || 0) })]));
    });
  }

  function allEgo() {
    var out = [];
    for (var i = 0; i < N; i++) if (state.dist[i] >= 0) out.push(i);
    return out;
  }

  function buildLegend() {
    var tf = document.getElementById('type-filters');
    tf.replaceChildren(el('legend', { text: 'Actors' }));
    TYPES.forEach(function (t) {
      var box = el('input', { type: 'checkbox', 'data-type': t });
      box.checked = state.types[t];
      box.addEventListener('change', function () {
        state.types[t] = box.checked; computeEgo(); updateStatus(); refreshPanel(); requestDraw();
      });
      var swatch = state.colourBy === 'type' ? el('span', { class: 'swatch', style: 'background:' + TYPE_COLOURS[t] }) : null;
      tf.appendChild(el('label', {}, [box, swatch,
        TYPE_NAMES[t], el('span', { class: 'count', text: fmt(typeCounts[t] || 0) })]));
    });
    if (state.colourBy !== 'type') {
      var fs = el('div', { class: 'groups' }, [el('strong', { text: 'Colour: ' + state.colourBy })]);
      groupLegend.forEach(function (g) {
        fs.appendChild(el('label', {}, [el('span', { class: 'swatch', style: 'background:' + g[2] }), g[0],
          el('span', { class: 'count', text: fmt(g[1]) })]));
      });
      tf.appendChild(fs);
    }
    tf.appendChild(el('div', { class: 'count', style: 'margin-left:0;padding-left:0', text: 'Size: ' + state.sizeBy.replace(/_/g, ' ') }));
  }

  var statusEl = document.getElementById('status');
  function updateStatus() {
    var shownN = 0, shownE = 0;
    for (var i = 0; i < N; i++) if (nodeShown(i) && inEgo(i)) shownN++;
    for (var e = 0; e < E; e++) if (edgeShown(e) && inEgo(edges[e].s) && inEgo(edges[e].t)) shownE++;
    var parts = [fmt(shownN) + ' of ' + fmt(N) + ' actors', fmt(shownE) + ' of ' + fmt(E) + ' edges'];
    if (state.focus >= 0) parts.push('focus: ' + nodes[state.focus].name + (state.depth2 ? ' (depth 2)' : ' (depth 1)'));
    if (META.first_date) parts.push(META.first_date + ' – ' + (META.last_date || ''));
    parts.push('newsgraph ' + META.version);
    statusEl.textContent = parts.join(' · ');
  }

  // ---------- search ----------
  var search = document.getElementById('search');
  var sugg = document.getElementById('suggestions');
  var matches = [], active = 0;

  function findMatches(q) {
    q = fold(q.trim());
    if (!q) return [];
    var scored = [];
    for (var i = 0; i < N; i++) {
      var keys = searchKeys[i], best = -1;
      for (var k = 0; k < keys.length; k++) {
        var p = keys[k].indexOf(q);
        if (p < 0) continue;
        var score = keys[k] === q ? 3 : p === 0 ? 2 : 1;
        if (k > 0) score -= 0.5;
        if (score > best) best = score;
      }
      if (best >= 0) scored.push([best, i]);
    }
    var pos = new Map();
    rank.forEach(function (i, r) { pos.set(i, r); });
    scored.sort(function (a, b) { return (b[0] - a[0]) || (pos.get(a[1]) - pos.get(b[1])); });
    return scored.slice(0, 12).map(function (s) { return s[1]; });
  }

  function renderSuggestions() {
    sugg.replaceChildren();
    if (!search.value.trim()) { sugg.hidden = true; return; }
    if (!matches.length) {
      sugg.appendChild(el('li', { class: 'none', text: 'No actor matches' }));
    }
    matches.forEach(function (i, j) {
      var li = el('li', { role: 'option', 'aria-selected': j === active ? 'true' : 'false' },
        [el('span', { text: nodes[i].name }), el('span', { class: 'kind', text: TYPE_NAMES[nodes[i].type] })]);
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(i); });
      sugg.appendChild(li);
    });
    sugg.hidden = false;
  }

  function choose(i) {
    search.value = nodes[i].name;
    sugg.hidden = true;
    focusNode(i, true);
  }

  search.addEventListener('input', function () { matches = findMatches(search.value); active = 0; renderSuggestions(); });
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown') { active = Math.min(matches.length - 1, active + 1); renderSuggestions(); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp') { active = Math.max(0, active - 1); renderSuggestions(); ev.preventDefault(); }
    else if (ev.key === 'Enter') { if (matches.length) choose(matches[active]); ev.preventDefault(); }
    else if (ev.key === 'Escape') { sugg.hidden = true; search.blur(); }
  });
  search.addEventListener('blur', function () { sugg.hidden = true; });

  // ---------- pointer ----------
  var drag = null;
  var hoverQueued = false, lastPointer = null;

  function pointerPos(ev) {
    var rect = canvas.getBoundingClientRect();
    return [ev.clientX - rect.left, ev.clientY - rect.top];
  }

  function updateHover() {
    hoverQueued = false;
    if (!lastPointer || drag) return;
    var p = lastPointer;
    var n = nodeAt(p[0], p[1]);
    var e = n < 0 ? edgeAt(p[0], p[1]) : -1;
    if (n !== state.hoverNode || e !== state.hoverEdge) {
      state.hoverNode = n; state.hoverEdge = e;
      canvas.className = n >= 0 || e >= 0 ? 'pointing' : '';
      refreshPanel();
      requestDraw();
    }
  }

  // Two fingers pinch-zoom around their midpoint; one pointer pans or clicks.
  var touches = new Map(), pinch = null;
  function pinchState() {
    var pts = Array.from(touches.values());
    var dx = pts[0][0] - pts[1][0], dy = pts[0][1] - pts[1][1];
    return { d: Math.max(1, Math.sqrt(dx * dx + dy * dy)), mx: (pts[0][0] + pts[1][0]) / 2, my: (pts[0][1] + pts[1][1]) / 2 };
  }
  function endPointer(ev) {
    touches.delete(ev.pointerId);
    if (touches.size < 2 && pinch) {
      pinch = null;
      // Carry on panning with the finger left, from where the view is now.
      var rest = Array.from(touches.entries())[0];
      drag = rest ? { x: rest[1][0], y: rest[1][1], vx: state.view.x, vy: state.view.y, moved: true, id: rest[0] } : null;
    }
  }

  canvas.addEventListener('pointerdown', function (ev) {
    var p = pointerPos(ev);
    touches.set(ev.pointerId, p);
    canvas.setPointerCapture(ev.pointerId);
    if (touches.size === 2) {
      pinch = pinchState();
      if (drag) drag.moved = true; // a pinch is never a click
      return;
    }
    drag = { x: p[0], y: p[1], vx: state.view.x, vy: state.view.y, moved: false, id: ev.pointerId };
  });
  canvas.addEventListener('pointercancel', function (ev) { endPointer(ev); drag = null; });
  canvas.addEventListener('pointermove', function (ev) {
    var p = pointerPos(ev);
    if (touches.has(ev.pointerId)) touches.set(ev.pointerId, p);
    if (pinch && touches.size === 2) {
      var now = pinchState();
      zoomAt(now.mx, now.my, now.d / pinch.d);
      state.view.x -= (now.mx - pinch.mx) / state.view.k;
      state.view.y -= (now.my - pinch.my) / state.view.k;
      pinch = now;
      return;
    }
    if (drag && drag.id !== ev.pointerId) return;
    if (drag) {
      var dx = p[0] - drag.x, dy = p[1] - drag.y;
      if (!drag.moved && dx * dx + dy * dy > 16) { drag.moved = true; canvas.className = 'dragging'; }
      if (drag.moved) {
        anim = null;
        state.view.x = drag.vx - dx / state.view.k;
        state.view.y = drag.vy - dy / state.view.k;
        markMoving();
        requestDraw();
      }
      return;
    }
    lastPointer = p;
    if (!hoverQueued) { hoverQueued = true; requestAnimationFrame(updateHover); }
  });
  canvas.addEventListener('pointerup', function (ev) {
    endPointer(ev);
    if (drag && drag.id !== ev.pointerId) return;
    var d = drag;
    drag = null;
    canvas.className = '';
    if (!d || d.moved) return;
    var p = pointerPos(ev);
    project();
    var n = nodeAt(p[0], p[1]);
    if (n >= 0) { focusNode(n, true); return; }
    var e = edgeAt(p[0], p[1]);
    if (e >= 0) { state.pinnedEdge = e; refreshPanel(); requestDraw(); return; }
    state.pinnedEdge = -1;
    focusNode(-1, false);
  });
  canvas.addEventListener('pointerleave', function () {
    lastPointer = null;
    if (state.hoverNode >= 0 || state.hoverEdge >= 0) {
      state.hoverNode = -1; state.hoverEdge = -1; refreshPanel(); requestDraw();
    }
  });

  function zoomAt(px, py, factor, quiet) {
    var v = state.view;
    var k = Math.max(state.fitK * 0.2, Math.min(state.fitK * 60, v.k * factor));
    var wx = (px - W / 2) / v.k + v.x, wy = (py - H / 2) / v.k + v.y;
    v.k = k;
    v.x = wx - (px - W / 2) / k;
    v.y = wy - (py - H / 2) / k;
    anim = null;
    markMoving();
    if (!quiet) requestDraw();
  }

  canvas.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var p = pointerPos(ev);
    var dy = ev.deltaMode === 1 ? ev.deltaY * 16 : ev.deltaY;
    zoomAt(p[0], p[1], Math.exp(-dy * 0.0015));
  }, { passive: false });

  window.addEventListener('keydown', function (ev) {
    if (ev.target === search) return;
    var step = 80 / state.view.k;
    if (ev.key === '/') { search.focus(); ev.preventDefault(); }
    else if (ev.key === '+' || ev.key === '=') zoomAt(W / 2, H / 2, 1.25);
    else if (ev.key === '-') zoomAt(W / 2, H / 2, 0.8);
    else if (ev.key === 'ArrowLeft') { state.view.x -= step; requestDraw(); }
    else if (ev.key === 'ArrowRight') { state.view.x += step; requestDraw(); }
    else if (ev.key === 'ArrowUp') { state.view.y -= step; requestDraw(); }
    else if (ev.key === 'ArrowDown') { state.view.y += step; requestDraw(); }
    else if (ev.key === 'Escape') { state.pinnedEdge = -1; focusNode(-1, false); }
  });

  window.addEventListener('resize', function () { resize(); requestDraw(); });

  // ---------- start ----------
  recount();
  resize();
  applySize();
  applyColour();
  buildControls();
  var start = fitView(allShown());
  state.view = start;
  state.fitK = start.k;
  updateStatus();
  showDefault();
  draw();
  var firstPaintMs = performance.now() - t0;

  // A small API for tests and for people who script the page from the console.
  window.newsgraph = {
    ready: true,
    firstPaintMs: firstPaintMs,
    nodeCount: N,
    edgeCount: E,
    state: state,
    lastFrameMs: function () { return stats.lastMs; },
    screenOf: function (id) {
      for (var i = 0; i < N; i++) if (nodes[i].id === id) { project(); return { x: sx[i], y: sy[i], r: sr[i] }; }
      return null;
    },
    edgeMidpoint: function (e) {
      project();
      var ed = edges[e];
      if (ed.kind !== 'stance') return { x: (sx[ed.s] + sx[ed.t]) / 2, y: (sy[ed.s] + sy[ed.t]) / 2 };
      var c = control(ed.s, ed.t);
      return { x: 0.25 * sx[ed.s] + 0.5 * c[0] + 0.25 * sx[ed.t], y: 0.25 * sy[ed.s] + 0.5 * c[1] + 0.25 * sy[ed.t] };
    },
    focus: function (id) {
      for (var i = 0; i < N; i++) if (nodes[i].id === id) { focusNode(i, false); return true; }
      return false;
    },
    // Zooms in and out around the centre, drawing synchronously; returns frame times in ms.
    // Zooms in then out for `frames` animation frames, drawing in each; resolves to the
    // time between frames (ms, drawing and rasterising included). `full` forces the
    // full-quality frames a still view gets instead of the lighter moving ones.
    bench: function (frames, full) {
      var saved = { x: state.view.x, y: state.view.y, k: state.view.k };
      return new Promise(function (resolve) {
        var times = [], last = -1, f = 0;
        function step(now) {
          if (last >= 0) times.push(now - last);
          last = now;
          if (f >= frames) {
            state.view = saved;
            moving = false;
            draw();
            times.sort(function (a, b) { return a - b; });
            var n = times.length || 1;
            var sum = times.reduce(function (a, b) { return a + b; }, 0);
            var r1 = function (v) { return Math.round(v * 10) / 10; };
            resolve({ frames: times.length, mean: r1(sum / n), median: r1(times[Math.floor(n / 2)] || 0),
              p95: r1(times[Math.floor(n * 0.95)] || 0), max: r1(times[n - 1] || 0) });
            return;
          }
          zoomAt(W / 2 + 100, H / 2 + 50, f < frames / 2 ? 1.06 : 1 / 1.06, true);
          if (full) moving = false;
          draw();
          f++;
          requestAnimationFrame(step);
        }
        requestAnimationFrame(step);
      });
    },
  };
  document.body.setAttribute('data-ready', '1');
})();
