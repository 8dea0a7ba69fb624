//! Clause-level relations from a dependency tree: the source is the agent of a stance
//! predicate (its subject; "by X" in a passive; the controller of "X vowed to block Y"),
//! the target the thing acted against (object, "on/against/with X", the subject of a
//! passive), and the sign comes from that predicate with its negation and embedding.
//!
//! The one decision a reader must know: a cue word yields a relation only between the
//! actors the tree attaches to it; a cue elsewhere in the sentence never signs a pair.

use std::ops::Range;

use crate::model::{EntityType, Polarity};
use crate::nlp::parser::DepTree;

use super::lexicon::{Cue, Lexicon};

/// An actor occurrence in a parsed sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// Token indices, relative to the sentence.
    pub tokens: Range<usize>,
    /// Actors with equal `entity` are the same entity.
    pub entity: usize,
    pub etype: EntityType,
    /// A place standing for its government ("Tehran said").
    pub metonymic: bool,
    /// A pronoun, title or role noun resolved by coreference.
    pub reference: bool,
    /// A news outlet (used as a channel it is never a source or target).
    pub outlet: bool,
    /// For an organization, the entity (same numbering as `entity`) of the country it
    /// belongs to: "Iranian parliament speaker X warned that ... Iran" is not against Iran.
    pub home: Option<usize>,
}

/// A parsed sentence as the clause rules see it.
pub struct ClauseView<'a> {
    /// Lower-cased words.
    pub words: Vec<String>,
    /// Penn tags.
    pub tags: &'a [&'a str],
    pub tree: &'a DepTree,
    pub actors: Vec<Actor>,
}

/// One relation found in the clause structure.
#[derive(Clone, Debug, PartialEq)]
pub struct ClauseRelation {
    /// Indices into `ClauseView::actors`.
    pub source: usize,
    pub target: usize,
    pub polarity: Polarity,
    pub intensity: f32,
    pub category: String,
    /// Tokens of the predicate that carries it.
    pub cue: Range<usize>,
    /// Stated of both at once ("X and Y signed", "talks between X and Y").
    pub mutual: bool,
}

/// Categories that are neutral whatever their Goldstein weight: meeting and asking are
/// not friendship (JUDGING.md), and saying is attributed by the quote rules.
pub fn polarity_of(cue: &Cue) -> Polarity {
    match cue.category.as_str() {
        "consult" | "appeal" | "statement" => Polarity::Neutral,
        _ => cue.polarity,
    }
}

/// Events that two actors do together when both are subjects ("X and Y met", "talks
/// between X and Y"), by lemma.
fn symmetric(lemma: &str) -> bool {
    matches!(
        lemma,
        "meet"
            | "meeting"
            | "talk"
            | "talks"
            | "negotiate"
            | "negotiation"
            | "agree"
            | "agreement"
            | "sign"
            | "deal"
            | "accord"
            | "treaty"
            | "pact"
            | "ceasefire"
            | "truce"
            | "clash"
            | "fight"
            | "fighting"
            | "war"
            | "cooperate"
            | "cooperation"
            | "ally"
            | "alliance"
            | "consult"
            | "discuss"
            | "hold talks"
            | "reconcile"
    )
}

/// Prepositions that introduce a verb's target.
fn verb_target_case(w: &str) -> bool {
    matches!(
        w,
        "against"
            | "toward"
            | "towards"
            | "on"
            | "upon"
            | "with"
            | "at"
            | "over"
            | "to"
            | "into"
            | "for"
    )
}

/// Prepositions that introduce a predicate noun's target ("attacks on X", "talks with X").
fn noun_target_case(w: &str) -> bool {
    matches!(
        w,
        "against"
            | "toward"
            | "towards"
            | "on"
            | "upon"
            | "with"
            | "at"
            | "over"
            | "to"
            | "into"
            | "for"
            | "of"
    )
}

/// Verbs whose object noun names their subject's act ("launched attacks", "held talks",
/// "imposed sanctions", "expressed opposition").
fn support_verb(w: &str) -> bool {
    let stem = [
        "launch",
        "carr",
        "conduct",
        "stag",
        "hold",
        "held",
        "make",
        "made",
        "issu",
        "express",
        "voic",
        "impos",
        "announc",
        "level",
        "file",
        "offer",
        "give",
        "gave",
        "extend",
        "step",
        "continu",
        "intensif",
        "begin",
        "began",
        "start",
        "resum",
        "open",
        "sign",
        "reach",
        "seal",
        "struck",
        "strik",
        "keep",
        "kept",
        "maintain",
        "mount",
        "wag",
        "unleash",
        "lodg",
        "deliver",
        "provid",
        "send",
        "sent",
        "pledg",
        "promis",
        "seek",
        "sought",
        "propos",
        "renew",
        "escalat",
        "agree",
        "enter",
        "conclud",
        "broker",
        "pursu",
        "receiv",
        "get",
        "got",
        "won",
        "win",
        "lend",
        "lent",
        "show",
        "signal",
        "demonstrat",
    ];
    stem.iter().any(|s| w.starts_with(s))
}

/// Words that turn a friendly act under them into opposition ("called for a postponement
/// of the vote to confirm X", "rejected talks with X", "vowed to block").
fn reverser(w: &str) -> bool {
    let stem = [
        "postpon",
        "delay",
        "block",
        "halt",
        "stop",
        "suspen",
        "cancel",
        "prevent",
        "oppos",
        "reject",
        "condemn",
        "critici",
        "protest",
        "boycott",
        "veto",
        "filibuster",
        "scrap",
        "abandon",
        "withdr",
        "quit",
        "denounc",
        "obstruct",
        "derail",
        "sabotag",
        "freez",
        "froze",
        "end",
        "terminat",
        "revok",
        "refus",
        "rul",
        "dismiss",
        "against",
    ];
    stem.iter().any(|s| w.starts_with(s))
        && !matches!(
            w,
            "endorse" | "endorsed" | "endorses" | "endorsing" | "rule" | "rules" | "ruling"
        )
}

/// Governing verbs that negate what they govern ("refused to condemn", "failed to meet").
fn refusal(w: &str) -> bool {
    let stem = [
        "refus", "declin", "fail", "avoid", "refrain", "shied", "shy", "resist",
    ];
    stem.iter().any(|s| w.starts_with(s))
}

/// Verbs that deny what they govern ("denies backing", "denied that it attacked").
fn denial(w: &str) -> bool {
    w.starts_with("deni") || w.starts_with("deny")
}

/// Verbs whose object is asked to do the embedded act ("urged X to attack Y", "wants X to
/// ...", "ordered X to ..."): the embedded act is not asserted.
fn appeal_control(w: &str) -> bool {
    let stem = [
        "urg", "ask", "want", "order", "call", "press", "persuad", "encourag", "invit", "request",
        "demand", "tell", "told", "force", "forc", "allow", "permit", "instruct", "direct",
        "advis", "warn", "appeal", "expect", "need",
    ];
    stem.iter().any(|s| w.starts_with(s))
}

fn is_negator(w: &str) -> bool {
    matches!(
        w,
        "not" | "n't" | "never" | "no" | "cannot" | "neither" | "nor"
    )
}

/// Which part of speech a cue is used as here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Frame {
    Verb,
    Noun,
    Adj,
}

struct Analysis<'v, 'l> {
    v: &'v ClauseView<'v>,
    actor_at: Vec<Option<usize>>,
    /// The cue whose first word is at each token, with its length.
    cue_at: Vec<Option<(usize, &'l Cue)>>,
}

impl<'v, 'l> Analysis<'v, 'l> {
    fn word(&self, i: usize) -> &str {
        self.v.words.get(i).map_or("", String::as_str)
    }
    fn tag(&self, i: usize) -> &str {
        self.v.tags.get(i).copied().unwrap_or("")
    }
    fn label(&self, i: usize) -> &str {
        self.v.tree.label(i)
    }
    fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.v.tree.children(i)
    }
    fn child_with(&self, i: usize, label: &str) -> Option<usize> {
        self.children(i).find(|&c| self.label(c) == label)
    }
    /// The preposition of an oblique or nominal modifier ("on" in "attacks on X").
    fn case_of(&self, i: usize) -> &str {
        self.children(i)
            .find(|&c| self.label(c) == "case")
            .map_or("", |c| self.word(c))
    }
    /// The head of the noun phrase an actor's token sits in: name parts, possessors,
    /// compounds and appositions belong to the same phrase ("Ukraine's Deputy Prime
    /// Minister Yulia Svyrydenko" is one phrase with two actors, who act as one).
    fn phrase_root(&self, mut i: usize) -> usize {
        for _ in 0..8 {
            if !matches!(
                self.label(i),
                "flat" | "compound" | "nmod:poss" | "appos" | "amod" | "nmod:desc"
            ) {
                break;
            }
            match self.v.tree.head(i) {
                Some(h) => i = h,
                None => break,
            }
        }
        i
    }
    /// Whether actors `a` and `b` are named in one noun phrase.
    fn same_phrase(&self, a: usize, b: usize) -> bool {
        let root = |x: usize| {
            let t = self.v.actors[x].tokens.start;
            (t < self.v.words.len()).then(|| self.phrase_root(t))
        };
        if matches!((root(a), root(b)), (Some(x), Some(y)) if x == y) {
            return true;
        }
        // the same on the surface, whatever the parse: "Ukraine's First Deputy Prime
        // Minister Yulia Svyrydenko", "Iranian parliament speaker Mohammad Qalibaf"
        let owns = |x: usize, y: usize| {
            let (ex, sy) = (self.v.actors[x].tokens.end, self.v.actors[y].tokens.start);
            let from = if self.word(ex) == "'s" { ex + 1 } else { ex };
            ex < sy
                && sy - ex <= 7
                && (ex..sy).all(|i| i < from || matches!(self.tag(i), "NNP" | "NNPS" | "NN" | "JJ"))
                && (from..sy).all(|i| self.actor_at[i].is_none())
        };
        owns(a, b) || owns(b, a)
    }
    fn frame(&self, i: usize) -> Option<Frame> {
        let t = self.tag(i);
        if t.starts_with("VB") {
            Some(Frame::Verb)
        } else if t.starts_with("NN") {
            Some(Frame::Noun)
        } else if t.starts_with("JJ") {
            Some(Frame::Adj)
        } else {
            None
        }
    }
    fn is_passive(&self, v: usize) -> bool {
        self.children(v)
            .any(|c| matches!(self.label(c), "aux:pass" | "nsubj:pass" | "csubj:pass"))
    }
    fn negated(&self, i: usize) -> bool {
        self.children(i).any(|c| {
            matches!(self.label(c), "advmod" | "det" | "aux" | "cc:preconj")
                && is_negator(self.word(c))
        })
    }
    /// An unreal clause: "if X attacks Y", "whether X meets Y".
    fn hypothetical(&self, i: usize) -> bool {
        self.children(i)
            .any(|c| self.label(c) == "mark" && matches!(self.word(c), "if" | "unless" | "whether"))
    }

    /// The agent nodes of predicate `p` (tokens, not yet actors).
    fn agents(&self, p: usize, depth: usize) -> Vec<usize> {
        if depth > 4 {
            return Vec::new();
        }
        let mut out = Vec::new();
        match self.frame(p) {
            Some(Frame::Verb) | None => {
                let passive = self.is_passive(p);
                for c in self.children(p) {
                    let l = self.label(c);
                    if l == "nsubj"
                        || l == "obl:agent"
                        || (passive && l == "obl" && self.case_of(c) == "by")
                    {
                        out.push(c);
                    }
                }
            }
            Some(Frame::Noun) => {
                for c in self.children(p) {
                    let l = self.label(c);
                    let actorish = self.actor_at[c].is_some();
                    if l == "nmod:poss"
                        || ((l == "amod" || l == "compound") && actorish)
                        || (l == "nmod" && matches!(self.case_of(c), "by" | "from"))
                    {
                        out.push(c);
                    }
                }
                if out.is_empty() {
                    // the act of a support verb's subject ("launched attacks"), or of the
                    // noun a copula predicates it of
                    if let Some(h) = self.v.tree.head(p) {
                        let l = self.label(p);
                        if (l == "obj" || l == "obl") && support_verb(self.word(h)) {
                            out = self.agents(h, depth + 1);
                        }
                    }
                }
            }
            Some(Frame::Adj) => {
                if let Some(s) = self.child_with(p, "nsubj") {
                    out.push(s);
                } else if self.label(p) == "amod" {
                    if let Some(h) = self.v.tree.head(p) {
                        out.push(h);
                    }
                }
            }
        }
        if out.is_empty() {
            out = self.inherited_agents(p, depth);
        }
        out
    }

    /// Agents of a predicate without a subject of its own: the controller of an xcomp,
    /// the shared subject of conjoined verbs, a relative clause's antecedent.
    fn inherited_agents(&self, p: usize, depth: usize) -> Vec<usize> {
        let Some(h) = self.v.tree.head(p) else {
            return Vec::new();
        };
        match self.label(p) {
            "xcomp" => match self
                .child_with(h, "obj")
                .or_else(|| self.child_with(h, "iobj"))
            {
                Some(o) => vec![o],
                None => self.agents(h, depth + 1),
            },
            "conj" if self.frame(h) == Some(Frame::Verb) && self.frame(p) == Some(Frame::Verb) => {
                self.agents(h, depth + 1)
            }
            // "Iran's missile and drone attacks": the possessor is shared
            "conj" if self.frame(h) == Some(Frame::Noun) && self.frame(p) == Some(Frame::Noun) => {
                self.agents(h, depth + 1)
            }
            "acl:relcl" => {
                let object_relative = self.children(p).any(|c| {
                    self.label(c) == "obj" && matches!(self.word(c), "whom" | "which" | "that")
                });
                if object_relative { Vec::new() } else { vec![h] }
            }
            "acl" => vec![h],
            "advcl" if !self.hypothetical(p) => {
                // "accusing X of violating", "praised X for helping": X did it
                let mark = self
                    .children(p)
                    .find(|&c| self.label(c) == "mark")
                    .map_or("", |c| self.word(c));
                match self.child_with(h, "obj") {
                    Some(o) if matches!(mark, "of" | "for") => vec![o],
                    _ => self.agents(h, depth + 1),
                }
            }
            _ => Vec::new(),
        }
    }

    /// The target nodes of predicate `p`.
    fn patients(&self, p: usize) -> Vec<usize> {
        let mut out = Vec::new();
        match self.frame(p) {
            Some(Frame::Verb) | None => {
                let passive = self.is_passive(p);
                for c in self.children(p) {
                    let l = self.label(c);
                    let take = match l {
                        "obj" | "iobj" => true,
                        "nsubj:pass" => passive,
                        "obl" => {
                            let case = self.case_of(c);
                            // an object the parser took for an oblique ("meet [obl] X")
                            (case.is_empty() && self.actor_at[c].is_some())
                                || (verb_target_case(case) && !(passive && case == "by"))
                        }
                        _ => false,
                    };
                    if take {
                        out.push(c);
                    }
                }
                // "demanded that X return ...": the subject asked or warned
                if matches!(
                    an_category(self, p),
                    Some("demand" | "appeal" | "threaten" | "accuse")
                ) {
                    for c in self.children(p) {
                        if self.label(c) == "ccomp" {
                            out.extend(
                                self.children(c)
                                    .filter(|&g| self.label(g).starts_with("nsubj")),
                            );
                        }
                    }
                }
                // "the man whom X attacked": the antecedent
                if self.label(p) == "acl:relcl"
                    && self.children(p).any(|c| {
                        self.label(c) == "obj" && matches!(self.word(c), "whom" | "which" | "that")
                    })
                {
                    if let Some(h) = self.v.tree.head(p) {
                        out.push(h);
                    }
                }
            }
            Some(Frame::Noun) => {
                // "from X's war with Y to Z's strikes on W": a range, not a war on Z
                let ranged = self.case_of(p) == "from";
                for c in self.children(p) {
                    if matches!(self.label(c), "nmod" | "obl")
                        && noun_target_case(self.case_of(c))
                        && !(ranged && self.case_of(c) == "to")
                    {
                        out.push(c);
                    }
                }
                // shared by a coordination: "missile and drone attacks on X"
                if out.is_empty() && self.label(p) == "conj" {
                    if let Some(h) = self.v.tree.head(p) {
                        if self.frame(h) == Some(Frame::Noun) {
                            for c in self.children(h) {
                                if matches!(self.label(c), "nmod" | "obl")
                                    && c > p
                                    && noun_target_case(self.case_of(c))
                                    && !(ranged && self.case_of(c) == "to")
                                {
                                    out.push(c);
                                }
                            }
                        }
                    }
                }
                // the support verb's own target: "provide support to X", "launched
                // strikes on X" (not "received support from X": the giver is not the subject)
                if out.is_empty() && self.label(p) == "obj" {
                    if let Some(h) = self.v.tree.head(p) {
                        let hw = self.word(h);
                        let taking = ["receiv", "get", "got", "won", "win", "seek", "sought"];
                        if support_verb(hw) && !taking.iter().any(|t| hw.starts_with(t)) {
                            for c in self.children(h) {
                                if self.label(c) == "obl" && noun_target_case(self.case_of(c)) {
                                    out.push(c);
                                }
                            }
                        }
                    }
                }
            }
            Some(Frame::Adj) => {
                for c in self.children(p) {
                    if matches!(self.label(c), "obl" | "nmod")
                        && matches!(
                            self.case_of(c),
                            "of" | "to" | "toward" | "towards" | "with" | "about" | "against"
                        )
                    {
                        out.push(c);
                    }
                }
            }
        }
        out
    }

    /// "between X and Y": the nodes of a noun's between-phrase.
    fn between(&self, p: usize) -> Option<usize> {
        self.children(p)
            .find(|&c| matches!(self.label(c), "nmod" | "obl") && self.case_of(c) == "between")
    }

    /// The actors a node stands for: its own mention, its coordinated nodes', and for a
    /// noun naming someone's people or conduct, the actor that owns it ("Iranian
    /// officials", "Trump's letter", "the head of the IAEA").
    fn actors_of(&self, node: usize, as_agent: bool, out: &mut Vec<usize>, depth: usize) {
        if depth > 6 {
            return;
        }
        if let Some(a) = self.actor_at[node] {
            if !out.contains(&a) {
                out.push(a);
            }
        } else if matches!(self.word(node), "who" | "which" | "that")
            && self
                .v
                .tree
                .head(node)
                .is_some_and(|h| self.label(h) == "acl:relcl")
        {
            if let Some(ante) = self.v.tree.head(node).and_then(|h| self.v.tree.head(h)) {
                self.actors_of(ante, as_agent, out, depth + 1);
            }
            return;
        } else if let Some(a) = self.owner(node, as_agent, 0) {
            if !out.contains(&a) {
                out.push(a);
            }
        }
        // a list read as an apposition ("hails Indonesia, OIC")
        if self.actor_at[node].is_some() {
            for c in self.children(node) {
                if self.label(c) == "appos" {
                    if let Some(a) = self.actor_at[c] {
                        if !out.contains(&a) {
                            out.push(a);
                        }
                    }
                }
            }
        }
        for c in self.children(node) {
            if self.label(c) == "conj" {
                self.actors_of(c, as_agent, out, depth + 1);
            }
        }
    }

    /// The actor that owns a noun: possessive, demonym or name modifier, apposition,
    /// "of"/"for" X (for agents and for nouns of someone's people or conduct), "by" X
    /// (for targets: "the coup by X"); two levels down ("German diplomat's home").
    fn owner(&self, node: usize, as_agent: bool, depth: usize) -> Option<usize> {
        if depth > 2 {
            return None;
        }
        let mut best: Option<(u8, usize)> = None;
        for c in self.children(node) {
            let l = self.label(c);
            if backer_word(self.word(c)) {
                continue; // "Iranian-backed Houthi forces" are the Houthis'
            }
            let rank = match l {
                "appos" | "flat" => 0,
                "nmod:poss" => 1,
                "amod" | "compound" => 2,
                "nmod" | "nmod:unmarked"
                    if matches!(self.case_of(c), "of" | "for")
                        && (as_agent || self.owner_noun(node)) =>
                {
                    3
                }
                "nmod" | "nmod:unmarked" if self.case_of(c) == "by" && !as_agent => 3,
                "nmod:unmarked" => 4,
                _ => continue,
            };
            let actor = self.actor_at[c].or_else(|| {
                matches!(
                    l,
                    "nmod:poss" | "nmod" | "nmod:unmarked" | "appos" | "compound"
                )
                .then(|| self.owner(c, as_agent, depth + 1))
                .flatten()
            });
            if let Some(a) = actor {
                if best.is_none_or(|(r, _)| rank < r) {
                    best = Some((rank, a));
                }
            }
        }
        best.map(|(_, a)| a)
    }

    /// Nouns for the people or the conduct of an actor ("the government of X", "the
    /// policies of X"): their "of X" is the actor.
    fn owner_noun(&self, node: usize) -> bool {
        let w = self.word(node);
        let stem = [
            "government",
            "leader",
            "head",
            "chief",
            "spokes",
            "official",
            "minister",
            "president",
            "forces",
            "troops",
            "army",
            "military",
            "regime",
            "authorit",
            "polic",
            "program",
            "plan",
            "policy",
            "policies",
            "behavio",
            "conduct",
            "action",
            "decision",
            "proposal",
            "position",
            "stance",
            "role",
            "member",
            "representativ",
            "delegation",
            "supporter",
            "ally",
            "allies",
            "envoy",
            "ambassador",
        ];
        stem.iter().any(|s| w.starts_with(s))
    }

    fn eligible_source(&self, a: usize) -> bool {
        let actor = &self.v.actors[a];
        actor.etype != EntityType::Place || actor.metonymic
    }

    fn eligible_target(&self, a: usize, node: usize) -> bool {
        let actor = &self.v.actors[a];
        if actor.etype == EntityType::Place && !actor.metonymic {
            return false;
        }
        // a venue or a location: "in Iraq", "at the Kremlin"
        !matches!(
            self.case_of(node),
            "in" | "at"
                | "near"
                | "from"
                | "inside"
                | "within"
                | "throughout"
                | "across"
                | "around"
                | "outside"
        ) || actor.reference
    }
}

/// The category of the cue at `p`, if any.
fn an_category<'a>(an: &'a Analysis, p: usize) -> Option<&'a str> {
    an.cue_at[p].map(|(_, c)| c.category.as_str())
}

/// How the predicate's setting changes it.
struct Setting {
    negated: bool,
    /// A word above it that turns a friendly act into opposition, and its token.
    reversed_by: Option<usize>,
}

fn setting(an: &Analysis, p: usize) -> Option<Setting> {
    if an.hypothetical(p) {
        return None;
    }
    let mut negated = an.negated(p);
    let mut reversed_by = None;
    let mut cur = p;
    for _ in 0..4 {
        let Some(h) = an.v.tree.head(cur) else { break };
        let l = an.label(cur);
        if !matches!(
            l,
            "xcomp" | "ccomp" | "obj" | "nmod" | "obl" | "acl" | "advcl" | "csubj"
        ) {
            break;
        }
        if l == "advcl" && an.hypothetical(cur) {
            return None;
        }
        let hw = an.word(h);
        if crate::extract::quotes::is_speech_verb(hw) && l == "ccomp" {
            break; // reported speech: the content stands as said
        }
        if (l == "xcomp" && appeal_control(hw) && an.child_with(h, "obj").is_some())
            || (l == "ccomp" && appeal_control(hw))
        {
            return None; // asked of someone else, not done
        }
        // the same when the parser hangs the infinitive elsewhere: "asked Germany [advcl]
        // to extradite", "wants Putin [acl] to attack"
        let infinitive = an
            .children(cur)
            .any(|c| an.label(c) == "mark" && an.word(c) == "to");
        if infinitive {
            let asked = |v: usize| {
                appeal_control(an.word(v))
                    && (an.child_with(v, "obj").is_some() || an.child_with(v, "iobj").is_some())
            };
            if (l == "advcl" && asked(h))
                || (l == "acl"
                    && matches!(an.label(h), "obj" | "iobj")
                    && an.v.tree.head(h).is_some_and(asked))
            {
                return None;
            }
        }
        if denial(hw) {
            return None; // "Rwanda denies backing M23": denied, not done
        }
        if refusal(hw) && l == "xcomp" {
            negated = !negated;
        } else if reverser(hw) && reversed_by.is_none() {
            reversed_by = Some(h);
        }
        if an.negated(h) {
            negated = !negated;
        }
        cur = h;
    }
    Some(Setting {
        negated,
        reversed_by,
    })
}

/// The clause relations of one parsed sentence.
pub fn relations(view: &ClauseView, lexicon: &Lexicon) -> Vec<ClauseRelation> {
    let n = view.words.len();
    if view.tree.len() != n || view.tags.len() != n {
        return Vec::new();
    }
    let mut actor_at = vec![None; n];
    for (a, actor) in view.actors.iter().enumerate() {
        for t in actor.tokens.clone() {
            if let Some(slot) = actor_at.get_mut(t) {
                slot.get_or_insert(a);
            }
        }
    }
    let words: Vec<&str> = view.words.iter().map(String::as_str).collect();
    let mut cue_at = vec![None; n];
    let mut i = 0;
    while i < n {
        if actor_at[i].is_some() {
            i += 1;
            continue;
        }
        match lexicon.longest_at(&words[i..]) {
            Some((len, cue)) if (i..i + len).all(|t| actor_at[t].is_none()) => {
                cue_at[i] = Some((len, cue));
                i += len;
            }
            _ => i += 1,
        }
    }
    let an = Analysis {
        v: view,
        actor_at,
        cue_at,
    };
    let mut out: Vec<ClauseRelation> = Vec::new();
    for p in 0..n {
        let Some((len, cue)) = an.cue_at[p] else {
            continue;
        };
        if cue.is_speech() || an.frame(p).is_none() {
            continue;
        }
        let Some(set) = setting(&an, p) else { continue };
        // "the attacks were met with retaliation": no meeting
        if cue.lemma == "meet" && an.frame(p) == Some(Frame::Verb) && an.is_passive(p) {
            continue;
        }
        let base = polarity_of(cue);
        let mut agents_nodes = an.agents(p, 0);
        let mut category = cue.category.clone();
        let mut polarity = base;
        let mut intensity = cue.intensity;
        if let Some(r) = set.reversed_by {
            match base {
                Polarity::Positive | Polarity::Neutral => {
                    // opposition to the act: the reverser's agent against the act's target
                    agents_nodes = an.agents(r, 0);
                    category = "reject".into();
                    polarity = Polarity::Negative;
                    intensity = -(cue.intensity.abs() / 2.0).max(2.0);
                    if an.cue_at[r].is_some_and(|(_, c)| polarity_of(c) == Polarity::Negative) {
                        if let Some((_, c)) = an.cue_at[r] {
                            category = c.category.clone();
                            intensity = c.intensity;
                        }
                    }
                }
                Polarity::Negative => continue, // "an end to attacks on X": X is shielded
            }
        }
        if set.negated {
            match polarity {
                Polarity::Positive => {
                    category = "reject".into();
                    polarity = Polarity::Negative;
                    intensity = -(intensity.abs() / 2.0).max(1.0);
                }
                _ => continue,
            }
        }
        let mut sources = Vec::new();
        for &a in &agents_nodes {
            an.actors_of(a, true, &mut sources, 0);
        }
        sources.retain(|&a| an.eligible_source(a) && !view.actors[a].outlet);
        let mut targets: Vec<(usize, usize)> = Vec::new();
        for node in an.patients(p) {
            let mut found = Vec::new();
            an.actors_of(node, false, &mut found, 0);
            // a predicate noun as the object: its own target ("rejected talks with X")
            if found.is_empty() && an.cue_at[node].is_some() && an.frame(node) == Some(Frame::Noun)
            {
                for inner in an.patients(node) {
                    an.actors_of(inner, false, &mut found, 0);
                    targets.extend(found.drain(..).map(|a| (a, inner)));
                }
            }
            targets.extend(found.into_iter().map(|a| (a, node)));
        }
        targets.retain(|&(a, node)| an.eligible_target(a, node) && !view.actors[a].outlet);
        // one actor is not both agent and patient of one act (a conjunct misattached to
        // the object: "Starmer and Macron congratulated Carney")
        targets.retain(|&(a, _)| {
            !sources
                .iter()
                .any(|&s| view.actors[s].entity == view.actors[a].entity)
        });
        // the source's own side, named in its phrase: "Iranian parliament speaker Qalibaf
        // warned that any violation of Iran's sovereignty ..." is not against Iran
        targets.retain(|&(a, _)| {
            let target = view.actors[a].entity;
            !sources.iter().any(|&s| {
                view.actors[s].home == Some(target)
                    || (0..view.actors.len()).any(|x| {
                        (view.actors[x].entity == target || view.actors[x].home == Some(target))
                            && an.same_phrase(s, x)
                    })
            })
        });
        // "defend Canada against Trump's tariffs", "voted against X": not friendly to X
        if polarity != Polarity::Negative {
            targets.retain(|&(_, node)| an.case_of(node) != "against");
        }
        let cue_tokens = p..p + len;
        let mut push = |s: usize, t: usize, mutual: bool| {
            if view.actors[s].entity == view.actors[t].entity || an.same_phrase(s, t) {
                return;
            }
            out.push(ClauseRelation {
                source: s,
                target: t,
                polarity,
                intensity,
                category: category.clone(),
                cue: cue_tokens.clone(),
                mutual,
            });
        };
        if !targets.is_empty() {
            for &s in &sources {
                for &(t, _) in &targets {
                    push(s, t, false);
                }
            }
        } else if symmetric(&cue.lemma) {
            // "X and Y met", "talks between X and Y"
            let mut group = sources.clone();
            if let Some(b) = an.between(p) {
                an.actors_of(b, false, &mut group, 0);
            }
            group.retain(|&a| an.eligible_source(a) && !view.actors[a].outlet);
            for (k, &x) in group.iter().enumerate() {
                for &y in &group[k + 1..] {
                    push(x, y, true);
                    push(y, x, true);
                }
            }
        }
    }
    // "Iranian-backed Houthi forces", "the Russian-armed separatists": the backer
    // supports whom the noun names
    for c in 0..view.words.len() {
        let (Some(backer), Some(h)) = (an.actor_at[c], view.tree.head(c)) else {
            continue;
        };
        if !backer_word(an.word(c)) || an.label(c) != "amod" {
            continue;
        }
        let mut backed = Vec::new();
        an.actors_of(h, false, &mut backed, 0);
        for t in backed {
            if t == backer
                || view.actors[t].entity == view.actors[backer].entity
                || !an.eligible_target(t, h)
                || !an.eligible_source(backer)
            {
                continue;
            }
            out.push(ClauseRelation {
                source: backer,
                target: t,
                polarity: Polarity::Positive,
                intensity: 4.0,
                category: "cooperate".into(),
                cue: c..c + 1,
                mutual: false,
            });
        }
    }
    out
}

/// A hyphenated word naming a backer: "Iranian-backed", "U.S.-funded", "Moscow-armed".
fn backer_word(w: &str) -> bool {
    let Some((_, tail)) = w.rsplit_once('-') else {
        return false;
    };
    matches!(
        tail.to_ascii_lowercase().as_str(),
        "backed"
            | "sponsored"
            | "funded"
            | "financed"
            | "supported"
            | "armed"
            | "trained"
            | "allied"
            | "aligned"
            | "installed"
            | "equipped"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-made parse: (word, tag, head (1-based, 0 root), label), and actors by token.
    fn view<'a>(
        rows: &[(&str, &'a str, usize, &str)],
        actors: &[(usize, usize)],
        tags: &'a mut Vec<&'a str>,
        tree: &'a mut DepTree,
    ) -> ClauseView<'a> {
        *tree = DepTree::from_parts(
            rows.iter().map(|r| r.2.checked_sub(1)).collect(),
            rows.iter().map(|r| r.3.to_string()).collect(),
        );
        tags.extend(rows.iter().map(|r| r.1));
        ClauseView {
            words: rows.iter().map(|r| r.0.to_lowercase()).collect(),
            tags,
            tree,
            actors: actors
                .iter()
                .map(|&(t, e)| Actor {
                    tokens: t..t + 1,
                    entity: e,
                    etype: EntityType::Country,
                    metonymic: false,
                    reference: false,
                    outlet: false,
                    home: None,
                })
                .collect(),
        }
    }

    fn found(
        rows: &[(&str, &str, usize, &str)],
        actors: &[(usize, usize)],
    ) -> Vec<(usize, usize, Polarity, String)> {
        let lex = Lexicon::builtin().expect("lexicon");
        let mut tags = Vec::new();
        let mut tree = DepTree::from_parts(Vec::new(), Vec::new());
        let v = view(rows, actors, &mut tags, &mut tree);
        relations(&v, &lex)
            .into_iter()
            .map(|r| (r.source, r.target, r.polarity, r.category))
            .collect()
    }

    #[test]
    fn a_passive_agent_is_the_source() {
        // "Iran was condemned by France ."
        let got = found(
            &[
                ("Iran", "NNP", 3, "nsubj:pass"),
                ("was", "VBD", 3, "aux:pass"),
                ("condemned", "VBN", 0, "root"),
                ("by", "IN", 5, "case"),
                ("France", "NNP", 3, "obl:agent"),
                (".", ".", 3, "punct"),
            ],
            &[(0, 0), (4, 1)],
        );
        assert_eq!(
            got,
            vec![(1, 0, Polarity::Negative, "criticize".to_string())]
        );
    }

    #[test]
    fn coordinated_subjects_each_act_and_the_controller_of_xcomp_is_the_agent() {
        // "France and Germany vowed to block Iran ."
        let got = found(
            &[
                ("France", "NNP", 4, "nsubj"),
                ("and", "CC", 3, "cc"),
                ("Germany", "NNP", 1, "conj"),
                ("vowed", "VBD", 0, "root"),
                ("to", "TO", 6, "mark"),
                ("block", "VB", 4, "xcomp"),
                ("Iran", "NNP", 6, "obj"),
                (".", ".", 4, "punct"),
            ],
            &[(0, 0), (2, 1), (6, 2)],
        );
        let pairs: Vec<(usize, usize, Polarity)> = got.iter().map(|g| (g.0, g.1, g.2)).collect();
        assert!(pairs.contains(&(0, 2, Polarity::Negative)), "{got:?}");
        assert!(pairs.contains(&(1, 2, Polarity::Negative)), "{got:?}");
    }

    #[test]
    fn refusing_a_friendly_act_is_opposition_and_a_cue_elsewhere_signs_nothing() {
        // "Iran refused to support Syria ."
        let got = found(
            &[
                ("Iran", "NNP", 2, "nsubj"),
                ("refused", "VBD", 0, "root"),
                ("to", "TO", 4, "mark"),
                ("support", "VB", 2, "xcomp"),
                ("Syria", "NNP", 4, "obj"),
                (".", ".", 2, "punct"),
            ],
            &[(0, 0), (4, 1)],
        );
        assert!(got.iter().all(|g| g.2 == Polarity::Negative), "{got:?}");
        assert!(got.iter().any(|g| (g.0, g.1) == (0, 1)), "{got:?}");
        // "Iran met Syria in Geneva after attacks ." : the attack cue has no actors
        let got = found(
            &[
                ("Iran", "NNP", 2, "nsubj"),
                ("met", "VBD", 0, "root"),
                ("Syria", "NNP", 2, "obj"),
                ("after", "IN", 5, "case"),
                ("attacks", "NNS", 2, "obl"),
                (".", ".", 2, "punct"),
            ],
            &[(0, 0), (2, 1)],
        );
        assert_eq!(got, vec![(0, 1, Polarity::Neutral, "consult".to_string())]);
    }

    #[test]
    fn an_object_asked_to_act_does_not_act() {
        // "Obama urged Putin to attack Ukraine ."
        let got = found(
            &[
                ("Obama", "NNP", 2, "nsubj"),
                ("urged", "VBD", 0, "root"),
                ("Putin", "NNP", 2, "obj"),
                ("to", "TO", 5, "mark"),
                ("attack", "VB", 2, "xcomp"),
                ("Ukraine", "NNP", 5, "obj"),
                (".", ".", 2, "punct"),
            ],
            &[(0, 0), (2, 1), (5, 2)],
        );
        assert!(!got.iter().any(|g| g.0 == 1 && g.1 == 2), "{got:?}");
        assert!(
            got.iter()
                .any(|g| (g.0, g.1, g.2) == (0, 1, Polarity::Neutral)),
            "{got:?}"
        );
    }

    #[test]
    fn an_object_asked_to_act_does_not_act_however_the_infinitive_is_attached() {
        // "Iran asked Germany to extradite Banisadr ." with the infinitive as advcl, and
        // "Obama wants Putin to attack Switzerland ." with it as acl of the object
        let advcl = found(
            &[
                ("Iran", "NNP", 2, "nsubj"),
                ("asked", "VBD", 0, "root"),
                ("Germany", "NNP", 2, "iobj"),
                ("to", "TO", 5, "mark"),
                ("extradite", "VB", 2, "advcl"),
                ("Banisadr", "NNP", 5, "obj"),
                (".", ".", 2, "punct"),
            ],
            &[(0, 0), (2, 1), (5, 2)],
        );
        assert!(!advcl.iter().any(|g| g.1 == 2), "{advcl:?}");
        let acl = found(
            &[
                ("Obama", "NNP", 2, "nsubj"),
                ("wants", "VBZ", 0, "root"),
                ("Putin", "NNP", 2, "obj"),
                ("to", "TO", 5, "mark"),
                ("attack", "VB", 3, "acl"),
                ("Switzerland", "NNP", 5, "obj"),
                (".", ".", 2, "punct"),
            ],
            &[(0, 0), (2, 1), (5, 2)],
        );
        assert!(!acl.iter().any(|g| g.1 == 2), "{acl:?}");
    }

    #[test]
    fn condemning_talks_with_someone_is_hostile_to_them() {
        // "Khamenei condemned talks with America ."
        let got = found(
            &[
                ("Khamenei", "NNP", 2, "nsubj"),
                ("condemned", "VBD", 0, "root"),
                ("talks", "NNS", 2, "obj"),
                ("with", "IN", 5, "case"),
                ("America", "NNP", 3, "nmod"),
                (".", ".", 2, "punct"),
            ],
            &[(0, 0), (4, 1)],
        );
        assert!(
            got.contains(&(0, 1, Polarity::Negative, "criticize".to_string())),
            "{got:?}"
        );
        assert!(!got.iter().any(|g| g.2 != Polarity::Negative), "{got:?}");
    }
}
