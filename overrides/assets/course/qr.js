/* QR Code (ISO/IEC 18004) of a short text, drawn into a <canvas>. Loaded only when a participant
   asks for the QR code of the progress code on the "My progress" page (see course.js).
   Alphanumeric mode for a text of its 45 characters (0-9 A-Z space $ % * + - . / :, which progress
   codes are written in: 5.5 bits a character), byte mode (UTF-8, no ECI) for any other; error
   correction level M at the smallest version 1-40 that holds the text (phone cameras read it more
   surely than L), L only for a text too long for 40-M; the mask of lowest penalty among all 8.
     CB_QR.encode(text) -> { version, level: "L"|"M", mode: "alphanumeric"|"byte", mask, penalty,
                             modules: rows of booleans (true = dark) }
     CB_QR.matrix(text) -> the rows, with .version, .level and .mask on the array
     CB_QR.draw(canvas, text[, scale]) draws it, quiet zone of 4 modules, black on white
     CB_QR.penalty(rows) -> the mask penalty score of a finished symbol
   Throws a RangeError for more than 2,953 bytes or 4,296 alphanumeric characters (version 40-L). */
(function () {
  "use strict";

  /* Per version 1-40 (index 0 unused): error correction codewords per block and number of blocks
     (ISO/IEC 18004 Table 9), for levels L and M. */
  var LEVELS = {
    L: { bits: 1, ecc: [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30,
      26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    blocks: [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18,
      19, 19, 20, 21, 22, 24, 25] },
    M: { bits: 0, ecc: [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28,
      28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
    blocks: [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29,
      31, 33, 35, 37, 38, 40, 43, 45, 47, 49] }
  };

  /* GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1. */
  var EXP = [], LOG = [];
  (function () {
    for (var i = 0, x = 1; i < 255; i++) { EXP[i] = x; LOG[x] = i; x <<= 1; if (x & 256) x ^= 0x11d; }
    for (i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
  })();
  function mul(a, b) { return a && b ? EXP[LOG[a] + LOG[b]] : 0; }

  // Generator polynomial prod (x - a^i), i < n, highest coefficient (1) omitted.
  function generator(n) {
    var g = [1];
    for (var i = 0; i < n; i++) {
      var next = [];
      for (var j = 0; j <= g.length; j++) next[j] = (j < g.length ? g[j] : 0) ^ (j ? mul(g[j - 1], EXP[i]) : 0);
      g = next;
    }
    return g.slice(1);
  }
  function remainder(data, gen) {
    var r = gen.map(function () { return 0; });
    data.forEach(function (b) {
      var f = b ^ r.shift();
      r.push(0);
      for (var i = 0; i < gen.length; i++) r[i] ^= mul(gen[i], f);
    });
    return r;
  }

  function sizeOf(v) { return 4 * v + 17; }
  // Centres of the alignment patterns along one axis (Annex E).
  function alignment(v) {
    if (v === 1) return [];
    var n = Math.floor(v / 7) + 2, last = sizeOf(v) - 7;
    var step = v === 32 ? 26 : Math.ceil((last - 6) / (n - 1) / 2) * 2, out = [6];
    for (var i = n - 2; i >= 0; i--) out.push(last - i * step);
    return out;
  }
  // Modules left for data and error correction once the function patterns are placed.
  function rawCodewords(v) {
    var size = sizeOf(v), n = v === 1 ? 0 : Math.floor(v / 7) + 2;
    var bits = size * size - 3 * 64 - 2 * (size - 16) - 31 - (v >= 7 ? 36 : 0);
    if (n) bits -= 25 * (n * n - 3) - 10 * (n - 2);  // alignment patterns, less their overlap with timing
    return bits >> 3;
  }
  function dataCodewords(v, level) { return rawCodewords(v) - LEVELS[level].ecc[v] * LEVELS[level].blocks[v]; }

  function utf8(text) {
    var s = unescape(encodeURIComponent(text)), out = [];
    for (var i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
    return out;
  }

  var ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  function alphanumeric(text) {
    for (var i = 0; i < text.length; i++) if (ALNUM.indexOf(text.charAt(i)) < 0) return false;
    return true;
  }
  // The text as a segment: mode indicator, the character count's width per version range (1-9,
  // 10-26, 27-40) and the data bits.
  function segment(text) {
    var bits = [];
    function put(value, n) { for (var i = n - 1; i >= 0; i--) bits.push((value >>> i) & 1); }
    if (alphanumeric(text)) {
      for (var i = 0; i < text.length; i += 2) {
        if (i + 1 < text.length) put(45 * ALNUM.indexOf(text.charAt(i)) + ALNUM.indexOf(text.charAt(i + 1)), 11);
        else put(ALNUM.indexOf(text.charAt(i)), 6);
      }
      return { mode: "alphanumeric", indicator: 2, count: text.length, widths: [9, 11, 13], bits: bits };
    }
    var bytes = utf8(text);
    bytes.forEach(function (b) { put(b, 8); });
    return { mode: "byte", indicator: 4, count: bytes.length, widths: [8, 16, 16], bits: bits };
  }
  function countWidth(seg, v) { return seg.widths[v < 10 ? 0 : v < 27 ? 1 : 2]; }
  function fits(seg, v, level) { return 4 + countWidth(seg, v) + seg.bits.length <= dataCodewords(v, level) * 8; }

  // Mode indicator, character count, data, terminator, pad codewords.
  function codewords(seg, v, level) {
    var bits = [], cap = dataCodewords(v, level) * 8;
    function put(value, n) { for (var i = n - 1; i >= 0; i--) bits.push((value >>> i) & 1); }
    put(seg.indicator, 4); put(seg.count, countWidth(seg, v));
    bits = bits.concat(seg.bits);
    put(0, Math.min(4, cap - bits.length));
    put(0, (8 - bits.length % 8) % 8);
    for (var pad = 0xec; bits.length < cap; pad ^= 0xec ^ 0x11) put(pad, 8);
    var out = [];
    for (var i = 0; i < bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8).join(""), 2));
    return out;
  }

  // Split into blocks, add Reed-Solomon codewords, interleave.
  function interleave(data, v, level) {
    var nb = LEVELS[level].blocks[v], ne = LEVELS[level].ecc[v], raw = rawCodewords(v);
    var shortLen = Math.floor(raw / nb) - ne, longFrom = nb - raw % nb, gen = generator(ne);
    var blocks = [], eccs = [], at = 0, out = [], i, b;
    for (b = 0; b < nb; b++) {
      var len = shortLen + (b >= longFrom ? 1 : 0);
      blocks.push(data.slice(at, at + len)); at += len;
      eccs.push(remainder(blocks[b], gen));
    }
    for (i = 0; i <= shortLen; i++) for (b = 0; b < nb; b++) if (i < blocks[b].length) out.push(blocks[b][i]);
    for (i = 0; i < ne; i++) for (b = 0; b < nb; b++) out.push(eccs[b][i]);
    return out;
  }

  // BCH code of the format (5 bits, generator 0x537) and version (6 bits, generator 0x1f25) information.
  function bch(value, bits, poly) {
    var r = value << bits;
    for (var i = 30; i >= bits; i--) if ((r >>> i) & 1) r ^= poly << (i - bits);
    return (value << bits) | r;
  }

  var MASKS = [
    function (i, j) { return (i + j) % 2 === 0; },
    function (i) { return i % 2 === 0; },
    function (i, j) { return j % 3 === 0; },
    function (i, j) { return (i + j) % 3 === 0; },
    function (i, j) { return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0; },
    function (i, j) { return (i * j) % 2 + (i * j) % 3 === 0; },
    function (i, j) { return ((i * j) % 2 + (i * j) % 3) % 2 === 0; },
    function (i, j) { return ((i + j) % 2 + (i * j) % 3) % 2 === 0; }
  ];

  function grid(size, value) {
    var g = [];
    for (var i = 0; i < size; i++) { g.push([]); for (var j = 0; j < size; j++) g[i].push(value); }
    return g;
  }

  // The symbol without data and mask: function patterns set, format and version areas reserved.
  function Layout(v) {
    var size = sizeOf(v), m = grid(size, false), fn = grid(size, false);
    function set(i, j, dark) { m[i][j] = dark; fn[i][j] = true; }
    [[0, 0], [0, size - 7], [size - 7, 0]].forEach(function (p) {
      for (var di = -1; di <= 7; di++) for (var dj = -1; dj <= 7; dj++) {
        var i = p[0] + di, j = p[1] + dj;
        if (i < 0 || j < 0 || i >= size || j >= size) continue;
        var ring = Math.max(Math.abs(di - 3), Math.abs(dj - 3));  // 0-1 centre, 2 light, 3 dark, 4 separator
        set(i, j, ring !== 2 && ring !== 4);
      }
    });
    var k, centres = alignment(v);
    for (k = 0; k < 9; k++) { set(8, k, false); set(k, 8, false); }  // format information, filled in by masked()
    for (k = 0; k < 8; k++) { set(8, size - 1 - k, false); set(size - 1 - k, 8, false); }
    if (v >= 7) for (k = 0; k < 18; k++) { set(size - 11 + k % 3, Math.floor(k / 3), false); set(Math.floor(k / 3), size - 11 + k % 3, false); }
    centres.forEach(function (ci) {
      centres.forEach(function (cj) {
        if (fn[ci][cj]) return;  // overlaps a finder pattern
        for (var di = -2; di <= 2; di++) for (var dj = -2; dj <= 2; dj++) {
          set(ci + di, cj + dj, Math.max(Math.abs(di), Math.abs(dj)) !== 1);
        }
      });
    });
    for (k = 8; k < size - 8; k++) { set(6, k, k % 2 === 0); set(k, 6, k % 2 === 0); }
    set(size - 8, 8, true);  // the dark module
    this.v = v; this.size = size; this.m = m; this.fn = fn;
  }
  // Data bits in the two-module-wide zigzag from the bottom right corner, skipping the timing column.
  Layout.prototype.place = function (cw) {
    var size = this.size, n = 0, total = cw.length * 8;
    for (var right = size - 1, up = true; right > 0; right -= 2, up = !up) {
      if (right === 6) right = 5;
      for (var step = 0; step < size; step++) {
        var i = up ? size - 1 - step : step;
        for (var j = right; j > right - 2; j--) {
          if (this.fn[i][j]) continue;
          this.m[i][j] = n < total && ((cw[n >> 3] >>> (7 - (n & 7))) & 1) === 1;
          n++;
        }
      }
    }
  };
  // A copy with mask k applied to the data modules and the matching format and version information.
  Layout.prototype.masked = function (k, level) {
    var size = this.size, fn = this.fn, f = MASKS[k];
    var m = this.m.map(function (row, i) { return row.map(function (d, j) { return fn[i][j] ? d : d !== f(i, j); }); });
    var format = bch((LEVELS[level].bits << 3) | k, 10, 0x537) ^ 0x5412;
    for (var b = 0; b < 15; b++) {
      var dark = ((format >>> b) & 1) === 1;
      // Around the top left finder: bits 0-7 up column 8, bits 8-14 leftwards along row 8.
      if (b < 8) m[b < 6 ? b : b + 1][8] = dark; else m[8][b < 9 ? 7 : 14 - b] = dark;
      // Split copy: bits 0-7 along row 8 from the right edge, bits 8-14 down column 8 at the bottom.
      if (b < 8) m[8][size - 1 - b] = dark; else m[size - 15 + b][8] = dark;
    }
    if (this.v >= 7) {
      var version = bch(this.v, 12, 0x1f25);
      for (b = 0; b < 18; b++) {
        var on = ((version >>> b) & 1) === 1, a = size - 11 + b % 3, c = Math.floor(b / 3);
        m[a][c] = on; m[c][a] = on;
      }
    }
    return m;
  };

  /* Penalty of a finished symbol (ISO/IEC 18004 7.8.3.1): N1 = 3 for a run of 5 same-coloured
     modules in a row or column, +1 per extra module; N2 = 3 per 2x2 same-coloured block; N3 = 40 per
     1:1:3:1:1 dark/light pattern with 4 light modules before or after it (outside the symbol counts
     as light); N4 = 10 per full 5 % that the share of dark modules departs from 50 %. */
  function penalty(m) {
    var size = m.length, score = 0, dark = 0, i, j;
    function line(get) {
      var run = 0, s = 0, k;
      for (k = 0; k < size; k++) {
        run = k && get(k) === get(k - 1) ? run + 1 : 1;
        if (k === size - 1 || get(k + 1) !== get(k)) { if (run >= 5) s += run - 2; }
      }
      function light(from, to) { for (var x = Math.max(from, 0); x < Math.min(to, size); x++) if (get(x)) return false; return true; }
      for (k = 0; k + 7 <= size; k++) {
        if (!(get(k) && !get(k + 1) && get(k + 2) && get(k + 3) && get(k + 4) && !get(k + 5) && get(k + 6))) continue;
        if (light(k - 4, k) || light(k + 7, k + 11)) { s += 40; k += 6; }  // the next match starts past this one
      }
      return s;
    }
    for (i = 0; i < size; i++) {
      score += line(function (k) { return m[i][k]; }) + line(function (k) { return m[k][i]; });
      for (j = 0; j < size; j++) {
        if (m[i][j]) dark++;
        if (i && j && m[i][j] === m[i - 1][j] && m[i][j] === m[i][j - 1] && m[i][j] === m[i - 1][j - 1]) score += 3;
      }
    }
    return score + 10 * Math.floor(Math.abs(20 * dark - 10 * size * size) / (size * size));
  }

  function encode(text) {
    var seg = segment(text), v = 1, level = "M";
    while (v <= 40 && !fits(seg, v, "M")) v++;
    if (v > 40) {
      level = "L";
      for (v = 1; v <= 40 && !fits(seg, v, "L"); v++) { /* the smallest version at L */ }
    }
    if (v > 40) throw new RangeError("Text too long for a QR code");
    var sym = new Layout(v), best = null;
    sym.place(interleave(codewords(seg, v, level), v, level));
    for (var k = 0; k < 8; k++) {
      var m = sym.masked(k, level), p = penalty(m);
      if (!best || p < best.penalty) best = { version: v, level: level, mode: seg.mode, mask: k, penalty: p, modules: m };
    }
    return best;
  }

  function matrix(text) {
    var e = encode(text), rows = e.modules;
    rows.version = e.version; rows.level = e.level; rows.mask = e.mask; rows.mode = e.mode;
    return rows;
  }

  // Whole pixels per module (at least 3), about 320 px wide when that allows.
  function draw(canvas, text, scale) {
    var rows = matrix(text), n = rows.length + 8;
    scale = Math.max(3, Math.floor(scale || 320 / n));
    canvas.width = canvas.height = n * scale;
    var g = canvas.getContext("2d");
    g.fillStyle = "#fff"; g.fillRect(0, 0, n * scale, n * scale);
    g.fillStyle = "#000";
    rows.forEach(function (row, i) {
      row.forEach(function (d, j) { if (d) g.fillRect((j + 4) * scale, (i + 4) * scale, scale, scale); });
    });
    canvas.style.maxWidth = "100%"; canvas.style.imageRendering = "pixelated";
    return rows;
  }

  window.CB_QR = { encode: encode, matrix: matrix, draw: draw, penalty: penalty };
})();
