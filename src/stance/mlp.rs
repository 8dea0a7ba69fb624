//! A small non-linear companion to the stance classifier: one hidden ReLU layer over the
//! same hashed features (a summed embedding per feature), trained with seeded AdaGrad SGD.
//! Its log-probabilities are added to the linear model's scores, so feature conjunctions
//! the linear model cannot express ("cue between" AND "passive by") still count.

use crate::nlp::hashing::FxHashMap;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

use super::dse::CLASSES;

/// Options of the hidden-layer network.
#[derive(Clone, Debug)]
pub struct MlpOptions {
    /// Hidden units; 0 disables the network.
    pub hidden: usize,
    pub epochs: usize,
    pub learning_rate: f32,
    /// Features seen fewer times than this in training get no embedding.
    pub min_count: u32,
    /// Probability of dropping a hidden unit during training.
    pub dropout: f32,
}

impl Default for MlpOptions {
    fn default() -> Self {
        MlpOptions {
            hidden: 48,
            epochs: 12,
            learning_rate: 0.03,
            min_count: 2,
            dropout: 0.2,
        }
    }
}

/// A trained network: feature bucket -> embedding row, hidden bias, output layer.
#[derive(Clone, Debug)]
pub struct Mlp {
    hidden: usize,
    rows: FxHashMap<u32, u32>,
    emb: Vec<f32>,
    b1: Vec<f32>,
    /// hidden x CLASSES, row-major by hidden unit.
    w2: Vec<f32>,
    b2: [f32; CLASSES],
}

/// The network as stored: embeddings quantized to 8 bits with one scale per row.
pub struct MlpFile {
    hidden: u32,
    /// Sorted by bucket.
    buckets: Vec<u32>,
    scales: Vec<f32>,
    emb: Vec<i8>,
    b1: Vec<f32>,
    w2: Vec<f32>,
    b2: [f32; CLASSES],
}

/// Raw little-endian numbers in a model file: postcard writes and reads them as one byte
/// string, not one call per number, which keeps loading a 9 MB model short.
pub struct Blob<'a>(pub Cow<'a, [u8]>);

impl Serialize for Blob<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Blob<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Bytes<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Bytes<'a> {
            type Value = Blob<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_borrowed_bytes<E>(self, v: &'de [u8]) -> std::result::Result<Blob<'a>, E> {
                Ok(Blob(Cow::Borrowed(v)))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> std::result::Result<Blob<'a>, E> {
                Ok(Blob(Cow::Owned(v.to_vec())))
            }
        }
        d.deserialize_bytes(Bytes(std::marker::PhantomData))
    }
}

impl Blob<'_> {
    pub fn from_u32s(v: &[u32]) -> Blob<'static> {
        Blob(Cow::Owned(v.iter().flat_map(|x| x.to_le_bytes()).collect()))
    }

    pub fn from_f32s(v: &[f32]) -> Blob<'static> {
        Blob(Cow::Owned(v.iter().flat_map(|x| x.to_le_bytes()).collect()))
    }

    pub fn from_i16s(v: &[i16]) -> Blob<'static> {
        Blob(Cow::Owned(v.iter().flat_map(|x| x.to_le_bytes()).collect()))
    }

    pub fn from_i8s(v: &[i8]) -> Blob<'static> {
        Blob(Cow::Owned(v.iter().map(|&x| x as u8).collect()))
    }

    fn words<const N: usize>(&self) -> Result<impl Iterator<Item = [u8; N]> + '_> {
        if self.0.len() % N != 0 {
            return Err(Error::model(
                "stance model is corrupt (truncated number array)",
            ));
        }
        Ok(self.0.chunks_exact(N).map(|c| {
            let mut a = [0u8; N];
            a.copy_from_slice(c);
            a
        }))
    }

    pub fn u32s(&self) -> Result<Vec<u32>> {
        Ok(self.words::<4>()?.map(u32::from_le_bytes).collect())
    }

    pub fn f32s(&self) -> Result<Vec<f32>> {
        Ok(self.words::<4>()?.map(f32::from_le_bytes).collect())
    }

    pub fn i16s(&self) -> Result<Vec<i16>> {
        Ok(self.words::<2>()?.map(i16::from_le_bytes).collect())
    }

    pub fn i8s(&self) -> Vec<i8> {
        self.0.iter().map(|&x| x as i8).collect()
    }
}

/// An [`MlpFile`] in the model file's layout.
#[derive(Serialize, Deserialize)]
pub struct MlpWire<'a> {
    hidden: u32,
    #[serde(borrow)]
    buckets: Blob<'a>,
    #[serde(borrow)]
    scales: Blob<'a>,
    #[serde(borrow)]
    emb: Blob<'a>,
    b1: Vec<f32>,
    w2: Vec<f32>,
    b2: [f32; CLASSES],
}

impl MlpFile {
    pub fn to_wire(&self) -> MlpWire<'static> {
        MlpWire {
            hidden: self.hidden,
            buckets: Blob::from_u32s(&self.buckets),
            scales: Blob::from_f32s(&self.scales),
            emb: Blob::from_i8s(&self.emb),
            b1: self.b1.clone(),
            w2: self.w2.clone(),
            b2: self.b2,
        }
    }

    pub fn from_wire(wire: &MlpWire) -> Result<MlpFile> {
        Ok(MlpFile {
            hidden: wire.hidden,
            buckets: wire.buckets.u32s()?,
            scales: wire.scales.f32s()?,
            emb: wire.emb.i8s(),
            b1: wire.b1.clone(),
            w2: wire.w2.clone(),
            b2: wire.b2,
        })
    }
}

impl Mlp {
    /// Log-probabilities of the five classes for sorted, unique feature ids.
    #[allow(clippy::needless_range_loop)]
    pub fn log_probs(&self, features: &[u32]) -> [f32; CLASSES] {
        // a stack buffer for the usual sizes: this runs once per candidate pair
        let mut stack = [0.0f32; 128];
        let mut heap = Vec::new();
        let h: &mut [f32] = if self.hidden <= stack.len() {
            &mut stack[..self.hidden]
        } else {
            heap.resize(self.hidden, 0.0);
            &mut heap
        };
        h.copy_from_slice(&self.b1);
        for f in features {
            if let Some(&r) = self.rows.get(f) {
                let base = r as usize * self.hidden;
                for (a, x) in h.iter_mut().zip(&self.emb[base..base + self.hidden]) {
                    *a += x;
                }
            }
        }
        let mut s = self.b2;
        for (j, &x) in h.iter().enumerate() {
            if x > 0.0 {
                for c in 0..CLASSES {
                    s[c] += x * self.w2[j * CLASSES + c];
                }
            }
        }
        log_softmax(s)
    }

    pub fn to_file(&self) -> MlpFile {
        let mut order: Vec<(u32, u32)> = self.rows.iter().map(|(b, r)| (*b, *r)).collect();
        order.sort_unstable();
        let mut buckets = Vec::with_capacity(order.len());
        let mut scales = Vec::with_capacity(order.len());
        let mut emb = Vec::with_capacity(order.len() * self.hidden);
        for (b, r) in order {
            let row = &self.emb[r as usize * self.hidden..(r as usize + 1) * self.hidden];
            let max = row.iter().fold(0.0f32, |m, &x| m.max(x.abs()));
            let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
            buckets.push(b);
            scales.push(scale);
            emb.extend(
                row.iter()
                    .map(|&x| (x / scale).round().clamp(-127.0, 127.0) as i8),
            );
        }
        MlpFile {
            hidden: self.hidden as u32,
            buckets,
            scales,
            emb,
            b1: self.b1.clone(),
            w2: self.w2.clone(),
            b2: self.b2,
        }
    }

    pub fn from_file(file: MlpFile) -> Result<Mlp> {
        let hidden = file.hidden as usize;
        let n = file.buckets.len();
        if hidden == 0
            || file.scales.len() != n
            || file.emb.len() != n * hidden
            || file.b1.len() != hidden
            || file.w2.len() != hidden * CLASSES
            || !file.scales.iter().all(|s| s.is_finite())
        {
            return Err(Error::model(
                "stance model is corrupt (bad hidden-layer shape)",
            ));
        }
        let rows = file
            .buckets
            .iter()
            .enumerate()
            .map(|(i, &b)| (b, i as u32))
            .collect();
        // row by row into one buffer: a flat_map here cost more than the rest of loading
        let mut emb = Vec::with_capacity(file.emb.len());
        for (row, &s) in file.emb.chunks_exact(hidden).zip(&file.scales) {
            emb.extend(row.iter().map(|&q| q as f32 * s));
        }
        Ok(Mlp {
            hidden,
            rows,
            emb,
            b1: file.b1,
            w2: file.w2,
            b2: file.b2,
        })
    }
}

pub fn log_softmax(s: [f32; CLASSES]) -> [f32; CLASSES] {
    let max = s.iter().fold(f32::MIN, |m, &x| m.max(x));
    let sum: f32 = s.iter().map(|x| (x - max).exp()).sum();
    let log_sum = sum.ln() + max;
    s.map(|x| x - log_sum)
}

/// splitmix64, for seeded initialisation, shuffling and dropout.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trains the network on (features, label) pairs; `evaluate` scores a candidate (higher is
/// better) and the best epoch is kept.
#[allow(clippy::needless_range_loop)]
pub fn train(
    rows: &[(&[u32], u8)],
    options: &MlpOptions,
    seed: u64,
    mut evaluate: impl FnMut(&Mlp) -> f64,
    mut log: impl FnMut(usize, f64),
) -> Result<Option<Mlp>> {
    let hidden = options.hidden;
    if hidden == 0 || rows.is_empty() {
        return Ok(None);
    }
    let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
    for (feats, _) in rows {
        for &f in *feats {
            *counts.entry(f).or_default() += 1;
        }
    }
    let mut kept: Vec<u32> = counts
        .iter()
        .filter(|(_, c)| **c >= options.min_count)
        .map(|(b, _)| *b)
        .collect();
    kept.sort_unstable();
    let index: FxHashMap<u32, u32> = kept
        .iter()
        .enumerate()
        .map(|(i, &b)| (b, i as u32))
        .collect();
    let data: Vec<(Vec<u32>, u8)> = rows
        .iter()
        .map(|(feats, label)| {
            (
                feats.iter().filter_map(|f| index.get(f).copied()).collect(),
                *label,
            )
        })
        .collect();
    let mut rng = SplitMix(seed ^ 0x5_eed0_fa11);
    let init = |rng: &mut SplitMix, r: f32| (rng.unit() * 2.0 - 1.0) * r;
    let mut emb: Vec<f32> = (0..kept.len() * hidden)
        .map(|_| init(&mut rng, 0.05))
        .collect();
    let mut b1 = vec![0.0f32; hidden];
    let r2 = (6.0 / (hidden + CLASSES) as f32).sqrt();
    let mut w2: Vec<f32> = (0..hidden * CLASSES).map(|_| init(&mut rng, r2)).collect();
    let mut b2 = [0.0f32; CLASSES];
    let eps = 1e-6f32;
    let mut g_emb = vec![eps; emb.len()];
    let mut g_b1 = vec![eps; hidden];
    let mut g_w2 = vec![eps; w2.len()];
    let mut g_b2 = [eps; CLASSES];
    let lr = options.learning_rate;
    let keep = 1.0 - options.dropout.clamp(0.0, 0.9);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut best: Option<(f64, Mlp)> = None;
    let mut h = vec![0.0f32; hidden];
    let mut mask = vec![0.0f32; hidden];
    let mut gh = vec![0.0f32; hidden];
    for epoch in 1..=options.epochs.max(1) {
        rng.shuffle(&mut order);
        for &i in &order {
            let (feats, label) = &data[i];
            h.copy_from_slice(&b1);
            for &r in feats {
                let base = r as usize * hidden;
                for (a, x) in h.iter_mut().zip(&emb[base..base + hidden]) {
                    *a += x;
                }
            }
            for m in mask.iter_mut() {
                *m = if rng.unit() < keep { 1.0 / keep } else { 0.0 };
            }
            let mut s = b2;
            for j in 0..hidden {
                let x = h[j].max(0.0) * mask[j];
                if x > 0.0 {
                    for c in 0..CLASSES {
                        s[c] += x * w2[j * CLASSES + c];
                    }
                }
            }
            let lp = log_softmax(s);
            let g: [f32; CLASSES] =
                std::array::from_fn(|c| lp[c].exp() - if c == *label as usize { 1.0 } else { 0.0 });
            for j in 0..hidden {
                let x = h[j].max(0.0) * mask[j];
                let mut back = 0.0;
                for c in 0..CLASSES {
                    let k = j * CLASSES + c;
                    back += g[c] * w2[k];
                    if x > 0.0 {
                        let gw = g[c] * x;
                        g_w2[k] += gw * gw;
                        w2[k] -= lr * gw / g_w2[k].sqrt();
                    }
                }
                gh[j] = if h[j] > 0.0 { back * mask[j] } else { 0.0 };
            }
            for c in 0..CLASSES {
                g_b2[c] += g[c] * g[c];
                b2[c] -= lr * g[c] / g_b2[c].sqrt();
            }
            for j in 0..hidden {
                g_b1[j] += gh[j] * gh[j];
                b1[j] -= lr * gh[j] / g_b1[j].sqrt();
            }
            for &r in feats {
                let base = r as usize * hidden;
                for j in 0..hidden {
                    let k = base + j;
                    g_emb[k] += gh[j] * gh[j];
                    emb[k] -= lr * gh[j] / g_emb[k].sqrt();
                }
            }
        }
        let model = Mlp {
            hidden,
            rows: index.clone(),
            emb: emb.clone(),
            b1: b1.clone(),
            w2: w2.clone(),
            b2,
        };
        let score = evaluate(&model);
        log(epoch, score);
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, model));
        }
    }
    Ok(best.map(|(_, m)| m))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Class 3 when features 1 and 2 occur together, 1 when either occurs alone, else 0:
    /// a conjunction a linear model over single features cannot express exactly.
    fn rows() -> Vec<(Vec<u32>, u8)> {
        let mut out = Vec::new();
        for noise in 10..40u32 {
            out.push((vec![1, 2, noise], 3));
            out.push((vec![1, noise], 1));
            out.push((vec![2, noise], 1));
            out.push((vec![noise], 0));
        }
        out
    }

    fn trained() -> Mlp {
        let data = rows();
        let refs: Vec<(&[u32], u8)> = data.iter().map(|(f, l)| (&f[..], *l)).collect();
        let options = MlpOptions {
            hidden: 8,
            epochs: 30,
            learning_rate: 0.1,
            min_count: 1,
            dropout: 0.0,
        };
        // a rising score keeps the last epoch
        let mut epoch = 0.0;
        let rising = |_: &Mlp| {
            epoch += 1.0;
            epoch
        };
        train(&refs, &options, 7, rising, |_, _| {})
            .unwrap()
            .unwrap()
    }

    fn argmax(lp: [f32; CLASSES]) -> usize {
        (0..CLASSES).fold(0, |b, c| if lp[c] > lp[b] { c } else { b })
    }

    #[test]
    fn learns_a_conjunction_and_survives_the_file_round_trip() {
        let net = trained();
        let back = Mlp::from_file(net.to_file()).unwrap();
        for (features, want) in [(vec![1, 2, 99], 3), (vec![1, 99], 1), (vec![99], 0)] {
            assert_eq!(argmax(net.log_probs(&features)), want, "{features:?}");
            assert_eq!(argmax(back.log_probs(&features)), want, "{features:?}");
        }
    }

    #[test]
    fn training_is_deterministic() {
        let (a, b) = (trained().to_file(), trained().to_file());
        assert_eq!(a.emb, b.emb);
        assert_eq!(a.w2, b.w2);
    }

    #[test]
    fn blobs_round_trip_through_postcard_and_reject_ragged_arrays() {
        let u = [0u32, 1, 0xdead_beef, u32::MAX];
        let f = [0.0f32, -1.5, f32::MAX];
        let i = [i16::MIN, -1, 0, 7, i16::MAX];
        let e = [-127i8, 0, 5, 127];
        let bytes = postcard::to_allocvec(&(
            Blob::from_u32s(&u),
            Blob::from_f32s(&f),
            Blob::from_i16s(&i),
            Blob::from_i8s(&e),
        ))
        .unwrap();
        let (bu, bf, bi, be): (Blob, Blob, Blob, Blob) = postcard::from_bytes(&bytes).unwrap();
        assert!(
            matches!(bu.0, Cow::Borrowed(_)),
            "read in place, not copied"
        );
        assert_eq!(bu.u32s().unwrap(), u);
        assert_eq!(bf.f32s().unwrap(), f);
        assert_eq!(bi.i16s().unwrap(), i);
        assert_eq!(be.i8s(), e);
        for ragged in [&[1u8, 2, 3][..], &[1, 2, 3, 4, 5]] {
            let blob = Blob(Cow::Borrowed(ragged));
            assert!(blob.u32s().is_err() && blob.f32s().is_err());
        }
        assert!(Blob(Cow::Borrowed(&[1u8][..])).i16s().is_err());
    }

    #[test]
    fn bad_shapes_are_errors() {
        let mut file = trained().to_file();
        file.emb.pop();
        assert!(Mlp::from_file(file).is_err());
        let mut file = trained().to_file();
        file.hidden = 0;
        assert!(Mlp::from_file(file).is_err());
    }

    #[test]
    fn no_hidden_units_means_no_network() {
        let data = rows();
        let refs: Vec<(&[u32], u8)> = data.iter().map(|(f, l)| (&f[..], *l)).collect();
        let options = MlpOptions {
            hidden: 0,
            ..MlpOptions::default()
        };
        assert!(
            train(&refs, &options, 7, |_| 0.0, |_, _| {})
                .unwrap()
                .is_none()
        );
    }
}
