//! Word clusters induced from unlabelled tokens by our own code: words are described by
//! the distribution of their left and right neighbours, then split recursively with
//! spherical 2-means, giving each word a Brown-style bit path ("0110...").
//!
//! Prefixes of the path are tagger features at several granularities. The induction is
//! deterministic (no randomness: seeds are the most frequent words of each node).

use std::collections::BTreeMap;

use super::hashing::FxHashMap;

/// Options for [`induce`].
#[derive(Clone, Debug)]
pub struct ClusterOptions {
    /// Words seen fewer times are not clustered.
    pub min_count: usize,
    /// At most this many (most frequent) words are clustered.
    pub max_words: usize,
    /// Neighbours are described by the identity of the most frequent `context_words`.
    pub context_words: usize,
    /// Maximum path length.
    pub depth: usize,
    /// Nodes with fewer words are not split further.
    pub min_node: usize,
    pub iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> ClusterOptions {
        ClusterOptions {
            min_count: 3,
            max_words: 40_000,
            context_words: 800,
            depth: 12,
            min_node: 8,
            iterations: 8,
        }
    }
}

/// Replaces digits by `0`, the form under which words are clustered and looked up.
pub fn normalise(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        std::borrow::Cow::Owned(
            word.chars()
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Clusters the words of `sentences`; returns word -> bit path, sorted by word.
pub fn induce<S: AsRef<str>>(
    sentences: &[Vec<S>],
    opts: &ClusterOptions,
) -> BTreeMap<String, String> {
    let mut counts: FxHashMap<String, usize> = FxHashMap::default();
    for s in sentences {
        for w in s {
            *counts
                .entry(normalise(w.as_ref()).into_owned())
                .or_insert(0) += 1;
        }
    }
    let mut by_freq: Vec<(&String, usize)> = counts.iter().map(|(w, &c)| (w, c)).collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let vocab: Vec<&String> = by_freq
        .iter()
        .filter(|(_, c)| *c >= opts.min_count)
        .take(opts.max_words)
        .map(|(w, _)| *w)
        .collect();
    let index: FxHashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, w)| (w.as_str(), i))
        .collect();
    let ctx_n = opts.context_words.min(vocab.len());
    let dims = 2 * (ctx_n + 1) + 2;
    // Context id: left neighbours in [0, ctx_n], right in [ctx_n + 1, 2 ctx_n + 1]; the
    // last id of each side means "rare word"; two more ids for sentence boundaries.
    let ctx = |w: Option<&str>, right: bool| -> usize {
        let base = if right { ctx_n + 1 } else { 0 };
        match w {
            None => 2 * (ctx_n + 1) + usize::from(right),
            Some(w) => match index.get(w) {
                Some(&i) if i < ctx_n => base + i,
                _ => base + ctx_n,
            },
        }
    };
    let mut rows: Vec<FxHashMap<u32, f32>> = vec![FxHashMap::default(); vocab.len()];
    for s in sentences {
        let words: Vec<std::borrow::Cow<'_, str>> =
            s.iter().map(|w| normalise(w.as_ref())).collect();
        for (i, w) in words.iter().enumerate() {
            let Some(&wi) = index.get(w.as_ref()) else {
                continue;
            };
            let left = if i > 0 {
                Some(words[i - 1].as_ref())
            } else {
                None
            };
            let right = words.get(i + 1).map(|w| w.as_ref());
            *rows[wi].entry(ctx(left, false) as u32).or_insert(0.0) += 1.0;
            *rows[wi].entry(ctx(right, true) as u32).or_insert(0.0) += 1.0;
        }
    }
    // Sparse, sqrt-damped, unit-length vectors with sorted indices.
    let vectors: Vec<Vec<(u32, f32)>> = rows
        .into_iter()
        .map(|r| {
            let mut v: Vec<(u32, f32)> = r.into_iter().map(|(k, c)| (k, c.sqrt())).collect();
            v.sort_by_key(|e| e.0);
            let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt().max(1e-9);
            for e in &mut v {
                e.1 /= norm;
            }
            v
        })
        .collect();
    let mut paths = vec![String::new(); vocab.len()];
    let mut stack: Vec<Vec<usize>> = vec![(0..vocab.len()).collect()];
    while let Some(node) = stack.pop() {
        let depth = paths
            .get(node.first().copied().unwrap_or(0))
            .map_or(0, String::len);
        if node.len() < opts.min_node.max(2) || depth >= opts.depth {
            continue;
        }
        let (a, b) = bisect(&node, &vectors, dims, opts.iterations);
        if a.is_empty() || b.is_empty() {
            continue;
        }
        for &w in &a {
            paths[w].push('0');
        }
        for &w in &b {
            paths[w].push('1');
        }
        stack.push(b);
        stack.push(a);
    }
    vocab
        .iter()
        .zip(paths)
        .filter(|(_, p)| !p.is_empty())
        .map(|(w, p)| ((*w).clone(), p))
        .collect()
}

/// Sentences of an unlabelled corpus file: CoNLL columns (first column, blank lines
/// between sentences, `-DOCSTART-` skipped) or the GMB CSV export (`Sentence #,Word,...`).
pub fn read_sentences(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut lines = text.lines();
    if text.starts_with("Sentence #,") {
        lines.next();
        for line in lines {
            let fields = csv_fields(line);
            if fields.first().is_some_and(|f| !f.is_empty()) && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if let Some(w) = fields.get(1).filter(|w| !w.is_empty()) {
                cur.push(w.clone());
            }
        }
    } else {
        for line in lines {
            let t = line.trim();
            if t.is_empty() || t.starts_with("-DOCSTART-") {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            } else if let Some(w) = t.split_whitespace().next() {
                cur.push(w.to_owned());
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Splits one CSV line, honouring double quotes.
pub fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

/// Splits `node` in two: first by the sign of each word's projection on the principal
/// direction of the node (PDDP, deterministic and balanced), then refined by spherical
/// 2-means.
fn bisect(
    node: &[usize],
    vectors: &[Vec<(u32, f32)>],
    dims: usize,
    iterations: usize,
) -> (Vec<usize>, Vec<usize>) {
    let dot = |w: usize, c: &[f32]| {
        vectors[w]
            .iter()
            .map(|&(k, v)| v * c[k as usize])
            .sum::<f32>()
    };
    let mut mean = vec![0f32; dims];
    for &w in node {
        for &(k, v) in &vectors[w] {
            mean[k as usize] += v;
        }
    }
    let inv = 1.0 / node.len() as f32;
    mean.iter_mut().for_each(|x| *x *= inv);
    // Power iteration on the covariance, starting from the first word's centred vector.
    let mut dir = mean.iter().map(|m| -m).collect::<Vec<f32>>();
    for &(k, v) in &vectors[node[0]] {
        dir[k as usize] += v;
    }
    for _ in 0..12 {
        let mdot = mean.iter().zip(&dir).map(|(a, b)| a * b).sum::<f32>();
        let mut next = vec![0f32; dims];
        let mut total = 0f32;
        for &w in node {
            let p = dot(w, &dir) - mdot;
            total += p;
            for &(k, v) in &vectors[w] {
                next[k as usize] += p * v;
            }
        }
        for (n, m) in next.iter_mut().zip(&mean) {
            *n -= total * m;
        }
        let norm = next.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm < 1e-12 {
            break;
        }
        next.iter_mut().for_each(|x| *x /= norm);
        dir = next;
    }
    let mdot = mean.iter().zip(&dir).map(|(a, b)| a * b).sum::<f32>();
    let mut side: Vec<bool> = node.iter().map(|&w| dot(w, &dir) > mdot).collect();
    for _ in 0..iterations {
        let mut cents = [vec![0f32; dims], vec![0f32; dims]];
        for (i, &w) in node.iter().enumerate() {
            let c = &mut cents[usize::from(side[i])];
            for &(k, v) in &vectors[w] {
                c[k as usize] += v;
            }
        }
        let mut changed = false;
        for (i, &w) in node.iter().enumerate() {
            let s = dot(w, &cents[1]) / norm(&cents[1]) > dot(w, &cents[0]) / norm(&cents[0]);
            changed |= s != side[i];
            side[i] = s;
        }
        if !changed {
            break;
        }
    }
    let mut a = Vec::new();
    let mut b = Vec::new();
    for (i, &w) in node.iter().enumerate() {
        if side[i] { b.push(w) } else { a.push(w) }
    }
    (a, b)
}

fn norm(c: &[f32]) -> f32 {
    c.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9)
}

/// Cluster paths keyed by the hash of the normalised word.
#[derive(Debug, Default)]
pub struct Clusters {
    paths: FxHashMap<u64, u64>,
}

/// Bit-path prefix lengths used as features.
pub const PREFIXES: [usize; 3] = [4, 8, 12];

impl Clusters {
    /// Parses `word<TAB>path` lines.
    pub fn parse(text: &str) -> Clusters {
        let mut paths = FxHashMap::default();
        for line in text.lines() {
            if let Some((w, p)) = line.split_once('\t') {
                if p.bytes().all(|b| b == b'0' || b == b'1') && !p.is_empty() {
                    paths.insert(super::hashing::hash_bytes(0x636c, w.as_bytes()), encode(p));
                }
            }
        }
        Clusters { paths }
    }

    /// Hashes of the word's path prefixes (or a fixed "unknown" value), one per [`PREFIXES`].
    pub fn lookup(&self, word: &str) -> [u64; 3] {
        let w = normalise(word);
        match self
            .paths
            .get(&super::hashing::hash_bytes(0x636c, w.as_bytes()))
        {
            Some(&code) => {
                let len = (code >> 56) as usize;
                let bits = code & ((1 << 56) - 1);
                PREFIXES.map(|p| {
                    let l = p.min(len);
                    super::hashing::mix(l as u64 + 1, bits >> (len - l))
                })
            }
            None => [0xdead; 3],
        }
    }
}

/// A path as (length << 56) | bits.
fn encode(p: &str) -> u64 {
    let p = &p[..p.len().min(48)];
    let bits = p
        .bytes()
        .fold(0u64, |acc, b| (acc << 1) | u64::from(b == b'1'));
    ((p.len() as u64) << 56) | bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_clusters() {
        // Days follow "on"; animals follow "the" and precede "ran".
        let mut sents: Vec<Vec<&str>> = Vec::new();
        for day in ["monday", "tuesday", "friday"] {
            for _ in 0..5 {
                sents.push(vec!["we", "met", "on", day, "."]);
            }
        }
        for animal in ["dog", "cat", "horse"] {
            for _ in 0..5 {
                sents.push(vec!["the", animal, "ran", "away"]);
            }
        }
        let opts = ClusterOptions {
            min_count: 2,
            context_words: 20,
            depth: 3,
            min_node: 2,
            ..Default::default()
        };
        let c = induce(&sents, &opts);
        let shared = |a: &str, b: &str| {
            let (pa, pb) = (&c[a], &c[b]);
            pa.chars()
                .zip(pb.chars())
                .take_while(|(x, y)| x == y)
                .count()
        };
        assert!(
            shared("monday", "friday") > shared("monday", "dog"),
            "{c:?}"
        );
        assert!(shared("dog", "horse") > shared("horse", "tuesday"), "{c:?}");
    }

    #[test]
    fn reads_conll_and_gmb_csv() {
        let conll = "-DOCSTART- -X- O\n\nThe DT O\ncat NN O\n\nRan VB O\n";
        assert_eq!(read_sentences(conll), vec![vec!["The", "cat"], vec!["Ran"]]);
        let gmb = "Sentence #,Word,POS,Tag\nSentence: 1,Hi,UH,O\n,\"1,000\",CD,O\n,\",\",\",\",O\nSentence: 2,\"\"\"\",``,O\n";
        assert_eq!(
            read_sentences(gmb),
            vec![vec!["Hi", "1,000", ","], vec!["\""]]
        );
    }

    #[test]
    fn bundled_cluster_file_is_sorted_unique_and_binary() {
        let text = crate::nlp::lexicon::CLUSTERS;
        let rows: Vec<(&str, &str)> = text.lines().filter_map(|l| l.split_once('\t')).collect();
        assert_eq!(
            rows.len(),
            text.lines().count(),
            "every line is word<TAB>path"
        );
        assert!(rows.len() > 1000);
        assert!(
            rows.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted by word, no duplicates"
        );
        assert!(rows.iter().all(|(_, p)| !p.is_empty()
            && p.len() <= 48
            && p.bytes().all(|b| b == b'0' || b == b'1')));
    }

    #[test]
    fn lookup_uses_path_prefixes() {
        let c = Clusters::parse("alpha\t0101\nbeta\t0111\ngamma\t010111110000\n");
        assert_eq!(c.lookup("alpha")[0], c.lookup("alpha")[2]);
        assert_ne!(c.lookup("alpha")[0], c.lookup("beta")[0]);
        assert_eq!(c.lookup("gamma")[0], c.lookup("alpha")[0]);
        assert_eq!(c.lookup("unknown"), [0xdead; 3]);
    }
}
