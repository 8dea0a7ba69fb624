//! Running the three taggers over documents: POS, then chunks from POS, then named
//! entities from both plus gazetteers and document context. This is the API the
//! extraction pipeline calls; the bundled models are parsed once per process.
//!
//! Per-token attributes are computed once per sentence and shared by all three models;
//! each word's own attributes and word-local scores come from a per-thread [`WordCache`].

use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use super::conll::spans;
use super::features::{
    CHUNK_FEATURE_SET, CHUNK_TAG_GROUPS, DocContext, NER_FEATURE_SET, NER_TAG_GROUPS,
    POS_FEATURE_SET, SentenceAttrs, chunk_context_keys, chunk_features, chunk_word_keys,
    label_hash, ner_context_keys, ner_history_features, ner_static_features, ner_word_keys,
    pos_context_keys, pos_features, pos_word_keys,
};
use super::lexicon::Lexicon;
use super::modelfile::{Model, TaggerKind};
use super::perceptron::{SentenceFeatures, ViterbiScratch};
use super::wordcache::{CachedModel, WordCache};
use crate::error::{Error, Result};

/// Reusable buffers for tagging.
#[derive(Default)]
pub struct Workspace {
    pub buf: String,
    feats: SentenceFeatures<u64>,
    extra: Vec<u64>,
    emit: Vec<i32>,
    vit: ViterbiScratch,
}

pub fn predict_pos(model: &Model, attrs: &SentenceAttrs, ws: &mut Workspace, out: &mut Vec<u16>) {
    pos_features(attrs, &mut ws.feats);
    model.decode(&ws.feats, &mut ws.emit, &mut ws.vit, out);
}

pub fn predict_chunk(
    model: &Model,
    attrs: &SentenceAttrs,
    pos: &[u64],
    ws: &mut Workspace,
    out: &mut Vec<u16>,
) {
    chunk_features(attrs, pos, &mut ws.feats);
    model.decode(&ws.feats, &mut ws.emit, &mut ws.vit, out);
}

/// Entity type index per NER label: 0 for "O", else 1 + position of the type.
pub fn label_types(labels: &[String]) -> Vec<u8> {
    let mut types: Vec<&str> = labels
        .iter()
        .filter_map(|l| l.split_once('-').map(|(_, t)| t))
        .collect();
    types.sort_unstable();
    types.dedup();
    labels
        .iter()
        .map(|l| match l.split_once('-') {
            Some((_, t)) => types
                .iter()
                .position(|x| *x == t)
                .map_or(0, |i| i as u8 + 1),
            None => 0,
        })
        .collect()
}

/// Tags one document's sentences with the NER model, left to right, so that later
/// sentences see how words were tagged before.
pub fn predict_ner_document(
    model: &Model,
    types: &[u8],
    attrs: &[SentenceAttrs],
    pos: &[Vec<u64>],
    chunk: &[Vec<u64>],
    ws: &mut Workspace,
) -> Vec<Vec<u16>> {
    ner_document(model, types, attrs, pos, chunk, ws, None)
}

/// Where [`ner_document`] takes its cached scores from.
struct CachedScores<'c, 'm> {
    cache: &'c mut WordCache,
    models: &'c [CachedModel<'m>],
    /// The NER model's index in `models`.
    model: usize,
    /// Each sentence's word ids in `cache`.
    ids: &'c [Vec<u32>],
}

/// [`predict_ner_document`], taking the word-local and tag-group scores from `cached`
/// when given.
fn ner_document(
    model: &Model,
    types: &[u8],
    attrs: &[SentenceAttrs],
    pos: &[Vec<u64>],
    chunk: &[Vec<u64>],
    ws: &mut Workspace,
    mut cached: Option<CachedScores<'_, '_>>,
) -> Vec<Vec<u16>> {
    let mut doc = DocContext::default();
    for a in attrs {
        doc.observe(a);
    }
    let n = model.n_labels();
    let mut out = Vec::with_capacity(attrs.len());
    let mut ty = Vec::new();
    for (s, ((a, p), c)) in attrs.iter().zip(pos).zip(chunk).enumerate() {
        match &mut cached {
            Some(cs) => {
                token_features(&mut ws.feats, a.len(), |i, k| {
                    ner_context_keys(a, p, &doc, i, k)
                });
                model.emissions(&ws.feats, &mut ws.emit);
                if let Some(ids) = cs.ids.get(s) {
                    cs.cache
                        .add_scores(cs.model, cs.models, ids, p, c, &mut ws.emit);
                }
            }
            None => {
                ner_static_features(a, p, c, &doc, &mut ws.feats);
                model.emissions(&ws.feats, &mut ws.emit);
            }
        }
        for i in 0..a.len() {
            ws.extra.clear();
            ner_history_features(a, &doc, i, &mut ws.extra);
            for &k in &ws.extra {
                model.add_feature(k, &mut ws.emit[i * n..(i + 1) * n]);
            }
        }
        let mut labels = Vec::new();
        model.decode_emissions(&ws.emit, &mut ws.vit, &mut labels);
        ty.clear();
        ty.extend(
            labels
                .iter()
                .map(|&l| types.get(l as usize).copied().unwrap_or(0)),
        );
        doc.remember(a, &ty);
        out.push(labels);
    }
    out
}

/// Fills `out` with `f(i, keys)`'s keys for each of `len` tokens.
fn token_features(
    out: &mut SentenceFeatures<u64>,
    len: usize,
    mut f: impl FnMut(usize, &mut Vec<u64>),
) {
    out.clear();
    for i in 0..len {
        f(i, &mut out.keys);
        out.end_token();
    }
}

/// Buffers for tagging one document, kept from one document to the next.
#[derive(Default)]
struct DocumentBuffers {
    ws: Workspace,
    attrs: Vec<SentenceAttrs>,
    ids: Vec<Vec<u32>>,
    pos_h: Vec<Vec<u64>>,
    chunk_h: Vec<Vec<u64>>,
}

impl DocumentBuffers {
    /// Makes room for `sentences` sentences.
    fn reserve(&mut self, sentences: usize) {
        if self.attrs.len() < sentences {
            self.attrs.resize_with(sentences, SentenceAttrs::default);
            self.ids.resize_with(sentences, Vec::new);
            self.pos_h.resize_with(sentences, Vec::new);
            self.chunk_h.resize_with(sentences, Vec::new);
        }
    }
}

/// The tags of one sentence: Penn POS, chunk (IOB2) and NER (IOB2) per token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceTags<'a> {
    pub pos: Vec<&'a str>,
    pub chunk: Vec<&'a str>,
    pub ner: Vec<&'a str>,
}

/// The four CoNLL entity types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerLabel {
    Per,
    Org,
    Loc,
    Misc,
}

impl NerLabel {
    pub fn parse(s: &str) -> Option<NerLabel> {
        Some(match s {
            "PER" => NerLabel::Per,
            "ORG" => NerLabel::Org,
            "LOC" => NerLabel::Loc,
            "MISC" => NerLabel::Misc,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NerLabel::Per => "PER",
            NerLabel::Org => "ORG",
            NerLabel::Loc => "LOC",
            NerLabel::Misc => "MISC",
        }
    }
}

/// A named-entity span over token indices `[start, end)` of one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    pub label: NerLabel,
}

impl SentenceTags<'_> {
    /// The entity spans of this sentence, in order.
    pub fn entities(&self) -> Vec<NerSpan> {
        spans(&self.ner)
            .into_iter()
            .filter_map(|s| {
                NerLabel::parse(&s.label).map(|label| NerSpan {
                    start: s.start,
                    end: s.end,
                    label,
                })
            })
            .collect()
    }
}

/// POS, chunk and NER models with everything needed to run them together.
#[derive(Debug)]
pub struct Annotator {
    /// Distinguishes this annotator's entries in the per-thread [`WordCache`].
    id: u64,
    pos: Model,
    chunk: Model,
    ner: Model,
    lexicon: &'static Lexicon,
    pos_hash: Vec<u64>,
    chunk_hash: Vec<u64>,
    ner_types: Vec<u8>,
    chunk_tags: Vec<String>,
    ner_tags: Vec<String>,
}

static POS_MODEL: &[u8] = include_bytes!("../../data/models/pos.model");
static CHUNK_MODEL: &[u8] = include_bytes!("../../data/models/chunk.model");
static NER_MODEL: &[u8] = include_bytes!("../../data/models/ner.model");

fn iob2(model: &Model) -> Vec<String> {
    model
        .labels
        .iter()
        .map(|l| match l.split_once('-') {
            Some(("U", t)) => format!("B-{t}"),
            Some(("L", t)) => format!("I-{t}"),
            _ => l.clone(),
        })
        .collect()
}

impl Annotator {
    /// Combines three models after checking each matches this build's features and lexicon.
    pub fn from_models(pos: Model, chunk: Model, ner: Model) -> Result<Annotator> {
        let lexicon = Lexicon::builtin();
        for (m, kind) in [
            (&pos, TaggerKind::Pos),
            (&chunk, TaggerKind::Chunk),
            (&ner, TaggerKind::Ner),
        ] {
            if m.kind != kind {
                return Err(Error::model(format!(
                    "expected a {} model, found {}",
                    kind.name(),
                    m.kind.name()
                )));
            }
        }
        pos.check_features(POS_FEATURE_SET, lexicon.word_fingerprint())?;
        chunk.check_features(CHUNK_FEATURE_SET, lexicon.word_fingerprint())?;
        ner.check_features(NER_FEATURE_SET, lexicon.fingerprint())?;
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Ok(Annotator {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            pos_hash: pos.labels.iter().map(|l| label_hash(l)).collect(),
            chunk_hash: chunk.labels.iter().map(|l| label_hash(l)).collect(),
            ner_types: label_types(&ner.labels),
            chunk_tags: iob2(&chunk),
            ner_tags: iob2(&ner),
            pos,
            chunk,
            ner,
            lexicon,
        })
    }

    /// Parses three model files.
    pub fn from_bytes(pos: &[u8], chunk: &[u8], ner: &[u8]) -> Result<Annotator> {
        Annotator::from_models(
            Model::from_bytes(pos, TaggerKind::Pos)?,
            Model::from_bytes(chunk, TaggerKind::Chunk)?,
            Model::from_bytes(ner, TaggerKind::Ner)?,
        )
    }

    /// The models bundled in `data/models/`, parsed on first use.
    pub fn builtin() -> Result<&'static Annotator> {
        static CELL: OnceLock<std::result::Result<Annotator, String>> = OnceLock::new();
        CELL.get_or_init(|| {
            Annotator::from_bytes(POS_MODEL, CHUNK_MODEL, NER_MODEL)
                .map_err(|e| format!("bundled models: {e}"))
        })
        .as_ref()
        .map_err(|e| Error::model(e.clone()))
    }

    pub fn pos_model(&self) -> &Model {
        &self.pos
    }
    pub fn chunk_model(&self) -> &Model {
        &self.chunk
    }
    pub fn ner_model(&self) -> &Model {
        &self.ner
    }

    /// Tags one document, given as sentences of tokens. Sentences are tagged in order:
    /// NER uses how words were tagged earlier in the same document.
    pub fn annotate<S: AsRef<str>>(&self, doc_sentences: &[Vec<S>]) -> Vec<SentenceTags<'_>> {
        thread_local! {
            static STATE: RefCell<(WordCache, DocumentBuffers)> = RefCell::default();
        }
        STATE.with(|state| match state.try_borrow_mut() {
            Ok(mut state) => {
                let (cache, buffers) = &mut *state;
                self.annotate_in(doc_sentences, cache, buffers)
            }
            Err(_) => self.annotate_with(doc_sentences, &mut WordCache::default()),
        })
    }

    /// The models in [`WordCache`] order: POS, chunk, NER.
    fn cached_models(&self) -> [CachedModel<'_>; 3] {
        [
            CachedModel {
                model: &self.pos,
                word_keys: pos_word_keys,
                tag_groups: &[],
            },
            CachedModel {
                model: &self.chunk,
                word_keys: chunk_word_keys,
                tag_groups: &CHUNK_TAG_GROUPS,
            },
            CachedModel {
                model: &self.ner,
                word_keys: ner_word_keys,
                tag_groups: &NER_TAG_GROUPS,
            },
        ]
    }

    /// [`Annotator::annotate`] with a given word cache.
    pub fn annotate_with<S: AsRef<str>>(
        &self,
        doc_sentences: &[Vec<S>],
        cache: &mut WordCache,
    ) -> Vec<SentenceTags<'_>> {
        self.annotate_in(doc_sentences, cache, &mut DocumentBuffers::default())
    }

    fn annotate_in<S: AsRef<str>>(
        &self,
        doc_sentences: &[Vec<S>],
        cache: &mut WordCache,
        b: &mut DocumentBuffers,
    ) -> Vec<SentenceTags<'_>> {
        const POS: usize = 0;
        const CHUNK: usize = 1;
        const NER: usize = 2;
        let models = self.cached_models();
        cache.begin_document(self.id, &models);
        let count = doc_sentences.len();
        b.reserve(count);
        let ws = &mut b.ws;
        let mut pos_ids = Vec::with_capacity(count);
        let mut chunk_ids = Vec::with_capacity(count);
        let mut p = Vec::new();
        let mut c = Vec::new();
        for (s, words) in doc_sentences.iter().enumerate() {
            let (a, w) = (&mut b.attrs[s], &mut b.ids[s]);
            cache.sentence(words, self.lexicon, &models, a, w);
            let a = &*a;
            token_features(&mut ws.feats, a.len(), |i, k| pos_context_keys(a, i, k));
            self.pos.emissions(&ws.feats, &mut ws.emit);
            cache.add_scores(POS, &models, w, &[], &[], &mut ws.emit);
            self.pos.decode_emissions(&ws.emit, &mut ws.vit, &mut p);
            let ph = &mut b.pos_h[s];
            ph.clear();
            ph.extend(p.iter().map(|&l| self.pos_hash[l as usize]));
            let ph = &*ph;
            token_features(&mut ws.feats, a.len(), |i, k| {
                chunk_context_keys(a, ph, i, k)
            });
            self.chunk.emissions(&ws.feats, &mut ws.emit);
            cache.add_scores(CHUNK, &models, w, ph, &[], &mut ws.emit);
            self.chunk.decode_emissions(&ws.emit, &mut ws.vit, &mut c);
            let ch = &mut b.chunk_h[s];
            ch.clear();
            ch.extend(c.iter().map(|&l| self.chunk_hash[l as usize]));
            pos_ids.push(std::mem::take(&mut p));
            chunk_ids.push(std::mem::take(&mut c));
        }
        let ner = ner_document(
            &self.ner,
            &self.ner_types,
            &b.attrs[..count],
            &b.pos_h[..count],
            &b.chunk_h[..count],
            ws,
            Some(CachedScores {
                cache,
                models: &models,
                model: NER,
                ids: &b.ids[..count],
            }),
        );
        pos_ids
            .iter()
            .zip(&chunk_ids)
            .zip(&ner)
            .map(|((p, c), n)| SentenceTags {
                pos: p
                    .iter()
                    .map(|&l| self.pos.labels[l as usize].as_str())
                    .collect(),
                chunk: c
                    .iter()
                    .map(|&l| self.chunk_tags[l as usize].as_str())
                    .collect(),
                ner: n
                    .iter()
                    .map(|&l| self.ner_tags[l as usize].as_str())
                    .collect(),
            })
            .collect()
    }
}

impl Annotator {
    /// Loads `pos.model`, `chunk.model` and `ner.model` from a directory.
    pub fn from_dir(dir: &std::path::Path) -> Result<Annotator> {
        let read = |name: &str| {
            let p = dir.join(name);
            std::fs::read(&p).map_err(|e| Error::io(Some(&p), e))
        };
        Annotator::from_bytes(
            &read("pos.model")?,
            &read("chunk.model")?,
            &read("ner.model")?,
        )
    }

    /// Copies every line of a CoNLL file and appends the predicted NER tag (IOB2) as a new
    /// last column; `-DOCSTART-` lines get `O`, blank lines stay blank. Documents are the
    /// `-DOCSTART-` sections, sentences the blank-line separated blocks.
    pub fn tag_conll<'a>(&'a self, text: &'a str, out: &mut impl std::io::Write) -> Result<()> {
        use super::conll::{LineKind, line_kind};
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let mut tags: Vec<Option<&str>> = vec![None; lines.len()];
        let mut doc: Vec<Vec<&str>> = Vec::new();
        let mut doc_lines: Vec<Vec<usize>> = Vec::new();
        let mut sentence: Vec<&str> = Vec::new();
        let mut sentence_lines: Vec<usize> = Vec::new();
        let flush_doc = |doc: &mut Vec<Vec<&'a str>>,
                         doc_lines: &mut Vec<Vec<usize>>,
                         tags: &mut Vec<Option<&'a str>>| {
            let tagged = self.annotate(doc);
            for (s, ls) in tagged.iter().zip(doc_lines.iter()) {
                for (&t, &l) in s.ner.iter().zip(ls) {
                    tags[l] = Some(t);
                }
            }
            doc.clear();
            doc_lines.clear();
        };
        for (i, line) in lines.iter().enumerate() {
            let kind = line_kind(line);
            if kind != LineKind::Token && !sentence.is_empty() {
                doc.push(std::mem::take(&mut sentence));
                doc_lines.push(std::mem::take(&mut sentence_lines));
            }
            match kind {
                LineKind::DocStart => {
                    flush_doc(&mut doc, &mut doc_lines, &mut tags);
                    tags[i] = Some("O");
                }
                LineKind::Blank => {}
                LineKind::Token => {
                    sentence.push(line.split_whitespace().next().unwrap_or(""));
                    sentence_lines.push(i);
                }
            }
        }
        if !sentence.is_empty() {
            doc.push(sentence);
            doc_lines.push(sentence_lines);
        }
        flush_doc(&mut doc, &mut doc_lines, &mut tags);
        for (line, tag) in lines.iter().zip(&tags) {
            let body = line.trim_end_matches(['\n', '\r']);
            let ending = &line[body.len()..];
            let r = match tag {
                Some(t) => write!(out, "{body} {t}{ending}"),
                None => out.write_all(line.as_bytes()),
            };
            r.map_err(|e| Error::io(None, e))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_models_load_and_tag_a_document() {
        let started = std::time::Instant::now();
        let a = Annotator::builtin().unwrap();
        let elapsed = started.elapsed();
        // Debug builds are slower; the release figure is in data/models/README.md.
        assert!(elapsed.as_secs() < 5, "loading took {elapsed:?}");
        let doc = vec![
            vec![
                "Angela",
                "Merkel",
                "flew",
                "to",
                "Washington",
                "on",
                "Monday",
                ".",
            ],
            vec![
                "Merkel",
                "met",
                "officials",
                "of",
                "the",
                "World",
                "Bank",
                ".",
            ],
        ];
        let tags = a.annotate(&doc);
        assert_eq!(tags.len(), 2);
        for (s, t) in doc.iter().zip(&tags) {
            assert_eq!(
                (t.pos.len(), t.chunk.len(), t.ner.len()),
                (s.len(), s.len(), s.len())
            );
        }
        let spans = tags[0].entities();
        assert!(
            spans.contains(&NerSpan {
                start: 0,
                end: 2,
                label: NerLabel::Per
            }),
            "{tags:?}"
        );
        assert!(
            spans.contains(&NerSpan {
                start: 4,
                end: 5,
                label: NerLabel::Loc
            }),
            "{tags:?}"
        );
        assert_eq!(tags[0].pos[2], "VBD");
        assert!(tags[1].chunk[0].ends_with("NP"));
        // Tags are IOB2 whatever scheme the model uses inside.
        assert!(
            tags.iter()
                .flat_map(|t| &t.ner)
                .all(|n| *n == "O" || n.starts_with("B-") || n.starts_with("I-"))
        );
        assert!(a.annotate::<&str>(&[]).is_empty());
        assert_eq!(
            a.annotate(&[Vec::<&str>::new()]),
            vec![SentenceTags {
                pos: vec![],
                chunk: vec![],
                ner: vec![]
            }]
        );
    }

    /// A model's index in the cache, the model, its full and its context-only features.
    type Check<'a> = (
        usize,
        &'a Model,
        &'a dyn Fn(&mut SentenceFeatures<u64>),
        &'a dyn Fn(usize, &mut Vec<u64>),
    );

    /// Sentences written for this test: headline, gazetteer names, sentence-initial and
    /// all-caps words, digits, non-ASCII, one-word and empty sentences.
    fn test_document() -> Vec<Vec<&'static str>> {
        [
            "PUTIN AND XI MEET IN MOSCOW",
            "Angela Merkel flew to Washington on Monday to meet the World Bank's president .",
            "The U.S. and China agreed a 90-day truce in Geneva , officials said .",
            "Merkel said Zürich-based UBS would pay $ 1.4 billion .",
            "Yes",
            "",
            "NATO 's secretary general , Mark Rutte , visited Kyiv and Ankara .",
            "Merkel met Rutte ; the two spoke about Ukraine and the European Union .",
        ]
        .iter()
        .map(|s| s.split_whitespace().collect())
        .collect()
    }

    #[test]
    fn cached_scores_equal_full_feature_scores() {
        let a = Annotator::builtin().unwrap();
        let doc = test_document();
        let models = a.cached_models();
        // A small capacity also exercises emptying the cache between documents.
        let mut cache = WordCache::new(8);
        for _round in 0..2 {
            cache.begin_document(a.id, &models);
            let mut ws = Workspace::default();
            let (mut full, mut cached) = (Vec::new(), Vec::new());
            let mut doc_ctx = DocContext::default();
            let mut sentences = Vec::new();
            for words in &doc {
                let mut attrs = SentenceAttrs::default();
                attrs.compute(words, a.lexicon, &mut ws.buf);
                let mut cached_attrs = SentenceAttrs::default();
                let mut ids = Vec::new();
                cache.sentence(words, a.lexicon, &models, &mut cached_attrs, &mut ids);
                assert_eq!(format!("{attrs:?}"), format!("{cached_attrs:?}"));
                doc_ctx.observe(&attrs);
                sentences.push((attrs, ids));
            }
            for (attrs, ids) in &sentences {
                let len = attrs.len();
                // Tags from the full path feed the chunk and NER features of both paths.
                let mut p = Vec::new();
                predict_pos(&a.pos, attrs, &mut ws, &mut p);
                let ph: Vec<u64> = p.iter().map(|&l| a.pos_hash[l as usize]).collect();
                let mut c = Vec::new();
                predict_chunk(&a.chunk, attrs, &ph, &mut ws, &mut c);
                let ch: Vec<u64> = c.iter().map(|&l| a.chunk_hash[l as usize]).collect();
                let mut feats = SentenceFeatures::default();
                let checks: [Check<'_>; 3] = [
                    (0, &a.pos, &|f| pos_features(attrs, f), &|i, k| {
                        pos_context_keys(attrs, i, k)
                    }),
                    (1, &a.chunk, &|f| chunk_features(attrs, &ph, f), &|i, k| {
                        chunk_context_keys(attrs, &ph, i, k)
                    }),
                    (
                        2,
                        &a.ner,
                        &|f| ner_static_features(attrs, &ph, &ch, &doc_ctx, f),
                        &|i, k| ner_context_keys(attrs, &ph, &doc_ctx, i, k),
                    ),
                ];
                for (m, model, all_keys, context_keys) in checks {
                    all_keys(&mut feats);
                    model.emissions(&feats, &mut full);
                    token_features(&mut feats, len, context_keys);
                    model.emissions(&feats, &mut cached);
                    cache.add_scores(m, &models, ids, &ph, &ch, &mut cached);
                    assert_eq!(full, cached, "model {m}, sentence {attrs:?}");
                    assert_eq!(full.len(), len * model.n_labels());
                }
            }
            assert!(cache.len() > 8, "the document alone overfills the cache");
        }
        // And through the public API, with the per-thread cache.
        let words: Vec<Vec<&str>> = doc.clone();
        let first = a.annotate(&words);
        assert_eq!(a.annotate(&words), first);
        assert_eq!(a.annotate_with(&words, &mut WordCache::new(0)), first);
    }

    #[test]
    fn entities_reads_iob2_spans() {
        let t = SentenceTags {
            pos: vec![],
            chunk: vec![],
            ner: vec!["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-MISC"],
        };
        assert_eq!(
            t.entities(),
            vec![
                NerSpan {
                    start: 0,
                    end: 2,
                    label: NerLabel::Per
                },
                NerSpan {
                    start: 3,
                    end: 4,
                    label: NerLabel::Loc
                },
                NerSpan {
                    start: 4,
                    end: 5,
                    label: NerLabel::Loc
                },
                NerSpan {
                    start: 5,
                    end: 6,
                    label: NerLabel::Misc
                },
            ]
        );
    }

    #[test]
    fn label_types_number_entity_types_from_one() {
        let labels: Vec<String> = ["O", "B-LOC", "U-PER", "L-LOC"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(label_types(&labels), vec![0, 1, 2, 1]);
    }
}
