//! Office titles standing for their holder: "the Iranian president", "Iran's foreign
//! minister", "the U.S. secretary of state" resolve to the person who held that office on
//! the article's date (from `data/gazetteer/offices.tsv`).
//!
//! Without a date, only a holder the article also names is accepted; a title followed by
//! a name ("President Masoud Pezeshkian") is left to the name itself.
//!
//! "The president of Iran" reads like "the Iranian president". A bare "the president"
//! refers back: to the one person named earlier in the article who holds (on the article
//! date) or held such an office; with two candidates it stays unresolved.

use crate::extract::candidates::{Candidate, Link, Origin};
use crate::extract::gazetteer::{AliasKind, Gazetteer};
use crate::model::{Document, EntityType, Span, TokenKind};

/// Title words (lower case, as token sequences) and the office they name in offices.tsv.
const TITLES: &[(&[&str], &str)] = &[
    (&["president"], "president"),
    (&["prime", "minister"], "prime_minister"),
    (&["premier"], "prime_minister"),
    (&["foreign", "minister"], "foreign_minister"),
    (&["foreign", "secretary"], "foreign_minister"),
    (&["secretary", "of", "state"], "foreign_minister"),
    (&["supreme", "leader"], "supreme_leader"),
    (&["king"], "king"),
    (&["chancellor"], "chancellor"),
    (&["parliament", "speaker"], "parliament_speaker"),
    (&["speaker", "of", "parliament"], "parliament_speaker"),
];

/// Adds a candidate for every office title that follows a country mention and is not
/// itself followed by a name. `found` must be sorted by span; the result stays sorted.
pub fn add_office_holders(doc: &Document, found: &mut Vec<Candidate>, gaz: &Gazetteer) {
    let date = article_date(doc);
    let named: Vec<usize> = found
        .iter()
        .filter_map(|c| match c.link {
            Link::Known(i) if gaz.entities()[i].etype == EntityType::Person => Some(i),
            _ => None,
        })
        .collect();
    let mut added = Vec::new();
    for c in found.iter() {
        let Link::Known(country) = c.link else {
            continue;
        };
        if gaz.entities()[country].etype != EntityType::Country {
            continue;
        }
        // The title starts right after the country, or after its possessive "'s".
        let mut t = doc
            .tokens
            .partition_point(|tok| tok.span.start < c.span.end);
        if matches!(word(doc, t), "'s" | "’s") {
            t += 1;
        }
        let Some((len, office)) = title_at(doc, t) else {
            continue;
        };
        if starts_name(doc, t + len) {
            continue;
        }
        let Some(holder) = sole_holder(gaz, country, office, date, &named) else {
            continue;
        };
        let span = title_span(doc, t, len);
        if overlaps(found.iter(), span) {
            continue;
        }
        added.push(holder_candidate(span, c.sentence, holder));
    }
    merge(found, added);
    add_definite_titles(doc, found, gaz, &named);
}

/// "the president of Iran" and a bare "the president" (see the module doc).
fn add_definite_titles(
    doc: &Document,
    found: &mut Vec<Candidate>,
    gaz: &Gazetteer,
    named: &[usize],
) {
    let date = article_date(doc);
    let mut added = Vec::new();
    for i in 0..doc.tokens.len() {
        if !word(doc, i).eq_ignore_ascii_case("the") {
            continue;
        }
        let t = i + 1;
        let Some((len, office)) = title_at(doc, t) else {
            continue;
        };
        let after = t + len;
        let span = title_span(doc, t, len);
        let holder = if word(doc, after) == "of" {
            // "the president of Iran": the country is a candidate starting right there.
            let of_start = doc.tokens.get(after + 1).map(|tok| tok.span.start);
            let country = found.iter().find_map(|c| match c.link {
                Link::Known(k)
                    if Some(c.span.start) == of_start
                        && gaz.entities()[k].etype == EntityType::Country =>
                {
                    Some(k)
                }
                _ => None,
            });
            let Some(country) = country else {
                continue;
            };
            sole_holder(gaz, country, office, date, named)
        } else {
            if starts_name(doc, after) {
                continue;
            }
            earlier_holder(found, span.start, office, date, gaz)
        };
        let Some(holder) = holder else {
            continue;
        };
        if overlaps(found.iter().chain(&added), span) {
            continue;
        }
        let sentence = doc
            .sentences
            .partition_point(|s| s.tokens.end <= t)
            .min(doc.sentences.len().saturating_sub(1));
        added.push(holder_candidate(span, sentence, holder));
    }
    merge(found, added);
}

/// The article date when it is a full `YYYY-MM-DD`.
fn article_date(doc: &Document) -> Option<&str> {
    doc.article.date.as_deref().filter(|d| d.len() == 10)
}

/// The text of token `i`, or "" past the end.
fn word(doc: &Document, i: usize) -> &str {
    doc.tokens
        .get(i)
        .map(|t| t.span.slice(&doc.article.text))
        .unwrap_or("")
}

/// The office whose title words start at token `t`, and how many tokens they take.
fn title_at(doc: &Document, t: usize) -> Option<(usize, &'static str)> {
    TITLES.iter().find_map(|(words, office)| {
        words
            .iter()
            .enumerate()
            .all(|(k, w)| word(doc, t + k).eq_ignore_ascii_case(w))
            .then_some((words.len(), *office))
    })
}

/// Token `i` is a capitalised word, as a name following a title would be.
fn starts_name(doc: &Document, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|n| {
        n.kind == TokenKind::Word
            && n.span
                .slice(&doc.article.text)
                .starts_with(char::is_uppercase)
    })
}

fn title_span(doc: &Document, t: usize, len: usize) -> Span {
    Span::new(doc.tokens[t].span.start, doc.tokens[t + len - 1].span.end)
}

/// The one holder of `office` for `country` on `date`; without a date only a holder the
/// article names (`named`) is accepted.
fn sole_holder(
    gaz: &Gazetteer,
    country: usize,
    office: &str,
    date: Option<&str>,
    named: &[usize],
) -> Option<usize> {
    let holders = gaz.office_holders(&gaz.entities()[country].id, office, date);
    let [one] = holders.as_slice() else {
        return None;
    };
    gaz.entities()
        .iter()
        .position(|e| e.id == one.id)
        .filter(|h| date.is_some() || named.contains(h))
}

fn overlaps<'a>(mut found: impl Iterator<Item = &'a Candidate>, span: Span) -> bool {
    found.any(|o| o.span.start < span.end && span.start < o.span.end)
}

fn holder_candidate(span: Span, sentence: usize, holder: usize) -> Candidate {
    Candidate {
        span,
        sentence,
        etype: EntityType::Person,
        link: Link::Known(holder),
        kind: AliasKind::Alias,
        titled: true,
        origin: Origin::Rule,
    }
}

/// Adds `added` to `found`, keeping it sorted by span start.
fn merge(found: &mut Vec<Candidate>, added: Vec<Candidate>) {
    if !added.is_empty() {
        found.extend(added);
        found.sort_by_key(|c| c.span.start);
    }
}

/// The one person mentioned before `before` who holds `office` anywhere (on `date`, or
/// ever when there is no date).
fn earlier_holder(
    found: &[Candidate],
    before: usize,
    office: &str,
    date: Option<&str>,
    gaz: &Gazetteer,
) -> Option<usize> {
    let mut holder = None;
    for c in found.iter().take_while(|c| c.span.start < before) {
        let Link::Known(k) = c.link else {
            continue;
        };
        let e = &gaz.entities()[k];
        if e.etype != EntityType::Person || holder == Some(k) {
            continue;
        }
        let holds = gaz
            .offices_of(&e.id)
            .iter()
            .any(|o| o.office == office && date.is_none_or(|d| o.held_on(d)));
        if holds {
            if holder.is_some() {
                return None;
            }
            holder = Some(k);
        }
    }
    holder
}

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use crate::model::Article;

    /// (date, text, title surface, expected entity of the title; None = no person there)
    const CASES: &[(Option<&str>, &str, &str, Option<&str>)] = &[
        (
            Some("2025-03-30"),
            "The Iranian president said talks could resume.",
            "president",
            Some("person/masoud-pezeshkian"),
        ),
        (
            Some("2025-03-30"),
            "Iran's foreign minister flew to Muscat on Sunday.",
            "foreign minister",
            Some("person/abbas-araghchi"),
        ),
        (
            Some("2019-05-01"),
            "The Iranian president said talks could resume.",
            "president",
            Some("person/hassan-rouhani"),
        ),
        // No date and no holder named in the article: too uncertain.
        (
            None,
            "The Iranian president said talks could resume.",
            "president",
            None,
        ),
        // No date, but the holder is named: the title refers back to him.
        (
            None,
            "Masoud Pezeshkian spoke in Tehran. Later the Iranian president said talks could resume.",
            "president",
            Some("person/masoud-pezeshkian"),
        ),
        // "The president of Iran" is the Iranian president.
        (
            Some("2025-03-30"),
            "The president of Iran said talks could resume.",
            "president",
            Some("person/masoud-pezeshkian"),
        ),
        // A bare title refers back to the one office holder named before it...
        (
            Some("2025-03-30"),
            "Masoud Pezeshkian arrived in Muscat. The president said talks could resume.",
            "president",
            Some("person/masoud-pezeshkian"),
        ),
        (
            None,
            "Abbas Araghchi met Omani officials. The foreign minister said talks could resume.",
            "foreign minister",
            Some("person/abbas-araghchi"),
        ),
        // ... not to someone who did not hold it on the article date ...
        (
            Some("2019-05-01"),
            "Masoud Pezeshkian arrived in Muscat. The president said talks could resume.",
            "president",
            None,
        ),
        // ... nor to anyone when two presidents were named, or none.
        (
            Some("2025-03-30"),
            "Masoud Pezeshkian called Emmanuel Macron. The president said talks could resume.",
            "president",
            None,
        ),
        (
            Some("2025-03-30"),
            "The president said talks could resume.",
            "president",
            None,
        ),
    ];

    #[test]
    fn office_titles_resolve_to_their_holder_on_the_article_date() {
        let x = Extractor::new(None, false).unwrap();
        for (date, text, title, want) in CASES {
            let doc = x.extract(Article {
                id: "t".into(),
                text: text.to_string(),
                date: date.map(str::to_string),
                ..Article::default()
            });
            let got = doc
                .mentions
                .iter()
                .find(|m| m.text == *title)
                .map(|m| m.entity.as_str());
            assert_eq!(got, *want, "{date:?} {text}");
        }
    }
}
