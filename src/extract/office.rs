//! Office titles standing for their holder: "the Iranian president", "Iran's foreign
//! minister", "the U.S. secretary of state" resolve to the person who held that office on
//! the article's date (from `data/gazetteer/offices.tsv`).
//!
//! Without a date, only a holder the article also names is accepted; a title followed by
//! a name ("President Masoud Pezeshkian") is left to the name itself.

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
    let text = &doc.article.text;
    let date = doc.article.date.as_deref().filter(|d| d.len() == 10);
    let named: Vec<usize> = found
        .iter()
        .filter_map(|c| match c.link {
            Link::Known(i) if gaz.entities()[i].etype == EntityType::Person => Some(i),
            _ => None,
        })
        .collect();
    let word = |i: usize| doc.tokens.get(i).map(|t| t.span.slice(text)).unwrap_or("");
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
        if matches!(word(t), "'s" | "’s") {
            t += 1;
        }
        let Some((len, office)) = TITLES.iter().find_map(|(words, office)| {
            words
                .iter()
                .enumerate()
                .all(|(k, w)| word(t + k).eq_ignore_ascii_case(w))
                .then_some((words.len(), *office))
        }) else {
            continue;
        };
        let next = doc.tokens.get(t + len);
        let followed_by_name = next.is_some_and(|n| {
            n.kind == TokenKind::Word && n.span.slice(text).starts_with(char::is_uppercase)
        });
        if followed_by_name {
            continue;
        }
        let country_id = &gaz.entities()[country].id;
        let holders = gaz.office_holders(country_id, office, date);
        let holder = match holders.as_slice() {
            [one] => gaz.entities().iter().position(|e| e.id == one.id),
            _ => None,
        };
        let Some(holder) = holder else {
            continue;
        };
        if date.is_none() && !named.contains(&holder) {
            continue;
        }
        let span = Span::new(doc.tokens[t].span.start, doc.tokens[t + len - 1].span.end);
        if found
            .iter()
            .any(|o| o.span.start < span.end && span.start < o.span.end)
        {
            continue;
        }
        added.push(Candidate {
            span,
            sentence: c.sentence,
            etype: EntityType::Person,
            link: Link::Known(holder),
            kind: AliasKind::Alias,
            titled: true,
            origin: Origin::Rule,
        });
    }
    if !added.is_empty() {
        found.extend(added);
        found.sort_by_key(|c| c.span.start);
    }
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
