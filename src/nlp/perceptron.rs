//! The sequence-labelling engine: an averaged structured perceptron over hashed sparse
//! features with first-order Viterbi decoding under the scheme's transition constraints.
//!
//! Training keeps exact integer weights (so runs are bit-for-bit reproducible); the
//! shipped model keeps only non-zero averaged weights, quantised to `i16`, in an
//! open-addressing table keyed by the feature hash.

use super::hashing::FxHashMap;

/// Score of a forbidden transition; far below any reachable path score.
pub const FORBIDDEN: i32 = i32::MIN / 4;

/// Features of a sentence: the keys of token `t` are `keys[offsets[t]..offsets[t + 1]]`.
#[derive(Clone, Debug, Default)]
pub struct SentenceFeatures<K> {
    pub keys: Vec<K>,
    pub offsets: Vec<u32>,
}

impl<K: Copy> SentenceFeatures<K> {
    pub fn clear(&mut self) {
        self.keys.clear();
        self.offsets.clear();
        self.offsets.push(0);
    }
    /// Closes the current token's feature list.
    pub fn end_token(&mut self) {
        self.offsets.push(self.keys.len() as u32);
    }
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn token(&self, t: usize) -> &[K] {
        &self.keys[self.offsets[t] as usize..self.offsets[t + 1] as usize]
    }
}

/// Reusable buffers for [`viterbi`].
#[derive(Default, Debug, Clone)]
pub struct ViterbiScratch {
    delta: Vec<i32>,
    next: Vec<i32>,
    back: Vec<u16>,
    scores: Vec<i32>,
    trans_t: Vec<i32>,
    cand: Vec<u16>,
    args: Vec<u32>,
}

/// Best label sequence given emission scores (`tokens x n`), transition scores
/// (`(n + 1) x n`, the last row being the sentence start) and end scores.
pub fn viterbi(
    n: usize,
    emit: &[i32],
    trans: &[i32],
    end: &[i32],
    s: &mut ViterbiScratch,
    out: &mut Vec<u16>,
) {
    out.clear();
    let tokens = emit.len() / n.max(1);
    if tokens == 0 || n == 0 || trans.len() < (n + 1) * n || end.len() < n {
        return;
    }
    // Transposed transitions make the inner loop contiguous (and vectorisable).
    s.trans_t.clear();
    s.trans_t.resize(n * n, 0);
    for p in 0..n {
        for c in 0..n {
            s.trans_t[c * n + p] = trans[p * n + c];
        }
    }
    s.delta.clear();
    s.back.clear();
    s.back.resize(tokens * n, 0);
    let start = &trans[n * n..];
    s.delta
        .extend((0..n).map(|c| start[c].saturating_add(emit[c]).max(FORBIDDEN)));
    s.scores.resize(n, 0);
    for t in 1..tokens {
        s.next.clear();
        let e = &emit[t * n..(t + 1) * n];
        for (c, &ec) in e.iter().enumerate() {
            let col = &s.trans_t[c * n..(c + 1) * n];
            let mut best = i32::MIN;
            for ((v, &d), &tr) in s.scores.iter_mut().zip(&s.delta).zip(col) {
                *v = d + tr;
                best = best.max(*v);
            }
            let arg = s.scores.iter().position(|&v| v == best).unwrap_or(0);
            s.back[t * n + c] = arg as u16;
            s.next.push(best.saturating_add(ec));
        }
        // Renormalise so long sentences never overflow.
        let top = s.next.iter().copied().max().unwrap_or(0);
        for (d, &v) in s.delta.iter_mut().zip(&s.next) {
            *d = (v - top).max(FORBIDDEN);
        }
    }
    let mut best = i32::MIN;
    let mut arg = 0usize;
    for (c, (&d, &e)) in s.delta.iter().zip(end).enumerate() {
        let v = d + e;
        if v > best {
            best = v;
            arg = c;
        }
    }
    out.resize(tokens, 0);
    out[tokens - 1] = arg as u16;
    for t in (1..tokens).rev() {
        arg = s.back[t * n + arg] as usize;
        out[t - 1] = arg as u16;
    }
}

/// Exact Viterbi under transition constraints: `preds[c]` lists the labels that may
/// precede `c`; every other transition is never taken. Labels without a listed
/// predecessor are never chosen after the first token.
///
/// Illegal transitions are replaced by a score so low that no path through them can win,
/// and each token's best predecessors are found for all labels at once (the inner loop
/// runs over the current labels and vectorises). Ties go to the lowest predecessor, so
/// the result is that of visiting only the listed predecessors in ascending order.
pub fn viterbi_sparse(
    n: usize,
    emit: &[i32],
    trans: &[i32],
    end: &[i32],
    preds: &[Vec<u16>],
    s: &mut ViterbiScratch,
    out: &mut Vec<u16>,
) {
    out.clear();
    let tokens = emit.len() / n.max(1);
    if tokens == 0 || n == 0 || trans.len() < (n + 1) * n || end.len() < n || preds.len() < n {
        return;
    }
    // Legal scores are at least FORBIDDEN + i16::MIN (deltas are clamped at FORBIDDEN);
    // masked ones at most max(delta) + MASKED, far below that for any realistic delta.
    const MASKED: i32 = FORBIDDEN * 2;
    // Current labels in groups of LANES (the last one padded with masked labels); for
    // each group, each predecessor's LANES transition scores are contiguous.
    let groups = n.div_ceil(LANES);
    let stride = groups * LANES;
    s.trans_t.clear();
    s.trans_t.resize(groups * n * LANES, MASKED);
    for (c, ps) in preds.iter().take(n).enumerate() {
        let (g, l) = (c / LANES, c % LANES);
        for &p in ps {
            if let Some(x) = s.trans_t.get_mut((g * n + p as usize) * LANES + l) {
                *x = trans[p as usize * n + c];
            }
        }
    }
    s.delta.clear();
    s.back.clear();
    s.back.resize(tokens * n, 0);
    let start = &trans[n * n..];
    s.delta
        .extend((0..n).map(|c| start[c].saturating_add(emit[c]).max(FORBIDDEN)));
    s.scores.resize(stride, 0);
    s.args.resize(stride, 0);
    s.next.clear();
    s.next.resize(n, 0);
    let orphans = preds.iter().take(n).any(|p| p.is_empty());
    for t in 1..tokens {
        best_predecessors(&s.delta, &s.trans_t, &mut s.scores, &mut s.args);
        let e = &emit[t * n..(t + 1) * n];
        let back = &mut s.back[t * n..(t + 1) * n];
        let found = s.scores.iter().zip(&s.args);
        for (((next, back), &ec), (&best, &arg)) in s.next.iter_mut().zip(back).zip(e).zip(found) {
            *next = best.saturating_add(ec);
            *back = arg as u16;
        }
        // Labels nobody may precede (none in BIO or BILOU).
        for (c, ps) in preds.iter().take(n).enumerate().filter(|_| orphans) {
            if ps.is_empty() {
                s.next[c] = (FORBIDDEN * 2).saturating_add(e[c]);
                s.back[t * n + c] = 0;
            }
        }
        let top = s.next.iter().copied().fold(i32::MIN, i32::max);
        for (d, &v) in s.delta.iter_mut().zip(&s.next) {
            *d = (v - top).max(FORBIDDEN);
        }
    }
    let mut best = i32::MIN;
    let mut arg = 0usize;
    for (c, (&d, &e)) in s.delta.iter().zip(end).enumerate() {
        let v = d + e;
        if v > best {
            best = v;
            arg = c;
        }
    }
    out.resize(tokens, 0);
    out[tokens - 1] = arg as u16;
    for t in (1..tokens).rev() {
        arg = s.back[t * n + arg] as usize;
        out[t - 1] = arg as u16;
    }
}

/// Labels handled together by [`best_predecessors`] (eight 32-bit lanes: one AVX2 vector).
const LANES: usize = 8;

/// For every label `c`: the best `delta[p] + trans(p, c)` over `p` and the first `p`
/// reaching it, where `trans(p, c)` is `trans[((c / LANES) * delta.len() + p) * LANES + c
/// % LANES]`; `best` and `arg` hold whole groups of [`LANES`] labels.
fn best_predecessors(delta: &[i32], trans: &[i32], best: &mut [i32], arg: &mut [u32]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked just above.
        unsafe { best_predecessors_avx2(delta, trans, best, arg) };
        return;
    }
    best_predecessors_portable(delta, trans, best, arg);
}

/// The same code compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn best_predecessors_avx2(delta: &[i32], trans: &[i32], best: &mut [i32], arg: &mut [u32]) {
    best_predecessors_portable(delta, trans, best, arg);
}

#[inline(always)]
fn best_predecessors_portable(delta: &[i32], trans: &[i32], best: &mut [i32], arg: &mut [u32]) {
    let n = delta.len();
    if n == 0 {
        return;
    }
    let groups = best
        .chunks_exact_mut(LANES)
        .zip(arg.chunks_exact_mut(LANES))
        .zip(trans.chunks_exact(n * LANES));
    for ((best, arg), trans) in groups {
        // Accumulate in registers: one vector of scores and one of arguments per group.
        let mut b = [i32::MIN; LANES];
        let mut a = [0u32; LANES];
        for (p, (&d, tr)) in delta.iter().zip(trans.chunks_exact(LANES)).enumerate() {
            let mut t = [0i32; LANES];
            t.copy_from_slice(tr);
            let p = p as u32;
            for l in 0..LANES {
                let v = d + t[l];
                let gt = v > b[l];
                b[l] = if gt { v } else { b[l] };
                a[l] = if gt { p } else { a[l] };
            }
        }
        best.copy_from_slice(&b);
        arg.copy_from_slice(&a);
    }
}

/// Viterbi restricted to each token's `k` best labels by emission score: `k * k` work per
/// token instead of `n * n`, for large tag sets (POS). Falls back to full [`viterbi`]
/// when the restriction leaves no legal path.
pub fn viterbi_pruned(
    n: usize,
    k: usize,
    emit: &[i32],
    trans: &[i32],
    end: &[i32],
    s: &mut ViterbiScratch,
    out: &mut Vec<u16>,
) {
    out.clear();
    let tokens = emit.len() / n.max(1);
    let k = k.min(n);
    if tokens == 0 || n == 0 || trans.len() < (n + 1) * n || end.len() < n {
        return;
    }
    if k == 0 {
        viterbi(n, emit, trans, end, s, out);
        return;
    }
    // Candidates: the k best labels of each token, kept in `s.cand` (tokens x k).
    s.cand.clear();
    s.cand.resize(tokens * k, 0);
    s.scores.clear();
    s.scores.resize(k, 0);
    for (e, row) in emit.chunks_exact(n).zip(s.cand.chunks_exact_mut(k)) {
        top_labels(e, row, &mut s.scores);
    }
    s.delta.clear();
    s.back.clear();
    s.back.resize(tokens * k, 0);
    let start = &trans[n * n..];
    for j in 0..k {
        let c = s.cand[j] as usize;
        s.delta
            .push(start[c].saturating_add(emit[c]).max(FORBIDDEN));
    }
    for t in 1..tokens {
        s.next.clear();
        let prev = &s.cand[(t - 1) * k..t * k];
        let e = &emit[t * n..(t + 1) * n];
        for (&c, back) in s.cand[t * k..(t + 1) * k]
            .iter()
            .zip(&mut s.back[t * k..(t + 1) * k])
        {
            let c = c as usize;
            let mut best = i32::MIN;
            let mut arg = 0u16;
            for (i, (&d, &p)) in s.delta.iter().zip(prev).enumerate() {
                let v = d + trans[p as usize * n + c];
                if v > best {
                    best = v;
                    arg = i as u16;
                }
            }
            *back = arg;
            s.next.push(best.saturating_add(e[c]));
        }
        let top = s.next.iter().copied().max().unwrap_or(0);
        for (d, &v) in s.delta.iter_mut().zip(&s.next) {
            *d = (v - top).max(FORBIDDEN);
        }
    }
    let mut best = i32::MIN;
    let mut arg = 0usize;
    for (j, &d) in s.delta.iter().enumerate() {
        let v = d + end[s.cand[(tokens - 1) * k + j] as usize];
        if v > best {
            best = v;
            arg = j;
        }
    }
    if best <= FORBIDDEN / 2 {
        viterbi(n, emit, trans, end, s, out);
        return;
    }
    out.resize(tokens, 0);
    out[tokens - 1] = s.cand[(tokens - 1) * k + arg];
    for t in (1..tokens).rev() {
        arg = s.back[t * k + arg] as usize;
        out[t - 1] = s.cand[(t - 1) * k + arg];
    }
}

/// Fills `row` (k slots) with the labels of the k best scores in `e`: start from labels
/// `0..k`; each later label that beats the weakest candidate (the first lowest-scoring
/// slot) takes its slot. `vals` (k long) is scratch for the candidates' scores.
fn top_labels(e: &[i32], row: &mut [u16], vals: &mut [i32]) {
    const W: usize = 8;
    let k = row.len().min(vals.len()).min(e.len());
    if k > W {
        return top_labels_any(e, &mut row[..k], &mut vals[..k]);
    }
    // Up to W candidates in fixed-size arrays; unused slots can never be the weakest.
    let mut v = [i32::MAX; W];
    let mut r = [0u16; W];
    for j in 0..k {
        v[j] = e[j];
        r[j] = j as u16;
    }
    let weakest = |v: &[i32; W]| {
        let min = v.iter().copied().fold(i32::MAX, i32::min);
        let mut mask = 0u32;
        for (j, &x) in v.iter().enumerate() {
            mask |= u32::from(x == min) << j;
        }
        (mask.trailing_zeros() as usize & (W - 1), min)
    };
    let (mut wj, mut wv) = weakest(&v);
    for (l, &x) in e.iter().enumerate().skip(k) {
        if x > wv {
            r[wj] = l as u16;
            v[wj] = x;
            (wj, wv) = weakest(&v);
        }
    }
    row[..k].copy_from_slice(&r[..k]);
}

/// [`top_labels`] for any k.
fn top_labels_any(e: &[i32], row: &mut [u16], vals: &mut [i32]) {
    for (j, (r, v)) in row.iter_mut().zip(vals.iter_mut()).enumerate() {
        *r = j as u16;
        *v = e[j];
    }
    let weakest = |vals: &[i32]| {
        let mut wj = 0;
        for (j, &v) in vals.iter().enumerate() {
            if v < vals[wj] {
                wj = j;
            }
        }
        (wj, vals.get(wj).copied().unwrap_or(i32::MIN))
    };
    let (mut wj, mut wv) = weakest(vals);
    for (l, &v) in e.iter().enumerate().skip(row.len()) {
        if v > wv {
            row[wj] = l as u16;
            vals[wj] = v;
            (wj, wv) = weakest(vals);
        }
    }
}

/// For each label, the labels that may precede it, ascending (`allowed` is `n x n`,
/// previous label major).
pub fn predecessors(allowed: &[bool], n: usize) -> Vec<Vec<u16>> {
    (0..n)
        .map(|c| {
            (0..n)
                .filter(|&p| allowed[p * n + c])
                .map(|p| p as u16)
                .collect()
        })
        .collect()
}

/// Transition and end penalties from a scheme's legality tables.
pub fn constraint_scores(allowed: &[bool], end_ok: &[bool]) -> (Vec<i32>, Vec<i32>) {
    let t = allowed
        .iter()
        .map(|&a| if a { 0 } else { FORBIDDEN })
        .collect();
    let e = end_ok
        .iter()
        .map(|&a| if a { 0 } else { FORBIDDEN })
        .collect();
    (t, e)
}

/// Averaged-perceptron training state over interned feature ids.
pub struct Trainer {
    n: usize,
    w: Vec<i32>,
    u: Vec<i64>,
    tw: Vec<i32>,
    tu: Vec<i64>,
    c: i64,
    penalty: Vec<i32>,
    end: Vec<i32>,
    scratch: ViterbiScratch,
    emit: Vec<i32>,
    trans: Vec<i32>,
}

impl Trainer {
    pub fn new(n_labels: usize, allowed: &[bool], end_ok: &[bool]) -> Trainer {
        let (penalty, end) = constraint_scores(allowed, end_ok);
        Trainer {
            n: n_labels,
            w: Vec::new(),
            u: Vec::new(),
            tw: vec![0; (n_labels + 1) * n_labels],
            tu: vec![0; (n_labels + 1) * n_labels],
            c: 1,
            penalty,
            end,
            scratch: ViterbiScratch::default(),
            emit: Vec::new(),
            trans: Vec::new(),
        }
    }

    fn ensure(&mut self, id: u32) {
        let need = (id as usize + 1) * self.n;
        if self.w.len() < need {
            let grow = need.max(self.w.len() * 3 / 2);
            self.w.resize(grow, 0);
            self.u.resize(grow, 0);
        }
    }

    /// Current (not averaged) prediction for a sentence.
    pub fn predict(&mut self, f: &SentenceFeatures<u32>, out: &mut Vec<u16>) {
        let n = self.n;
        self.emit.clear();
        self.emit.resize(f.len() * n, 0);
        for t in 0..f.len() {
            let row = &mut self.emit[t * n..(t + 1) * n];
            for &id in f.token(t) {
                let base = id as usize * n;
                if let Some(ws) = self.w.get(base..base + n) {
                    for (r, w) in row.iter_mut().zip(ws) {
                        *r += w;
                    }
                }
            }
        }
        self.trans.clear();
        self.trans.extend(
            self.tw
                .iter()
                .zip(&self.penalty)
                .map(|(w, p)| w.saturating_add(*p)),
        );
        viterbi(
            n,
            &self.emit,
            &self.trans,
            &self.end,
            &mut self.scratch,
            out,
        );
    }

    /// Predicts, updates towards `gold` if the prediction differs, returns the prediction.
    pub fn learn(&mut self, f: &SentenceFeatures<u32>, gold: &[u16], pred: &mut Vec<u16>) {
        self.predict(f, pred);
        let n = self.n;
        if pred.as_slice() != gold {
            let c = self.c;
            for t in 0..gold.len() {
                let (g, p) = (gold[t] as usize, pred[t] as usize);
                if g != p {
                    for k in f.offsets[t] as usize..f.offsets[t + 1] as usize {
                        let id = f.keys[k];
                        self.ensure(id);
                        let base = id as usize * n;
                        self.w[base + g] += 1;
                        self.u[base + g] += c;
                        self.w[base + p] -= 1;
                        self.u[base + p] -= c;
                    }
                }
                let (gp, pp) = if t == 0 {
                    (n, n)
                } else {
                    (gold[t - 1] as usize, pred[t - 1] as usize)
                };
                if gp != pp || g != p {
                    self.tw[gp * n + g] += 1;
                    self.tu[gp * n + g] += c;
                    self.tw[pp * n + p] -= 1;
                    self.tu[pp * n + p] -= c;
                }
            }
        }
        self.c += 1;
    }

    /// Averaged weights: emission rows (feature-major, `n` per id) and transitions.
    pub fn averaged(&self) -> (Vec<f64>, Vec<f64>) {
        let c = self.c as f64;
        let avg = |w: &[i32], u: &[i64]| {
            w.iter()
                .zip(u)
                .map(|(&w, &u)| f64::from(w) - u as f64 / c)
                .collect()
        };
        (avg(&self.w, &self.u), avg(&self.tw, &self.tu))
    }

    pub fn n_labels(&self) -> usize {
        self.n
    }
}

/// Quantised sparse weights: feature key -> list of (label, weight).
///
/// Slots are 8 bytes: a 32-bit fingerprint from the key's low bits and a word locating
/// the row; the slot index comes from the key's high bits. Entries are packed
/// `label << 16 | weight` words. A row of one entry is kept in the slot itself; rows
/// with at least `width / DENSE_FROM` entries are stored dense (one `i16` per label,
/// added with vector code; these are the frequent features, looked up most), the others
/// sparse in `entries`.
#[derive(Clone, Debug, Default)]
pub struct WeightTable {
    shift: u32,
    slots: Vec<Slot>,
    entries: Vec<u32>,
    /// Dense rows, `width` weights each (zero where the row has no entry).
    dense: Vec<i16>,
    /// Labels, rounded up to a multiple of 8 (at most 256).
    width: usize,
    /// All entries, however stored.
    total: usize,
}

#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(8))]
struct Slot {
    fingerprint: u32,
    /// The row's only entry (0, which adds nothing, for an empty row),
    /// `LONG | start << 8 | len` or `DENSE | index`.
    row: u32,
}

/// Marks a slot whose row lives in `entries` (entry words never set the top byte).
const LONG: u32 = 1 << 31;
/// Rows in `entries` must start before this (23 bits); later ones are stored dense.
const LONG_STARTS: usize = 1 << 23;
/// Marks a slot whose row is dense: `row & !DENSE` is its index in `dense`.
const DENSE: u32 = 1 << 30;
/// Rows with at least `width / DENSE_FROM` entries are stored dense.
const DENSE_FROM: usize = 4;

/// Asks the CPU to start loading the cache line holding `x`.
#[inline(always)]
fn prefetch(x: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE is part of the x86_64 baseline, and a prefetch never faults.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(x.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// Rows longer than this or tables with more entries cannot be stored.
pub const MAX_ROW: usize = 255;
pub const MAX_ENTRIES: usize = 1 << 24;

#[inline(always)]
fn fingerprint(key: u64) -> u32 {
    (key as u32) | 1
}

/// How many keys ahead [`WeightTable::add_sentence`] prefetches.
const AHEAD: usize = 16;

/// Adds token `t`'s summed weights to its row of `scores` (`n` wide) and clears them.
#[inline(always)]
fn flush_token(acc: &mut [i32; 256], scores: &mut [i32], t: usize, n: usize) {
    if let Some(row) = scores.get_mut(t * n..(t + 1) * n) {
        for (x, a) in row.iter_mut().zip(acc.iter_mut()) {
            *x += *a;
            *a = 0;
        }
    }
}

/// A row found in the table.
enum Row<'a> {
    /// `label << 16 | weight` words.
    Sparse(&'a [u32]),
    /// One weight per label (`width` of them).
    Dense(&'a [i16]),
}

impl WeightTable {
    /// Slot `s`'s row: inline, in `entries` or in `dense` (empty if out of range).
    #[inline(always)]
    fn row_of<'a>(&'a self, s: &'a Slot) -> Row<'a> {
        let head = s.row;
        if head & LONG != 0 {
            let a = ((head & !LONG) >> 8) as usize;
            Row::Sparse(
                self.entries
                    .get(a..a + (head & 0xff) as usize)
                    .unwrap_or_default(),
            )
        } else if head & DENSE != 0 {
            let a = (head & !DENSE) as usize * self.width;
            Row::Dense(self.dense.get(a..a + self.width).unwrap_or_default())
        } else {
            Row::Sparse(std::slice::from_ref(&s.row))
        }
    }

    /// Where slot `s`'s row starts, if it is not inline.
    #[inline(always)]
    fn row_start(&self, s: &Slot) -> Option<*const u8> {
        let head = s.row;
        if head & LONG != 0 {
            let e = self.entries.get(((head & !LONG) >> 8) as usize)?;
            Some((e as *const u32).cast())
        } else if head & DENSE != 0 {
            let d = self.dense.get((head & !DENSE) as usize * self.width)?;
            Some((d as *const i16).cast())
        } else {
            None
        }
    }

    /// Adds slot `s`'s row to `acc` (indexed by label).
    #[inline(always)]
    fn add_row(&self, s: &Slot, acc: &mut [i32; 256]) {
        match self.row_of(s) {
            Row::Sparse(row) => {
                for &e in row {
                    acc[usize::from((e >> 16) as u8)] += i32::from(e as u16 as i16);
                }
            }
            Row::Dense(row) => {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += i32::from(w);
                }
            }
        }
    }

    /// Adds slot `s`'s row to `scores` (indexed by label, labels past its end ignored).
    #[inline(always)]
    fn add_row_checked(&self, s: &Slot, scores: &mut [i32]) {
        match self.row_of(s) {
            Row::Sparse(row) => {
                for &e in row {
                    if let Some(x) = scores.get_mut((e >> 16) as usize) {
                        *x += i32::from(e as u16 as i16);
                    }
                }
            }
            Row::Dense(row) => {
                for (x, &w) in scores.iter_mut().zip(row) {
                    *x += i32::from(w);
                }
            }
        }
    }
}

impl WeightTable {
    /// Builds the table from rows `(key, entries)`; keys must be distinct and non-zero,
    /// rows at most [`MAX_ROW`] long and at most [`MAX_ENTRIES`] entries in all.
    pub fn build(keys: &[u64], row_len: &[u8], labels: &[u8], weights: &[i16]) -> WeightTable {
        let cap = (keys.len() * 10 / 7 + 1).next_power_of_two().max(16);
        let bits = cap.trailing_zeros();
        let mut slots = vec![Slot::default(); cap];
        let mut entries = Vec::new();
        let mut dense = Vec::new();
        let labels_max = labels.iter().copied().max().map_or(0, usize::from);
        let width = (labels_max + 1).next_multiple_of(8).min(256);
        let packed: Vec<u32> = labels
            .iter()
            .zip(weights)
            .map(|(&l, &w)| (u32::from(l) << 16) | u32::from(w as u16))
            .collect();
        let mut start = 0usize;
        for (&key, &len) in keys.iter().zip(row_len) {
            let mut i = (key >> (64 - bits)) as usize;
            while slots[i].fingerprint != 0 {
                i = (i + 1) & (cap - 1);
            }
            let end = (start + usize::from(len)).min(packed.len());
            let words = packed.get(start..end).unwrap_or_default();
            let row = if words.len() <= 1 {
                words.first().copied().unwrap_or(0)
            } else if words.len() * DENSE_FROM >= width || entries.len() + words.len() > LONG_STARTS
            {
                let row = DENSE | (dense.len() / width) as u32;
                let at = dense.len();
                dense.resize(at + width, 0);
                for &e in words {
                    if let Some(x) = dense.get_mut(at + ((e >> 16) as usize)) {
                        *x = e as u16 as i16;
                    }
                }
                row
            } else {
                let row = LONG | (entries.len() as u32) << 8 | words.len() as u32;
                entries.extend_from_slice(words);
                row
            };
            slots[i] = Slot {
                fingerprint: fingerprint(key),
                row,
            };
            start = end;
        }
        WeightTable {
            shift: 64 - bits,
            slots,
            entries,
            dense,
            width,
            total: packed.len(),
        }
    }

    /// The slot holding feature `key`, probing from its home slot.
    #[inline]
    fn find(&self, key: u64) -> Option<&Slot> {
        let mask = self.slots.len() - 1;
        let fp = fingerprint(key);
        let mut i = (key >> self.shift) as usize;
        loop {
            let s = &self.slots[i];
            if s.fingerprint == fp {
                return Some(s);
            }
            if s.fingerprint == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds the weights of feature `key` to `scores` (indexed by label).
    #[inline]
    pub fn add(&self, key: u64, scores: &mut [i32]) {
        if let Some(s) = self.find(key) {
            self.add_row_checked(s, scores);
        }
    }

    /// Adds the weights of all `keys` to `scores`. Loads every key's home slot first so
    /// the cache misses overlap instead of queueing one behind the other.
    #[inline]
    pub fn add_all(&self, keys: &[u64], scores: &mut [i32]) {
        const BATCH: usize = 16;
        let mask = self.slots.len() - 1;
        for chunk in keys.chunks(BATCH) {
            let mut home = [Slot::default(); BATCH];
            for (h, &k) in home.iter_mut().zip(chunk) {
                *h = self.slots[(k >> self.shift) as usize & mask];
            }
            for (h, &k) in home.iter().zip(chunk) {
                if h.fingerprint == fingerprint(k) {
                    self.add_row_checked(h, scores);
                } else if h.fingerprint != 0 {
                    self.add(k, scores);
                }
            }
        }
    }

    /// Adds the weights of a sentence's features to its score rows: token `t`'s keys are
    /// `keys[offsets[t]..offsets[t + 1]]`, its row `scores[t * n..(t + 1) * n]`.
    ///
    /// The lookups are software-pipelined so that their cache misses overlap: key `i`'s
    /// home slot is prefetched, [`AHEAD`] keys later its slot is found and its row (if
    /// not inline) prefetched, and [`AHEAD`] keys after that the row is added. Prefetches,
    /// unlike loads, do not hold up the instructions behind them, so many misses are in
    /// flight at once. A token's weights are summed in a 256-wide array first (labels are
    /// bytes), which needs no bounds checks, then added to its row.
    pub fn add_sentence(&self, keys: &[u64], offsets: &[u32], n: usize, scores: &mut [i32]) {
        const RING: usize = 2 * AHEAD;
        let mask = self.slots.len() - 1;
        let mut acc = [0i32; 256];
        let mut t = 0usize;
        let mut found: [Option<&Slot>; RING] = [None; RING];
        for i in 0..keys.len() + 2 * AHEAD {
            if let Some(&k) = keys.get(i) {
                if let Some(h) = self.slots.get((k >> self.shift) as usize & mask) {
                    prefetch((h as *const Slot).cast());
                }
            }
            if let Some(j) = i.checked_sub(AHEAD) {
                if let Some(&k) = keys.get(j) {
                    let s = self.find(k);
                    if let Some(p) = s.and_then(|s| self.row_start(s)) {
                        prefetch(p);
                    }
                    found[j % RING] = s;
                }
            }
            let Some(j) = i.checked_sub(2 * AHEAD) else {
                continue;
            };
            while offsets.get(t + 1).is_some_and(|&o| o as usize <= j) {
                flush_token(&mut acc, scores, t, n);
                t += 1;
            }
            if let Some(s) = found[j % RING].take() {
                self.add_row(s, &mut acc);
            }
        }
        flush_token(&mut acc, scores, t, n);
    }

    pub fn features(&self) -> usize {
        self.slots.iter().filter(|s| s.fingerprint != 0).count()
    }

    pub fn entries(&self) -> usize {
        self.total
    }
}

/// Interns `u64` feature keys into dense ids during training.
#[derive(Default)]
pub struct Interner {
    map: FxHashMap<u64, u32>,
    pub keys: Vec<u64>,
}

impl Interner {
    pub fn id(&mut self, key: u64) -> u32 {
        let next = self.keys.len() as u32;
        let id = *self.map.entry(key).or_insert(next);
        if id == next {
            self.keys.push(key);
        }
        id
    }
    pub fn get(&self, key: u64) -> Option<u32> {
        self.map.get(&key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_forbidden_transitions() {
        // Labels: 0 = O, 1 = B, 2 = I; I may only follow B or I.
        let n = 3;
        let allowed = [
            true, true, false, true, true, true, true, true, true, true, true, false,
        ];
        let (trans, end) = constraint_scores(&allowed, &[true, true, true]);
        // Emissions prefer I at token 0 and O at token 1.
        let emit = [0, 5, 10, 3, 0, 0];
        let mut out = Vec::new();
        viterbi(
            n,
            &emit,
            &trans,
            &end,
            &mut ViterbiScratch::default(),
            &mut out,
        );
        assert_eq!(out, [1, 0]);
    }

    #[test]
    fn pruned_viterbi_matches_full_viterbi_when_the_answer_is_among_the_candidates() {
        // 30 labels, 12 tokens, pseudo-random scores; transitions favour label+1.
        let n = 30;
        let mut x = 12345u64;
        let mut rnd = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % 1000) as i32
        };
        let emit: Vec<i32> = (0..12 * n).map(|_| rnd() * 10).collect();
        let mut trans: Vec<i32> = (0..(n + 1) * n).map(|_| rnd()).collect();
        for p in 0..n {
            trans[p * n + (p + 1) % n] += 3000;
        }
        let end = vec![0; n];
        let (mut full, mut pruned) = (Vec::new(), Vec::new());
        let mut s = ViterbiScratch::default();
        viterbi(n, &emit, &trans, &end, &mut s, &mut full);
        viterbi_pruned(n, n, &emit, &trans, &end, &mut s, &mut pruned);
        assert_eq!(full, pruned);
        viterbi_pruned(n, 4, &emit, &trans, &end, &mut s, &mut pruned);
        assert_eq!(pruned.len(), 12);
    }

    #[test]
    fn sparse_viterbi_equals_full_viterbi_under_bilou_constraints() {
        use crate::nlp::scheme::Scheme;
        let labels = Scheme::Bilou.labels(&["LOC".to_owned(), "PER".to_owned()]);
        let n = labels.len();
        let (allowed, end_ok) = Scheme::Bilou.constraints(&labels);
        let (pen, end) = constraint_scores(&allowed, &end_ok);
        let mut x = 99u64;
        let mut rnd = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % 2000) as i32 - 1000
        };
        let trans: Vec<i32> = pen
            .iter()
            .map(|&p| if p == FORBIDDEN { FORBIDDEN } else { rnd() })
            .collect();
        let preds = predecessors(&allowed, n);
        let mut s = ViterbiScratch::default();
        for len in [1usize, 2, 7, 30] {
            let emit: Vec<i32> = (0..len * n).map(|_| rnd()).collect();
            let (mut full, mut sparse) = (Vec::new(), Vec::new());
            viterbi(n, &emit, &trans, &end, &mut s, &mut full);
            viterbi_sparse(n, &emit, &trans, &end, &preds, &mut s, &mut sparse);
            assert_eq!(full, sparse, "length {len}");
        }
    }

    /// The sparse decoder as first written: predecessors visited in ascending order.
    fn sparse_by_predecessor_lists(
        n: usize,
        emit: &[i32],
        trans: &[i32],
        end: &[i32],
        preds: &[Vec<u16>],
    ) -> Vec<u16> {
        let tokens = emit.len() / n;
        let mut delta: Vec<i32> = (0..n)
            .map(|c| trans[n * n + c].saturating_add(emit[c]).max(FORBIDDEN))
            .collect();
        let mut back = vec![0u16; tokens * n];
        for t in 1..tokens {
            let mut next = Vec::new();
            for c in 0..n {
                let (mut best, mut arg) = (FORBIDDEN * 2, 0u16);
                for &p in &preds[c] {
                    let v = delta[p as usize] + trans[p as usize * n + c];
                    if v > best {
                        best = v;
                        arg = p;
                    }
                }
                back[t * n + c] = arg;
                next.push(best.saturating_add(emit[t * n + c]));
            }
            let top = next.iter().copied().max().unwrap_or(0);
            for (d, &v) in delta.iter_mut().zip(&next) {
                *d = (v - top).max(FORBIDDEN);
            }
        }
        let (mut best, mut arg) = (i32::MIN, 0usize);
        for c in 0..n {
            if delta[c] + end[c] > best {
                best = delta[c] + end[c];
                arg = c;
            }
        }
        let mut out = vec![0u16; tokens];
        out[tokens - 1] = arg as u16;
        for t in (1..tokens).rev() {
            arg = back[t * n + arg] as usize;
            out[t - 1] = arg as u16;
        }
        out
    }

    #[test]
    fn vectorised_sparse_viterbi_keeps_the_first_best_predecessor() {
        use crate::nlp::scheme::Scheme;
        let types: Vec<String> = ["ADJP", "ADVP", "NP", "PP", "VP", "SBAR", "PRT", "LST"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut x = 7u64;
        let mut rnd = move |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % m) as i32
        };
        let mut s = ViterbiScratch::default();
        // Label counts below, at and above multiples of the vector width; BIO and BILOU.
        for (scheme, k) in [
            (Scheme::Bio, 8),
            (Scheme::Bio, 3),
            (Scheme::Bilou, 4),
            (Scheme::Bilou, 2),
            (Scheme::Bio, 1),
        ] {
            let labels = scheme.labels(&types[..k]);
            let n = labels.len();
            let (allowed, end_ok) = scheme.constraints(&labels);
            let (pen, end) = constraint_scores(&allowed, &end_ok);
            let mut preds = predecessors(&allowed, n);
            // One label nobody may precede.
            preds[n - 1].clear();
            for round in 0..40 {
                // Few distinct values make ties common; some rounds use large scores.
                let range = if round % 2 == 0 { 3 } else { 60_000 };
                let trans: Vec<i32> = pen
                    .iter()
                    .map(|&p| {
                        if p == FORBIDDEN {
                            FORBIDDEN
                        } else {
                            rnd(range) - range as i32 / 2
                        }
                    })
                    .collect();
                let len = 1 + rnd(25) as usize;
                let emit: Vec<i32> = (0..len * n).map(|_| rnd(range) * 20).collect();
                let mut got = Vec::new();
                viterbi_sparse(n, &emit, &trans, &end, &preds, &mut s, &mut got);
                let want = sparse_by_predecessor_lists(n, &emit, &trans, &end, &preds);
                assert_eq!(got, want, "{scheme:?} with {n} labels, round {round}");
            }
        }
    }

    #[test]
    fn portable_and_vector_best_predecessors_agree() {
        let n: usize = 13;
        let groups = n.div_ceil(LANES);
        let delta: Vec<i32> = (0..n as i32).map(|i| (i * 7919) % 5 - 2).collect();
        let trans: Vec<i32> = (0..groups * n * LANES)
            .map(|i| ((i * 104_729) % 7) as i32 - 3)
            .collect();
        let (mut b1, mut a1) = (vec![0; groups * LANES], vec![0; groups * LANES]);
        let (mut b2, mut a2) = (b1.clone(), a1.clone());
        best_predecessors(&delta, &trans, &mut b1, &mut a1);
        best_predecessors_portable(&delta, &trans, &mut b2, &mut a2);
        assert_eq!((b1, a1), (b2, a2));
    }

    #[test]
    fn fixed_width_candidate_selection_equals_the_general_one() {
        let mut x = 3u64;
        let mut rnd = move |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % m) as i32
        };
        for round in 0..300 {
            let n = 1 + rnd(50) as usize;
            let k = 1 + rnd(8) as usize;
            // Narrow ranges make ties common.
            let range = [2, 5, 1000][round % 3];
            let e: Vec<i32> = (0..n).map(|_| rnd(range) - range as i32 / 2).collect();
            let k = k.min(n);
            let (mut a, mut b) = (vec![0u16; k], vec![0u16; k]);
            top_labels(&e, &mut a, &mut vec![0; k]);
            top_labels_any(&e, &mut b, &mut vec![0; k]);
            assert_eq!(a, b, "{e:?}, k = {k}");
        }
    }

    #[test]
    fn table_finds_every_key_and_ignores_others() {
        let keys = [5u64, 9, u64::MAX, 1 << 63];
        let lens = [1u8, 2, 1, 1];
        let table = WeightTable::build(&keys, &lens, &[0, 1, 2, 2, 0], &[3, -4, 7, 1, 2]);
        let mut s = [0i32; 3];
        table.add(9, &mut s);
        assert_eq!(s, [0, -4, 7]);
        table.add(12345, &mut s);
        assert_eq!(s, [0, -4, 7]);
        table.add(u64::MAX, &mut s);
        table.add(1 << 63, &mut s);
        assert_eq!(s, [2, -4, 8]);
        let mut batched = [0i32; 3];
        table.add_all(&[9, 12345, u64::MAX, 1 << 63, 5, 5], &mut batched);
        assert_eq!(batched, [2 + 3 + 3, -4, 8]);
    }

    #[test]
    fn inline_sparse_and_dense_rows_give_the_stored_weights() {
        // 40 labels; rows of 1 to 40 entries, so one-entry rows sit in their slot, middling
        // ones in `entries` and long ones in `dense`.
        let n = 40;
        let keys: Vec<u64> = (1..=400u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        let lens: Vec<u8> = (0..keys.len()).map(|i| (i % n) as u8 + 1).collect();
        let (mut labels, mut weights) = (Vec::new(), Vec::new());
        let mut want = std::collections::HashMap::new();
        for (i, (&k, &len)) in keys.iter().zip(&lens).enumerate() {
            let mut row = vec![0i32; n];
            for j in 0..usize::from(len) {
                // Labels in scattered order, weights of both signs up to the i16 limits.
                let label = (j * 7 + i) % n;
                let w = [i16::MIN, i16::MAX, -1, 5][j % 4] / (1 + (i % 3) as i16);
                labels.push(label as u8);
                weights.push(w);
                row[label] += i32::from(w);
            }
            want.insert(k, row);
        }
        let table = WeightTable::build(&keys, &lens, &labels, &weights);
        assert_eq!(table.features(), keys.len());
        assert_eq!(table.entries(), labels.len());
        for (case, &k) in keys.iter().enumerate() {
            let mut got = vec![0i32; n];
            table.add(k, &mut got);
            assert_eq!(got, want[&k], "row {case} ({} entries)", lens[case]);
        }
        // All rows at once, with absent keys in between, one token per key.
        let mut f = SentenceFeatures::default();
        f.clear();
        for &k in &keys {
            f.keys.extend([k, k ^ 0xdead_beef_0000_0000]);
            f.end_token();
        }
        let mut got = vec![0i32; f.len() * n];
        table.add_sentence(&f.keys, &f.offsets, n, &mut got);
        let expected: Vec<i32> = keys.iter().flat_map(|k| want[k].clone()).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn sentence_lookup_equals_token_by_token_lookup() {
        // 300 keys in a table of 200, colliding home slots included, and tokens with
        // 0 to 150 keys so batches straddle token boundaries.
        let n = 4;
        let mut keys: Vec<u64> = (1..=200u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        keys.sort_unstable();
        let lens: Vec<u8> = keys.iter().map(|&k| (k % 4) as u8 + 1).collect();
        let total: usize = lens.iter().map(|&l| l as usize).sum();
        let labels: Vec<u8> = (0..total).map(|i| (i % n) as u8).collect();
        let weights: Vec<i16> = (0..total).map(|i| (i as i16 % 7) - 3).collect();
        let table = WeightTable::build(&keys, &lens, &labels, &weights);
        let queries: Vec<u64> = (0..300u64)
            .map(|i| {
                if i % 3 == 0 {
                    i + 1
                } else {
                    keys[(i * 7 % 200) as usize]
                }
            })
            .collect();
        let mut f = SentenceFeatures::default();
        f.clear();
        let mut used = 0;
        for size in [0usize, 1, 63, 2, 0, 150, 84] {
            f.keys.extend_from_slice(&queries[used..used + size]);
            used += size;
            f.end_token();
        }
        let mut want = vec![0i32; f.len() * n];
        for t in 0..f.len() {
            table.add_all(f.token(t), &mut want[t * n..(t + 1) * n]);
        }
        let mut got = vec![0i32; f.len() * n];
        table.add_sentence(&f.keys, &f.offsets, n, &mut got);
        assert_eq!(got, want);
        assert_ne!(want, vec![0; f.len() * n]);
    }
}
