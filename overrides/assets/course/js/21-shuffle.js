/* ---- seeded shuffles: options and assessment draws ----
   sort(() => Math.random() - 0.5) favours some orders; a Fisher–Yates shuffle driven by a seeded
   generator gives every order the same chance, and the same seed (a participant's record seed with
   a question or an attempt) always gives the same order, so a page reload never reorders a question. */
function seeded(text) {  // mulberry32, seeded with the FNV-1a hash of `text`: numbers in [0, 1)
  var a = hash(String(text));
  return function () {
    a = (a + 0x6D2B79F5) | 0;
    var t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffled(list, seed) {
  var out = list.slice(), rand = seeded(seed);
  for (var i = out.length - 1; i > 0; i--) {
    var j = Math.floor(rand() * (i + 1)), x = out[i];
    out[i] = out[j]; out[j] = x;
  }
  return out;
}
// An assessment attempt: `count` questions from `pools` ({name: [ids in page order]}), the ones this
// participant has seen least first (`seen`: id -> times drawn before), spread over the pools: each
// slot goes to the pool whose next question was seen least, then to the pool that gave least so far
// in this attempt, then by lot. Returns ids in the order they are shown.
function drawQuestions(pools, count, seen, seed) {
  var names = shuffled(Object.keys(pools), seed + ":pools"), queues = {}, taken = {}, out = [];
  names.forEach(function (n) {
    var ids = shuffled(pools[n], seed + ":" + n);  // ties among equally seen questions: by lot
    queues[n] = ids.map(function (id, i) { return [seen[id] || 0, i, id]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; }).map(function (x) { return x[2]; });
    taken[n] = 0;
  });
  while (out.length < count) {
    var best = null;
    names.forEach(function (n) {
      if (!queues[n].length) return;
      var key = [seen[queues[n][0]] || 0, taken[n]];
      if (!best || key[0] < best[1][0] || (key[0] === best[1][0] && key[1] < best[1][1])) best = [n, key];
    });
    if (!best) break;
    out.push(queues[best[0]].shift());
    taken[best[0]]++;
  }
  return shuffled(out, seed + ":order");
}
