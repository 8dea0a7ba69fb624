//! Coreference for actors within one article: third-person pronouns, role nouns ("the
//! senator", "the ministry", "the group") and country nouns ("the government") resolved to
//! the nearest compatible actor named before them.
//!
//! The one decision a reader must know: a reference is resolved only when one candidate
//! clearly wins (gender, number, type, distance, subjecthood); a tie leaves it unresolved,
//! because a wrong antecedent makes a wrong arrow while a missing one only loses one.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::extract::gazetteer::Gazetteer;
use crate::model::{Document, EntityId, EntityType, Mention, Reference, ReferenceKind, Span};
use crate::nlp::parser::DepTree;

/// First names and the sex they are mostly given to (1990 US Census lists).
const GENDERS: &str = include_str!("../../data/gazetteer/genders.tsv");

/// How far back (in sentences) each kind of reference looks.
const PERSON_REACH: usize = 3;
const GROUP_REACH: usize = 2;
const ROLE_REACH: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

fn genders() -> &'static HashMap<&'static str, Gender> {
    static CELL: OnceLock<HashMap<&'static str, Gender>> = OnceLock::new();
    CELL.get_or_init(|| {
        GENDERS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, g) = l.split_once('\t')?;
                let g = match g.trim() {
                    "M" => Gender::Male,
                    "F" => Gender::Female,
                    _ => return None,
                };
                Some((name, g))
            })
            .collect()
    })
}

/// The sex a title or honorific implies.
fn title_gender(w: &str) -> Option<Gender> {
    match w.trim_end_matches('.') {
        "mr" | "sir" | "king" | "prince" | "lord" | "sheikh" | "pope" | "father" | "brother"
        | "emir" | "sultan" | "ayatollah" | "cardinal" | "archbishop" | "congressman"
        | "chairman" | "spokesman" | "grandfather" | "husband" | "son" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "madam" | "madame" | "queen" | "princess" | "lady" | "dame"
        | "sister" | "congresswoman" | "chairwoman" | "spokeswoman" | "wife" | "daughter"
        | "mother" | "grandmother" => Some(Gender::Female),
        _ => None,
    }
}

/// What a pronoun can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    Person(Gender),
    /// it / its: an organization or a country.
    Thing,
    /// they / their: an organization, a country or a group of them.
    Group,
}

fn pronoun(w: &str) -> Option<(Want, bool)> {
    // (what it wants, whether it is an object form)
    Some(match w {
        "he" | "his" | "himself" => (Want::Person(Gender::Male), false),
        "him" => (Want::Person(Gender::Male), true),
        "she" | "hers" | "herself" => (Want::Person(Gender::Female), false),
        "her" => (Want::Person(Gender::Female), false),
        "it" | "its" | "itself" => (Want::Thing, w == "it"),
        "they" | "their" | "theirs" | "themselves" => (Want::Group, false),
        "them" => (Want::Group, true),
        _ => return None,
    })
}

/// Role nouns after "the": the type they refer to and the words a title before a name
/// ("Senator", "Defence Minister") must contain for a person to be their antecedent.
fn role_noun(w: &str) -> Option<(EntityType, &'static [&'static str])> {
    use EntityType::*;
    Some(match w {
        "president" => (Person, &["president"]),
        "senator" => (Person, &["senator", "sen."]),
        "minister" => (Person, &["minister"]),
        "premier" => (Person, &["premier", "prime"]),
        "chancellor" => (Person, &["chancellor"]),
        "general" => (
            Person,
            &["general", "gen.", "lieutenant-general", "major-general"],
        ),
        "governor" => (Person, &["governor", "gov."]),
        "mayor" => (Person, &["mayor"]),
        "king" => (Person, &["king"]),
        "queen" => (Person, &["queen"]),
        "prince" => (Person, &["prince"]),
        "ambassador" => (Person, &["ambassador"]),
        "envoy" => (Person, &["envoy"]),
        "commander" => (Person, &["commander"]),
        "secretary" => (Person, &["secretary"]),
        "spokesman" | "spokeswoman" => (Person, &["spokesman", "spokeswoman"]),
        "congressman" | "congresswoman" | "lawmaker" => (
            Person,
            &["congressman", "congresswoman", "rep.", "representative"],
        ),
        "pope" => (Person, &["pope"]),
        "cardinal" => (Person, &["cardinal"]),
        "ayatollah" => (Person, &["ayatollah"]),
        "emir" => (Person, &["emir"]),
        "sheikh" => (Person, &["sheikh"]),
        "chairman" | "chairwoman" => (Person, &["chairman", "chairwoman", "chair"]),
        "judge" => (Person, &["judge"]),
        "nominee" => (Person, &["nominee"]),
        "group" | "movement" | "militia" | "organisation" | "organization" | "party"
        | "company" | "firm" | "ministry" | "alliance" | "bloc" | "council" | "agency"
        | "court" | "union" | "coalition" | "rebels" | "guerrillas" | "militants" => {
            (Organization, &[])
        }
        "country" | "nation" | "kingdom" | "republic" | "government" | "regime" | "emirate" => {
            (Country, &[])
        }
        _ => return None,
    })
}

/// Words after a role noun that make it part of a longer description ("the president of
/// X", "the group's leader" is fine, "the government forces" is not a reference).
fn continues_noun_phrase(next: &str) -> bool {
    matches!(next, "of" | "-") || next.chars().next().is_some_and(char::is_uppercase)
}

/// An actor a reference may point at: a mention, with what coreference needs to know.
struct Candidate<'d> {
    mention: &'d Mention,
    gender: Option<Gender>,
    subject: bool,
}

/// Resolves the references of `doc` (which must have its mentions; trees are used where
/// present). Sorted by span.
pub fn resolve(doc: &Document, gaz: &Gazetteer, trees: &[Option<DepTree>]) -> Vec<Reference> {
    let text = &doc.article.text;
    let word = |i: usize| -> String {
        doc.tokens
            .get(i)
            .map(|t| t.span.slice(text).to_lowercase())
            .unwrap_or_default()
    };
    let gender_of = person_genders(doc, gaz);
    let mut covered = vec![false; doc.tokens.len()];
    let mut first_token = Vec::with_capacity(doc.mentions.len());
    for m in &doc.mentions {
        let a = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
        let mut b = a;
        while b < doc.tokens.len() && doc.tokens[b].span.start < m.span.end {
            covered[b] = true;
            b += 1;
        }
        first_token.push((a, b));
    }
    let candidates: Vec<Candidate> = doc
        .mentions
        .iter()
        .zip(&first_token)
        .map(|(m, &(a, b))| Candidate {
            mention: m,
            gender: gender_of.get(&m.entity).copied(),
            subject: is_subject(doc, trees, m.sentence, a, b),
        })
        .collect();

    let mut out = Vec::new();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        for t in sentence.tokens.clone() {
            if covered[t] {
                continue;
            }
            let w = word(t);
            let span = doc.tokens[t].span;
            if let Some((want, object)) = pronoun(&w) {
                if w == "it" && expletive_it(&word(t + 1)) {
                    continue;
                }
                // "praised Egypt and Jordan for their efforts": "their" is both of them,
                // which no single entity stands for
                if matches!(
                    w.as_str(),
                    "they" | "their" | "them" | "theirs" | "themselves"
                ) && coordinated_before(doc, &first_token, s, sentence.tokens.start, t)
                {
                    continue;
                }
                let reach = match want {
                    Want::Person(_) => PERSON_REACH,
                    _ => GROUP_REACH,
                };
                let clause_mates = if object {
                    clause_subject_tokens(doc, trees, s, t)
                } else {
                    Vec::new()
                };
                if let Some(m) = best(&candidates, span.start, s, reach, |c| {
                    compatible(c, want)
                        && !(object
                            && c.mention.sentence == s
                            && clause_mates.iter().any(|&ct| {
                                doc.tokens[ct].span.start >= c.mention.span.start
                                    && doc.tokens[ct].span.end <= c.mention.span.end
                            }))
                }) {
                    out.push(reference(s, span, ReferenceKind::Pronoun, m));
                }
                continue;
            }
            // "the senator", "the former president", "the group"
            let prev = t.checked_sub(1).map(&word).unwrap_or_default();
            let prev2 = t.checked_sub(2).map(&word).unwrap_or_default();
            let determined = prev == "the"
                || (prev2 == "the"
                    && matches!(
                        prev.as_str(),
                        "former"
                            | "new"
                            | "embattled"
                            | "veteran"
                            | "ousted"
                            | "militant"
                            | "rebel"
                            | "ruling"
                            | "opposition"
                            | "islamist"
                            | "armed"
                    ));
            if !determined {
                continue;
            }
            let Some((etype, titles)) = role_noun(&w) else {
                continue;
            };
            let next = doc
                .tokens
                .get(t + 1)
                .map(|x| x.span.slice(text))
                .unwrap_or("");
            if t + 1 < sentence.tokens.end && (continues_noun_phrase(next) || covered[t + 1]) {
                continue;
            }
            let start = if prev == "the" { t - 1 } else { t - 2 };
            let rspan = Span::new(doc.tokens[start].span.start, span.end);
            let kind = if etype == EntityType::Person {
                ReferenceKind::Title
            } else {
                ReferenceKind::Nominal
            };
            let found = match etype {
                EntityType::Person => best(&candidates, span.start, s, ROLE_REACH, |c| {
                    c.mention.etype == EntityType::Person && titled(doc, c.mention, titles)
                }),
                EntityType::Organization => best(&candidates, span.start, s, GROUP_REACH, |c| {
                    c.mention.etype == EntityType::Organization && !c.mention.demonym
                }),
                _ => best(&candidates, span.start, s, GROUP_REACH + 1, |c| {
                    c.mention.etype == EntityType::Country
                }),
            };
            if let Some(m) = found {
                out.push(reference(s, rspan, kind, m));
            }
        }
    }
    out
}

/// Whether two mentions of sentence `s` before token `t` are coordinated ("X and Y",
/// "X, Y").
fn coordinated_before(
    doc: &Document,
    first_token: &[(usize, usize)],
    s: usize,
    start: usize,
    t: usize,
) -> bool {
    let text = &doc.article.text;
    let from = doc.mentions.partition_point(|m| m.sentence < s);
    let mut prev_end: Option<usize> = None;
    for (m, &(a, b)) in doc.mentions[from..].iter().zip(&first_token[from..]) {
        if m.sentence != s || a >= t {
            break;
        }
        if a < start {
            continue;
        }
        if let Some(e) = prev_end {
            let between: Vec<&str> = doc.tokens[e..a]
                .iter()
                .map(|x| x.span.slice(text))
                .collect();
            if !between.is_empty()
                && between.len() <= 2
                && between.iter().all(|w| matches!(*w, "and" | "," | "or"))
            {
                return true;
            }
        }
        prev_end = Some(b);
    }
    false
}

fn reference(sentence: usize, span: Span, kind: ReferenceKind, m: &Mention) -> Reference {
    Reference {
        sentence,
        span,
        kind,
        entity: m.entity.clone(),
        antecedent: m.span,
    }
}

fn compatible(c: &Candidate, want: Want) -> bool {
    let m = c.mention;
    match want {
        Want::Person(g) => m.etype == EntityType::Person && c.gender.is_none_or(|x| x == g),
        Want::Thing => {
            matches!(m.etype, EntityType::Organization | EntityType::Country)
                && !m.demonym
                && !is_plural_name(&m.text)
        }
        // "they" stands for people more often than for a state: an organization or a
        // plural group name only
        Want::Group => {
            (m.etype == EntityType::Organization && !m.demonym)
                || (m.demonym && is_plural_name(&m.text))
        }
    }
}

fn is_plural_name(s: &str) -> bool {
    s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is")
}

/// "it is", "it was", "it seems": an expletive subject more often than a reference.
fn expletive_it(next: &str) -> bool {
    matches!(
        next,
        "is" | "was"
            | "'s"
            | "seems"
            | "seemed"
            | "appears"
            | "appeared"
            | "remains"
            | "remained"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "must"
            | "takes"
            | "took"
            | "became"
            | "becomes"
            | "has"
            | "had"
            | "should"
            | "can"
            | "does"
            | "did"
            | "isn't"
            | "wasn't"
            | "means"
            | "meant"
    )
}

/// The best antecedent before byte `at` in sentence `s` or the `reach` before it: nearest
/// sentence first; in an earlier sentence its subject, else its first such actor; in the
/// same sentence the nearest. None when two entities tie.
fn best<'d>(
    cands: &[Candidate<'d>],
    at: usize,
    s: usize,
    reach: usize,
    ok: impl Fn(&Candidate) -> bool,
) -> Option<&'d Mention> {
    let mut scored: Vec<(i64, &Mention)> = Vec::new();
    // candidates are in text order: only those of the sentences in reach are looked at
    let lo = cands.partition_point(|c| c.mention.sentence + reach < s);
    let hi = cands.partition_point(|c| c.mention.sentence <= s);
    for c in cands.get(lo..hi.max(lo)).unwrap_or(&[]) {
        let m = c.mention;
        if m.span.end > at || m.sentence > s || m.sentence + reach < s || !ok(c) {
            continue;
        }
        let distance = (s - m.sentence) as i64;
        let mut score = -100 * distance;
        if c.subject {
            score += 30;
        }
        if distance == 0 {
            // closer is better within the sentence
            score += 20 - ((at - m.span.end) as i64 / 40).min(20);
        } else {
            score -= (m.span.start as i64 / 1000).min(5);
        }
        scored.push((score, m));
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.span.start.cmp(&a.1.span.start)));
    let (top, m) = *scored.first()?;
    let tie = scored
        .iter()
        .skip(1)
        .any(|(sc, o)| *sc == top && o.entity != m.entity);
    (!tie).then_some(m)
}

/// Tokens in the subject of the clause that `t` is an object in (for "X attacked him",
/// X): with a tree, the nsubj of `t`'s head; without, nothing.
fn clause_subject_tokens(
    doc: &Document,
    trees: &[Option<DepTree>],
    s: usize,
    t: usize,
) -> Vec<usize> {
    let Some(Some(tree)) = trees.get(s) else {
        return Vec::new();
    };
    let base = doc.sentences[s].tokens.start;
    let Some(head) = tree.head(t - base) else {
        return Vec::new();
    };
    // the subject with its conjuncts and name parts: "Russia and China voted against it"
    let mut out: Vec<usize> = tree
        .children(head)
        .filter(|&c| tree.label(c).starts_with("nsubj"))
        .collect();
    let mut i = 0;
    while i < out.len() && out.len() < 64 {
        let n = out[i];
        out.extend(
            tree.children(n)
                .filter(|&c| matches!(tree.label(c), "conj" | "flat" | "appos")),
        );
        i += 1;
    }
    out.into_iter().map(|c| c + base).collect()
}

/// Whether the mention over tokens `a..b` is the subject of its clause: with a tree, an
/// nsubj; without one, the first actor of the sentence before any verb-like word.
fn is_subject(doc: &Document, trees: &[Option<DepTree>], s: usize, a: usize, b: usize) -> bool {
    let Some(sentence) = doc.sentences.get(s) else {
        return false;
    };
    let base = sentence.tokens.start;
    if let Some(Some(tree)) = trees.get(s) {
        return (a..b).any(|t| {
            let l = tree.label(t - base);
            l.starts_with("nsubj")
                && tree
                    .head(t - base)
                    .is_none_or(|h| h + base < a || h + base >= b)
        });
    }
    (base..a).all(|t| {
        let p = doc.pos.get(t).copied().unwrap_or("");
        !p.starts_with("VB") && p != "MD"
    })
}

/// Whether a title word before the mention or in an apposition after it is one of `titles`.
fn titled(doc: &Document, m: &Mention, titles: &[&str]) -> bool {
    let text = &doc.article.text;
    let a = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
    let b = doc.tokens.partition_point(|t| t.span.start < m.span.end);
    let w = |i: usize| doc.tokens[i].span.slice(text).to_lowercase();
    let inside = m.text.to_lowercase();
    if titles
        .iter()
        .any(|t| inside.split_whitespace().any(|x| x == *t))
    {
        return true;
    }
    let before = (a.saturating_sub(4)..a).any(|i| titles.contains(&w(i).as_str()));
    let after = b < doc.tokens.len()
        && w(b) == ","
        && (b + 1..(b + 8).min(doc.tokens.len()))
            .take_while(|&i| w(i) != ",")
            .any(|i| titles.contains(&w(i).as_str()));
    before || after
}

/// The sex of each person entity the article gives a clue to: an honorific or title
/// before one of its mentions, else its first name.
pub fn person_genders(doc: &Document, gaz: &Gazetteer) -> HashMap<EntityId, Gender> {
    let text = &doc.article.text;
    let table = genders();
    let mut out: HashMap<EntityId, Gender> = HashMap::new();
    let mut by_title: HashMap<EntityId, Gender> = HashMap::new();
    for m in &doc.mentions {
        if m.etype != EntityType::Person {
            continue;
        }
        let a = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
        let mut words: Vec<String> = m
            .text
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        if let Some(prev) = a.checked_sub(1) {
            words.insert(0, doc.tokens[prev].span.slice(text).to_lowercase());
        }
        if let Some(g) = words.iter().find_map(|w| title_gender(w)) {
            by_title.entry(m.entity.clone()).or_insert(g);
        }
        if out.contains_key(&m.entity) {
            continue;
        }
        let name = doc
            .entities
            .iter()
            .find(|e| e.id == m.entity)
            .map_or(m.text.as_str(), |e| e.name.as_str());
        let first = name
            .split_whitespace()
            .find(|w| !gaz.is_title(w))
            .unwrap_or("");
        if let Some(&g) = table.get(first) {
            out.insert(m.entity.clone(), g);
        }
    }
    out.extend(by_title);
    out
}

#[cfg(test)]
mod tests {

    use crate::extract::Extractor;
    use crate::model::Article;

    /// The names each pronoun or role noun of `text` resolves to, as "word -> name".
    fn chains(text: &str) -> Vec<String> {
        let x = Extractor::builtin().expect("models");
        let doc = x.extract(Article {
            id: "t".into(),
            text: text.into(),
            ..Article::default()
        });
        doc.references
            .iter()
            .map(|r| {
                let name = doc
                    .entities
                    .iter()
                    .find(|e| e.id == r.entity)
                    .map_or("?", |e| e.name.as_str());
                format!("{} -> {name}", r.span.slice(&doc.article.text))
            })
            .collect()
    }

    #[test]
    fn pronouns_take_the_nearest_compatible_subject() {
        let got = chains(
            "Hillary Clinton met Boris Johnson in London on Monday. She said he had \
             misled voters, and his office declined to comment.",
        );
        assert!(
            got.contains(&"She -> Hillary Clinton".to_string()),
            "{got:?}"
        );
        assert!(got.contains(&"he -> Boris Johnson".to_string()), "{got:?}");
        assert!(got.contains(&"his -> Boris Johnson".to_string()), "{got:?}");
    }

    #[test]
    fn a_role_noun_needs_its_title_on_the_antecedent() {
        let got = chains(
            "Senator John McCain said on Tuesday he met Mayor Anne Lee. The senator said \
             the talks were useful.",
        );
        assert!(
            got.contains(&"The senator -> John McCain".to_string()),
            "{got:?}"
        );
        assert!(!got.iter().any(|g| g.contains("Anne Lee")), "{got:?}");
    }

    #[test]
    fn expletive_it_and_unmatched_roles_stay_unresolved() {
        let got = chains("It is raining in Paris. The general said nothing.");
        assert!(got.is_empty(), "{got:?}");
    }
}
