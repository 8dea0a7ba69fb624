//! Reported speech and its speaker: direct quotes ("“…,” X said", "X said: “…”", quotes
//! running over several sentences or paragraphs) and indirect speech ("X said that …",
//! "according to X").
//!
//! The one decision a reader must know: the speaker is the subject of the speech verb
//! outside the quotation marks (from the dependency tree where the sentence was parsed,
//! else from the words around the closing mark); a quote with no attribution of its own
//! continues the previous quote's speaker only within the same or the next paragraph.

use crate::model::{Document, EntityId, EntityType, Quote, Reference, ReferenceKind, Span};
use crate::nlp::parser::DepTree;

/// Speech verbs, as word forms.
pub fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "say"
            | "says"
            | "said"
            | "saying"
            | "tell"
            | "tells"
            | "told"
            | "telling"
            | "add"
            | "adds"
            | "added"
            | "adding"
            | "state"
            | "states"
            | "stated"
            | "stress"
            | "stresses"
            | "stressed"
            | "claim"
            | "claims"
            | "claimed"
            | "insist"
            | "insists"
            | "insisted"
            | "note"
            | "notes"
            | "noted"
            | "argue"
            | "argues"
            | "argued"
            | "declare"
            | "declares"
            | "declared"
            | "announce"
            | "announces"
            | "announced"
            | "explain"
            | "explains"
            | "explained"
            | "write"
            | "writes"
            | "wrote"
            | "tweet"
            | "tweets"
            | "tweeted"
            | "warn"
            | "warns"
            | "warned"
            | "reply"
            | "replies"
            | "replied"
            | "respond"
            | "responds"
            | "responded"
            | "comment"
            | "comments"
            | "commented"
            | "acknowledge"
            | "acknowledged"
            | "admit"
            | "admits"
            | "admitted"
            | "recall"
            | "recalls"
            | "recalled"
            | "suggest"
            | "suggests"
            | "suggested"
            | "confirm"
            | "confirms"
            | "confirmed"
            | "assert"
            | "asserts"
            | "asserted"
            | "maintain"
            | "maintains"
            | "maintained"
            | "complain"
            | "complains"
            | "complained"
            | "allege"
            | "alleges"
            | "alleged"
            | "predict"
            | "predicted"
            | "predicts"
            | "report"
            | "reports"
            | "reported"
            | "quote"
            | "quoted"
            | "quotes"
            | "continue"
            | "continued"
            | "concluded"
            | "asked"
            | "asks"
            | "charged"
            | "accused"
            | "urged"
            | "vowed"
            | "pledged"
            | "promised"
            | "cautioned"
            | "emphasised"
            | "emphasized"
            | "underscored"
            | "underlined"
            | "observed"
            | "remarked"
            | "wrote,"
            | "posted"
            | "thinks"
            | "think"
            | "believes"
            | "believe"
            | "believed"
    )
}

/// Verbs of saying whose object is the addressee, not the topic.
fn tells(w: &str) -> bool {
    matches!(w, "tell" | "tells" | "told" | "telling")
}

/// A quotation mark: opening, closing or either (straight quotes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    Straight,
}

fn mark_of(c: char) -> Option<Mark> {
    match c {
        '“' | '«' | '„' => Some(Mark::Open),
        '”' | '»' => Some(Mark::Close),
        '"' => Some(Mark::Straight),
        _ => None,
    }
}

/// Byte spans of the quoted stretches of `text` (inside the marks). Straight quotes open
/// when a space or the start is on their left and close when a letter or punctuation is;
/// an open quote left unclosed at a paragraph end continues when the next paragraph opens
/// with a quote mark (the newspaper convention), else it ends there.
pub fn quoted_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '\n' {
            // a paragraph break ends an open quote unless the next paragraph reopens it
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b'\n' || bytes[j] == b' ' || bytes[j] == b'\r') {
                j += 1;
            }
            let reopens = text[j..]
                .chars()
                .next()
                .and_then(mark_of)
                .is_some_and(|m| m != Mark::Close);
            let blank = text[i + 1..j].contains('\n');
            if let Some(start) = open {
                if blank && !reopens {
                    out.push(Span::new(start, trim_end(text, i)));
                    open = None;
                } else if reopens {
                    // skip the reopening mark: the quote goes on
                    out.push(Span::new(start, trim_end(text, i)));
                    let mc = text[j..].chars().next().map_or(0, char::len_utf8);
                    open = Some(j + mc);
                    while iter.peek().is_some_and(|&(k, _)| k < j + mc) {
                        iter.next();
                    }
                }
            }
            continue;
        }
        let Some(mark) = mark_of(c) else { continue };
        let left_space = i == 0
            || text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
        let right = text[i + c.len_utf8()..].chars().next();
        let right_space = right.is_none_or(|r| r.is_whitespace() || r == ',' || r == '.');
        let opens = match mark {
            Mark::Open => true,
            Mark::Close => false,
            Mark::Straight => match (open.is_some(), left_space, right_space) {
                (false, _, _) => !right_space || left_space,
                (true, true, false) => false, // a stray closing after a space: treat as close
                (true, _, _) => false,
            },
        };
        match (opens, open) {
            (true, None) => open = Some(i + c.len_utf8()),
            (true, Some(_)) => {
                // an opening mark inside an open quote: a nested or unbalanced quote; restart
                open = Some(i + c.len_utf8());
            }
            (false, Some(start)) => {
                if start < i {
                    out.push(Span::new(start, i));
                }
                open = None;
            }
            (false, None) => {}
        }
    }
    if let Some(start) = open {
        if start < text.len() {
            out.push(Span::new(start, trim_end(text, text.len())));
        }
    }
    // merge the pieces of one quote split by a paragraph continuation
    out.retain(|s| s.start < s.end);
    out
}

fn trim_end(text: &str, mut end: usize) -> usize {
    while end > 0 && text.as_bytes()[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

/// The country named right before a speaking body, as its owner: "Britain's Defence
/// Ministry", "the Iranian Foreign Ministry" (an organization's group stays itself for
/// "we", but what it says about its own country is not a stance toward it).
fn owning_country(doc: &Document, speaker: Span) -> Option<EntityId> {
    let text = &doc.article.text;
    let at = doc
        .mentions
        .partition_point(|m| m.span.start < speaker.start);
    let sp = doc.mentions.get(at).filter(|m| m.span == speaker)?;
    if sp.etype != EntityType::Organization {
        return None;
    }
    let prev = doc.mentions[..at].last()?;
    let gap = text.get(prev.span.end..speaker.start)?.trim();
    (prev.etype == EntityType::Country
        && prev.sentence == sp.sentence
        && matches!(gap, "" | "'s" | "’s" | "'" | "’"))
    .then(|| prev.entity.clone())
}

/// Finds the quotes of `doc`, with speakers resolved through mentions and `references`,
/// and adds a reference for every first-person pronoun inside a direct quote ("we", "our"
/// -> the speaker's country or organization; "I", "my" -> the speaker).
pub fn find(
    doc: &Document,
    trees: &[Option<DepTree>],
    references: &[Reference],
    affiliation: &dyn Fn(&EntityId) -> Option<EntityId>,
) -> (Vec<Quote>, Vec<Reference>) {
    let text = &doc.article.text;
    let toks = &doc.tokens;
    let word = |i: usize| {
        toks.get(i)
            .map(|t| t.span.slice(text).to_lowercase())
            .unwrap_or_default()
    };
    let token_at = |byte: usize| toks.partition_point(|t| t.span.end <= byte);
    let sentence_of = |tok: usize| {
        doc.sentences
            .partition_point(|s| s.tokens.end <= tok)
            .min(doc.sentences.len().saturating_sub(1))
    };
    let dateline = doc.article.dateline.map(|d| d.span);
    let actor_at = |tok: usize| -> Option<(EntityId, Span)> {
        let span = toks.get(tok)?.span;
        if dateline.is_some_and(|d| d.start <= span.start && span.end <= d.end) {
            return None;
        }
        // both lists are sorted by start and do not overlap: the one that starts last at
        // or before the token is the only one that can hold it
        let m = doc.mentions.partition_point(|m| m.span.start <= span.start);
        m.checked_sub(1)
            .map(|i| &doc.mentions[i])
            .filter(|m| span.end <= m.span.end)
            .map(|m| (m.entity.clone(), m.span))
            .or_else(|| {
                let r = references.partition_point(|r| r.span.start <= span.start);
                r.checked_sub(1)
                    .map(|i| &references[i])
                    .filter(|r| span.end <= r.span.end)
                    .map(|r| (r.entity.clone(), r.span))
            })
    };
    let breaks: Vec<usize> = text.match_indices("\n\n").map(|(i, _)| i).collect();
    let paragraph_of = |byte: usize| breaks.partition_point(|&b| b + 2 <= byte);

    let mut quotes: Vec<Quote> = Vec::new();
    let spans = quoted_spans(text);
    let inside_quote = |tok: usize| {
        let b = toks[tok].span.start;
        let i = spans.partition_point(|q| q.start <= b);
        i.checked_sub(1).is_some_and(|i| b < spans[i].end)
    };
    let mut attributed_verbs: Vec<usize> = Vec::new();
    for (qi, q) in spans.iter().enumerate() {
        if q.end <= q.start {
            continue;
        }
        let first = token_at(q.start);
        let last = token_at(q.end.saturating_sub(1));
        if first >= toks.len() {
            continue;
        }
        let (s0, s1) = (sentence_of(first), sentence_of(last.min(toks.len() - 1)));
        // titles and scare quotes ("Sleeping Bread", "missile cities") are not speech
        // unless a speech verb in their sentence attributes them
        let short = q.slice(text).split_whitespace().count() < 4;
        // the attribution: a speech verb outside the marks in the quote's last or first
        // sentence, nearest to the marks
        let mut found: Option<(usize, Option<(EntityId, Span)>)> = None;
        for s in [s1, s0] {
            let sent = &doc.sentences[s];
            let mut verbs: Vec<usize> = sent
                .tokens
                .clone()
                .filter(|&t| !inside_quote(t) && is_speech_verb(&word(t)))
                .collect();
            // nearest to the quote first
            verbs.sort_by_key(|&t| {
                let b = toks[t].span.start;
                if b >= q.end {
                    b - q.end
                } else {
                    q.start.saturating_sub(toks[t].span.end)
                }
            });
            if let Some(&v) = verbs.first() {
                let speaker = speaker_of(doc, trees, s, v, &word, &actor_at, &inside_quote);
                found = Some((v, speaker));
                break;
            }
            if s0 == s1 {
                break;
            }
        }
        // a colon before the quote: "X said:" at the end of the previous sentence
        if found.is_none() && first > 0 {
            let before = first.saturating_sub(2);
            if word(before) == ":" || word(first - 1) == ":" {
                let s = sentence_of(before);
                let v = doc.sentences[s]
                    .tokens
                    .clone()
                    .rev()
                    .find(|&t| is_speech_verb(&word(t)) && !inside_quote(t));
                if let Some(v) = v {
                    found = Some((
                        v,
                        speaker_of(doc, trees, s, v, &word, &actor_at, &inside_quote),
                    ));
                }
            }
        }
        // a partial quote inside a clause: the clause's subject speaks
        let sentence_start = doc.sentences[s0].tokens.start;
        let whole_sentence = first <= sentence_start + 1;
        if short && found.is_none() {
            continue;
        }
        if found.is_none() && !whole_sentence {
            if let Some(Some(tree)) = trees.get(s0) {
                let is_verb = |t: usize| doc.pos.get(t).is_some_and(|p| p.starts_with("VB"));
                if let Some(sp) = governing_speaker(
                    tree,
                    sentence_start,
                    first..(last + 1).min(doc.sentences[s0].tokens.end),
                    &actor_at,
                    &is_verb,
                    &word,
                ) {
                    quotes.push(Quote {
                        span: *q,
                        sentences: (s0, s1),
                        direct: true,
                        speaker: Some(sp.0),
                        speaker_span: Some(sp.1),
                        speaker_group: None,
                        cue: Span::new(q.start, q.start),
                        addressees: Vec::new(),
                    });
                }
            }
            continue;
        }
        let (cue, speaker) = match found {
            Some((v, sp)) => {
                attributed_verbs.push(v);
                (toks[v].span, sp)
            }
            None => {
                // continuation of the previous quote's speaker, within a paragraph or the next
                let prev = quotes.last().filter(|p| {
                    p.direct && paragraph_of(q.start) <= paragraph_of(p.span.end) + 1 && qi > 0
                });
                match prev {
                    Some(p) => (p.cue, p.speaker.clone().zip(p.speaker_span)),
                    None => (Span::new(q.start, q.start), None),
                }
            }
        };
        quotes.push(Quote {
            span: *q,
            sentences: (s0, s1),
            direct: true,
            speaker: speaker.as_ref().map(|(e, _)| e.clone()),
            speaker_span: speaker.map(|(_, s)| s),
            speaker_group: None,
            cue,
            addressees: Vec::new(),
        });
    }

    // indirect speech: "X said (that) ...", "according to X, ..."
    attributed_verbs.sort_unstable();
    for (s, sent) in doc.sentences.iter().enumerate() {
        for t in sent.tokens.clone() {
            if inside_quote(t) || attributed_verbs.binary_search(&t).is_ok() {
                continue;
            }
            let w = word(t);
            if w == "according" && word(t + 1) == "to" {
                let Some(sp) = (t + 2..(t + 6).min(sent.tokens.end)).find_map(&actor_at) else {
                    continue;
                };
                // the content: the rest of the sentence outside the "according to X" phrase
                let (a, b) = if t > sent.tokens.start + 2 {
                    (sent.span.start, toks[t - 1].span.end)
                } else {
                    let mut e = t + 2;
                    while e < sent.tokens.end && word(e) != "," {
                        e += 1;
                    }
                    (
                        toks[(e + 1).min(sent.tokens.end - 1)].span.start,
                        sent.span.end,
                    )
                };
                if a < b {
                    quotes.push(Quote {
                        span: Span::new(a, b),
                        sentences: (s, s),
                        direct: false,
                        speaker: Some(sp.0),
                        speaker_span: Some(sp.1),
                        speaker_group: None,
                        cue: Span::new(toks[t].span.start, toks[t + 1].span.end),
                        addressees: Vec::new(),
                    });
                }
                continue;
            }
            if !is_speech_verb(&w) || matches!(w.as_str(), "quoted" | "quote" | "quotes") {
                continue;
            }
            let Some(content) = complement(doc, trees, s, t, &word) else {
                continue;
            };
            // "would not say where he was held": a question left open, not a statement
            let first = toks.partition_point(|x| x.span.start < content.start);
            if matches!(
                word(first).as_str(),
                "where" | "whether" | "how" | "why" | "when" | "what" | "who" | "if"
            ) {
                continue;
            }
            let speaker = speaker_of(doc, trees, s, t, &word, &actor_at, &inside_quote);
            quotes.push(Quote {
                span: content,
                sentences: (s, s),
                direct: false,
                speaker: speaker.as_ref().map(|(e, _)| e.clone()),
                speaker_span: speaker.map(|(_, sp)| sp),
                speaker_group: None,
                cue: toks[t].span,
                addressees: Vec::new(),
            });
        }
    }

    // first-person pronouns in direct quotes, and the addressees of every quote
    let mut extra = Vec::new();
    for q in &mut quotes {
        let extra_from = extra.len();
        q.speaker_group = q
            .speaker
            .as_ref()
            .and_then(affiliation)
            .filter(|g| Some(g) != q.speaker.as_ref())
            .or_else(|| q.speaker_span.and_then(|sp| owning_country(doc, sp)));
        if q.direct {
            if let (Some(sp), Some(sp_span)) = (&q.speaker, q.speaker_span) {
                let group = affiliation(sp);
                let first = token_at(q.span.start);
                for (t, tok) in toks
                    .iter()
                    .enumerate()
                    .take(token_at(q.span.end))
                    .skip(first)
                {
                    let w = word(t);
                    let target = match w.as_str() {
                        "i" | "me" | "my" | "myself" => Some(sp.clone()),
                        "we" | "us" | "our" | "ours" | "ourselves" => group.clone(),
                        _ => None,
                    };
                    if let Some(entity) = target {
                        extra.push(Reference {
                            sentence: sentence_of(t),
                            span: tok.span,
                            kind: ReferenceKind::Pronoun,
                            entity,
                            antecedent: sp_span,
                        });
                    }
                }
            }
        }
        let mut addressees: Vec<EntityId> = q
            .span
            .starting_in(&doc.mentions, |m| m.span)
            .iter()
            .filter(|m| m.span.end <= q.span.end)
            .filter(|m| m.etype != EntityType::Place || m.metonymic)
            .map(|m| m.entity.clone())
            .chain(
                q.span
                    .starting_in(references, |r| r.span)
                    .iter()
                    .chain(&extra[extra_from..])
                    .filter(|r| q.span.start <= r.span.start && r.span.end <= q.span.end)
                    .map(|r| r.entity.clone()),
            )
            .filter(|e| Some(e) != q.speaker.as_ref())
            .collect();
        addressees.sort();
        addressees.dedup();
        q.addressees = addressees;
    }
    quotes.sort_by_key(|q| (q.span.start, q.span.end, !q.direct));
    quotes.dedup_by(|a, b| a.span == b.span);
    extra.sort_by_key(|r| r.span);
    (quotes, extra)
}

/// The speaker of speech verb `v` in sentence `s`: its subject (a mention, or a pronoun or
/// title resolved by coreference); "X quoted Y as saying" gives Y; "said X" after a quote
/// gives X.
fn speaker_of(
    doc: &Document,
    trees: &[Option<DepTree>],
    s: usize,
    v: usize,
    word: &dyn Fn(usize) -> String,
    actor_at: &dyn Fn(usize) -> Option<(EntityId, Span)>,
    inside_quote: &dyn Fn(usize) -> bool,
) -> Option<(EntityId, Span)> {
    let sent = &doc.sentences[s];
    let base = sent.tokens.start;
    // "quoted X as saying": the quoted person speaks
    if word(v) == "saying" && v >= base + 2 && word(v - 1) == "as" {
        if let Some(q) = (base..v)
            .rev()
            .find(|&t| matches!(word(t).as_str(), "quoted" | "quotes" | "quote" | "quoting"))
        {
            if let Some(a) = (q + 1..v - 1).find_map(actor_at) {
                return Some(a);
            }
        }
    }
    if let Some(Some(tree)) = trees.get(s) {
        let local = v - base;
        // the subject of the verb, or of the verb it is conjoined with
        let mut head = Some(local);
        for _ in 0..3 {
            let Some(h) = head else { break };
            for c in tree.children(h) {
                if tree.label(c).starts_with("nsubj") && !inside_quote(c + base) {
                    if let Some(a) = subtree_actor(tree, c, base, actor_at, word) {
                        return Some(a);
                    }
                    // a subject that names no actor ("the ministry spokesman said"):
                    // not an actor found further along
                    if c < local {
                        return None;
                    }
                }
            }
            if tree.label(h) == "conj" {
                head = tree.head(h);
            } else {
                break;
            }
        }
    }
    // surface fallback: the nearest actor right before the verb (not inside the quote),
    // or right after it ("said Mr. Schumer")
    let before = (v.saturating_sub(6).max(base)..v)
        .rev()
        .take_while(|&t| {
            !inside_quote(t) && !matches!(word(t).as_str(), "\"" | "“" | "”" | "that" | ";")
        })
        .find_map(actor_at);
    if before.is_some() {
        return before;
    }
    if tells(&word(v)) {
        return None;
    }
    (v + 1..(v + 5).min(sent.tokens.end))
        .take_while(|&t| !inside_quote(t))
        .find_map(actor_at)
}

/// The actor heading a subject phrase: the head word's own mention, else the mention in its
/// subtree nearest to the head (a demonym or possessive: "Iranian officials", "the
/// ministry's spokesman"), a person before anything else ("parliament speaker X").
fn subtree_actor(
    tree: &DepTree,
    head: usize,
    base: usize,
    actor_at: &dyn Fn(usize) -> Option<(EntityId, Span)>,
    word: &dyn Fn(usize) -> String,
) -> Option<(EntityId, Span)> {
    if let Some(a) = actor_at(head + base) {
        return Some(a);
    }
    let mut best: Option<(usize, usize)> = None; // (distance, token)
    let mut stack = vec![head];
    let mut steps = 0;
    while let Some(h) = stack.pop() {
        steps += 1;
        if steps > 48 {
            break;
        }
        for c in tree.children(h) {
            if matches!(
                tree.label(c),
                "acl:relcl" | "acl" | "punct" | "cc" | "conj" | "parataxis"
            ) {
                continue;
            }
            // a place the speakers are in ("refugees in Tanzania") is not who speaks
            if matches!(tree.label(c), "nmod" | "obl")
                && tree.children(c).any(|g| {
                    tree.label(g) == "case"
                        && matches!(
                            word(g + base).as_str(),
                            "in" | "at" | "near" | "inside" | "outside" | "across" | "around"
                        )
                })
            {
                continue;
            }
            if let Some((e, _)) = actor_at(c + base) {
                // a person named in the phrase speaks before the body it belongs to
                let d = c.abs_diff(head)
                    + if e.as_str().starts_with("person/") {
                        0
                    } else {
                        100
                    };
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, c));
                }
            } else {
                stack.push(c);
            }
        }
    }
    best.and_then(|(_, c)| actor_at(c + base))
}

/// For a quote inside a sentence with no speech verb ("condemned the talks as “unwise”",
/// "what he described as “crimes”"): the subject of the nearest verb above the quote that
/// lies outside it, through relative clauses ("X, who condemned ... as “...”").
fn governing_speaker(
    tree: &DepTree,
    base: usize,
    quote_tokens: std::ops::Range<usize>,
    actor_at: &dyn Fn(usize) -> Option<(EntityId, Span)>,
    is_verb: &dyn Fn(usize) -> bool,
    word: &dyn Fn(usize) -> String,
) -> Option<(EntityId, Span)> {
    let inside = |t: usize| quote_tokens.contains(&(t + base));
    let mut t = (quote_tokens.start..quote_tokens.end)
        .map(|x| x - base)
        .find(|&x| tree.head(x).is_none_or(|h| !inside(h)))?;
    for _ in 0..8 {
        let h = tree.head(t)?;
        if is_verb(h + base) && !inside(h) {
            for c in tree.children(h) {
                if tree.label(c).starts_with("nsubj") && !tree.label(c).ends_with("pass") {
                    if let Some(a) = subtree_actor(tree, c, base, actor_at, word) {
                        return Some(a);
                    }
                    // "who": the relative clause's antecedent
                    if tree.label(h) == "acl:relcl" {
                        let ante = tree.head(h)?;
                        return subtree_actor(tree, ante, base, actor_at, word);
                    }
                    return None;
                }
            }
            if tree.label(h) == "acl:relcl" {
                let ante = tree.head(h)?;
                return subtree_actor(tree, ante, base, actor_at, word);
            }
        }
        t = h;
    }
    None
}

/// The first and last token of the subtree under `root` (at most 400 nodes visited).
fn subtree_bounds(tree: &DepTree, root: usize) -> (usize, usize) {
    let (mut lo, mut hi) = (root, root);
    let mut stack = vec![root];
    let mut steps = 0;
    while let Some(x) = stack.pop() {
        steps += 1;
        if steps > 400 {
            break;
        }
        lo = lo.min(x);
        hi = hi.max(x);
        stack.extend(tree.children(x));
    }
    (lo, hi)
}

/// The complement of a speech verb: "said (that) Iran had ..." -> the clause after it.
fn complement(
    doc: &Document,
    trees: &[Option<DepTree>],
    s: usize,
    v: usize,
    word: &dyn Fn(usize) -> String,
) -> Option<Span> {
    let sent = &doc.sentences[s];
    let base = sent.tokens.start;
    let toks = &doc.tokens;
    if let Some(Some(tree)) = trees.get(s) {
        let local = v - base;
        let Some(c) = tree
            .children(local)
            .find(|&c| matches!(tree.label(c), "ccomp" | "parataxis"))
        else {
            // "A did B, X said": everything before the attribution is what was said
            if !matches!(tree.label(local), "parataxis" | "ccomp")
                || tree.head(local).is_none_or(|h| h > local)
            {
                return None;
            }
            let (lo, _) = subtree_bounds(tree, local);
            if lo < 4 || word(lo - 1 + base) != "," {
                return None;
            }
            return Some(Span::new(
                toks[base].span.start,
                toks[lo - 2 + base].span.end,
            ));
        };
        let (lo, hi) = subtree_bounds(tree, c);
        return Some(Span::new(
            toks[lo + base].span.start,
            toks[hi + base].span.end,
        ));
    }
    // surface: "said (that) ..." up to the end of the sentence
    let mut start = v + 1;
    if word(start) == "that" {
        start += 1;
    }
    if start + 2 >= sent.tokens.end {
        return None;
    }
    let end = sent.tokens.end - 1;
    Some(Span::new(toks[start].span.start, toks[end].span.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        quoted_spans(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn curly_and_straight_quotes_give_their_inner_text() {
        assert_eq!(
            quoted("“We will not yield,” he said. She said \"no\" twice."),
            vec!["We will not yield,", "no"]
        );
    }

    #[test]
    fn a_quote_reopened_in_the_next_paragraph_continues() {
        let text = "He said: “The first part.\n\n“The second part,” he added.";
        assert_eq!(quoted(text), vec!["The first part.", "The second part,"]);
    }

    #[test]
    fn an_unclosed_quote_ends_with_its_paragraph() {
        let text = "“Unclosed words\n\nNext paragraph.";
        assert_eq!(quoted(text), vec!["Unclosed words"]);
    }
}
