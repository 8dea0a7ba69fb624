//! Transparent stance rules: lexicon cues plus word-list syntax (voice, negation, speech,
//! coordination, appositions) turn one sentence's mentions into directed, signed findings.
//!
//! The rules see only lower-cased words and which tokens belong to which actor; they need no
//! POS tags, so closed word lists (auxiliaries, prepositions, negators) stand in for syntax.
//! A finding whose source is a pronoun is resolved by the caller, which sees the article.

use std::ops::Range;

use crate::model::Polarity;

use super::lexicon::{Cue, CuePos, Lexicon};

/// An actor occurrence in a sentence: a mention, by token range, with its entity class.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// Token indices, relative to the sentence.
    pub tokens: Range<usize>,
    /// Actors with equal `entity` are the same entity; relations between them are dropped.
    pub entity: usize,
    pub person: bool,
}

/// A sentence as the rules see it.
#[derive(Clone, Debug, Default)]
pub struct SentenceView {
    /// Lower-cased words, curly apostrophes and quotes folded to ASCII.
    pub words: Vec<String>,
    /// Actors sorted by position, not overlapping.
    pub actors: Vec<Actor>,
    /// Tokens that look like part of a name (see [`name_flags`]); empty means unknown.
    pub names: Vec<bool>,
}

/// Capitalized words inside a sentence that are neither titles nor dates: names the mention
/// finder did not mark. The rules will not reach past them for a subject or an object
/// ("EPA administrator Gina McCarthy accused": not the EPA). Title-case headlines get none.
pub fn name_flags(tokens: &[&str]) -> Vec<bool> {
    let capitalized = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let words = tokens
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .count();
    let caps = tokens.iter().filter(|w| capitalized(w)).count();
    if words >= 4 && caps * 2 > words {
        return vec![false; tokens.len()];
    }
    tokens
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let first_of_clause = i == 0
                || tokens[i - 1]
                    .chars()
                    .all(|c| !c.is_alphanumeric() && c != ',');
            capitalized(w) && !first_of_clause && !is_title_or_date(&w.to_lowercase())
        })
        .collect()
}

fn is_title_or_date(w: &str) -> bool {
    matches!(
        w,
        "i" | "president"
            | "prime"
            | "minister"
            | "foreign"
            | "secretary"
            | "supreme"
            | "leader"
            | "ayatollah"
            | "senator"
            | "sen."
            | "rep."
            | "gov."
            | "governor"
            | "general"
            | "gen."
            | "king"
            | "queen"
            | "prince"
            | "chancellor"
            | "mr."
            | "mrs."
            | "ms."
            | "dr."
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "vice"
            | "speaker"
            | "state"
            | "defense"
            | "defence"
            | "spokesman"
            | "spokeswoman"
            | "ambassador"
            | "envoy"
            | "chairman"
            | "director"
            | "commander"
            | "pope"
            | "sheikh"
            | "emir"
            | "sultan"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Who did it: an actor of the sentence, or a pronoun the caller must resolve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Actor(usize),
    /// A personal pronoun (`he`, `she`) at this token.
    Pronoun(usize),
    /// A name the mention finder did not mark, at this token: the source is someone the
    /// caller does not know, so no relation is made (and no speaker stands in for it).
    Unnamed(usize),
}

/// One directed relation found by the rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub source: Source,
    /// Index into `SentenceView::actors`.
    pub target: usize,
    pub polarity: Polarity,
    pub intensity: f32,
    pub category: String,
    /// Tokens of the cue words (from the first to the last).
    pub cue: Range<usize>,
    /// A negator or a refusal ("did not", "refused to") changed the cue's sign.
    pub negated: bool,
    /// True when the source came from attribution (a speaker), not from the clause itself.
    pub attributed: bool,
}

/// Folds a token's text into the form the word lists use.
pub fn normalize_word(text: &str) -> String {
    let mut w = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{00b4}' => w.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => w.push('"'),
            _ => w.extend(c.to_lowercase()),
        }
    }
    w
}

fn is_negator(w: &str) -> bool {
    matches!(
        w,
        "not" | "n't" | "never" | "no" | "cannot" | "neither" | "nor" | "without" | "nothing"
    ) || (w.len() > 3 && w.ends_with("n't"))
}

fn is_be(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "get"
            | "got"
            | "gets"
            | "getting"
            | "remains"
            | "remained"
            | "'s"
    )
}

fn is_aux(w: &str) -> bool {
    is_be(w)
        || matches!(
            w,
            "has"
                | "have"
                | "had"
                | "having"
                | "will"
                | "would"
                | "could"
                | "should"
                | "may"
                | "might"
                | "must"
                | "can"
                | "do"
                | "does"
                | "did"
                | "shall"
                | "to"
                | "'ve"
                | "'d"
                | "'ll"
        )
}

/// Adverbs and particles that may sit between an auxiliary, a negator and a verb.
fn is_adverb(w: &str) -> bool {
    (w.len() > 4 && w.ends_with("ly") && w != "italy" && w != "reply" && w != "supply")
        || matches!(
            w,
            "also"
                | "still"
                | "just"
                | "again"
                | "already"
                | "even"
                | "ever"
                | "once"
                | "now"
                | "then"
                | "too"
                | "yet"
                | "both"
                | "all"
                | "each"
                | "further"
                | "long"
                | "recently"
                | "first"
        )
}

fn is_prep(w: &str) -> bool {
    matches!(
        w,
        "with"
            | "against"
            | "on"
            | "to"
            | "toward"
            | "towards"
            | "of"
            | "for"
            | "at"
            | "over"
            | "into"
            | "upon"
            | "about"
            | "from"
            | "in"
            | "by"
            | "via"
            | "through"
            | "across"
            | "among"
            | "between"
            | "under"
            | "within"
            | "after"
            | "before"
            | "during"
            | "amid"
            | "like"
            | "than"
            | "including"
            | "near"
            | "behind"
            | "onto"
    )
}

/// Prepositions that introduce the target of a predicate noun or adjective.
fn is_target_prep(w: &str) -> bool {
    matches!(
        w,
        "with"
            | "against"
            | "on"
            | "to"
            | "toward"
            | "towards"
            | "of"
            | "for"
            | "at"
            | "over"
            | "upon"
            | "into"
    )
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "any"
            | "some"
            | "new"
            | "further"
            | "more"
            | "fresh"
    )
}

/// Words that end a clause for the purpose of finding a verb's subject.
fn is_clause_break(w: &str) -> bool {
    matches!(
        w,
        ";" | ":"
            | "but"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "because"
            | "however"
            | "meanwhile"
            | "unlike"
            | "despite"
            | "("
            | ")"
            | "--"
            | "\u{2014}"
            | "\u{2013}"
            | "?"
            | "!"
    )
}

fn is_quote(w: &str) -> bool {
    w == "\"" || w == "''" || w == "``"
}

fn is_personal_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she")
}

/// An object pronoun right after a verb is its target, one the rules cannot name.
fn is_object_pronoun(w: &str) -> bool {
    matches!(
        w,
        "it" | "him" | "her" | "them" | "us" | "me" | "you" | "itself" | "themselves"
    )
}

/// "refused to", "declined", "shied away from", "avoided": they negate the cue they govern.
fn refusal_len(words: &[String], i: usize) -> Option<usize> {
    let w = words.get(i)?.as_str();
    let stem = |s: &str| w.starts_with(s);
    if stem("refus") || stem("declin") || stem("fail") || stem("avoid") || stem("refrain") {
        return Some(1);
    }
    if matches!(
        w,
        "shy" | "shies" | "shied" | "shying" | "back" | "backed" | "backs" | "walked"
    ) && words.get(i + 1).map(String::as_str) == Some("away")
    {
        return Some(2);
    }
    None
}

/// A cue occurrence in the sentence.
#[derive(Clone, Debug)]
struct Hit<'l> {
    tokens: Range<usize>,
    cue: &'l Cue,
}

struct Analysis<'v, 'l> {
    view: &'v SentenceView,
    actor_at: Vec<Option<usize>>,
    /// Clause number of each token: changes at clause breaks and quote marks.
    clause: Vec<usize>,
    hits: Vec<Hit<'l>>,
}

impl<'v, 'l> Analysis<'v, 'l> {
    fn new(view: &'v SentenceView, lexicon: &'l Lexicon) -> Analysis<'v, 'l> {
        let n = view.words.len();
        let mut actor_at = vec![None; n];
        for (a, actor) in view.actors.iter().enumerate() {
            for t in actor.tokens.clone() {
                if let Some(slot) = actor_at.get_mut(t) {
                    *slot = Some(a);
                }
            }
        }
        let mut clause = Vec::with_capacity(n);
        let mut c = 0;
        for w in &view.words {
            if is_quote(w) || is_clause_break(w) {
                c += 1;
            }
            clause.push(c);
        }
        let words: Vec<&str> = view.words.iter().map(String::as_str).collect();
        let mut hits = Vec::new();
        let mut i = 0;
        while i < n {
            if actor_at[i].is_some() {
                i += 1;
                continue;
            }
            match lexicon.longest_at(&words[i..]) {
                Some((len, cue)) if (i..i + len).all(|t| actor_at[t].is_none()) => {
                    hits.push(Hit {
                        tokens: i..i + len,
                        cue,
                    });
                    i += len;
                }
                _ => i += 1,
            }
        }
        Analysis {
            view,
            actor_at,
            clause,
            hits,
        }
    }

    fn word(&self, i: usize) -> &str {
        self.view.words.get(i).map(String::as_str).unwrap_or("")
    }

    /// An unmarked name at `t` (not inside an actor).
    fn unknown_name(&self, t: usize) -> bool {
        self.actor_at.get(t).is_some_and(Option::is_none)
            && self.view.names.get(t).copied().unwrap_or(false)
            && !self.hits.iter().any(|h| h.tokens.contains(&t))
    }

    fn is_possessive_at(&self, i: usize) -> bool {
        matches!(self.word(i), "'s" | "'" | "s'")
    }

    /// Actors coordinated with actor `a` ("Britain, France and Germany"). A chain linked by
    /// commas only is an apposition ("Pezeshkian, Iran's president") and stays one actor.
    fn group(&self, a: usize) -> Vec<usize> {
        let mut members = vec![a];
        let mut conj = false;
        let mut cur = a;
        while let Some((next, c)) = self.link_after(cur) {
            members.push(next);
            conj |= c;
            cur = next;
        }
        let mut cur = a;
        while let Some(prev) = cur.checked_sub(1) {
            match self.link_after(prev) {
                Some((next, c)) if next == cur => {
                    members.insert(0, prev);
                    conj |= c;
                    cur = prev;
                }
                _ => break,
            }
        }
        if conj { members } else { vec![a] }
    }

    /// The actor linked to actor `a` by "and", "or" or a comma, with whether a conjunction
    /// was part of the link.
    fn link_after(&self, a: usize) -> Option<(usize, bool)> {
        let actor = self.view.actors.get(a)?;
        if self.is_possessive_at(actor.tokens.end) {
            return None;
        }
        let end = actor.tokens.end;
        let mut t = end;
        let mut conj = false;
        let mut comma = false;
        while t < self.view.words.len() && t < end + 3 {
            match self.word(t) {
                "and" | "or" | "&" => conj = true,
                "," => comma = true,
                "the" if conj || comma => {}
                _ => break,
            }
            t += 1;
        }
        if !(conj || comma) {
            return None;
        }
        let next = self.actor_at.get(t).copied().flatten()?;
        let next_end = self.view.actors[next].tokens.end;
        // "France condemned Iran and Russia praised it": a verb after the second actor
        // starts a new clause
        let verb_follows = self
            .hits
            .iter()
            .any(|h| h.tokens.start == next_end && h.cue.pos == CuePos::Verb)
            || is_aux(self.word(next_end))
            || is_negator(self.word(next_end));
        if self.is_possessive_at(next_end) || (verb_follows && self.clause_verb_before(end)) {
            return None;
        }
        Some((next, conj))
    }

    /// True when a verb cue occurs before token `at` in the same clause.
    fn clause_verb_before(&self, at: usize) -> bool {
        let clause = self.clause.get(at).copied();
        self.hits.iter().any(|h| {
            h.tokens.end <= at
                && h.cue.pos == CuePos::Verb
                && self.clause.get(h.tokens.start).copied() == clause
        })
    }

    /// The subject of the cue at `at`: the nearest actor to the left in the same clause that
    /// is neither a possessive modifier nor a prepositional object; appositions resolve to
    /// their head ("Pezeshkian, Iran's president, said" -> Pezeshkian).
    fn subject_before(&self, at: usize, stop_at_that: bool) -> Option<Source> {
        let clause = *self.clause.get(at)?;
        let mut fallback = None;
        let mut t = at;
        while t > 0 {
            t -= 1;
            if self.clause[t] != clause {
                break;
            }
            let w = self.word(t);
            if stop_at_that && matches!(w, "that" | "which" | "whether" | "if") {
                break;
            }
            if matches!(w, "said" | "says" | "told" | "added") && t + 1 < at {
                break;
            }
            if is_personal_pronoun(w) {
                return Some(Source::Pronoun(t));
            }
            if self.unknown_name(t) && !self.is_possessive_at(t + 1) {
                // someone the mention finder did not mark is the subject
                let in_pp = (t.saturating_sub(3)..t).any(|i| is_prep(self.word(i)));
                if !in_pp {
                    return Some(Source::Unnamed(t));
                }
            }
            let Some(a) = self.actor_at[t] else { continue };
            let actor = &self.view.actors[a];
            t = actor.tokens.start;
            let possessive = self.is_possessive_at(actor.tokens.end);
            let prep = match actor.tokens.start {
                0 => "",
                1 => self.word(0),
                s if self.word(s - 1) == "the" => self.word(s - 2),
                s => self.word(s - 1),
            };
            if possessive || is_prep(prep) {
                // "Iran's foreign minister", "the head of the IAEA": the actor the unnamed
                // subject speaks for, if no better subject turns up
                if possessive || matches!(prep, "of" | "for" | "from") {
                    fallback = fallback.or(Some(Source::Actor(a)));
                }
                continue;
            }
            return Some(Source::Actor(self.apposition_head(a, at)));
        }
        fallback
    }

    /// For an actor inside a comma-delimited apposition before `at` ("Macron, the French
    /// president, said"), the actor the apposition describes.
    fn apposition_head(&self, a: usize, at: usize) -> usize {
        let actor = &self.view.actors[a];
        let closes = (actor.tokens.end..at).any(|i| self.word(i) == ",");
        if !closes {
            return a;
        }
        let mut t = actor.tokens.start;
        let mut steps = 0;
        while t > 0 && steps < 4 {
            t -= 1;
            steps += 1;
            let w = self.word(t);
            if w == "," {
                if let Some(head) = t.checked_sub(1).and_then(|p| self.actor_at[p]) {
                    return head;
                }
                return a;
            }
            if self.actor_at[t].is_some()
                || !(is_determiner(w) || w.chars().all(char::is_alphabetic))
            {
                return a;
            }
        }
        a
    }

    /// The first actor after `from` within `window` tokens and the same clause; a title chain
    /// ("U.S. President Donald Trump") resolves to its last actor. With `cross_that`, the
    /// search goes on into a complement ("warned that any attack on Iran").
    fn object_after(&self, from: usize, window: usize, cross_that: bool) -> Option<usize> {
        let n = self.view.words.len();
        let mut t = from;
        while t < n && t < from + window {
            let w = self.word(t);
            let subordinator = matches!(w, "while" | "although" | "though" | "whereas");
            if w == "." || (is_clause_break(w) && !(cross_that && subordinator)) {
                break;
            }
            if is_quote(w) && !cross_that {
                break;
            }
            if !cross_that
                && matches!(
                    w,
                    "that" | "which" | "who" | "because" | "after" | "when" | "if"
                )
            {
                break;
            }
            if (self.unknown_name(t) && !self.is_possessive_at(t + 1))
                || is_personal_pronoun(w)
                || (t == from && is_object_pronoun(w))
                || self
                    .hits
                    .iter()
                    .any(|h| h.tokens.start == t && h.cue.is_speech())
            {
                return None;
            }
            if let Some(a) = self.actor_at[t] {
                if cross_that && self.is_protected(t) {
                    // "warned that any attack on Iran": Iran is shielded, not warned
                    t = self.view.actors[a].tokens.end;
                    continue;
                }
                return Some(self.title_chain_head(a));
            }
            if w == "," && !cross_that && t > from + 1 {
                break;
            }
            t += 1;
        }
        None
    }

    /// True when the actor at `t` is the object of a hostile noun ("any attack on X", "any
    /// violation of X's sovereignty").
    fn is_protected(&self, t: usize) -> bool {
        let mut p = t;
        if p > 0 && self.word(p - 1) == "the" {
            p -= 1;
        }
        if p < 2 || !matches!(self.word(p - 1), "on" | "against" | "at" | "upon" | "of") {
            return false;
        }
        // noun and verb share one row ("attack"): either way the actor after "on" is aimed at
        self.hits
            .iter()
            .any(|h| h.tokens.end == p - 1 && h.cue.polarity == Polarity::Negative)
    }

    fn title_chain_head(&self, a: usize) -> usize {
        let mut cur = a;
        loop {
            let end = self.view.actors[cur].tokens.end;
            let mut t = end;
            let mut next = None;
            while t < self.view.words.len() && t < end + 3 {
                if let Some(b) = self.actor_at[t] {
                    next = Some(b);
                    break;
                }
                let w = self.word(t);
                let title_like = w.chars().all(|c| c.is_alphabetic() || c == '.' || c == '-')
                    && !is_prep(w)
                    && !matches!(w, "and" | "or" | "that" | "who" | "which");
                if !title_like || self.hits.iter().any(|h| h.tokens.contains(&t)) {
                    break;
                }
                t += 1;
            }
            match next {
                Some(b) if !self.is_possessive_at(end) => cur = b,
                _ => return cur,
            }
        }
    }

    /// Counts negators directly before `at` (skipping auxiliaries and adverbs).
    fn negations_before(&self, at: usize) -> usize {
        let mut count = 0;
        let mut t = at;
        let mut steps = 0;
        while t > 0 && steps < 5 {
            t -= 1;
            steps += 1;
            let w = self.word(t);
            if is_negator(w) {
                count += 1;
            } else if !(is_aux(w) || is_adverb(w) || is_determiner(w)) {
                break;
            }
        }
        count
    }

    fn is_passive(&self, hit: &Hit) -> bool {
        if hit.cue.pos != CuePos::Verb {
            return false;
        }
        let first = self.word(hit.tokens.start);
        let participle = first != hit.cue.lemma.split(' ').next().unwrap_or("")
            && !first.ends_with('s')
            && !first.ends_with("ing");
        if !participle {
            return false;
        }
        let mut t = hit.tokens.start;
        let mut steps = 0;
        while t > 0 && steps < 4 {
            t -= 1;
            steps += 1;
            let w = self.word(t);
            if is_be(w) {
                return true;
            }
            if !(is_adverb(w) || is_negator(w)) {
                return false;
            }
        }
        false
    }

    /// The agent of a passive or nominal cue: the actor after "by" (or "from" for nouns).
    fn agent_after(&self, from: usize, allow_from: bool) -> Option<usize> {
        let n = self.view.words.len();
        let mut t = from;
        while t < n && t < from + 6 {
            let w = self.word(t);
            if w == "by" || (allow_from && w == "from") {
                let mut u = t + 1;
                while u < n && u < t + 4 {
                    if let Some(a) = self.actor_at[u] {
                        return Some(self.title_chain_head(a));
                    }
                    if !(is_determiner(self.word(u))
                        || self.word(u).chars().all(char::is_alphabetic))
                    {
                        break;
                    }
                    u += 1;
                }
                return None;
            }
            if self.actor_at[t].is_some() || w == "." || is_clause_break(w) {
                return None;
            }
            t += 1;
        }
        None
    }

    /// "U.S. sanctions", "Iran's refusal", "Israeli retaliation": the actor right before a
    /// predicate noun, allowing two adjectives between.
    fn modifier_before(&self, at: usize) -> Option<usize> {
        let mut t = at;
        let mut steps = 0;
        while t > 0 && steps < 4 {
            t -= 1;
            steps += 1;
            if let Some(a) = self.actor_at[t] {
                return Some(a);
            }
            let w = self.word(t);
            let adjective = w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !is_determiner(w)
                && !is_prep(w)
                && !is_aux(w)
                && !matches!(w, "and" | "or" | "to" | "that" | "who");
            if !(adjective || self.is_possessive_at(t)) || steps > 3 {
                return None;
            }
        }
        None
    }

    /// "talks with Y", "sanctions on Y", "critical of Y": the target a predicate noun names.
    fn pp_object_after(&self, from: usize) -> Option<usize> {
        let n = self.view.words.len();
        let mut t = from;
        // up to one intervening word ("talks directly with")
        while t < n && t < from + 2 && !is_target_prep(self.word(t)) {
            if self.actor_at[t].is_some() {
                return None;
            }
            t += 1;
        }
        if t >= n || !is_target_prep(self.word(t)) {
            return None;
        }
        let mut u = t + 1;
        while u < n && u < t + 5 {
            if let Some(a) = self.actor_at[u] {
                return Some(self.title_chain_head(a));
            }
            let w = self.word(u);
            if !(is_determiner(w) || w.chars().all(|c| c.is_alphabetic() || c == '-')) || is_prep(w)
            {
                return None;
            }
            u += 1;
        }
        None
    }

    fn copula_before(&self, at: usize) -> bool {
        let mut t = at;
        let mut steps = 0;
        while t > 0 && steps < 4 {
            t -= 1;
            steps += 1;
            let w = self.word(t);
            if is_be(w) || matches!(w, "called" | "branded" | "labeled" | "labelled") {
                return true;
            }
            if !(is_determiner(w) || is_adverb(w) || w.chars().all(char::is_alphabetic)) {
                return false;
            }
            if self.actor_at[t].is_some() {
                return false;
            }
        }
        false
    }
}

/// One head cue after absorption, with its negation and the tokens it spans.
struct Head<'l> {
    hit: usize,
    cue: &'l Cue,
    span: Range<usize>,
    negated: bool,
}

/// A speech act: "X said", "said X", "according to X", with the region it reports.
struct Speech {
    speaker: Source,
    /// The speech verb, the cue of neutral "talked about" relations.
    verb: Range<usize>,
    region: Range<usize>,
}

/// Runs the rules on one sentence.
pub fn analyze(view: &SentenceView, lexicon: &Lexicon) -> Vec<Finding> {
    if view.actors.is_empty() {
        return Vec::new();
    }
    let an = Analysis::new(view, lexicon);
    let heads = heads(&an);
    let speeches = speeches(&an);
    let mut out: Vec<Finding> = Vec::new();
    // heads whose source is in their own clause: they say nothing about a speaker's tone
    let mut own_source = vec![false; heads.len()];
    for (h, head) in heads.iter().enumerate() {
        let hit = &an.hits[head.hit];
        let cue = head.cue;
        let start = hit.tokens.start;
        let (source, target) = locate(&an, hit);
        own_source[h] = source.is_some();
        let Some(target) = target else { continue };
        let (source, attributed) = match source {
            Some(Source::Unnamed(_)) => continue,
            Some(s) => (s, false),
            None => match speeches.iter().find(|s| s.region.contains(&start)) {
                Some(speech) => (speech.speaker, true),
                None => continue,
            },
        };
        let (polarity, intensity, category) = signed(cue, head.negated);
        push_group(
            &an,
            &mut out,
            Relation {
                source,
                target,
                polarity,
                intensity,
                category,
                cue: head.span.clone(),
                negated: head.negated,
                attributed,
            },
        );
    }
    // A speaker talking about an actor: "“...,” Pezeshkian said" about the Americans.
    for speech in &speeches {
        let mut seen: Vec<usize> = Vec::new();
        for (a, actor) in view.actors.iter().enumerate() {
            if !speech.region.contains(&actor.tokens.start) || seen.contains(&actor.entity) {
                continue;
            }
            if let Source::Actor(s) = speech.speaker
                && view.actors[s].entity == actor.entity
            {
                continue;
            }
            seen.push(actor.entity);
            let already = out.iter().any(|f| {
                f.source == speech.speaker && view.actors[f.target].entity == actor.entity
            });
            if already {
                continue;
            }
            let tone = tone_near(&an, &heads, &own_source, &speech.region, &actor.tokens);
            let (polarity, intensity, category, cue, negated) = match tone {
                Some(h) => {
                    let (p, i, c) = signed(h.cue, h.negated);
                    (p, i, c, h.span.clone(), h.negated)
                }
                None => (
                    Polarity::Neutral,
                    0.0,
                    "statement".to_string(),
                    speech.verb.clone(),
                    false,
                ),
            };
            out.push(Finding {
                source: speech.speaker,
                target: a,
                polarity,
                intensity,
                category,
                cue,
                negated,
                attributed: true,
            });
        }
    }
    out
}

/// Source and target of one cue, by its part of speech and voice.
fn locate(an: &Analysis, hit: &Hit) -> (Option<Source>, Option<usize>) {
    let cue = hit.cue;
    let (start, end) = (hit.tokens.start, hit.tokens.end);
    let subject_actor = |s: Option<Source>| match s {
        Some(Source::Actor(a)) => Some(a),
        _ => None,
    };
    match cue.pos {
        CuePos::Verb if an.is_passive(hit) => {
            // "Iran was condemned by France"
            let target = subject_actor(an.subject_before(start, true));
            (an.agent_after(end, false).map(Source::Actor), target)
        }
        CuePos::Verb => {
            let cross = matches!(
                cue.category.as_str(),
                "threaten" | "accuse" | "demand" | "appeal" | "criticize"
            );
            // a complement may open with a subordinate clause: "warning that while ..., X's"
            let window = if cross { 20 } else { 12 };
            let target = an.object_after(end, window, cross);
            (an.subject_before(start, true), target)
        }
        CuePos::Noun | CuePos::Adj => {
            if an.copula_before(start) && an.pp_object_after(end).is_none() {
                // "Y is a threat", "called Y an enemy": Y is judged by whoever says so
                (None, subject_actor(an.subject_before(start, true)))
            } else {
                // the clause subject owns a noun only when close: "X expressed opposition",
                // not "X did not attend ... after the attack on Y"
                let near_subject = || {
                    an.subject_before(start, true).filter(|s| match s {
                        Source::Actor(a) => start - an.view.actors[*a].tokens.end <= 5,
                        Source::Pronoun(t) | Source::Unnamed(t) => start - t <= 5,
                    })
                };
                let source = an
                    .modifier_before(start)
                    .map(Source::Actor)
                    .or_else(|| an.agent_after(end, true).map(Source::Actor))
                    .or_else(near_subject);
                let target = an.pp_object_after(end).or_else(|| {
                    (cue.pos == CuePos::Noun && cue.category == "attack")
                        .then(|| an.object_after(end, 12, false))
                        .flatten()
                });
                (source, target)
            }
        }
    }
}

/// A finding before coordination is expanded.
struct Relation {
    source: Source,
    target: usize,
    polarity: Polarity,
    intensity: f32,
    category: String,
    cue: Range<usize>,
    negated: bool,
    attributed: bool,
}

/// Adds one finding per (source, target) pair of the coordinated groups.
fn push_group(an: &Analysis, out: &mut Vec<Finding>, r: Relation) {
    let sources: Vec<Source> = match r.source {
        Source::Actor(a) => an.group(a).into_iter().map(Source::Actor).collect(),
        p => vec![p],
    };
    for &s in &sources {
        for t in an.group(r.target) {
            if let Source::Actor(sa) = s
                && an.view.actors[sa].entity == an.view.actors[t].entity
            {
                continue;
            }
            let f = Finding {
                source: s,
                target: t,
                polarity: r.polarity,
                intensity: r.intensity,
                category: r.category.clone(),
                cue: r.cue.clone(),
                negated: r.negated,
                attributed: r.attributed,
            };
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
}

/// The relation a cue expresses once negation is applied: a negated hostile cue is neutral
/// ("did not condemn"), a negated friendly one is a mild rejection ("refused talks").
fn signed(cue: &Cue, negated: bool) -> (Polarity, f32, String) {
    if !negated {
        return (cue.polarity, cue.intensity, cue.category.clone());
    }
    match cue.polarity {
        Polarity::Positive => (
            Polarity::Negative,
            -(cue.intensity.abs() / 2.0).max(1.0),
            "reject".to_string(),
        ),
        Polarity::Negative | Polarity::Neutral => (Polarity::Neutral, 0.0, cue.category.clone()),
    }
}

/// The polar cue of a reported region nearest to an actor (within six tokens) that has no
/// source of its own: it gives the speaker's tone toward that actor.
fn tone_near<'h, 'l>(
    an: &Analysis,
    heads: &'h [Head<'l>],
    own_source: &[bool],
    region: &Range<usize>,
    actor: &Range<usize>,
) -> Option<&'h Head<'l>> {
    heads
        .iter()
        .enumerate()
        .filter(|(h, head)| {
            let t = an.hits[head.hit].tokens.start;
            !own_source[*h]
                && region.contains(&t)
                && head.cue.category != "consult"
                && head.cue.polarity != Polarity::Neutral
        })
        .map(|(_, head)| {
            let t = an.hits[head.hit].tokens.start;
            let d = if t >= actor.end {
                t - actor.end
            } else {
                actor.start.saturating_sub(t + 1)
            };
            (d, head)
        })
        .filter(|(d, _)| *d <= 6)
        .min_by_key(|(d, _)| *d)
        .map(|(_, head)| head)
}

/// Where a refusal ("refused to", "shied away from", "declined") governs the cue at `at`.
fn refusal_before(an: &Analysis, at: usize) -> Option<usize> {
    let mut t = at;
    let mut steps = 0;
    while t > 0 && steps < 4 {
        t -= 1;
        steps += 1;
        if let Some(len) = refusal_len(&an.view.words, t) {
            if t + len <= at {
                return Some(t);
            }
        }
        let w = an.word(t);
        if an.actor_at[t].is_some() || !(w.chars().all(char::is_alphabetic)) {
            return None;
        }
    }
    None
}

/// Head cues: cues not governed by an earlier cue of their clause, with negation applied.
fn heads<'l>(an: &Analysis<'_, 'l>) -> Vec<Head<'l>> {
    let mut out: Vec<Head<'l>> = Vec::new();
    let mut governor: Option<(usize, usize)> = None; // (index in out, clause)
    for (i, hit) in an.hits.iter().enumerate() {
        if hit.cue.is_speech() {
            governor = None;
            continue;
        }
        let (start, end) = (hit.tokens.start, hit.tokens.end);
        let clause = an.clause[start];
        // a refusal word governing the next cue is part of that cue, not a head
        if refusal_len(&an.view.words, start).is_some()
            && an.hits.get(i + 1).is_some_and(|next| {
                refusal_before(an, next.tokens.start) == Some(start)
                    && an.clause[next.tokens.start] == clause
            })
        {
            continue;
        }
        let mut negations = an.negations_before(start);
        let mut span_start = start - negation_reach(an, start);
        let refusal = refusal_before(an, start);
        if let Some(r) = refusal {
            negations += 1 + an.negations_before(r);
            span_start = r - negation_reach(an, r);
        }
        let negated = negations % 2 == 1;
        if let Some((g, gclause)) = governor {
            let gov_end = out[g].span.end;
            let governed = gclause == clause
                && refusal.is_none()
                && start.saturating_sub(gov_end) <= 5
                && (hit.cue.pos != CuePos::Verb
                    || an.word(start.wrapping_sub(1)) == "to"
                    // "accusing it of violating": the gerund is what is alleged
                    || (matches!(an.word(start.wrapping_sub(1)), "of" | "for" | "by")
                        && an.word(start).ends_with("ing")));
            if governed {
                // the governing cue takes its object along: "rejects direct talks"
                let actor_between = (gov_end..start).any(|t| an.actor_at[t].is_some());
                if !actor_between && start.saturating_sub(gov_end) <= 3 {
                    out[g].span.end = end;
                }
                // "condemned the U.S. attack on Syria": a modified noun still acts alone
                if hit.cue.pos != CuePos::Verb && an.modifier_before(start).is_some() {
                    out.push(Head {
                        hit: i,
                        cue: hit.cue,
                        span: start..end,
                        negated,
                    });
                }
                continue;
            }
        }
        out.push(Head {
            hit: i,
            cue: hit.cue,
            span: span_start..end,
            negated,
        });
        governor = Some((out.len() - 1, clause));
    }
    out
}

/// How many tokens before `at` belong to its negation ("did not", "has never").
fn negation_reach(an: &Analysis, at: usize) -> usize {
    let mut t = at;
    let mut reach = 0;
    let mut negated = false;
    while t > 0 && at - t < 5 {
        t -= 1;
        let w = an.word(t);
        if is_negator(w) {
            negated = true;
        } else if !(is_aux(w) || is_adverb(w)) || an.actor_at[t].is_some() {
            break;
        }
        reach = at - t;
    }
    if negated { reach } else { 0 }
}

/// Speech acts of the sentence with the region each one reports.
fn speeches(an: &Analysis) -> Vec<Speech> {
    let n = an.view.words.len();
    let mut out = Vec::new();
    for hit in &an.hits {
        if !hit.cue.is_speech() {
            continue;
        }
        let (start, end) = (hit.tokens.start, hit.tokens.end);
        // "X said", "X has said", "he said", "X, the Y spokesman, said"
        let mut speaker = None;
        let mut speaker_start = start;
        let mut t = start;
        while t > 0 && start - t < 4 {
            t -= 1;
            let w = an.word(t);
            if let Some(a) = an.actor_at[t] {
                let a = an.apposition_head(a, start);
                speaker = Some(Source::Actor(a));
                speaker_start = an.view.actors[a].tokens.start;
                break;
            }
            if is_personal_pronoun(w) {
                speaker = Some(Source::Pronoun(t));
                speaker_start = t;
                break;
            }
            if !(is_aux(w) || is_adverb(w) || is_negator(w)) {
                if w == "," || w.chars().all(char::is_alphabetic) {
                    if let Some(Source::Actor(a)) = an.subject_before(start, true) {
                        let actor = &an.view.actors[a];
                        if start - actor.tokens.end <= 8
                            && (actor.tokens.end..start).any(|i| an.word(i) == ",")
                        {
                            speaker = Some(Source::Actor(a));
                            speaker_start = actor.tokens.start;
                        }
                    }
                }
                break;
            }
        }
        // "said X" after a quote: "“...,” said Pezeshkian"
        let mut inverted_end = None;
        if speaker.is_none() {
            let mut u = end;
            while u < n && u < end + 3 {
                if let Some(a) = an.actor_at[u] {
                    let a = an.title_chain_head(a);
                    speaker = Some(Source::Actor(a));
                    inverted_end = Some(an.view.actors[a].tokens.end);
                    break;
                }
                if is_personal_pronoun(an.word(u)) {
                    speaker = Some(Source::Pronoun(u));
                    inverted_end = Some(u + 1);
                    break;
                }
                let w = an.word(u);
                if !(is_determiner(w) || w.chars().all(char::is_alphabetic)) {
                    break;
                }
                u += 1;
            }
        }
        let Some(speaker) = speaker else { continue };
        // The reported region: what came before when the content led (a quote, or a clause
        // ended by a comma), else what follows the verb ("said that ...").
        let lead = match inverted_end {
            Some(_) => start,
            None => speaker_start,
        };
        let content_before = lead > 0 && matches!(an.word(lead - 1), "," | "\"");
        let region = if content_before {
            0..lead
        } else {
            inverted_end.unwrap_or(end)..n
        };
        out.push(Speech {
            speaker,
            verb: start..end,
            region,
        });
    }
    // "according to X": the rest of the sentence is X's
    for t in 0..n.saturating_sub(2) {
        if an.word(t) == "according"
            && an.word(t + 1) == "to"
            && let Some(a) = an.actor_at.get(t + 2).copied().flatten()
        {
            let a = an.title_chain_head(a);
            let end = an.view.actors[a].tokens.end;
            let region = if t > 0 { 0..t } else { end..n };
            out.push(Speech {
                speaker: Source::Actor(a),
                verb: t..t + 2,
                region,
            });
        }
    }
    out
}
