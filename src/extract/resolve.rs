//! Article-level entity resolution: every candidate becomes a mention of one canonical
//! entity.
//!
//! Known names link to the gazetteer; a capital or seat of government that acts or speaks
//! ("Tehran has responded", "the Kremlin said") stands for its country (metonymic); a
//! lone surname or first name refers to the full name used elsewhere in the article; an
//! acronym introduced in parentheses refers to its expansion. Unknown names get an id from
//! their type and normalised name, so that the same name merges across articles.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::extract::candidates::{Candidate, Link};
use crate::extract::gazetteer::{AliasKind, Gazetteer};
use crate::extract::teams;
use crate::model::{Document, Entity, EntityId, EntityType, ExternalIds, Mention, Span};

/// Seats of government that stand for their country when they act or speak.
const SEATS: &[&str] = &[
    "White House",
    "Kremlin",
    "Downing Street",
    "Elysee",
    "Élysée",
    "Elysee Palace",
    "Élysée Palace",
    "Zhongnanhai",
    "Blue House",
];

/// Words before a place name that make it a location ("in Tehran", "near Gaza").
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "around",
    "across",
    "into",
    "inside",
    "through",
    "from",
    "via",
    "toward",
    "towards",
    "of",
    "within",
    "throughout",
    "beyond",
];

/// Words before "to" that make the following capital a destination ("flew to Washington").
const MOVEMENT: &[&str] = &[
    "flew",
    "fly",
    "flying",
    "traveled",
    "travelled",
    "travel",
    "trip",
    "visit",
    "visits",
    "visited",
    "returned",
    "return",
    "arrived",
    "arrive",
    "came",
    "come",
    "went",
    "go",
    "back",
    "moved",
    "relocated",
    "embassy",
    "road",
    "flight",
    "flights",
    "route",
    "way",
    "journey",
    "delegation",
    "envoy",
    "sent",
];

/// Auxiliaries and adverbs skipped between a subject and its verb.
const SKIP_TO_VERB: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "also",
    "still",
    "recently",
    "formally",
    "reportedly",
    "not",
    "never",
    "already",
    "again",
    "now",
    "then",
    "repeatedly",
    "publicly",
    "officially",
    "quickly",
    "firmly",
    "yet",
    "has not",
    "did",
    "does",
    "do",
    "had",
    "been",
    "later",
    "itself",
];

/// Auxiliaries and modals after which a lower-case word is the subject's verb.
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "is", "was", "were", "are", "been", "will", "would", "could", "can",
    "may", "might", "should", "must", "did", "does", "do", "to",
];

/// Words that follow a copula or auxiliary without being a verb.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "its", "his", "her", "their", "our", "one", "home", "also", "not", "no",
    "now", "still", "more", "less", "very", "so",
];

/// Plural nouns that often follow a city name and are not verbs.
const NOT_VERBS: &[&str] = &[
    "residents",
    "streets",
    "suburbs",
    "officials",
    "talks",
    "times",
    "sources",
    "news",
    "markets",
    "hospitals",
    "airports",
    "areas",
    "districts",
    "neighborhoods",
    "neighbourhoods",
    "schools",
    "is",
    "was",
    "has",
    "as",
];

struct Resolved {
    id: EntityId,
    name: String,
    etype: EntityType,
    ids: ExternalIds,
    demonym: bool,
    metonymic: bool,
}

/// Turns candidates into mentions and the article's entities (counts for this article).
pub fn resolve(
    doc: &Document,
    candidates: Vec<Candidate>,
    gaz: &Gazetteer,
) -> (Vec<Mention>, Vec<Entity>) {
    let text = &doc.article.text;
    let dateline_place = doc.article.dateline.as_ref().map(|d| d.place);

    // Majority type per unknown name (a model may call "Hamas" PER once and ORG twice).
    let mut votes: HashMap<String, BTreeMap<EntityType, usize>> = HashMap::new();
    for c in &candidates {
        if let Link::Name(n) = &c.link {
            *votes
                .entry(normalise(n))
                .or_default()
                .entry(c.etype)
                .or_default() += 1;
        }
    }
    let majority = |name: &str, fallback: EntityType| {
        votes
            .get(&normalise(name))
            .and_then(|v| v.iter().max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t))))
            .map(|(t, _)| *t)
            .unwrap_or(fallback)
    };

    // Person names in the article, middle initials dropped ("Neil M. Gorsuch" is "Neil
    // Gorsuch"); a longer name whose first and last words are the one two-word name of the
    // article ("Neil McGill Gorsuch" beside "Neil Gorsuch") is that person.
    let person_of = |c: &Candidate| -> Option<(String, Target)> {
        match &c.link {
            Link::Known(i) if gaz.entities()[*i].etype == EntityType::Person => {
                Some((gaz.entities()[*i].name.clone(), Target::Known(*i)))
            }
            Link::Name(n) if majority(n, c.etype) == EntityType::Person => {
                let n = without_middle_initials(&normalise(n));
                Some((n.clone(), Target::Name(n)))
            }
            _ => None,
        }
    };
    let mut two_word: BTreeMap<(String, String), BTreeSet<Target>> = BTreeMap::new();
    for (name, target) in candidates.iter().filter_map(person_of) {
        if let [first, last] = name.split_whitespace().collect::<Vec<_>>()[..] {
            two_word
                .entry((first.to_string(), last.to_string()))
                .or_default()
                .insert(target);
        }
    }
    let folded = |name: &str| -> Option<Target> {
        let words: Vec<&str> = name.split_whitespace().collect();
        let [first, _, _, ..] = words[..] else {
            return None;
        };
        let last = words[words.len() - 1];
        let targets = two_word.get(&(first.to_string(), last.to_string()))?;
        match targets.len() {
            1 => targets.iter().next().cloned(),
            _ => None,
        }
    };
    let people: Vec<(String, Target)> = candidates
        .iter()
        .filter_map(person_of)
        .map(|(name, target)| match (&target, folded(&name)) {
            (Target::Name(_), Some(t)) => (name, t),
            _ => (name, target),
        })
        .collect();

    // Full person names in the article, by each of their words, for surname references.
    let mut by_part: BTreeMap<String, BTreeSet<Target>> = BTreeMap::new();
    for (name, target) in &people {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() >= 2 {
            for w in [words[0], words[words.len() - 1]] {
                by_part
                    .entry(w.to_string())
                    .or_default()
                    .insert(target.clone());
            }
        }
    }

    // Surnames of the people the article writes out in full ("Cyrus Vance quit ..."): a
    // lone "Vance" later is that person, even when the gazetteer knows another Vance.
    let mut written: BTreeMap<String, BTreeSet<Target>> = BTreeMap::new();
    for (c, (_, target)) in candidates
        .iter()
        .filter_map(|c| person_of(c).map(|p| (c, p)))
    {
        let surface = normalise(c.span.slice(text));
        let words: Vec<&str> = surface.split_whitespace().collect();
        if let [_, .., last] = words[..] {
            written.entry(last.to_string()).or_default().insert(target);
        }
    }
    let written_out = |c: &Candidate| -> Option<&Target> {
        let Link::Known(i) = c.link else { return None };
        let surface = normalise(c.span.slice(text));
        if gaz.entities()[i].etype != EntityType::Person || surface.contains(' ') {
            return None;
        }
        match written.get(&surface) {
            Some(t) if t.len() == 1 && !t.contains(&Target::Known(i)) => t.iter().next(),
            _ => None,
        }
    };

    // Acronyms introduced as "Long Name (LN)".
    let mut acronyms: HashMap<String, String> = HashMap::new();
    for c in &candidates {
        if let Link::Name(n) = &c.link {
            let rest = &text[c.span.end.min(text.len())..];
            let rest = rest.trim_start();
            if let Some(inner) = rest.strip_prefix('(')
                && let Some(close) = inner.find(')')
            {
                let acr = inner[..close].trim();
                if acr.len() <= 10 && acr == initials(n).as_str() {
                    acronyms.insert(acr.to_string(), normalise(n));
                }
            }
        }
    }

    // Countries named in the article, for "the Islamic Republic" or "the Kingdom".
    let countries: BTreeSet<usize> = candidates
        .iter()
        .filter_map(|c| match c.link {
            Link::Known(i) if gaz.entities()[i].etype == EntityType::Country => Some(i),
            _ => None,
        })
        .collect();
    let country_by_title = |name: &str| -> Option<usize> {
        if name.split_whitespace().count() < 2 {
            return None;
        }
        let mut found = countries.iter().copied().filter(|&i| {
            gaz.entities()[i]
                .aliases
                .iter()
                .any(|a| a.starts_with(name) && a.len() > name.len())
        });
        match (found.next(), found.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        }
    };

    // In a sports report or a result sentence "England" or "CHICAGO" is usually a team.
    let sports = teams::SportsContext::of(doc);
    let team = |c: &Candidate| {
        let place = match &c.link {
            Link::Known(i) => {
                matches!(
                    gaz.entities()[*i].etype,
                    EntityType::Country | EntityType::Place
                ) && c.kind != AliasKind::Demonym
            }
            Link::Name(n) => c.etype == EntityType::Place && !teams::is_cue(n),
        };
        let country = match &c.link {
            Link::Known(i) => gaz.entities()[*i].etype == EntityType::Country,
            Link::Name(_) => false,
        };
        sports.covers(c.sentence) && place && teams::names_team(doc, c.span, country)
    };

    // Surnames of the people named in full ("Neil Jordan"), for a place name that is one
    // of them ("Jordan said").
    let mut surnames: BTreeMap<String, BTreeSet<Target>> = BTreeMap::new();
    for (name, target) in &people {
        let words: Vec<&str> = name.split_whitespace().collect();
        if let [_, .., last] = words[..] {
            surnames
                .entry(last.to_string())
                .or_default()
                .insert(target.clone());
        }
    }
    let namesake = |c: &Candidate| -> Option<&Target> {
        let Link::Known(i) = c.link else { return None };
        let place = matches!(
            gaz.entities()[i].etype,
            EntityType::Country | EntityType::Place
        );
        let surface = normalise(c.span.slice(text));
        if !place || c.kind == AliasKind::Demonym || surface.contains(' ') {
            return None;
        }
        match surnames.get(&surface) {
            Some(t) if t.len() == 1 => t.iter().next(),
            _ => None,
        }
    };

    let mut mentions = Vec::with_capacity(candidates.len());
    for c in &candidates {
        let surface = c.span.slice(text);
        let r = match &c.link {
            _ if let Some(person) = namesake(c) => match person {
                Target::Known(i) => known(gaz, *i, AliasKind::Surname, false),
                Target::Name(full) => unknown(full, EntityType::Person),
            },
            _ if let Some(person) = written_out(c) => match person {
                Target::Known(i) => known(gaz, *i, AliasKind::Surname, false),
                Target::Name(full) => unknown(full, EntityType::Person),
            },
            _ if team(c) => team_of(&match &c.link {
                Link::Known(i) => gaz.entities()[*i].name.clone(),
                Link::Name(n) => normalise(n),
            }),
            Link::Known(i) => {
                let metonymic_ctx = Some(c.span) != dateline_place && acts_or_speaks(doc, c.span);
                known(gaz, *i, c.kind, metonymic_ctx)
            }
            Link::Name(n) => {
                let n = normalise(n);
                if let Some(i) = country_by_title(&n) {
                    mentions.push((c, surface, known(gaz, i, AliasKind::Alias, false)));
                    continue;
                }
                let etype = majority(&n, c.etype);
                let n = acronyms.get(&n).cloned().unwrap_or(n);
                let n = if etype == EntityType::Person {
                    without_middle_initials(&n)
                } else {
                    n
                };
                if etype == EntityType::Person
                    && let Some(target) = folded(&n)
                {
                    let r = match target {
                        Target::Known(i) => known(gaz, i, AliasKind::Name, false),
                        Target::Name(full) => unknown(&full, EntityType::Person),
                    };
                    mentions.push((c, surface, r));
                    continue;
                }
                let single = !n.contains(' ');
                match by_part.get(&n) {
                    Some(targets)
                        if single && etype == EntityType::Person && targets.len() == 1 =>
                    {
                        match targets.iter().next() {
                            Some(Target::Known(i)) => known(gaz, *i, AliasKind::Surname, false),
                            Some(Target::Name(full)) => unknown(full, EntityType::Person),
                            None => unknown(&n, etype),
                        }
                    }
                    _ => unknown(&n, etype),
                }
            }
        };
        mentions.push((c, surface, r));
    }

    let mut entities: BTreeMap<EntityId, Entity> = BTreeMap::new();
    let mut sentences: BTreeMap<EntityId, BTreeSet<usize>> = BTreeMap::new();
    let mut out = Vec::with_capacity(mentions.len());
    for (c, surface, r) in mentions {
        let e = entities.entry(r.id.clone()).or_insert_with(|| {
            let mut e = Entity::new(r.id.clone(), r.name.clone(), r.etype);
            e.ids = r.ids.clone();
            e.articles = 1;
            e
        });
        e.mentions += 1;
        *e.aliases.entry(clean_surface(surface)).or_default() += 1;
        sentences
            .entry(r.id.clone())
            .or_default()
            .insert(c.sentence);
        out.push(Mention {
            article: doc.article.id.clone(),
            sentence: c.sentence,
            span: c.span,
            text: surface.to_string(),
            etype: r.etype,
            entity: r.id,
            demonym: r.demonym,
            metonymic: r.metonymic,
        });
    }
    for (id, s) in sentences {
        if let Some(e) = entities.get_mut(&id) {
            e.sentences = s.len() as u64;
        }
    }
    (out, entities.into_values().collect())
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Known(usize),
    Name(String),
}

fn known(gaz: &Gazetteer, i: usize, kind: AliasKind, acts: bool) -> Resolved {
    let e = &gaz.entities()[i];
    let seat = e.etype == EntityType::Organization && SEATS.contains(&e.name.as_str());
    let country = if e.etype == EntityType::Place {
        gaz.capital_country(&e.id)
    } else if seat {
        e.country.as_ref()
    } else {
        None
    };
    if acts && let Some(country) = country.and_then(|c| gaz.get(c)) {
        return Resolved {
            id: country.id.clone(),
            name: country.name.clone(),
            etype: country.etype,
            ids: country.ids.clone(),
            demonym: false,
            metonymic: true,
        };
    }
    Resolved {
        id: e.id.clone(),
        name: e.name.clone(),
        etype: e.etype,
        ids: e.ids.clone(),
        demonym: kind == AliasKind::Demonym,
        metonymic: false,
    }
}

/// The sports team a country or city name stands for: an organization of its own,
/// without the place's ids, so that match results never read as relations between states.
fn team_of(place: &str) -> Resolved {
    let name = format!("{place} (sports team)");
    Resolved {
        id: EntityId::from_name(EntityType::Organization, &name),
        name,
        etype: EntityType::Organization,
        ids: ExternalIds::default(),
        demonym: false,
        metonymic: true,
    }
}

fn unknown(name: &str, etype: EntityType) -> Resolved {
    Resolved {
        id: EntityId::from_name(etype, name),
        name: name.to_string(),
        etype,
        ids: ExternalIds::default(),
        demonym: false,
        metonymic: false,
    }
}

/// Does the name at `span` act or speak, rather than name a location?
/// "Tehran has formally responded", "urged Tehran to", "Washington's allies" — yes;
/// "in Tehran", "flew to Washington" — no.
fn acts_or_speaks(doc: &Document, span: Span) -> bool {
    let text = &doc.article.text;
    let first = doc.tokens.partition_point(|t| t.span.start < span.start);
    let after = doc.tokens.partition_point(|t| t.span.start < span.end);
    let word = |i: usize| doc.tokens.get(i).map(|t| t.span.slice(text)).unwrap_or("");
    let prev = if first > 0 {
        word(first - 1).to_lowercase()
    } else {
        String::new()
    };
    let prev2 = if first > 1 {
        word(first - 2).to_lowercase()
    } else {
        String::new()
    };
    if LOCATIVE.contains(&prev.as_str()) {
        return false;
    }
    if prev == "to" && MOVEMENT.contains(&prev2.as_str()) {
        return false;
    }
    let next = word(after);
    // "London's FTSE index", "Moscow's Bolshoi": a possessive before a name locates it.
    let owned = match next {
        "'s" | "’s" => Some(after + 1),
        "'" | "’" if word(after + 1) == "s" => Some(after + 2),
        "'" | "’" => Some(after + 1),
        _ => None,
    };
    if let Some(o) = owned {
        return !word(o).starts_with(char::is_uppercase);
    }
    let mut i = after;
    let mut auxiliary = None;
    while i < after + 5 {
        let w = word(i).to_lowercase();
        if AUXILIARIES.contains(&w.as_str()) {
            auxiliary = Some(w);
        } else if !SKIP_TO_VERB.contains(&w.as_str()) {
            break;
        }
        i += 1;
    }
    let verb = word(i);
    let lower_word = verb.chars().all(char::is_alphabetic)
        && verb.chars().next().is_some_and(char::is_lowercase)
        && !DETERMINERS.contains(&verb);
    let acts = match auxiliary.as_deref() {
        // "Tehran is demanding", "Washington was warned" — but not "Tehran is home to".
        Some("is" | "was" | "are" | "were" | "been") => {
            lower_word && (verb.ends_with("ing") || verb.ends_with("ed"))
        }
        // "The White House has yet to respond", "Moscow will retaliate".
        Some(_) => lower_word,
        None => looks_like_verb(verb),
    };
    if acts {
        return true;
    }
    // Object of a verb or of "to"/"with"/"against": "urged Tehran", "talks with Washington".
    matches!(
        prev.as_str(),
        "to" | "with"
            | "against"
            | "between"
            | "and"
            | "pressed"
            | "urged"
            | "warned"
            | "told"
            | "accused"
            | "asked"
            | "called"
            | "criticized"
            | "criticised"
            | "condemned"
    ) || (looks_like_verb(&prev) && prev.ends_with("ed"))
}

fn looks_like_verb(w: &str) -> bool {
    let lower = w.chars().next().is_some_and(char::is_lowercase);
    lower
        && w.len() > 2
        && !NOT_VERBS.contains(&w)
        && (w.ends_with("ed")
            || (w.ends_with('s') && !w.ends_with("ss"))
            || w == "said"
            || w == "says")
}

/// "the Houthis" -> "Houthis"; curly apostrophes straightened; whitespace collapsed.
fn normalise(name: &str) -> String {
    let name = name.replace('’', "'");
    let name = name
        .strip_suffix("'s")
        .unwrap_or(&name)
        .trim_end_matches('\'')
        .to_string();
    let words: Vec<&str> = name.split_whitespace().collect();
    let words = match words.first() {
        Some(w) if w.eq_ignore_ascii_case("the") && words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// "Neil M. Gorsuch" -> "Neil Gorsuch", "George H.W. Smith" -> "George Smith": a middle
/// initial does not make another person. First and last words are kept as they are.
fn without_middle_initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 3 {
        return name.to_string();
    }
    let last = words.len() - 1;
    let initial = |w: &str| {
        let letters = w.chars().filter(|c| *c != '.').count();
        w.chars().all(|c| c == '.' || c.is_uppercase())
            && (1..=2).contains(&letters)
            && (letters == 1 || w.contains('.'))
    };
    words
        .iter()
        .enumerate()
        .filter(|&(i, w)| i == 0 || i == last || !initial(w))
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}

fn clean_surface(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "International Atomic Energy Agency" -> "IAEA" (function words skipped).
fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !matches!(*w, "of" | "for" | "the" | "and" | "on" | "in"))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_normalised_for_matching() {
        for (raw, want) in [
            ("the Houthis", "Houthis"),
            ("Iran’s", "Iran"),
            ("  Press   TV ", "Press TV"),
            ("The Hague", "Hague"),
            ("Khalilzad's", "Khalilzad"),
        ] {
            assert_eq!(normalise(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn middle_initials_are_dropped_from_person_names() {
        for (raw, want) in [
            ("Neil M. Gorsuch", "Neil Gorsuch"),
            ("George H.W. Smith", "George Smith"),
            ("Ann Q Vale", "Ann Vale"),
            ("Neil Gorsuch", "Neil Gorsuch"),
            ("J. Edgar Hoover", "J. Edgar Hoover"),
            ("Aung San Suu Kyi", "Aung San Suu Kyi"),
            ("Ann Beatrice Vale", "Ann Beatrice Vale"),
        ] {
            assert_eq!(without_middle_initials(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn initials_skip_function_words() {
        assert_eq!(initials("International Atomic Energy Agency"), "IAEA");
        assert_eq!(
            initials("Organization of the Petroleum Exporting Countries"),
            "OPEC"
        );
        assert_eq!(initials("Kurdistan Regional Government"), "KRG");
    }
}
