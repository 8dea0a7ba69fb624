//! Finding actor mentions and resolving each to one canonical entity.
//!
//! Candidates come from three sources — the gazetteer (names, aliases, demonyms), the
//! statistical NER model, and a capitalised-name rule used when no model is loaded — and
//! are merged leftmost-longest with the gazetteer winning ties. Resolution then happens
//! per article (`resolve`): surnames refer back to full names, acronyms to their
//! expansions, capitals acting or speaking to their country's government.

pub mod candidates;
pub mod eval;
pub mod gazetteer;
pub mod office;
pub mod resolve;
pub mod teams;

use std::sync::OnceLock;

use crate::error::Result;
use crate::model::{Article, Document};
use crate::nlp::{sentence, tokenize};

pub use gazetteer::Gazetteer;

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
        doc
    }
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
    fn a_place_named_like_a_person_of_the_article_is_that_person() {
        let text = "The film was directed by Neil Jordan and opens on Friday. \
                    Jordan said the film was about history, not politics.";
        let got = resolved(text, "Jordan").map(|(name, _, _)| name);
        assert_eq!(got.as_deref(), Some("Neil Jordan"));
    }
}
