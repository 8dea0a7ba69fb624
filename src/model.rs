//! The nouns of newsgraph: articles, tokens, sentences, mentions, entities and
//! stance relations.
//!
//! Every span is a pair of byte offsets into `Article::text`, kept through every
//! stage so that each mention and edge can point back at its evidence.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// One news article as ingested.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: given by the input, or derived from the file name / line.
    pub id: String,
    /// Headline; empty when unknown.
    #[serde(default)]
    pub title: String,
    /// Body text. Spans of tokens, sentences and mentions index into it.
    pub text: String,
    /// Publication date as written in the input, ISO 8601 (`YYYY-MM-DD`) when it could be normalised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Publisher or agency ("Reuters", "Kurdistan24").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Byline author; never an actor mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Where the article was read from, e.g. `data/samples/a.jsonl:3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The dateline opening the text ("ERBIL (Kurdistan24) —"), if any. Only its place
    /// counts as a mention; the rest of its span (agency, date) is not news content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
}

/// A dateline at the start of an article's text: `GENEVA —`, `WASHINGTON, March 3 (Reuters) -`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The whole dateline, from the place up to and including the dash.
    pub span: Span,
    /// The place it was filed from ("ERBIL", "UNITED NATIONS").
    pub place: Span,
}

/// A half-open byte range `[start, end)` into an article's text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The items of `items` (sorted by the start of `span_of`) that start inside this span,
    /// found by binary search; callers still check where each one ends.
    pub fn starting_in<'i, T>(&self, items: &'i [T], span_of: impl Fn(&T) -> Span) -> &'i [T] {
        let from = items.partition_point(|x| span_of(x).start < self.start);
        let to = items.partition_point(|x| span_of(x).start < self.end);
        &items[from..to.max(from)]
    }

    /// The text this span covers; empty if the span does not fit `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.range()).unwrap_or("")
    }
}

/// What a token looks like; taggers and rules use it as a cheap first feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// A sentence: its byte span and the range of token indices it holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
}

/// The four kinds of actor newsgraph knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Country,
    Organization,
    Place,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Country,
        EntityType::Organization,
        EntityType::Place,
    ];

    /// The upper-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Country => "COUNTRY",
            EntityType::Organization => "ORGANIZATION",
            EntityType::Place => "PLACE",
        }
    }

    /// The lower-case prefix of entity ids (`country/iran`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Country => "country",
            EntityType::Organization => "org",
            EntityType::Place => "place",
        }
    }

    /// Parses `PERSON`, `person`, `per`, `org`, `loc`... as used on command lines and in files.
    pub fn parse(s: &str) -> Option<EntityType> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "per" | "people" => Some(EntityType::Person),
            "country" | "countries" | "gpe" => Some(EntityType::Country),
            "organization" | "organisation" | "org" | "orgs" => Some(EntityType::Organization),
            "place" | "places" | "loc" | "location" => Some(EntityType::Place),
            _ => None,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stable, human-readable entity id: `<type prefix>/<slug>`, e.g. `country/iran`,
/// `person/masoud-pezeshkian`. Ids are what graphs merge on across runs.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(pub String);

impl EntityId {
    /// The id of an entity of `etype` called `name`: lower-case ASCII-folded words joined by `-`.
    pub fn from_name(etype: EntityType, name: &str) -> EntityId {
        EntityId(format!("{}/{}", etype.id_prefix(), slug(name)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Lower-case, alphanumeric words joined by `-`; non-ASCII letters are kept as they are
/// (lower-cased), so names in other scripts still get distinct ids.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' || c == '.' {
            // "O'Brien" -> "obrien", "U.S." -> "us"
        } else {
            dash = true;
        }
    }
    out
}

/// Identifiers other datasets can join on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalIds {
    /// Wikidata QID (`Q794`), only where checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qid: Option<String>,
    /// ISO 3166-1 alpha-2, countries only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso2: Option<String>,
    /// ISO 3166-1 alpha-3, countries only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso3: Option<String>,
}

impl ExternalIds {
    pub fn is_empty(&self) -> bool {
        self.qid.is_none() && self.iso2.is_none() && self.iso3.is_none()
    }
}

/// One occurrence of an actor in an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Id of the article the mention is in.
    pub article: String,
    /// Index of the sentence in the article.
    pub sentence: usize,
    /// Byte span of the mention in the article text (title excluded).
    pub span: Span,
    /// The surface text, exactly as in the article.
    pub text: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// The canonical entity this mention resolves to.
    pub entity: EntityId,
    /// "Iranian officials": an adjective or demonym standing for the entity.
    #[serde(default)]
    pub demonym: bool,
    /// "Tehran said": a place standing for its government.
    #[serde(default)]
    pub metonymic: bool,
}

/// A canonical actor with everything known about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// Every surface form seen, with how often.
    pub aliases: BTreeMap<String, u64>,
    /// Number of mentions.
    pub mentions: u64,
    /// Number of distinct sentences it is mentioned in.
    pub sentences: u64,
    /// Number of distinct articles it is mentioned in.
    pub articles: u64,
    #[serde(flatten)]
    pub ids: ExternalIds,
    /// Doubts about the node, e.g. `surname-only` (a person known by one name only).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub flags: BTreeSet<String>,
}

impl Entity {
    pub fn new(id: EntityId, name: impl Into<String>, etype: EntityType) -> Entity {
        Entity {
            id,
            name: name.into(),
            etype,
            aliases: BTreeMap::new(),
            mentions: 0,
            sentences: 0,
            articles: 0,
            ids: ExternalIds::default(),
            flags: BTreeSet::new(),
        }
    }
}

/// Sign of a stance relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Negative,
    /// Neutral or mixed.
    Neutral,
    Positive,
}

/// One directed, signed relation found in one sentence: `source` acts toward `target`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceRelation {
    pub article: String,
    pub sentence: usize,
    pub source: EntityId,
    pub source_span: Span,
    pub target: EntityId,
    pub target_span: Span,
    pub polarity: Polarity,
    /// −10 (most hostile) .. +10 (most cooperative), in the spirit of the Goldstein scale.
    pub intensity: f32,
    /// Event category, e.g. `reject`, `mediate`, `accuse`, `cooperate`.
    pub category: String,
    /// The words that carried the stance ("rejects direct talks").
    pub cue: String,
    pub cue_span: Span,
}

/// How a [`Reference`] points at its actor without naming it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReferenceKind {
    /// he, she, his, her, they, their, it, its, we, our ...
    Pronoun,
    /// A title or role noun: "the president", "the senator", "the ministry".
    Title,
    /// A common noun for a group: "the group", "the rebels", "the company".
    Nominal,
}

/// A word or phrase that stands for an actor named elsewhere in the article: one link of a
/// coreference chain, resolved within the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub sentence: usize,
    /// Byte span of the referring words ("he", "the senator").
    pub span: Span,
    pub kind: ReferenceKind,
    /// The entity referred to.
    pub entity: EntityId,
    /// Byte span of the mention it was resolved to (its antecedent).
    pub antecedent: Span,
}

/// A stretch of reported speech and who said it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The words reported, without the quotation marks (or the complement clause of
    /// indirect speech: "that Iran had ...").
    pub span: Span,
    /// Sentences the quote covers, first and last.
    pub sentences: (usize, usize),
    /// True for words inside quotation marks, false for indirect speech.
    pub direct: bool,
    /// The speaker's entity, when resolved.
    pub speaker: Option<EntityId>,
    /// Where the speaker is named or referred to ("Mr. Schumer", "he"), if anywhere.
    pub speaker_span: Option<Span>,
    /// The country or organization the speaker speaks for, where the article says it
    /// (first-person plurals in the quote refer to it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_group: Option<EntityId>,
    /// The speech verb or phrase ("said", "according to").
    pub cue: Span,
    /// Entities mentioned or referred to inside the quote, sorted, without the speaker.
    pub addressees: Vec<EntityId>,
}

/// An article after extraction: its text units, mentions, the article-local entities
/// they resolve to, and the stance relations between them.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub article: Article,
    pub tokens: Vec<Token>,
    /// The Penn Treebank tag of each token (empty when the taggers did not run).
    pub pos: Vec<&'static str>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    /// Pronouns, titles and role nouns resolved to the entities they stand for.
    pub references: Vec<Reference>,
    /// Reported speech with its speaker.
    pub quotes: Vec<Quote>,
    /// Dependency trees of the sentences that can hold a relation, by sentence index
    /// (`None` for the others, and for all without the taggers).
    pub trees: Vec<Option<crate::nlp::parser::DepTree>>,
    /// Entities mentioned in this article, with counts for this article only.
    pub entities: Vec<Entity>,
    /// Entities that are news outlets: used as a channel ("told Reuters") they are no actor.
    pub outlets: Vec<EntityId>,
    pub stance: Vec<StanceRelation>,
}

impl Document {
    /// The text of sentence `i`, or "" if there is no such sentence.
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences
            .get(i)
            .map(|s| s.span.slice(&self.article.text))
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_dash_joined() {
        for (name, want) in [
            ("Masoud Pezeshkian", "masoud-pezeshkian"),
            ("U.S.", "us"),
            ("United Arab Emirates", "united-arab-emirates"),
            ("Kim Jong Un", "kim-jong-un"),
            ("O'Brien", "obrien"),
            ("  Press   TV ", "press-tv"),
            ("Gaza-Strip", "gaza-strip"),
            ("Москва", "москва"),
        ] {
            assert_eq!(slug(name), want, "{name}");
        }
    }

    #[test]
    fn entity_ids_carry_their_type() {
        assert_eq!(
            EntityId::from_name(EntityType::Country, "Iran").as_str(),
            "country/iran"
        );
        assert_eq!(
            EntityId::from_name(EntityType::Organization, "Press TV").as_str(),
            "org/press-tv"
        );
    }
}
