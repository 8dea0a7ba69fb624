//! Finding actor mentions and resolving each to one canonical entity.
//!
//! Candidates come from three sources — the gazetteer (names, aliases, demonyms), the
//! statistical NER model, and a capitalised-name rule used when no model is loaded — and
//! are merged leftmost-longest with the gazetteer winning ties. Resolution then happens
//! per article (`resolve`): surnames refer back to full names, acronyms to their
//! expansions, capitals acting or speaking to their country's government.

pub mod candidates;
pub mod coref;
pub mod eval;
pub mod gazetteer;
pub mod office;
pub mod quotes;
pub mod resolve;
pub mod teams;

use std::sync::OnceLock;

use crate::error::Result;
use crate::model::{Article, Document};
use crate::nlp::{sentence, tokenize};

pub use gazetteer::Gazetteer;

/// A later stage's test on a sentence's words (e.g. "holds a stance cue").
pub type SentenceTest<'t> = dyn Fn(&[&str]) -> bool + Sync + 't;

/// The extraction stage: article in, document with resolved mentions out.
pub struct Extractor {
    gazetteer: GazetteerRef,
    use_model: bool,
}

enum GazetteerRef {
    Builtin(&'static Gazetteer),
    Owned(Box<Gazetteer>),
}

impl Extractor {
    /// The extractor with the built-in gazetteer and models, built once per process.
    pub fn builtin() -> Result<&'static Extractor> {
        static BUILTIN: OnceLock<Extractor> = OnceLock::new();
        if let Some(x) = BUILTIN.get() {
            return Ok(x);
        }
        let x = Extractor::new(None, true)?;
        Ok(BUILTIN.get_or_init(|| x))
    }

    /// An extractor with an optional user gazetteer (built-in entries plus the user's) and
    /// with or without the statistical NER model (`false`: gazetteer and rules only).
    pub fn new(gazetteer: Option<Gazetteer>, use_model: bool) -> Result<Extractor> {
        if use_model {
            candidates::load_model()?;
        }
        Ok(Extractor {
            gazetteer: match gazetteer {
                Some(g) => GazetteerRef::Owned(Box::new(g)),
                None => GazetteerRef::Builtin(Gazetteer::builtin()),
            },
            use_model,
        })
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        match &self.gazetteer {
            GazetteerRef::Builtin(g) => g,
            GazetteerRef::Owned(g) => g,
        }
    }

    /// Tokenizes, splits, finds and resolves the mentions of one article.
    pub fn extract(&self, article: Article) -> Document {
        self.extract_with(article, None)
    }

    /// [`Extractor::extract`], parsing only the sentences whose lower-cased words pass
    /// `worth_parsing` (a later stage's test, e.g. "holds a stance cue") among those that
    /// can hold a relation at all.
    pub fn extract_with(
        &self,
        article: Article,
        worth_parsing: Option<&SentenceTest<'_>>,
    ) -> Document {
        let tokens = tokenize::tokenize(&article.text);
        let sentences = sentence::split_sentences(&article.text, &tokens);
        let mut doc = Document {
            article,
            tokens,
            sentences,
            ..Document::default()
        };
        let model_spans = if self.use_model {
            let (spans, pos) = crate::nlp::ner::tag(&doc);
            doc.pos = pos;
            Some(spans)
        } else {
            None
        };
        let mut found = candidates::find(&doc, self.gazetteer(), model_spans.as_deref());
        office::add_office_holders(&doc, &mut found, self.gazetteer());
        let (mentions, entities) = resolve::resolve(&doc, found, self.gazetteer());
        doc.mentions = mentions;
        doc.entities = entities;
        doc.outlets = doc
            .entities
            .iter()
            .filter(|e| match self.gazetteer().get(&e.id) {
                Some(g) => g.kind == "media",
                // an outlet the gazetteer does not know, by the shape of its name
                None => e.etype == crate::model::EntityType::Organization && media_name(&e.name),
            })
            .map(|e| e.id.clone())
            .collect();
        if self.use_model {
            doc.trees = parse_relational(&doc, worth_parsing);
        }
        let trees = std::mem::take(&mut doc.trees);
        doc.references = coref::resolve(&doc, self.gazetteer(), &trees);
        let affiliations = affiliations(&doc, self.gazetteer());
        let (quotes, first_person) = quotes::find(&doc, &trees, &doc.references, &|e| {
            affiliations.get(e).cloned()
        });
        doc.quotes = quotes;
        doc.references.extend(first_person);
        doc.references
            .sort_by(|a, b| a.span.cmp(&b.span).then(a.entity.cmp(&b.entity)));
        doc.references.dedup_by(|a, b| a.span == b.span);
        doc.trees = trees;
        doc
    }
}

/// Sentences longer than this are not parsed (lists and tables, not prose).
const MAX_PARSE_TOKENS: usize = 120;

/// Tokens parsed per article at most (about 0.8 s of parsing): a long article's later
/// sentences beyond it get no tree, so no clause relations, and work stays bounded.
const MAX_PARSED_PER_ARTICLE: usize = 25_000;

/// Words that may stand for an actor without naming it.
fn refers(w: &str) -> bool {
    matches!(
        w,
        "he" | "she"
            | "his"
            | "her"
            | "him"
            | "it"
            | "its"
            | "they"
            | "their"
            | "them"
            | "we"
            | "our"
            | "us"
            | "i"
            | "my"
            | "the"
    )
}

/// Parses the sentences that can hold a relation: two actors, or one actor and a word
/// that may stand for another (a pronoun, a role noun after "the", a quote mark).
fn parse_relational(
    doc: &Document,
    worth_parsing: Option<&SentenceTest<'_>>,
) -> Vec<Option<crate::nlp::parser::DepTree>> {
    let Ok(parser) = crate::nlp::parser::Parser::builtin() else {
        return Vec::new();
    };
    if doc.pos.len() != doc.tokens.len() {
        return Vec::new();
    }
    let text = &doc.article.text;
    let mut actors = vec![0usize; doc.sentences.len()];
    let mut last: Vec<Option<&crate::model::EntityId>> = vec![None; doc.sentences.len()];
    for m in &doc.mentions {
        if let Some(slot) = actors.get_mut(m.sentence) {
            if last[m.sentence] != Some(&m.entity) {
                *slot += 1;
                last[m.sentence] = Some(&m.entity);
            }
        }
    }
    let mut words: Vec<&str> = Vec::new();
    let mut lower: Vec<String> = Vec::new();
    let mut budget = MAX_PARSED_PER_ARTICLE;
    doc.sentences
        .iter()
        .enumerate()
        .map(|(s, sent)| {
            let toks = doc.tokens.get(sent.tokens.clone())?;
            if actors[s] == 0
                || toks.len() > MAX_PARSE_TOKENS
                || toks.len() < 3
                || toks.len() > budget
            {
                return None;
            }
            let hints = toks
                .iter()
                .filter(|t| {
                    let w = t.span.slice(text);
                    refers(&w.to_ascii_lowercase()) || matches!(w, "\"" | "“" | "”")
                })
                .count();
            if actors[s] + hints.min(1) < 2 {
                return None;
            }
            words.clear();
            words.extend(toks.iter().map(|t| t.span.slice(text)));
            if let Some(test) = worth_parsing {
                lower.clear();
                lower.extend(words.iter().map(|w| w.to_lowercase()));
                let refs: Vec<&str> = lower.iter().map(String::as_str).collect();
                if !test(&refs) {
                    return None;
                }
            }
            budget -= toks.len();
            let tags = &doc.pos[sent.tokens.clone()];
            let tree = parse_without_dates(parser, &words, tags);
            Some(mend_names(tree, tags, &name_ranges(doc, s)))
        })
        .collect()
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
    )
}

/// Which tokens are a time adjunct that news puts anywhere in a clause ("on Saturday",
/// "Thursday", "last week", "earlier this month"): they hold no actor, and our parser,
/// trained on little news, often takes them for a subject or splits the clause there.
fn date_adjuncts(words: &[&str]) -> Vec<bool> {
    let n = words.len();
    let mut drop = vec![false; n];
    let part_of_day = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| matches!(*w, "morning" | "afternoon" | "evening" | "night"))
    };
    let mut i = 0;
    while i < n {
        let w = words[i];
        let next = words.get(i + 1).copied().unwrap_or("");
        let mut len = 0;
        if w == "on" && is_weekday(next) && words.get(i + 2) != Some(&"'s") {
            len = 2;
        } else if is_weekday(w)
            && next != "'s"
            && !matches!(
                i.checked_sub(1)
                    .map(|p| words[p].to_ascii_lowercase())
                    .as_deref(),
                Some("the" | "a" | "on" | "last" | "this" | "next" | "by" | "until" | "since")
            )
        {
            len = 1;
        } else if matches!(w.to_ascii_lowercase().as_str(), "last" | "this" | "next")
            && (is_weekday(next) || matches!(next, "week" | "weekend" | "month" | "year"))
            && words.get(i + 2) != Some(&"'s")
            && i.checked_sub(1)
                .is_none_or(|p| !matches!(words[p], "of" | "for" | "in" | "since"))
        {
            len = 2;
            if i > 0 && matches!(words[i - 1], "earlier" | "later") {
                drop[i - 1] = true;
            }
        }
        if len > 0 {
            if part_of_day(i + len) {
                len += 1;
            }
            for d in &mut drop[i..i + len] {
                *d = true;
            }
            i += len;
        } else {
            i += 1;
        }
    }
    drop
}

/// A name shaped like a news outlet's: "the Miami Herald", "Sunday Telegraph", "Radio
/// Free Asia", "Xinhua News Agency".
fn media_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = words.last().copied().unwrap_or("");
    matches!(
        last,
        "Herald"
            | "Times"
            | "Post"
            | "Journal"
            | "Tribune"
            | "Gazette"
            | "Telegraph"
            | "Daily"
            | "Weekly"
            | "Newspaper"
            | "Chronicle"
            | "Observer"
            | "Guardian"
            | "Independent"
            | "Monitor"
            | "Radio"
            | "Television"
            | "TV"
            | "Newsweek"
    ) || words
        .first()
        .is_some_and(|w| matches!(*w, "Radio" | "Television"))
        || name.ends_with("News Agency")
        || name.ends_with("Broadcasting Corporation")
}

/// The token ranges (within sentence `s`) of the multi-token mentions in it.
fn name_ranges(doc: &Document, s: usize) -> Vec<std::ops::Range<usize>> {
    let Some(sent) = doc.sentences.get(s) else {
        return Vec::new();
    };
    let toks = &doc.tokens[sent.tokens.clone()];
    let at = |pos: usize| toks.partition_point(|t| t.span.start < pos);
    let from = doc
        .mentions
        .partition_point(|m| m.span.end <= sent.span.start);
    doc.mentions[from..]
        .iter()
        .take_while(|m| m.span.start < sent.span.end)
        .filter(|m| m.sentence == s)
        .map(|m| at(m.span.start)..at(m.span.end))
        .filter(|r| r.len() > 1 && r.end <= toks.len())
        .collect()
}

/// Two repairs of the parser's most frequent errors around names, which decide who the
/// agent is: a name split over two heads ("minister Abbas" appos + "Araghchi" nsubj) is
/// joined under its last argument token, and a common-noun title parsed as a second
/// argument of the same head ("president" and "Fidel Ramos" both nsubj) becomes the
/// name's `nmod:desc`, as UD annotates a title. Nothing that would make a cycle is moved.
fn mend_names(
    tree: crate::nlp::parser::DepTree,
    tags: &[&str],
    names: &[std::ops::Range<usize>],
) -> crate::nlp::parser::DepTree {
    let n = tree.len();
    if tags.len() != n {
        return tree;
    }
    let mut heads: Vec<Option<usize>> = (0..n).map(|i| tree.head(i)).collect();
    let mut labels: Vec<String> = (0..n).map(|i| tree.label(i).to_string()).collect();
    let under = |heads: &[Option<usize>], mut x: usize, anc: usize| {
        for _ in 0..n {
            if x == anc {
                return true;
            }
            match heads[x] {
                Some(h) => x = h,
                None => return false,
            }
        }
        false
    };
    let argument = |l: &str| {
        matches!(
            l,
            "nsubj" | "nsubj:pass" | "obj" | "iobj" | "obl" | "nmod" | "conj" | "appos"
        )
    };
    let mut changed = false;
    // a word hung on a punctuation mark ("president , [appos] Akbar"): on the mark's head
    for i in 0..n {
        let Some(p) = heads[i] else { continue };
        if matches!(
            tags[p],
            "," | "." | ":" | "``" | "''" | "(" | ")" | "-LRB-" | "-RRB-"
        ) && !matches!(
            tags[i],
            "," | "." | ":" | "``" | "''" | "(" | ")" | "-LRB-" | "-RRB-"
        ) {
            if let Some(g) = heads[p] {
                if !under(&heads, g, i) {
                    heads[i] = Some(g);
                    changed = true;
                }
            }
        }
    }
    for r in names {
        if r.end > n {
            continue;
        }
        // tokens of the name whose head lies outside it
        let outside: Vec<usize> = r
            .clone()
            .filter(|&i| heads[i].is_none_or(|h| !r.contains(&h)))
            .collect();
        let Some(&top) = outside
            .iter()
            .rev()
            .find(|&&i| argument(&labels[i]) || heads[i].is_none())
        else {
            continue;
        };
        if outside.len() > 1 {
            for &i in &outside {
                if i != top && heads[i].is_some() && !under(&heads, top, i) {
                    heads[i] = Some(top);
                    labels[i] = "flat".to_string();
                    changed = true;
                }
            }
        }
        // a title phrase right before the name ("president", "Cofinec CEO"), parsed as
        // a sibling with the same relation: every token between it and the name is its own
        let title = (0..r.start).rev().take(8).find(|&t| {
            heads[t].is_some()
                && heads[t] == heads[top]
                && labels[t] == labels[top]
                && argument(&labels[t])
                && matches!(tags[t], "NN" | "NNS" | "NNP" | "NNPS")
                && (t + 1..r.start).all(|k| under(&heads, k, t))
        });
        if let Some(t) = title {
            heads[t] = Some(top);
            labels[t] = "nmod:desc".to_string();
            changed = true;
        }
    }
    if changed {
        crate::nlp::parser::DepTree::from_parts(heads, labels)
    } else {
        tree
    }
}

/// Parses a sentence with its time adjuncts left out, then hangs them back as `obl:tmod`
/// on the nearest verb before them (else the root), so every token keeps its index.
/// (Folding multi-word names into one token was tried too: three more right hostile or
/// friendly relations on the gold set, as many right neutral ones lost; not kept.)
fn parse_without_dates(
    parser: &crate::nlp::parser::Parser,
    words: &[&str],
    tags: &[&str],
) -> crate::nlp::parser::DepTree {
    let drop = date_adjuncts(words);
    let kept: Vec<usize> = (0..words.len()).filter(|&i| !drop[i]).collect();
    if kept.len() == words.len() || kept.len() < 3 {
        return parser.parse(words, tags);
    }
    let kw: Vec<&str> = kept.iter().map(|&i| words[i]).collect();
    let kt: Vec<&str> = kept.iter().map(|&i| tags[i]).collect();
    let small = parser.parse(&kw, &kt);
    let mut heads: Vec<Option<usize>> = vec![None; words.len()];
    let mut labels: Vec<String> = vec!["obl:tmod".to_string(); words.len()];
    let mut root = None;
    for (j, &i) in kept.iter().enumerate() {
        heads[i] = small.head(j).map(|h| kept[h]);
        labels[i] = small.label(j).to_string();
        if heads[i].is_none() {
            root = root.or(Some(i));
        }
    }
    for i in (0..words.len()).filter(|&i| drop[i]) {
        let verb = (0..i)
            .rev()
            .find(|&k| !drop[k] && tags[k].starts_with("VB"))
            .or(root);
        heads[i] = verb;
    }
    crate::nlp::parser::DepTree::from_parts(heads, labels)
}

/// The country or organization each person speaks for, where the article says it: a
/// demonym, country or organization right before a mention ("Iranian President X",
/// "Hamas leader X"), or in an apposition after it ("X, Iran's president,"); else the
/// person's country in the gazetteer, when the article names that country.
fn affiliations(
    doc: &Document,
    gaz: &Gazetteer,
) -> std::collections::HashMap<crate::model::EntityId, crate::model::EntityId> {
    use crate::model::EntityType;
    let mut out = std::collections::HashMap::new();
    let text = &doc.article.text;
    let groupish = |m: &crate::model::Mention| {
        matches!(m.etype, EntityType::Country | EntityType::Organization)
    };
    for (i, m) in doc.mentions.iter().enumerate() {
        if m.etype != EntityType::Person || out.contains_key(&m.entity) {
            continue;
        }
        // before: a group mention ending at most three words before the name, with no
        // verb between ("Iranian parliament speaker X", not "Iran accused X")
        let same_sentence = |p: &&crate::model::Mention| p.sentence == m.sentence;
        let before = doc.mentions[..i]
            .iter()
            .rev()
            .take_while(same_sentence)
            .find(|p| {
                groupish(p)
                    && p.sentence == m.sentence
                    && text.get(p.span.end..m.span.start).is_some_and(|gap| {
                        gap.split_whitespace().count() <= 3 && !gap.contains(',')
                    })
                    && {
                        let a = doc.tokens.partition_point(|t| t.span.start < p.span.end);
                        let b = doc.tokens.partition_point(|t| t.span.start < m.span.start);
                        doc.pos.get(a..b).is_none_or(|tags| {
                            tags.iter().all(|t| !t.starts_with("VB") && *t != "IN")
                        })
                    }
            });
        // after: ", Iran's president," within the apposition
        let after = doc.mentions[i + 1..]
            .iter()
            .take_while(same_sentence)
            .find(|n| {
                groupish(n)
                    && n.sentence == m.sentence
                    && text.get(m.span.end..n.span.start).is_some_and(|gap| {
                        gap.trim_start().starts_with(',') && gap.split_whitespace().count() <= 8
                    })
            });
        let found = before.or(after).map(|g| g.entity.clone()).or_else(|| {
            let country = gaz.get(&m.entity)?.country.clone()?;
            doc.entities
                .iter()
                .any(|e| e.id == country)
                .then_some(country)
        });
        if let Some(g) = found {
            out.insert(m.entity.clone(), g);
        }
    }
    for e in &doc.entities {
        if matches!(e.etype, EntityType::Country | EntityType::Organization) {
            out.insert(e.id.clone(), e.id.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entity (name, has a QID, metonymic) the first mention of `surface` resolves to.
    fn resolved(text: &str, surface: &str) -> Option<(String, bool, bool)> {
        let x = Extractor::builtin().ok()?;
        let doc = x.extract(Article {
            id: "t".into(),
            text: text.to_string(),
            ..Article::default()
        });
        let m = doc.mentions.iter().find(|m| m.text == surface)?;
        let e = doc.entities.iter().find(|e| e.id == m.entity)?;
        Some((e.name.clone(), e.ids.qid.is_some(), m.metonymic))
    }

    #[test]
    fn a_side_is_named_next_to_the_person_never_across_a_verb() {
        let x = Extractor::builtin().expect("models");
        let side = |text: &str, person: &str| -> Option<String> {
            let doc = x.extract(Article {
                id: "t".into(),
                text: text.to_string(),
                ..Article::default()
            });
            let m = doc
                .mentions
                .iter()
                .find(|m| m.text == person)
                .expect("the person is found");
            affiliations(&doc, x.gazetteer())
                .get(&m.entity)
                .map(|e| e.as_str().to_string())
        };
        assert_eq!(
            side(
                "Iranian President Masoud Pezeshkian spoke on Monday.",
                "Masoud Pezeshkian"
            )
            .as_deref(),
            Some("country/iran")
        );
        assert_eq!(
            side("Iran accused Neil Gorsuch of lying.", "Neil Gorsuch"),
            None
        );
    }

    #[test]
    fn time_adjuncts_are_left_out_of_the_parse_and_hung_back_on_the_verb() {
        let dropped = |s: &str| -> Vec<String> {
            let words: Vec<&str> = s.split(' ').collect();
            date_adjuncts(&words)
                .iter()
                .zip(&words)
                .filter(|(d, _)| **d)
                .map(|(_, w)| w.to_string())
                .collect()
        };
        assert_eq!(dropped("Dini on Saturday met Nyerere"), ["on", "Saturday"]);
        assert_eq!(
            dropped("Rice said Thursday night that"),
            ["Thursday", "night"]
        );
        assert_eq!(
            dropped("they met earlier this week in Rome"),
            ["earlier", "this", "week"]
        );
        // a date that is part of a noun phrase or an argument stays
        assert!(dropped("Saturday 's vote was delayed").is_empty());
        assert!(dropped("the Friday meeting was delayed").is_empty());
        assert!(dropped("the summit of last week ended").is_empty());

        let parser = crate::nlp::parser::Parser::builtin().expect("parser");
        let words = ["Dini", "on", "Saturday", "met", "Nyerere", "."];
        let tags = ["NNP", "IN", "NNP", "VBD", "NNP", "."];
        let tree = parse_without_dates(parser, &words, &tags);
        assert_eq!(tree.len(), words.len());
        assert_eq!(tree.label(0), "nsubj");
        assert_eq!(tree.head(0), Some(3));
        assert_eq!(tree.label(4), "obj");
        for i in [1, 2] {
            assert_eq!((tree.head(i), tree.label(i)), (Some(3), "obl:tmod"));
        }
    }

    #[test]
    fn linking_follows_context() {
        let cases: &[(&str, &str, &str, bool, bool)] = &[
            // A country in a match report is a team: no QID, no relation between states.
            (
                "Brazil beat Norway 2-1 in a World Cup qualifier on Sunday. The striker \
                 scored twice before halftime and the coach praised his defenders.",
                "Norway",
                "Norway (sports team)",
                false,
                true,
            ),
            // A result sentence in other news is sport too.
            (
                "The ministers met in Geneva on Monday to discuss the sanctions regime and the \
                 talks would continue next week, officials said. The ministers met in Geneva \
                 on Monday to discuss the sanctions regime and the talks would continue next \
                 week, officials said. The ministers met in Geneva on Monday to discuss the \
                 sanctions regime and the talks would continue next week, officials said. The \
                 ministers met in Geneva on Monday to discuss the sanctions regime and the \
                 talks would continue next week, officials said. In football, Iran beat Japan \
                 2-1 in the Asian Cup final.",
                "Japan",
                "Japan (sports team)",
                false,
                true,
            ),
            // A demonym inside a hyphenated word still points at its country.
            (
                "He denounced what he called the \"anti-American policies\" of the bloc.",
                "American",
                "United States",
                true,
                false,
            ),
            // The same name in political news is the country.
            (
                "Norway and Brazil signed a trade agreement on Sunday, officials said.",
                "Norway",
                "Norway",
                true,
                false,
            ),
            // An athlete's nationality in a results line stays the country.
            (
                "Results of the second round: Anna Berg (Sweden) beat Marta Ruiz (Spain) \
                 6-4 6-3, Lena Vogt (Austria) beat Kim Lee (Canada) 7-5 6-2.",
                "Spain",
                "Spain",
                true,
                false,
            ),
            // A capital acting stands for its country's government.
            (
                "Tehran has formally responded to the letter, the ministry said.",
                "Tehran",
                "Iran",
                true,
                true,
            ),
            // A possessive before a name locates it: the city, not the government.
            (
                "Shares fell sharply as London's FTSE 100 index lost two percent.",
                "London",
                "London",
                true,
                false,
            ),
        ];
        for (text, surface, name, qid, metonymic) in cases {
            assert_eq!(
                resolved(text, surface),
                Some((name.to_string(), *qid, *metonymic)),
                "{surface} in {text}"
            );
        }
    }

    #[test]
    fn place_names_inside_event_names_are_not_linked() {
        for (text, surface) in [
            ("Sampras won the U.S. Open final on Sunday.", "U.S."),
            ("Karlsruhe reached the German Cup quarter-finals.", "German"),
            ("Veterans of the Gulf War marched in the capital.", "Gulf"),
            (
                "Members pledged to uphold the North Atlantic Treaty.",
                "Atlantic",
            ),
        ] {
            assert_eq!(resolved(text, surface), None, "{surface} in {text}");
        }
    }

    #[test]
    fn two_parties_of_one_name_are_told_apart_by_the_country_the_article_names() {
        let canada = "Canadians voted on Monday. The Conservatives won seats in Ontario, \
                      and Canada's prime minister said Canada would talk to the \
                      Conservatives. A British observer watched.";
        let britain = "Britons voted on Thursday. The Conservatives lost seats in Britain, \
                       and the prime minister said Britain would change course. A \
                       Canadian observer watched.";
        let name = |text| resolved(text, "Conservatives").map(|(name, _, _)| name);
        assert_eq!(
            name(canada).as_deref(),
            Some("Conservative Party of Canada")
        );
        assert_eq!(name(britain).as_deref(), Some("Conservative Party"));
    }

    #[test]
    fn one_person_is_one_entity_within_an_article() {
        let text = "Judge Harlan P. Mercer spoke in Denver on Monday. Harlan Mercer later told \
                    reporters that the court would rule soon. Mercer smiled.";
        for surface in ["Harlan P. Mercer", "Harlan Mercer", "Mercer"] {
            let got = resolved(text, surface).map(|(name, _, _)| name);
            assert_eq!(got.as_deref(), Some("Harlan Mercer"), "{surface}");
        }
    }

    #[test]
    fn a_name_written_out_in_the_article_beats_the_gazetteer() {
        let text = "Cyrus Vance quit the cabinet in protest on Monday. Mr. Vance left \
                    Washington the next day.";
        let got = resolved(text, "Vance").map(|(name, _, _)| name);
        assert_eq!(got.as_deref(), Some("Cyrus Vance"));
    }

    #[test]
    fn party_state_tags_make_no_mentions() {
        let x = Extractor::builtin().expect("models");
        let doc = x.extract(Article {
            id: "t".into(),
            text: "Sen. Ann Vale (R-Texas) said the bill was a mistake. Sen. Tom Reed, \
                   D-Iowa, agreed with her."
                .into(),
            ..Article::default()
        });
        let texts: Vec<&str> = doc.mentions.iter().map(|m| m.text.as_str()).collect();
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("Texas") || t.contains("Iowa")),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"Ann Vale") && texts.contains(&"Tom Reed"),
            "{texts:?}"
        );
    }

    #[test]
    fn a_place_named_like_a_person_of_the_article_is_that_person() {
        let text = "The film was directed by Neil Jordan and opens on Friday. \
                    Jordan said the film was about history, not politics.";
        let got = resolved(text, "Jordan").map(|(name, _, _)| name);
        assert_eq!(got.as_deref(), Some("Neil Jordan"));
    }
}
