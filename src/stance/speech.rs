//! What speakers say about other actors: each quote (direct or reported) gives its speaker
//! a relation toward the actors it talks about, signed by what is said of them.
//!
//! The sign comes from evaluative words tied to the actor in the tree (the adjectives on
//! it, the predicate it is the subject of, the noun it owns: "Israel's crimes", "he could
//! not give a good answer"), from words in `data/stance/evaluative.tsv` (derived from
//! VADER); with none, a core participant of what is said gets a neutral `statement`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::{Document, EntityId, EntityType, Polarity, Quote, Span};
use crate::nlp::parser::DepTree;

/// Evaluative words and their valence (-4..4).
const EVALUATIVE: &str = include_str!("../../data/stance/evaluative.tsv");

/// A summed valence at least this far from zero signs a statement.
const SIGN_AT: f32 = 1.0;

pub fn valence(word: &str) -> f32 {
    static CELL: OnceLock<HashMap<&'static str, f32>> = OnceLock::new();
    let table = CELL.get_or_init(|| {
        EVALUATIVE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, v) = l.split_once('\t')?;
                Some((w, v.trim().parse().ok()?))
            })
            .collect()
    });
    table.get(word).copied().unwrap_or(0.0)
}

/// Nouns that judge what they name (most evaluative nouns of VADER are events: "war",
/// "death", "resignation" report, they do not judge).
fn evaluative_noun(w: &str) -> bool {
    matches!(
        w,
        "crimes"
            | "crime"
            | "aggression"
            | "atrocities"
            | "atrocity"
            | "genocide"
            | "lies"
            | "lie"
            | "terrorism"
            | "terrorists"
            | "terrorist"
            | "hypocrisy"
            | "propaganda"
            | "threat"
            | "threats"
            | "provocation"
            | "provocations"
            | "interference"
            | "meddling"
            | "corruption"
            | "betrayal"
            | "travesty"
            | "rubbish"
            | "disgrace"
            | "failure"
            | "failures"
            | "mistake"
            | "mistakes"
            | "criminals"
            | "thugs"
            | "murderers"
            | "tyrant"
            | "dictator"
            | "dictatorship"
            | "regime"
            | "liar"
            | "liars"
            | "fraud"
            | "deceit"
            | "arrogance"
            | "incompetence"
            | "violations"
            | "violation"
            | "savagery"
            | "friendship"
            | "friend"
            | "friends"
            | "gratitude"
            | "hero"
            | "heroes"
            | "courage"
            | "wisdom"
            | "leadership"
            | "generosity"
            | "partner"
            | "partners"
            | "ally"
            | "allies"
            | "success"
            | "achievement"
            | "progress"
    )
}

/// The valence of token `i` as an evaluation: adjectives and adverbs, and judging nouns.
fn judged(doc: &Document, i: usize, w: &str) -> f32 {
    let tag = doc.pos.get(i).copied().unwrap_or("");
    if tag.starts_with("JJ")
        || tag.starts_with("RB")
        || (tag.starts_with("NN") && evaluative_noun(w))
    {
        valence(w)
    } else {
        0.0
    }
}

/// Speech verbs that frame what follows as blame.
fn accusatory(w: &str) -> bool {
    let stem = [
        "accus", "blam", "charg", "alleg", "complain", "condemn", "denounc", "warn", "critici",
    ];
    stem.iter().any(|s| w.starts_with(s))
}

/// Verbs of blame or punishment: "X should be indicted", "Y was rightly condemned".
fn blame_verb(w: &str) -> bool {
    let stem = [
        "accus", "blam", "charg", "indict", "convict", "condemn", "punish", "prosecut", "sanction",
        "denounc", "critici", "censur",
    ];
    stem.iter().any(|s| w.starts_with(s))
}

/// One relation from a quote: speaker -> actor talked about.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeechRelation {
    pub sentence: usize,
    pub source: EntityId,
    pub source_span: Span,
    pub target: EntityId,
    pub target_span: Span,
    pub polarity: Polarity,
    pub intensity: f32,
    pub category: &'static str,
    pub cue: Span,
}

/// An actor occurrence inside a quote.
struct Occurrence {
    entity: EntityId,
    span: Span,
    sentence: usize,
    etype: Option<EntityType>,
    /// "Iraqi" in "Iraqi forces": a demonym, which stands for its country only on a noun
    /// for the country's people, bodies or conduct.
    demonym: bool,
}

/// The relations the quotes of `doc` give. `already` holds (sentence, source, target)
/// triples the clause rules found, which a quote does not repeat.
pub fn relations(doc: &Document, already: &[(usize, EntityId, EntityId)]) -> Vec<SpeechRelation> {
    let text = &doc.article.text;
    let mut out = Vec::new();
    for q in &doc.quotes {
        let (Some(speaker), Some(speaker_span)) = (&q.speaker, q.speaker_span) else {
            continue;
        };
        if doc.outlets.contains(speaker) || is_place(doc, speaker) {
            continue;
        }
        let cue_word = q.cue.slice(text).to_lowercase();
        let homes: Vec<EntityId> = std::iter::once(speaker)
            .chain(q.speaker_group.as_ref())
            .filter_map(state_body_country)
            .collect();
        let own =
            |e: &EntityId| e == speaker || Some(e) == q.speaker_group.as_ref() || homes.contains(e);
        let occurrences = occurrences(doc, q);
        let mut seen: Vec<(usize, EntityId)> = Vec::new();
        for occ in &occurrences {
            if own(&occ.entity) || doc.outlets.contains(&occ.entity) {
                continue;
            }
            if matches!(occ.etype, Some(EntityType::Place)) {
                continue;
            }
            if seen.contains(&(occ.sentence, occ.entity.clone())) {
                continue;
            }
            let by_clause = already.iter().any(|(s, a, b)| {
                *s == occ.sentence
                    && b == &occ.entity
                    && (a == speaker || Some(a) == q.speaker_group.as_ref())
            });
            if by_clause {
                continue;
            }
            let tree = doc.trees.get(occ.sentence).and_then(Option::as_ref);
            let (v, core) = match tree {
                Some(t) => evaluation(doc, t, occ),
                None => (0.0, !q.direct),
            };
            // a quote that blames: the actor did something hostile, framed as blame
            let blamed = already
                .iter()
                .any(|(s, a, _)| *s == occ.sentence && a == &occ.entity)
                && (accusatory(&cue_word) || negative_words(doc, q, occ.sentence));
            let (polarity, category, intensity) =
                if v <= -SIGN_AT || (v < SIGN_AT && blamed && core) {
                    (Polarity::Negative, "criticize", -2.0 + v.clamp(-3.0, 0.0))
                } else if v >= SIGN_AT {
                    (Polarity::Positive, "praise", 2.0 + v.min(3.0))
                } else if core {
                    (Polarity::Neutral, "statement", 0.0)
                } else {
                    continue;
                };
            seen.push((occ.sentence, occ.entity.clone()));
            out.push(SpeechRelation {
                sentence: occ.sentence,
                source: speaker.clone(),
                source_span: speaker_span,
                target: occ.entity.clone(),
                target_span: occ.span,
                polarity,
                intensity,
                category,
                cue: q.cue,
            });
        }
    }
    out
}

/// The country a government body, military or court belongs to ("the Israeli army" ->
/// Israel): what it says of its own country is not a stance toward it.
fn state_body_country(e: &EntityId) -> Option<EntityId> {
    let g = crate::extract::Gazetteer::builtin().get(e)?;
    if g.etype == EntityType::Organization
        && matches!(g.kind.as_str(), "government" | "military" | "court")
    {
        g.country.clone()
    } else {
        None
    }
}

fn is_place(doc: &Document, e: &EntityId) -> bool {
    doc.entities
        .iter()
        .any(|x| &x.id == e && x.etype == EntityType::Place)
        && !doc.mentions.iter().any(|m| &m.entity == e && m.metonymic)
}

/// Any evaluative word of negative valence in the quote's part of sentence `s`.
fn negative_words(doc: &Document, q: &Quote, s: usize) -> bool {
    let Some(sent) = doc.sentences.get(s) else {
        return false;
    };
    sent.tokens.clone().any(|i| {
        let t = &doc.tokens[i];
        t.span.start >= q.span.start
            && t.span.end <= q.span.end
            && judged(doc, i, &t.span.slice(&doc.article.text).to_lowercase()) <= -1.5
    })
}

/// Mentions and references inside the quote, in text order.
fn occurrences(doc: &Document, q: &Quote) -> Vec<Occurrence> {
    let dateline = doc.article.dateline.map(|d| d.span);
    let inside = |s: Span| q.span.start <= s.start && s.end <= q.span.end;
    let mut out: Vec<Occurrence> = q
        .span
        .starting_in(&doc.mentions, |m| m.span)
        .iter()
        .filter(|m| {
            inside(m.span)
                && dateline.is_none_or(|d| !(d.start <= m.span.start && m.span.end <= d.end))
        })
        .map(|m| Occurrence {
            entity: m.entity.clone(),
            span: m.span,
            sentence: m.sentence,
            etype: Some(if m.metonymic {
                EntityType::Country
            } else {
                m.etype
            }),
            demonym: m.demonym,
        })
        .chain(
            q.span
                .starting_in(&doc.references, |r| r.span)
                .iter()
                .filter(|r| inside(r.span))
                .map(|r| Occurrence {
                    entity: r.entity.clone(),
                    span: r.span,
                    sentence: r.sentence,
                    etype: None,
                    demonym: false,
                }),
        )
        .collect();
    out.sort_by_key(|o| o.span);
    out
}

/// The valence of what the sentence says about the actor at `occ`, and whether the actor
/// is a core participant (subject, object, agent, possessor of what is said).
fn evaluation(doc: &Document, tree: &DepTree, occ: &Occurrence) -> (f32, bool) {
    let Some(sent) = doc.sentences.get(occ.sentence) else {
        return (0.0, false);
    };
    let base = sent.tokens.start;
    let text = &doc.article.text;
    let word = |i: usize| {
        doc.tokens
            .get(i + base)
            .map(|t| t.span.slice(text).to_lowercase())
            .unwrap_or_default()
    };
    let negator = |w: &str| matches!(w, "not" | "n't" | "never" | "no" | "cannot");
    let negated = |i: usize| {
        tree.children(i).any(|c| {
            (matches!(tree.label(c), "advmod" | "aux" | "det") && negator(&word(c)))
                // "in no way", "by no means"
                || (tree.label(c) == "obl"
                    && tree
                        .children(c)
                        .any(|g| tree.label(g) == "det" && negator(&word(g))))
        })
    };
    // the head token of the occurrence
    let toks: Vec<usize> = (0..tree.len())
        .filter(|&i| {
            doc.tokens
                .get(i + base)
                .is_some_and(|t| occ.span.start <= t.span.start && t.span.end <= occ.span.end)
        })
        .collect();
    let Some(&h) = toks
        .iter()
        .find(|&&i| tree.head(i).is_none_or(|p| !toks.contains(&p)))
    else {
        return (0.0, false);
    };
    let val = |i: usize| judged(doc, i + base, &word(i));
    // evaluative words on a node and its modifiers, two levels down
    let around = |n: usize| -> f32 {
        let mut v = val(n);
        for c in tree.children(n) {
            if matches!(
                tree.label(c),
                "amod" | "advmod" | "obj" | "xcomp" | "nmod" | "compound" | "acl"
            ) {
                v += val(c);
                for g in tree.children(c) {
                    if matches!(tree.label(g), "amod" | "compound") {
                        v += val(g);
                    }
                }
            }
        }
        if negated(n) { -v } else { v }
    };
    // a demonym or name modifying a noun ("Iraqi involvement"): the noun is what is said
    let mut h = h;
    let mut for_country = !occ.demonym;
    let mut moved = false;
    if matches!(tree.label(h), "amod" | "compound") {
        if let Some(p) = tree.head(h) {
            if doc.pos.get(p + base).is_some_and(|t| t.starts_with("NN")) {
                h = p;
                for_country = for_country || country_noun(&word(p));
                moved = true;
            }
        }
    }
    let mut v: f32 = tree
        .children(h)
        .filter(|&c| tree.label(c) == "amod")
        .map(val)
        .sum();
    // the noun a demonym or name modifies judges it: "Iraqi aggression", "the North
    // Korean threat"
    if moved {
        v += val(h);
    }
    let label = tree.label(h);
    let core;
    match label {
        "nsubj" | "csubj" => {
            core = true;
            if let Some(p) = tree.head(h) {
                v += around(p);
            }
        }
        // what is done to the actor ("soldiers were shot dead") does not judge it; what
        // it is seen as, or blamed for without a named blamer, does ("can be seen as
        // helpful", "be indicted for war crimes")
        "nsubj:pass" => {
            core = true;
            if let Some(p) = tree.head(h) {
                let mut said = 0.0;
                let mut agent = false;
                for c in tree.children(p) {
                    match tree.label(c) {
                        "xcomp" => said += val(c),
                        "obl" | "obl:agent" => {
                            let case = tree
                                .children(c)
                                .find(|&g| tree.label(g) == "case")
                                .map(word)
                                .unwrap_or_default();
                            if case == "by" {
                                agent = true;
                            } else if matches!(case.as_str(), "as" | "for" | "of") {
                                said += val(c);
                                said += tree
                                    .children(c)
                                    .filter(|&g| matches!(tree.label(g), "amod" | "compound"))
                                    .map(val)
                                    .sum::<f32>();
                            }
                        }
                        _ => {}
                    }
                }
                if !agent && blame_verb(&word(p)) {
                    said -= 2.0;
                }
                v += if negated(p) { -said } else { said };
            }
        }
        "nmod:poss" | "obl:agent" => {
            // the possessor of a core phrase ("Israel's crimes" as a subject or object)
            core = tree
                .head(h)
                .is_some_and(|p| matches!(tree.label(p), "nsubj" | "nsubj:pass" | "obj" | "iobj"));
            if let Some(p) = tree.head(h) {
                v += around(p);
                // "crimes committed by X": the noun the participle describes
                if tree.label(p) == "acl" {
                    if let Some(n) = tree.head(p) {
                        v += val(n);
                    }
                }
            }
        }
        "obj" | "iobj" => core = true,
        "obl" | "nmod" => {
            let case = tree
                .children(h)
                .find(|&c| tree.label(c) == "case")
                .map(word)
                .unwrap_or_default();
            core = matches!(
                case.as_str(),
                "against" | "on" | "with" | "toward" | "towards" | "by" | "over"
            );
            if case == "by" || case == "of" {
                if let Some(p) = tree.head(h) {
                    v += val(p);
                }
            }
        }
        "conj" | "appos" => {
            core = tree
                .head(h)
                .is_some_and(|p| tree.label(p).starts_with("nsubj") || tree.label(p) == "obj")
        }
        _ => core = false,
    }
    // "the French franc", "a Nigerian student": not the country itself
    (v, core && for_country)
}

/// Nouns a demonym turns into its country: its people, bodies, forces and conduct
/// ("Iraqi forces", "the Iranian government", "Syrian involvement").
fn country_noun(w: &str) -> bool {
    let stem = [
        "government",
        "official",
        "leader",
        "minist",
        "president",
        "premier",
        "forces",
        "troops",
        "army",
        "armies",
        "military",
        "militar",
        "soldier",
        "police",
        "authorit",
        "regime",
        "diplomat",
        "envoy",
        "ambassador",
        "embass",
        "delegat",
        "spokes",
        "court",
        "parliament",
        "legislat",
        "navy",
        "security",
        "agent",
        "intelligence",
        "militia",
        "rebel",
        "fighter",
        "people",
        "nation",
        "state",
        "involvement",
        "aggression",
        "action",
        "role",
        "policy",
        "policies",
        "position",
        "attack",
        "strike",
        "raid",
        "plan",
        "proposal",
        "decision",
        "demand",
        "interference",
        "occupation",
        "invasion",
        "offensive",
        "support",
        "aid",
        "side",
        "counterpart",
        "jets",
        "warplanes",
        "tanks",
        "artillery",
        "missile",
        "ship",
        "vessel",
        "negotiator",
        "administration",
        "cabinet",
        "junta",
        "ruler",
        "king",
        "prince",
        "media",
        "press",
        "statement",
        "threat",
    ];
    stem.iter().any(|s| w.starts_with(s))
}
