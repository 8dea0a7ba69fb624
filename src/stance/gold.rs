//! The relation gold set: passages of real news rebuilt from the corpora, and the scoring
//! of the pipeline's stance relations against our annotations (`data/eval/PROTOCOL.md`).
//!
//! The gold file holds passage ids, byte offsets and checksums only, never corpus text;
//! the text is rendered here exactly as `scripts/eval/passages.py` renders it, and a
//! checksum per passage proves the two agree.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{Article, Document, EntityId, Polarity, Span};

/// Where a passage comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Corpus {
    /// A CoNLL-2003 `valid.txt` document (Reuters).
    Conll,
    /// Five consecutive sentences of the GMB CSV (Voice of America).
    Gmb,
    /// One `<Sentence>` of the PETRARCH2 GSR validation file (AFP and test sentences).
    Petrarch,
}

impl Corpus {
    pub fn parse(s: &str) -> Option<Corpus> {
        match s {
            "conll" => Some(Corpus::Conll),
            "gmb" => Some(Corpus::Gmb),
            "petrarch" => Some(Corpus::Petrarch),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Corpus::Conll => "conll",
            Corpus::Gmb => "gmb",
            Corpus::Petrarch => "petrarch",
        }
    }
}

/// One passage of the gold set, as listed in the gold file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassageRecord {
    pub id: String,
    pub corpus: Corpus,
    /// `dev` (rules are tuned on it) or `test` (reported only).
    pub split: String,
    pub checksum: String,
    pub sentences: usize,
    /// Read by an annotator; relations are scored only in annotated passages.
    pub annotated: bool,
}

/// The sign of a gold relation.
pub fn parse_sign(s: &str) -> Option<Polarity> {
    match s {
        "negative" => Some(Polarity::Negative),
        "neutral" => Some(Polarity::Neutral),
        "positive" => Some(Polarity::Positive),
        _ => None,
    }
}

/// One annotated relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldRelation {
    pub passage: String,
    pub sentence: usize,
    pub evidence: Span,
    pub source: Span,
    pub target: Span,
    pub sign: Polarity,
    pub category: String,
    /// `direct`, `indirect` or `none`.
    pub speech: String,
    pub mutual: bool,
    pub source_ref: String,
    pub target_ref: String,
}

impl GoldRelation {
    /// A quoted or reported stance: what the speech-attribution targets are measured on.
    pub fn is_quoted(&self) -> bool {
        self.speech == "direct" || self.speech == "indirect"
    }
}

/// The parsed gold file.
#[derive(Clone, Debug, Default)]
pub struct GoldSet {
    pub passages: Vec<PassageRecord>,
    pub relations: Vec<GoldRelation>,
}

#[derive(Deserialize)]
struct Line {
    kind: String,
    passage: String,
    #[serde(default)]
    corpus: String,
    #[serde(default)]
    split: String,
    #[serde(default)]
    checksum: String,
    #[serde(default)]
    sentences: usize,
    #[serde(default)]
    annotated: bool,
    #[serde(default)]
    sentence: usize,
    #[serde(default)]
    evidence: [usize; 2],
    #[serde(default)]
    source: [usize; 2],
    #[serde(default)]
    target: [usize; 2],
    #[serde(default)]
    sign: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    speech: String,
    #[serde(default)]
    mutual: bool,
    #[serde(default)]
    source_ref: String,
    #[serde(default)]
    target_ref: String,
}

fn span(place: &str, [start, end]: [usize; 2]) -> Result<Span> {
    if start > end {
        return Err(Error::input(place, "span starts after it ends"));
    }
    Ok(Span::new(start, end))
}

impl GoldSet {
    /// Parses the JSONL gold file; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<GoldSet> {
        let mut set = GoldSet::default();
        for (i, raw) in text.lines().enumerate() {
            if raw.trim().is_empty() {
                continue;
            }
            let place = format!("{origin}:{}", i + 1);
            let line: Line =
                serde_json::from_str(raw).map_err(|e| Error::input(&place, e.to_string()))?;
            match line.kind.as_str() {
                "passage" => set.passages.push(PassageRecord {
                    corpus: Corpus::parse(&line.corpus).ok_or_else(|| {
                        Error::input(&place, format!("unknown corpus {:?}", line.corpus))
                    })?,
                    id: line.passage,
                    split: line.split,
                    checksum: line.checksum,
                    sentences: line.sentences,
                    annotated: line.annotated,
                }),
                "relation" => set.relations.push(GoldRelation {
                    sign: parse_sign(&line.sign).ok_or_else(|| {
                        Error::input(&place, format!("unknown sign {:?}", line.sign))
                    })?,
                    evidence: span(&place, line.evidence)?,
                    source: span(&place, line.source)?,
                    target: span(&place, line.target)?,
                    passage: line.passage,
                    sentence: line.sentence,
                    category: line.category,
                    speech: line.speech,
                    mutual: line.mutual,
                    source_ref: line.source_ref,
                    target_ref: line.target_ref,
                }),
                other => return Err(Error::input(&place, format!("unknown kind {other:?}"))),
            }
        }
        let ids: BTreeSet<&str> = set.passages.iter().map(|p| p.id.as_str()).collect();
        if let Some(r) = set
            .relations
            .iter()
            .find(|r| !ids.contains(r.passage.as_str()))
        {
            return Err(Error::input(
                origin,
                format!("relation in unlisted passage {}", r.passage),
            ));
        }
        Ok(set)
    }
}

/// The corpus files the passages are rebuilt from (their contents).
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// CoNLL-2003 `valid.txt`.
    pub conll: Option<String>,
    /// CoNLL-2003 `train.txt` (the node-judging set's Reuters articles).
    pub conll_train: Option<String>,
    /// GMB `ner_dataset.csv`, decoded from Latin-1.
    pub gmb: Option<String>,
    /// `PETR2_GSR_validation.xml`.
    pub petrarch: Option<String>,
}

/// A passage's text, as the annotators read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub record: PassageRecord,
    pub text: String,
    /// Byte span of each corpus sentence.
    pub sentences: Vec<Span>,
    /// The date the passage's source gives, ISO 8601, if any.
    pub date: Option<String>,
    /// PETRARCH event codings: (source code, target code, CAMEO event code).
    pub codings: Vec<(String, String, String)>,
}

impl Passage {
    /// The passage as an article for the pipeline.
    pub fn article(&self) -> Article {
        Article {
            id: self.record.id.clone(),
            text: self.text.clone(),
            date: self.date.clone(),
            ..Article::default()
        }
    }
}

/// FNV-1a, 64 bits: the passage checksum (`passages.py` computes the same).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

const NO_SPACE_BEFORE: &[&str] = &[
    ",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'S", "'", "n't", "N'T", "'re", "'ve",
    "'ll", "'d", "'m", "''", "...",
];
const NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$", "``"];

/// Token lists -> text and sentence spans: one space between tokens except around
/// punctuation, straight double quotes alternating open and close over the passage.
pub fn render<S: AsRef<str>>(sentences: &[Vec<S>], sep: &str) -> (String, Vec<Span>) {
    let mut out = String::new();
    let mut spans = Vec::with_capacity(sentences.len());
    let mut open_quote = false;
    for (si, toks) in sentences.iter().enumerate() {
        if si > 0 {
            out.push_str(sep);
        }
        let start = out.len();
        let mut prev: Option<(&str, bool)> = None;
        for tok in toks {
            let tok = tok.as_ref();
            let mut space = prev.is_some();
            let mut is_open = false;
            if tok == "\"" {
                if open_quote {
                    space = false;
                }
                open_quote = !open_quote;
                is_open = open_quote;
            }
            if NO_SPACE_BEFORE.contains(&tok) {
                space = false;
            }
            if let Some((p, p_open)) = prev {
                if NO_SPACE_AFTER.contains(&p) || p_open {
                    space = false;
                }
            }
            if space {
                out.push(' ');
            }
            out.push_str(tok);
            prev = Some((tok, is_open));
        }
        spans.push(Span::new(start, out.len()));
    }
    (out, spans)
}

/// CoNLL-2003 documents as sentences of words.
fn conll_documents(text: &str) -> Vec<Vec<Vec<&str>>> {
    let mut docs: Vec<Vec<Vec<&str>>> = Vec::new();
    let mut sent: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.starts_with("-DOCSTART-") {
            if let Some(d) = docs.last_mut() {
                if !sent.is_empty() {
                    d.push(std::mem::take(&mut sent));
                }
            }
            sent.clear();
            docs.push(Vec::new());
            continue;
        }
        if line.trim().is_empty() {
            if let Some(d) = docs.last_mut() {
                if !sent.is_empty() {
                    d.push(std::mem::take(&mut sent));
                }
            }
            sent.clear();
            continue;
        }
        sent.push(line.split(' ').next().unwrap_or(""));
    }
    if let Some(d) = docs.last_mut() {
        if !sent.is_empty() {
            d.push(sent);
        }
    }
    docs
}

/// GMB sentences (numbered from 1 in the corpus) as words.
fn gmb_sentences(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for line in text.lines().skip(1) {
        let fields = crate::nlp::clusters::csv_fields(line);
        if fields.first().is_some_and(|f| f.starts_with("Sentence:")) {
            out.push(Vec::new());
        }
        if let (Some(cur), Some(w)) = (out.last_mut(), fields.get(1)) {
            cur.push(w.clone());
        }
    }
    out
}

/// `attr="value"` inside a tag's text.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let pat = format!("{name}=\"");
    let mut from = 0;
    while let Some(i) = tag[from..].find(&pat) {
        let at = from + i;
        let boundary = at == 0 || tag[..at].ends_with(|c: char| c.is_whitespace());
        let rest = &tag[at + pat.len()..];
        if boundary {
            return rest.find('"').map(|e| &rest[..e]);
        }
        from = at + pat.len();
    }
    None
}

struct PetrarchSentence {
    text: String,
    date: Option<String>,
    codings: Vec<(String, String, String)>,
}

/// PETRARCH records by id: the `<Text>` with whitespace runs folded to one space.
fn petrarch_sentences(xml: &str) -> HashMap<String, PetrarchSentence> {
    let mut out = HashMap::new();
    let starts: Vec<usize> = xml.match_indices("<Sentence").map(|(i, _)| i).collect();
    for (k, &start) in starts.iter().enumerate() {
        let after = &xml[start + "<Sentence".len()..];
        if !after.starts_with(|c: char| c.is_whitespace() || c == '>') {
            continue;
        }
        let end = starts
            .get(k + 1)
            .copied()
            .or_else(|| xml[start..].find("</Sentences>").map(|i| start + i))
            .unwrap_or(xml.len());
        let body = &xml[start..end];
        let Some(tag_end) = body.find('>') else {
            continue;
        };
        let tag = &body[..tag_end];
        let Some(id) = attribute(tag, "id") else {
            continue;
        };
        let Some(t0) = body.find("<Text>") else {
            continue;
        };
        let Some(t1) = body[t0..].find("</Text>") else {
            continue;
        };
        let text = body[t0 + 6..t0 + t1]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let date = attribute(tag, "date")
            .filter(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
            .map(|d| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]));
        let mut codings = Vec::new();
        for (i, _) in body.match_indices("<EventCoding") {
            let Some(e) = body[i..].find('>') else {
                continue;
            };
            let c = &body[i..i + e];
            if let (Some(s), Some(t), Some(ev)) = (
                attribute(c, "sourcecode"),
                attribute(c, "targetcode"),
                attribute(c, "eventcode"),
            ) {
                codings.push((s.to_string(), t.to_string(), ev.to_string()));
            }
        }
        out.insert(
            id.to_string(),
            PetrarchSentence {
                text,
                date,
                codings,
            },
        );
    }
    out
}

/// "MOSCOW 1996-08-30": the date of a Reuters dateline line among the first few.
fn conll_date(sentences: &[Vec<&str>]) -> Option<String> {
    sentences.iter().take(3).find_map(|s| {
        let last = s.last()?;
        let ok = s.len() <= 6
            && last.len() == 10
            && last.as_bytes()[4] == b'-'
            && last.as_bytes()[7] == b'-'
            && last
                .bytes()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        ok.then(|| (*last).to_string())
    })
}

/// Rebuilds every passage of `gold` from `sources` and checks its checksum.
pub fn passages(gold: &GoldSet, sources: &Sources) -> Result<Vec<Passage>> {
    let conll = sources.conll.as_deref().map(conll_documents);
    let conll_train = sources.conll_train.as_deref().map(conll_documents);
    let gmb = sources.gmb.as_deref().map(gmb_sentences);
    let petr = sources.petrarch.as_deref().map(petrarch_sentences);
    let missing = |what: &str| Error::usage(format!("the gold set needs the {what} corpus file"));
    let mut out = Vec::with_capacity(gold.passages.len());
    for rec in &gold.passages {
        let bad = |m: &str| Error::input(&rec.id, m.to_string());
        let (text, sentences, date, codings) = match rec.corpus {
            Corpus::Conll => {
                let (docs, n) = match rec.id.strip_prefix("conll-train-") {
                    Some(n) => (
                        conll_train
                            .as_ref()
                            .ok_or_else(|| missing("CoNLL-2003 train.txt"))?,
                        Some(n),
                    ),
                    None => (
                        conll
                            .as_ref()
                            .ok_or_else(|| missing("CoNLL-2003 valid.txt"))?,
                        rec.id.strip_prefix("conll-valid-"),
                    ),
                };
                let d: usize = n
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| bad("not a conll-valid-N or conll-train-N id"))?;
                let doc = docs.get(d).ok_or_else(|| bad("no such document"))?;
                let (text, spans) = render(doc, "\n");
                (text, spans, conll_date(doc), Vec::new())
            }
            Corpus::Gmb => {
                let sents = gmb.as_ref().ok_or_else(|| missing("GMB ner_dataset.csv"))?;
                let n: usize = rec
                    .id
                    .strip_prefix("gmb-")
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n >= 1)
                    .ok_or_else(|| bad("not a gmb-N id"))?;
                let run = sents
                    .get(n - 1..n - 1 + 5)
                    .ok_or_else(|| bad("no such sentences"))?;
                let (text, spans) = render(run, " ");
                (text, spans, None, Vec::new())
            }
            Corpus::Petrarch => {
                let recs = petr
                    .as_ref()
                    .ok_or_else(|| missing("PETR2_GSR_validation.xml"))?;
                let id = rec
                    .id
                    .strip_prefix("petr-")
                    .ok_or_else(|| bad("not a petr-ID id"))?;
                let s = recs.get(id).ok_or_else(|| bad("no such sentence"))?;
                let len = s.text.len();
                (
                    s.text.clone(),
                    vec![Span::new(0, len)],
                    s.date.clone(),
                    s.codings.clone(),
                )
            }
        };
        let sum = format!("{:016x}", fnv1a64(text.as_bytes()));
        if sum != rec.checksum {
            return Err(bad(&format!(
                "text rebuilt from the corpus has checksum {sum}, the gold file says {}: \
                 a different corpus file or rendering",
                rec.checksum
            )));
        }
        out.push(Passage {
            record: rec.clone(),
            text,
            sentences,
            date,
            codings,
        });
    }
    Ok(out)
}

/// Precision and recall counts for one class of relations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// System relations of the class.
    pub predicted: usize,
    /// ... that match a gold relation fully (actors, direction, sign).
    pub correct: usize,
    /// Gold relations of the class.
    pub gold: usize,
    /// ... found fully by the system.
    pub found: usize,
    /// ... found with the right actors and direction, whatever the sign.
    pub found_any_sign: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }
    fn add(&mut self, o: &Counts) {
        self.predicted += o.predicted;
        self.correct += o.correct;
        self.gold += o.gold;
        self.found += o.found;
        self.found_any_sign += o.found_any_sign;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores of one split (or all).
#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub passages: usize,
    /// Hostile and friendly relations.
    pub polar: Counts,
    /// Neutral relations (statements, meetings, requests).
    pub neutral: Counts,
    /// Gold polar relations in direct or indirect speech by a speaker named or referred to.
    pub quoted: Counts,
    /// System relations whose actors and direction match a gold relation, and of those,
    /// how many have its sign.
    pub matched: usize,
    pub matched_same_sign: usize,
    /// By the gold relation's category (recall side).
    pub by_gold_category: BTreeMap<String, Counts>,
    /// By the system relation's category (precision side).
    pub by_system_category: BTreeMap<String, Counts>,
    /// PETRARCH codings with country codes on both sides, and how many the system agrees
    /// with on (source, target) and on (source, target, sign).
    pub gsr_codings: usize,
    pub gsr_pair: usize,
    pub gsr_signed: usize,
}

impl Scores {
    fn add(&mut self, o: &Scores) {
        self.passages += o.passages;
        self.polar.add(&o.polar);
        self.neutral.add(&o.neutral);
        self.quoted.add(&o.quoted);
        self.matched += o.matched;
        self.matched_same_sign += o.matched_same_sign;
        for (k, v) in &o.by_gold_category {
            self.by_gold_category.entry(k.clone()).or_default().add(v);
        }
        for (k, v) in &o.by_system_category {
            self.by_system_category.entry(k.clone()).or_default().add(v);
        }
        self.gsr_codings += o.gsr_codings;
        self.gsr_pair += o.gsr_pair;
        self.gsr_signed += o.gsr_signed;
    }

    pub fn sign_accuracy(&self) -> f64 {
        ratio(self.matched_same_sign, self.matched)
    }
}

/// One scored item, for reading the errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub passage: String,
    pub split: String,
    pub sentence: Span,
    /// `fp` (system relation with no full match), `fn` (gold relation not found fully),
    /// `ok` (system relation fully right).
    pub verdict: &'static str,
    pub source: String,
    pub target: String,
    pub sign: Polarity,
    pub category: String,
    /// For errors: what the other side had for the same actors, if anything.
    pub note: String,
}

/// The whole report.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub by_split: BTreeMap<String, Scores>,
    pub items: Vec<Item>,
}

impl Report {
    pub fn all(&self) -> Scores {
        let mut s = Scores::default();
        for v in self.by_split.values() {
            s.add(v);
        }
        s
    }
}

/// The entity of the mention that overlaps `span` most, if any.
fn entity_at(doc: &Document, span: Span) -> Option<&EntityId> {
    doc.mentions
        .iter()
        .filter_map(|m| {
            let o = m.span.end.min(span.end) as isize - m.span.start.max(span.start) as isize;
            (o > 0).then_some((o, std::cmp::Reverse(m.span.start), &m.entity))
        })
        .max()
        .map(|(_, _, e)| e)
        .or_else(|| {
            doc.references
                .iter()
                .filter(|r| r.span.start < span.end && span.start < r.span.end)
                .map(|r| &r.entity)
                .next()
        })
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn sign_name(p: Polarity) -> &'static str {
    match p {
        Polarity::Negative => "-",
        Polarity::Neutral => "0",
        Polarity::Positive => "+",
    }
}

/// Country codes an entity stands for in PETRARCH's actor codes (the first three letters).
pub type CodeOf<'a> = dyn Fn(&EntityId) -> Option<String> + 'a;

/// Scores the documents the pipeline made of `passages` (same order) against `gold`.
pub fn score(
    gold: &GoldSet,
    passages: &[Passage],
    docs: &[Document],
    code_of: &CodeOf<'_>,
) -> Report {
    let mut report = Report::default();
    let mut by_passage: HashMap<&str, Vec<&GoldRelation>> = HashMap::new();
    for r in &gold.relations {
        by_passage.entry(r.passage.as_str()).or_default().push(r);
    }
    let name = |doc: &Document, id: &EntityId| {
        doc.entities
            .iter()
            .find(|e| &e.id == id)
            .map_or_else(|| id.to_string(), |e| e.name.clone())
    };
    for (p, doc) in passages.iter().zip(docs) {
        if !p.record.annotated {
            continue;
        }
        let split = p.record.split.clone();
        let scores = report.by_split.entry(split.clone()).or_default();
        scores.passages += 1;
        let golds: Vec<&GoldRelation> = by_passage
            .get(p.record.id.as_str())
            .cloned()
            .unwrap_or_default();
        // gold relations with their entities resolved through the system's mentions
        let resolved: Vec<(Option<&EntityId>, Option<&EntityId>)> = golds
            .iter()
            .map(|g| (entity_at(doc, g.source), entity_at(doc, g.target)))
            .collect();
        let sentence_span = |i: usize| doc.sentences.get(i).map(|s| s.span).unwrap_or_default();
        let pairs = |g: &GoldRelation,
                     (s, t): (Option<&EntityId>, Option<&EntityId>),
                     src: &EntityId,
                     tgt: &EntityId,
                     at: Span| {
            let (Some(s), Some(t)) = (s, t) else {
                return false;
            };
            overlaps(at, g.evidence)
                && ((s == src && t == tgt) || (g.mutual && s == tgt && t == src))
        };
        // precision side
        for rel in &doc.stance {
            let at = sentence_span(rel.sentence);
            let mut same_actors: Vec<Polarity> = Vec::new();
            for (g, &res) in golds.iter().zip(&resolved) {
                if pairs(g, res, &rel.source, &rel.target, at) {
                    same_actors.push(g.sign);
                }
            }
            let correct = same_actors.contains(&rel.polarity);
            if !same_actors.is_empty() {
                scores.matched += 1;
                scores.matched_same_sign += usize::from(correct);
            }
            let class = if rel.polarity == Polarity::Neutral {
                &mut scores.neutral
            } else {
                &mut scores.polar
            };
            class.predicted += 1;
            class.correct += usize::from(correct);
            let c = scores
                .by_system_category
                .entry(rel.category.clone())
                .or_default();
            c.predicted += 1;
            c.correct += usize::from(correct);
            report.items.push(Item {
                passage: p.record.id.clone(),
                split: split.clone(),
                sentence: at,
                verdict: if correct { "ok" } else { "fp" },
                source: name(doc, &rel.source),
                target: name(doc, &rel.target),
                sign: rel.polarity,
                category: rel.category.clone(),
                note: if same_actors.is_empty() {
                    "no gold relation for these actors here".to_string()
                } else {
                    format!(
                        "gold sign {}",
                        same_actors
                            .iter()
                            .map(|&s| sign_name(s))
                            .collect::<String>()
                    )
                },
            });
        }
        // recall side
        for (g, &res) in golds.iter().zip(&resolved) {
            let mut signs: Vec<Polarity> = Vec::new();
            if let (Some(_), Some(_)) = res {
                for rel in &doc.stance {
                    if pairs(
                        g,
                        res,
                        &rel.source,
                        &rel.target,
                        sentence_span(rel.sentence),
                    ) {
                        signs.push(rel.polarity);
                    }
                }
            }
            let found = signs.contains(&g.sign);
            let any = !signs.is_empty();
            let bump = |c: &mut Counts| {
                c.gold += 1;
                c.found += usize::from(found);
                c.found_any_sign += usize::from(any);
            };
            if g.sign == Polarity::Neutral {
                bump(&mut scores.neutral);
            } else {
                bump(&mut scores.polar);
                if g.is_quoted() && matches!(g.source_ref.as_str(), "name" | "pronoun" | "title") {
                    bump(&mut scores.quoted);
                }
            }
            bump(
                scores
                    .by_gold_category
                    .entry(g.category.clone())
                    .or_default(),
            );
            if !found {
                let label = |span: Span, e: Option<&EntityId>| match e {
                    Some(e) => name(doc, e),
                    None => format!(
                        "<no mention at {}..{}: {:?}>",
                        span.start,
                        span.end,
                        span.slice(&p.text)
                    ),
                };
                report.items.push(Item {
                    passage: p.record.id.clone(),
                    split: split.clone(),
                    sentence: g.evidence,
                    verdict: "fn",
                    source: label(g.source, res.0),
                    target: label(g.target, res.1),
                    sign: g.sign,
                    category: g.category.clone(),
                    note: if any {
                        format!(
                            "system sign {}",
                            signs.iter().map(|&s| sign_name(s)).collect::<String>()
                        )
                    } else {
                        format!("{} {}", g.speech, g.source_ref)
                    },
                });
            }
        }
        // PETRARCH's own codings: country codes on both sides
        for (s, t, ev) in &p.codings {
            let (s3, t3) = (s.get(..3).unwrap_or(""), t.get(..3).unwrap_or(""));
            if s3 == t3 || !is_country_code(s3) || !is_country_code(t3) {
                continue;
            }
            scores.gsr_codings += 1;
            let conflict = ev
                .get(..2)
                .and_then(|r| r.parse::<u32>().ok())
                .is_some_and(|r| r >= 9);
            let mut pair = false;
            let mut signed = false;
            for rel in &doc.stance {
                let (Some(a), Some(b)) = (code_of(&rel.source), code_of(&rel.target)) else {
                    continue;
                };
                if a == s3 && b == t3 {
                    pair = true;
                    signed |= (rel.polarity == Polarity::Negative) == conflict;
                }
            }
            scores.gsr_pair += usize::from(pair);
            scores.gsr_signed += usize::from(signed);
        }
    }
    report
}

/// Three capital letters that are not one of PETRARCH's non-state sector prefixes.
fn is_country_code(c: &str) -> bool {
    c.len() == 3
        && c.bytes().all(|b| b.is_ascii_uppercase())
        && !matches!(
            c,
            "IGO" | "NGO" | "MNC" | "IMG" | "UIS" | "REB" | "COP" | "GOV" | "MIL"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendering_attaches_punctuation_and_alternates_straight_quotes() {
        let s = vec![
            vec!["\"", "We", "won", "'t", "go", ",", "\"", "he", "said", "."],
            vec![
                "The", "U.S.", "'s", "plan", "(", "draft", ")", "cost", "$", "5", ".",
            ],
        ];
        let (text, spans) = render(&s, "\n");
        assert_eq!(
            text,
            "\"We won 't go,\" he said.\nThe U.S.'s plan (draft) cost $5."
        );
        assert_eq!(spans[1].slice(&text), "The U.S.'s plan (draft) cost $5.");
    }

    #[test]
    fn checksums_are_fnv1a() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn petrarch_records_give_text_date_and_codings() {
        let xml = "<Sentences>\n<Sentence category=\"X\" date=\"20080806\" id=\"A_1\" evaluate=\"true\"/>\n\
                   <EventCoding eventcode=\"112\" sourcecode=\"FRA\" targetcode=\"RWAGOV\" />\n\
                   <Text>\nOne  two\nthree.\n</Text>\n</Sentences>";
        let got = petrarch_sentences(xml);
        let s = &got["A_1"];
        assert_eq!(s.text, "One two three.");
        assert_eq!(s.date.as_deref(), Some("2008-08-06"));
        assert_eq!(
            s.codings,
            vec![("FRA".into(), "RWAGOV".into(), "112".into())]
        );
    }
}
