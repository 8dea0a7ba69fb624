//! Candidate mentions: spans that may name an actor, with a type and a first guess at
//! what they link to.
//!
//! Gazetteer matches are exact and carry an entity; NER spans (or, without a model, runs
//! of capitalised words) find the names the gazetteer does not know. Overlaps are settled
//! leftmost-longest, the gazetteer winning spans of equal length.

use std::collections::HashMap;

use crate::error::Result;
use crate::extract::gazetteer::{AliasHit, AliasKind, Gazetteer};
use crate::model::{Document, EntityId, EntityType, Span, TokenKind};
use crate::nlp::ner::{self, NerLabel};

/// Where a candidate came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    Gazetteer,
    Model,
    Rule,
}

/// What a candidate links to before article-level resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// An entity of the gazetteer (index into `Gazetteer::entities`).
    Known(usize),
    /// A name the gazetteer does not know, titles stripped.
    Name(String),
}

#[derive(Clone, Debug)]
pub struct Candidate {
    pub span: Span,
    pub sentence: usize,
    pub etype: EntityType,
    pub link: Link,
    pub kind: AliasKind,
    /// A title stood right before the name ("President", "Gen."): a strong sign of a person.
    pub titled: bool,
    pub origin: Origin,
}

/// Makes sure the NER model can be loaded, so that a broken model fails at start-up.
pub fn load_model() -> Result<()> {
    ner::load().map(|_| ())
}

/// All candidates of `doc`, non-overlapping, in text order.
/// `model_spans` are the NER model's spans (`None` without a model: the capitalised-name
/// rule stands in).
pub fn find(
    doc: &Document,
    gaz: &Gazetteer,
    model_spans: Option<&[(Span, NerLabel)]>,
) -> Vec<Candidate> {
    let use_model = model_spans.is_some();
    let text = &doc.article.text;
    let excluded = doc
        .article
        .dateline
        .as_ref()
        .map(|d| (d.span, d.place))
        .into_iter()
        .collect::<Vec<_>>();
    let outside_dateline = |s: Span| {
        !excluded
            .iter()
            .any(|(all, place)| s.start < all.end && all.start < s.end && *place != s)
    };

    let mut found: Vec<Candidate> = Vec::new();
    let model_spans = model_spans.unwrap_or_default();

    // Names of events, competitions, wars and the like ("U.S. Open", "German Cup", "Gulf
    // War"): the country or place inside is not mentioned as an actor.
    let mut misc: Vec<Span> = model_spans
        .iter()
        .filter(|(_, l)| *l == NerLabel::Misc)
        .map(|(s, _)| *s)
        .collect();
    misc.sort_by_key(|s| (s.end, s.start));
    // The rest of the span must hold a capitalised word: "anti-American" keeps its link.
    let inside_misc = |s: Span| {
        let i = misc.partition_point(|m| m.end <= s.start);
        misc.get(i).is_some_and(|m| {
            m.start <= s.start
                && s.end <= m.end
                && [m.start..s.start, s.end..m.end].into_iter().any(|r| {
                    text.get(r).is_some_and(|r| {
                        r.split(|c: char| !c.is_alphanumeric())
                            .any(|w| w.starts_with(char::is_uppercase))
                    })
                })
        })
    };
    let matches = gaz.find(text);
    // Countries the article names (or whose demonyms it uses), with how often: they decide
    // between two bodies of one name, like Britain's and Canada's "Conservative Party".
    let mut countries: HashMap<&EntityId, usize> = HashMap::new();
    for e in matches
        .iter()
        .flat_map(|m| &m.hits)
        .map(|h| &gaz.entities()[h.entity])
        .filter(|e| e.etype == EntityType::Country)
    {
        *countries.entry(&e.id).or_default() += 1;
    }
    // The model's label of each span, looked up per gazetteer match (the first wins).
    let mut labels: HashMap<Span, NerLabel> = HashMap::with_capacity(model_spans.len());
    for (s, l) in model_spans {
        labels.entry(*s).or_insert(*l);
    }
    for m in matches {
        if !outside_dateline(m.span) {
            continue;
        }
        let placey = m.hits.iter().all(|h| {
            matches!(
                gaz.entities()[h.entity].etype,
                EntityType::Country | EntityType::Place
            )
        });
        let personal = m
            .hits
            .iter()
            .any(|h| gaz.entities()[h.entity].etype == EntityType::Person);
        if (placey && inside_misc(m.span)) || (!personal && names_event(doc, m.span)) {
            continue;
        }
        let label = labels.get(&m.span).copied();
        if let Some(hit) = choose_hit(gaz, &m.hits, label, &countries) {
            let e = &gaz.entities()[hit.entity];
            // "Ayatollah Ali Khamenei" is listed with its title; the mention is the name.
            let (span, titled) = if e.etype == EntityType::Person {
                strip_titles(doc, m.span, gaz)
            } else {
                (m.span, false)
            };
            let span = if span.is_empty() { m.span } else { span };
            found.push(Candidate {
                span,
                sentence: sentence_of(doc, m.span.start),
                etype: e.etype,
                link: Link::Known(hit.entity),
                kind: hit.kind,
                titled,
                origin: Origin::Gazetteer,
            });
        }
    }

    // The model misreads Title Case lines ("Read More: Tehran Warns: ..."); there only the
    // gazetteer is trusted.
    let headline: Vec<Span> = doc
        .sentences
        .iter()
        .filter(|s| is_headline_case(&doc.tokens[s.tokens.clone()], text))
        .map(|s| s.span)
        .collect();
    // Sentence spans are in text order and disjoint: search, do not scan.
    let in_headline = |s: Span| {
        let i = headline.partition_point(|h| h.end < s.end);
        headline
            .get(i)
            .is_some_and(|h| h.start <= s.start && s.end <= h.end)
    };
    let names: Vec<(Span, EntityType, bool, Origin)> = if use_model {
        model_spans
            .iter()
            .filter(|(span, _)| !in_headline(*span))
            .filter_map(|(span, label)| {
                let etype = match label {
                    NerLabel::Per => EntityType::Person,
                    NerLabel::Org => EntityType::Organization,
                    NerLabel::Loc => EntityType::Place,
                    NerLabel::Misc => return None,
                };
                let span = if etype == EntityType::Person {
                    person_core(doc, *span)
                } else {
                    *span
                };
                let (span, titled) = strip_titles(doc, span, gaz);
                (!span.is_empty()).then_some((span, etype, titled, Origin::Model))
            })
            .collect()
    } else {
        rule_spans(doc, gaz, &found)
    };
    for (span, etype, titled, origin) in names {
        if !outside_dateline(span) {
            continue;
        }
        let surface = span.slice(text);
        // A name the gazetteer knows under another span ("Iran's" vs "Iran") keeps its link.
        let link = match gaz.lookup(surface).first() {
            Some(hit) => Link::Known(hit.entity),
            None => Link::Name(surface.to_string()),
        };
        let etype = match &link {
            Link::Known(i) => gaz.entities()[*i].etype,
            Link::Name(_) => etype,
        };
        found.push(Candidate {
            span,
            sentence: sentence_of(doc, span.start),
            etype,
            link,
            kind: AliasKind::Name,
            titled,
            origin,
        });
    }

    // A dateline place the gazetteer does not know is still a place ("ERBIL —").
    if let Some(d) = &doc.article.dateline
        && !d.place.is_empty()
        && !found
            .iter()
            .any(|c| c.span == d.place && c.origin == Origin::Gazetteer)
    {
        found.retain(|c| c.span != d.place);
        found.push(Candidate {
            span: d.place,
            sentence: sentence_of(doc, d.place.start),
            etype: EntityType::Place,
            link: Link::Name(title_case(d.place.slice(text))),
            kind: AliasKind::Name,
            titled: false,
            origin: Origin::Gazetteer,
        });
    }

    // Leftmost-longest; on equal spans the gazetteer (lower Origin) wins.
    found.sort_by(|a, b| {
        (a.span.start, std::cmp::Reverse(a.span.len()), a.origin).cmp(&(
            b.span.start,
            std::cmp::Reverse(b.span.len()),
            b.origin,
        ))
    });
    let mut out: Vec<Candidate> = Vec::with_capacity(found.len());
    for c in found.into_iter().filter(|c| !in_party_tag(text, c.span)) {
        if out.last().is_some_and(|last| c.span.start < last.span.end) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Picks the reading of an ambiguous alias: the one whose type agrees with the model's
/// label, else full names before aliases before demonyms, countries before others. Between
/// entities of the chosen one's type, named by name or alias, one belonging to a country
/// the article names more often wins.
fn choose_hit(
    gaz: &Gazetteer,
    hits: &[AliasHit],
    label: Option<NerLabel>,
    countries: &HashMap<&EntityId, usize>,
) -> Option<AliasHit> {
    let agrees = |h: &AliasHit| {
        let t = gaz.entities()[h.entity].etype;
        match label {
            Some(NerLabel::Per) => t == EntityType::Person,
            Some(NerLabel::Org) => t == EntityType::Organization,
            Some(NerLabel::Loc) => matches!(t, EntityType::Place | EntityType::Country),
            Some(NerLabel::Misc) => h.kind == AliasKind::Demonym,
            None => true,
        }
    };
    let rank = |h: &AliasHit| {
        let kind = match h.kind {
            AliasKind::Name => 0,
            AliasKind::Alias => 1,
            AliasKind::Acronym => 2,
            AliasKind::Demonym => 3,
            AliasKind::Surname => 4,
        };
        let t = match gaz.entities()[h.entity].etype {
            EntityType::Country => 0,
            EntityType::Organization => 1,
            EntityType::Person => 2,
            EntityType::Place => 3,
        };
        (!agrees(h), kind, t, h.entity)
    };
    let best = hits.iter().copied().min_by_key(rank)?;
    let by_name = |h: &AliasHit| matches!(h.kind, AliasKind::Name | AliasKind::Alias);
    if !by_name(&best) {
        return Some(best);
    }
    // How often the article names the entity's country.
    let named = |h: &AliasHit| {
        gaz.entities()[h.entity]
            .country
            .as_ref()
            .map_or(0, |c| countries.get(c).copied().unwrap_or(0))
    };
    let etype = gaz.entities()[best.entity].etype;
    let local = hits
        .iter()
        .copied()
        .filter(|h| {
            by_name(h) && agrees(h) == agrees(&best) && gaz.entities()[h.entity].etype == etype
        })
        .min_by_key(|h| (std::cmp::Reverse(named(h)), rank(h)));
    Some(match local {
        Some(h) if named(&h) > named(&best) => h,
        _ => best,
    })
}

/// Last words of event and competition names after a country, place or organization
/// ("U.S. Open", "German Cup", "Gulf War", "Atlanta Games", "Manchester City", "Labour
/// Day").
const EVENT_HEADS: &[&str] = &[
    "open",
    "cup",
    "games",
    "masters",
    "league",
    "championship",
    "championships",
    "war",
    "day",
    "classic",
    "trophy",
    "series",
    "derby",
    "marathon",
    "grand",
    "tour",
    "olympics",
    "city",
    "united",
    "rovers",
    "villa",
    "wanderers",
    "athletic",
    "irish",
    "scottish",
];

/// Is the place name at `span` the start of an event's or club's name? The next word is
/// a capitalised event head ("U.S. Open", "GERMAN CUP"), not "Iran war" or "Gaza city".
fn names_event(doc: &Document, span: Span) -> bool {
    let text = &doc.article.text;
    let next = doc.tokens.partition_point(|t| t.span.start < span.end);
    let Some(t) = doc.tokens.get(next) else {
        return false;
    };
    let w = t.span.slice(text);
    let gap = &text[span.end.min(t.span.start)..t.span.start];
    gap.chars().all(|c| c == ' ')
        && !gap.is_empty()
        && w.starts_with(char::is_uppercase)
        && EVENT_HEADS.contains(&w.to_lowercase().as_str())
}

/// Index of the sentence holding byte `pos`.
pub fn sentence_of(doc: &Document, pos: usize) -> usize {
    let i = doc.sentences.partition_point(|s| s.span.end <= pos);
    i.min(doc.sentences.len().saturating_sub(1))
}

/// Index of the first token starting at or after `pos`.
fn token_at(doc: &Document, pos: usize) -> usize {
    doc.tokens.partition_point(|t| t.span.start < pos)
}

/// Removes leading titles ("President", "Gen.", "Supreme Leader") from a name span.
fn strip_titles(doc: &Document, span: Span, gaz: &Gazetteer) -> (Span, bool) {
    let text = &doc.article.text;
    let mut i = token_at(doc, span.start);
    let end = doc.tokens.partition_point(|t| t.span.end <= span.end);
    let mut titled = false;
    'outer: while i < end {
        for k in (1..=3.min(end - i)).rev() {
            let s = Span::new(doc.tokens[i].span.start, doc.tokens[i + k - 1].span.end);
            if k < end - i && gaz.is_title(s.slice(text)) {
                i += k;
                titled = true;
                continue 'outer;
            }
        }
        break;
    }
    if i >= end {
        return (Span::new(span.end, span.end), titled);
    }
    (Span::new(doc.tokens[i].span.start, span.end), titled)
}

/// "R-Texas", "(D-Iowa)", "I-Vt.": a party–state tag after a legislator's name is an
/// attribute of the person, not a mention of the state or of a party.
fn in_party_tag(text: &str, span: Span) -> bool {
    let party = |c: Option<char>| matches!(c, Some('R' | 'D' | 'I'));
    let dash = |c: Option<char>| matches!(c, Some('-' | '–'));
    let starts_word = |before: &str| {
        before
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    };
    let before = text.get(..span.start).unwrap_or("");
    let surface = span.slice(text);
    let mut own = surface.chars();
    if party(own.next()) && dash(own.next()) && own.next().is_some_and(char::is_uppercase) {
        return starts_word(before);
    }
    let mut back = before.char_indices().rev();
    let (Some((_, d)), Some((at, p))) = (back.next(), back.next()) else {
        return false;
    };
    dash(Some(d))
        && party(Some(p))
        && starts_word(&before[..at])
        && surface.starts_with(char::is_uppercase)
}

/// Words for a party that the tagger glues to a person's name ("Democrat Elizabeth
/// Warren"): not part of the name.
const PARTY_WORDS: &[&str] = &[
    "Democrat",
    "Democratic",
    "Republican",
    "GOP",
    "Independent",
    "Labour",
    "Tory",
    "Conservative",
    "Liberal",
];

/// The person's name inside a tagged PERSON span: a leading party word and a trailing
/// "of <place>" ("Mitch McConnell of Kentucky") are left out, so that the span is the name.
fn person_core(doc: &Document, span: Span) -> Span {
    let text = &doc.article.text;
    let first = doc.tokens.partition_point(|t| t.span.start < span.start);
    let end = doc.tokens.partition_point(|t| t.span.end <= span.end);
    if first >= end {
        return span;
    }
    let word = |i: usize| doc.tokens[i].span.slice(text);
    let mut start = first;
    if end - start >= 3 && PARTY_WORDS.contains(&word(start)) {
        start += 1;
    }
    let mut stop = end;
    if let Some(of) = (start + 2..end).find(|&i| word(i) == "of") {
        stop = of;
    }
    Span::new(doc.tokens[start].span.start, doc.tokens[stop - 1].span.end)
}

/// Words that start sentences or headlines with a capital but never begin a name.
const NOT_NAMES: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "Again",
    "Against",
    "Also",
    "Although",
    "Among",
    "An",
    "And",
    "Another",
    "Any",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Despite",
    "During",
    "Each",
    "Earlier",
    "Even",
    "Every",
    "For",
    "Former",
    "From",
    "Further",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "Mr",
    "Much",
    "My",
    "New",
    "No",
    "Not",
    "Now",
    "Of",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Other",
    "Our",
    "Over",
    "Read",
    "She",
    "Since",
    "So",
    "Some",
    "Speaking",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Today",
    "Two",
    "Under",
    "Unlike",
    "Until",
    "Upon",
    "We",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Within",
    "Without",
    "Yet",
    "You",
];

const CALENDAR: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
];

/// Lower-case words allowed inside a name ("Bank of England", "Abu Bakr al-Baghdadi").
const CONNECTORS: &[&str] = &[
    "of", "for", "al", "bin", "ibn", "de", "la", "van", "von", "der", "du",
];

/// Last words that make a name an organization.
const ORG_HEADS: &[&str] = &[
    "Agency",
    "Alliance",
    "Army",
    "Assembly",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Brigade",
    "Brigades",
    "Bureau",
    "Cabinet",
    "Center",
    "Centre",
    "Coalition",
    "College",
    "Command",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Corp.",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Federation",
    "Force",
    "Forces",
    "Foundation",
    "Front",
    "Fund",
    "Group",
    "Guard",
    "Guards",
    "Inc.",
    "Institute",
    "League",
    "Ltd.",
    "Media",
    "Ministry",
    "Movement",
    "News",
    "Office",
    "Organization",
    "Organisation",
    "Parliament",
    "Party",
    "Police",
    "Press",
    "Service",
    "Services",
    "Times",
    "TV",
    "Union",
    "University",
];

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
}

/// Without a model: runs of capitalised words, titles stripped, typed by their words.
fn rule_spans(
    doc: &Document,
    gaz: &Gazetteer,
    known: &[Candidate],
) -> Vec<(Span, EntityType, bool, Origin)> {
    let text = &doc.article.text;
    // `known` is in text order and disjoint: search, do not scan.
    let covered = |s: Span| {
        let i = known.partition_point(|c| c.span.end <= s.start);
        known.get(i).is_some_and(|c| c.span.start < s.end)
    };
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let toks = &doc.tokens[sentence.tokens.clone()];
        if is_headline_case(toks, text) {
            // "Read More: Missile Bases Won't Ensure Survival": capitals mark no names here.
            continue;
        }
        let mut i = 0;
        while i < toks.len() {
            let word = toks[i].span.slice(text);
            let starts = toks[i].kind == TokenKind::Word
                && is_capitalised(word)
                && !covered(toks[i].span)
                && !CALENDAR.contains(&word);
            if !starts {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            loop {
                if j >= toks.len() || covered(toks[j].span) || toks[j].kind != TokenKind::Word {
                    break;
                }
                let w = toks[j].span.slice(text);
                if is_capitalised(w) && !CALENDAR.contains(&w) {
                    j += 1;
                } else if CONNECTORS.contains(&w)
                    && j + 1 < toks.len()
                    && is_capitalised(toks[j + 1].span.slice(text))
                    && !covered(toks[j + 1].span)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let mut first = i;
            // A sentence-initial common word is not part of the name.
            while first < j && NOT_NAMES.contains(&toks[first].span.slice(text)) {
                first += 1;
            }
            if first < j {
                let span = Span::new(toks[first].span.start, toks[j - 1].span.end);
                let (span, titled) = strip_titles(doc, span, gaz);
                if let Some(etype) = type_by_words(doc, span, titled, gaz, first == 0) {
                    out.push((span, etype, titled, Origin::Rule));
                }
            }
            i = j.max(i + 1);
        }
    }
    out
}

fn type_by_words(
    doc: &Document,
    span: Span,
    titled: bool,
    gaz: &Gazetteer,
    sentence_initial: bool,
) -> Option<EntityType> {
    if span.is_empty() {
        return None;
    }
    let text = span.slice(&doc.article.text);
    let words: Vec<&str> = text.split_whitespace().collect();
    let last = *words.last()?;
    if ORG_HEADS.contains(&last) || (words.len() == 1 && is_acronym(last)) {
        return Some(EntityType::Organization);
    }
    if gaz.is_title(text) {
        return None;
    }
    // Without a model only a title or a known given name makes a person: capitalised
    // runs alone are too often events, places or slogans ("Quds Day").
    if titled || (words.len() >= 2 && gaz.is_first_name(words[0]) && !sentence_initial) {
        return Some(EntityType::Person);
    }
    None
}

/// Title Case lines (headlines, "Read More:" links): most words capitalised.
fn is_headline_case(toks: &[crate::model::Token], text: &str) -> bool {
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.span.slice(text))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let caps = words.iter().filter(|w| is_capitalised(w)).count();
    words.len() >= 4 && caps * 10 >= words.len() * 7
}

/// "UNITED NATIONS" -> "United Nations" (datelines are written in capitals).
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;
    use crate::nlp::tokenize;

    #[test]
    fn party_state_tags_are_not_mentions() {
        let text = "Sen. Ann Vale (R-Texas) and Rep. Tom Reed, D-N.Y., met I-Vt. staff; \
                    AR-15, Texas and DR-Congo stay.";
        let at = |s: &str, len: usize| {
            let i = text.find(s).unwrap();
            Span::new(i, i + len)
        };
        for (span, tag) in [
            (at("R-Texas", 7), true),
            (at("Texas)", 5), true),
            (at("N.Y.", 4), true),
            (at("Vt.", 3), true),
            (at("Ann Vale", 8), false),
            (at("Texas and", 5), false),
            (at("Congo", 5), false),
            (at("AR-15", 5), false),
        ] {
            assert_eq!(in_party_tag(text, span), tag, "{:?}", span.slice(text));
        }
    }

    #[test]
    fn a_person_span_is_the_name_without_party_word_or_home_state() {
        for (text, want) in [
            ("Democrat Ann Vale spoke", "Ann Vale"),
            ("Ann Vale of Kentucky spoke", "Ann Vale"),
            ("Republican Tom Reed of Ohio spoke", "Tom Reed"),
            ("Ann Vale spoke", "Ann Vale"),
            ("Democrat Vale spoke", "Democrat Vale"),
        ] {
            let tokens = tokenize::tokenize(text);
            let end = text.find(" spoke").unwrap();
            let doc = Document {
                article: Article {
                    text: text.to_string(),
                    ..Article::default()
                },
                tokens,
                ..Document::default()
            };
            let got = person_core(&doc, Span::new(0, end));
            assert_eq!(got.slice(text), want, "{text:?}");
        }
    }
}
