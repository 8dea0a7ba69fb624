//! Stance as a specification: one table row per construction, written as a sentence with
//! [bracketed] mentions and the (source, target, polarity) relations it must yield.

use crate::model::{
    Article, Document, EntityId, EntityType, Mention, Polarity, Sentence, Span, StanceRelation,
};

use super::StanceFinder;
use super::dse::tokenize;

use Polarity::{Negative as Neg, Neutral as Neu, Positive as Pos};

/// Builds a document from sentences with bracketed mentions: `[Britain]` is `country/britain`,
/// `[Pezeshkian|person/masoud-pezeshkian]` names its entity id (the type is the id's prefix).
/// Tokens come from the plain DSE tokenizer; each input string is one sentence.
pub(crate) fn document(sentences: &[&str]) -> Document {
    let mut text = String::new();
    let mut marks: Vec<(usize, Span, EntityId, EntityType)> = Vec::new();
    let mut bounds = Vec::new();
    for (s, raw) in sentences.iter().enumerate() {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        let mut rest = *raw;
        while let Some(open) = rest.find('[') {
            text.push_str(&rest[..open]);
            let close = rest[open..]
                .find(']')
                .map(|c| open + c)
                .expect("unclosed [");
            let inner = &rest[open + 1..close];
            let (surface, id) = match inner.split_once('|') {
                Some((surface, id)) => (surface, id.to_string()),
                None => (inner, format!("country/{}", crate::model::slug(inner))),
            };
            let etype = match id.split('/').next() {
                Some("person") => EntityType::Person,
                Some("org") => EntityType::Organization,
                Some("place") => EntityType::Place,
                _ => EntityType::Country,
            };
            let m_start = text.len();
            text.push_str(surface);
            marks.push((s, Span::new(m_start, text.len()), EntityId(id), etype));
            rest = &rest[close + 1..];
        }
        text.push_str(rest);
        bounds.push(Span::new(start, text.len()));
    }
    let tokens = tokenize(&text);
    let sentences = bounds
        .iter()
        .map(|b| {
            let first = tokens
                .iter()
                .position(|t| t.span.start >= b.start)
                .unwrap_or(0);
            let end = tokens
                .iter()
                .position(|t| t.span.start >= b.end)
                .unwrap_or(tokens.len());
            Sentence {
                span: *b,
                tokens: first..end,
            }
        })
        .collect();
    let mentions = marks
        .into_iter()
        .map(|(s, span, entity, etype)| Mention {
            article: "t".to_string(),
            sentence: s,
            span,
            text: span.slice(&text).to_string(),
            etype,
            entity,
            demonym: false,
            metonymic: false,
        })
        .collect();
    Document {
        article: Article {
            id: "t".to_string(),
            text,
            ..Article::default()
        },
        tokens,
        sentences,
        mentions,
        ..Document::default()
    }
}

fn triples(relations: &[StanceRelation]) -> Vec<(String, String, Polarity)> {
    let mut out: Vec<_> = relations
        .iter()
        .map(|r| {
            let short = |id: &EntityId| id.as_str().rsplit('/').next().unwrap_or("").to_string();
            (short(&r.source), short(&r.target), r.polarity)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Each row: sentences, then the exact set of (source slug, target slug, polarity).
type Row<'a> = (&'a [&'a str], &'a [(&'a str, &'a str, Polarity)]);

fn check(rows: &[Row]) {
    let finder = StanceFinder::rules_only().unwrap();
    let mut failures = Vec::new();
    for (sentences, want) in rows {
        let doc = document(sentences);
        let got = triples(&finder.find(&doc));
        let mut want: Vec<(String, String, Polarity)> = want
            .iter()
            .map(|(s, t, p)| (s.to_string(), t.to_string(), *p))
            .collect();
        want.sort();
        if got != want {
            failures.push(format!("{sentences:?}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn active_and_passive_voice() {
    check(&[
        (
            &["[France] condemned [Iran] on Monday."],
            &[("france", "iran", Neg)],
        ),
        (
            &["[Iran] was condemned by [France]."],
            &[("france", "iran", Neg)],
        ),
        (
            &["[Iran] was sharply criticized by [France] on Monday."],
            &[("france", "iran", Neg)],
        ),
        (&["[Iran] was condemned at the meeting."], &[]),
        (
            &["[Russia] praised [China] for its restraint."],
            &[("russia", "china", Pos)],
        ),
        (
            &["[Tehran|country/iran] accused [Washington|country/united-states] of lying."],
            &[("iran", "united-states", Neg)],
        ),
        (
            &["[Israel] struck [Iran] overnight."],
            &[("israel", "iran", Neg)],
        ),
        (&["[Iran] and [Iraq] share a long border."], &[]),
    ]);
}

#[test]
fn coordination_gives_one_edge_per_conjunct() {
    check(&[
        (
            &["[Britain] and [France] condemned [Iran]'s missile test."],
            &[("britain", "iran", Neg), ("france", "iran", Neg)],
        ),
        (
            &["[Russia] praised [China] and [India]."],
            &[("russia", "china", Pos), ("russia", "india", Pos)],
        ),
        (
            &["[Britain], [France] and [Germany] imposed sanctions on [Iran]."],
            &[
                ("britain", "iran", Neg),
                ("france", "iran", Neg),
                ("germany", "iran", Neg),
            ],
        ),
        (
            &["[France] condemned [Iran] and [Russia] praised [China]."],
            &[("france", "iran", Neg), ("russia", "china", Pos)],
        ),
    ]);
}

#[test]
fn negation_flips_or_neutralizes() {
    check(&[
        (
            &["[France] did not condemn [Iran]."],
            &[("france", "iran", Neu)],
        ),
        (
            &["[China] refused to condemn [Russia]."],
            &[("china", "russia", Neu)],
        ),
        (
            &["[Iran] refused talks with [the United States|country/united-states]."],
            &[("iran", "united-states", Neg)],
        ),
        (
            &[
                "[Iran] has never shied away from talks with [the United States|country/united-states].",
            ],
            // Talks are contact, not friendship (data/eval/PROTOCOL.md); not refusing
            // them leaves them neutral.
            &[("iran", "united-states", Neu)],
        ),
        (
            &[
                "[Iran] has never shied away from cooperation with [the United States|country/united-states].",
            ],
            &[("iran", "united-states", Pos)],
        ),
        (
            &["[Iran] rejects direct talks with [the United States|country/united-states]."],
            &[("iran", "united-states", Neg)],
        ),
        (
            &["[Germany] does not support [Turkey]'s bid."],
            &[("germany", "turkey", Neg)],
        ),
    ]);
}

#[test]
fn reported_speech_makes_the_speaker_the_source() {
    check(&[
        (
            &["[Pezeshkian|person/masoud-pezeshkian] accused [Israel] of violating the ceasefire."],
            &[("masoud-pezeshkian", "israel", Neg)],
        ),
        (
            &[
                "“It is the broken promises of the [Americans|country/united-states] that damaged trust,” [Pezeshkian|person/masoud-pezeshkian] said.",
            ],
            &[("masoud-pezeshkian", "united-states", Neg)],
        ),
        (
            &[
                "“It is the behaviour of the [Americans|country/united-states] that will decide,” [Pezeshkian|person/masoud-pezeshkian] added.",
            ],
            &[("masoud-pezeshkian", "united-states", Neu)],
        ),
        (
            &[
                "“[Israel] is a threat to the whole region,” said [Pezeshkian|person/masoud-pezeshkian].",
            ],
            &[("masoud-pezeshkian", "israel", Neg)],
        ),
        (
            &["[Iran] is an enemy of peace, according to [Netanyahu|person/benjamin-netanyahu]."],
            &[("benjamin-netanyahu", "iran", Neg)],
        ),
        (
            &[
                "[Pezeshkian|person/masoud-pezeshkian] spoke on Sunday.",
                "“We will never trust the [Americans|country/united-states] again,” he said.",
            ],
            &[("masoud-pezeshkian", "united-states", Neg)],
        ),
        (
            &[
                "[Khalilzad|person/zalmay-khalilzad] spoke to reporters.",
                "He accused [Iran] of lying.",
            ],
            &[("zalmay-khalilzad", "iran", Neg)],
        ),
    ]);
}

#[test]
fn warnings_threats_and_conditionals() {
    check(&[
        (
            &[
                "[Iran] warned [the United States|country/united-states] that any attack would be met with force.",
            ],
            &[("iran", "united-states", Neg)],
        ),
        (
            &[
                "[Khalilzad|person/zalmay-khalilzad] warned that [Iran]'s missile bases would not ensure its survival.",
            ],
            &[("zalmay-khalilzad", "iran", Neg)],
        ),
        // Iran is the protected party here, not the one warned
        (
            &[
                "[Qalibaf|person/mohammad-bagher-qalibaf] warned that any attack on [Iran] would ignite the region.",
            ],
            &[],
        ),
        (
            &["[North Korea|country/north-korea] threatened to strike [Japan]."],
            &[("north-korea", "japan", Neg)],
        ),
    ]);
}

#[test]
fn complements_protected_parties_and_pronoun_objects() {
    check(&[
        (
            &[
                "[Qalibaf|person/mohammad-bagher-qalibaf] warned that any violation of [Iran]'s sovereignty would ignite the region.",
            ],
            &[],
        ),
        (
            &[
                "[Khalilzad|person/zalmay-khalilzad] commented, warning that while the show of strength may deter, [Iran]'s command remains weak.",
            ],
            &[("zalmay-khalilzad", "iran", Neg)],
        ),
        // "it" is the target; the council is only mentioned inside the accusation
        (
            &[
                "The [Trump|person/donald-trump] administration keeps accusing it of violating [United Nations|org/united-nations] resolutions.",
            ],
            &[],
        ),
    ]);
}

#[test]
fn unmarked_names_are_not_skipped_over() {
    check(&[
        // the accuser is McCarthy, whom the mention finder did not mark, not the EPA
        (
            &[
                "A former [EPA|org/epa] administrator, Gina McCarthy, accused [Trump|person/donald-trump] of lying.",
            ],
            &[],
        ),
        (
            &[
                "The head of [France|country/france] said that the minister, Jean Dupont, criticized [Iran] sharply.",
            ],
            &[("france", "iran", Neu)],
        ),
        (
            &["In February [France] condemned [Iran] on Monday."],
            &[("france", "iran", Neg)],
        ),
    ]);
}

#[test]
fn appositions_and_titles_resolve_to_the_head() {
    check(&[
        (
            &["[Pezeshkian|person/masoud-pezeshkian], [Iran]'s president, condemned [Israel]."],
            &[("masoud-pezeshkian", "israel", Neg)],
        ),
        (
            &[
                "[Macron|person/emmanuel-macron], the [French|country/france] president, praised [Germany].",
            ],
            &[("emmanuel-macron", "germany", Pos)],
        ),
        (
            &[
                "[Iranian|country/iran] President [Masoud Pezeshkian|person/masoud-pezeshkian] condemned [Israel].",
            ],
            &[("masoud-pezeshkian", "israel", Neg)],
        ),
        (
            &[
                "[Iran] accused [U.S.|country/united-states] President [Donald Trump|person/donald-trump] of lying.",
            ],
            &[("iran", "donald-trump", Neg)],
        ),
        (
            &[
                "[Khamenei|person/ali-khamenei], who in February condemned talks with [the U.S.|country/united-states], spoke again.",
            ],
            &[("ali-khamenei", "united-states", Neg)],
        ),
    ]);
}

#[test]
fn demonyms_metonyms_and_predicate_nouns() {
    check(&[
        (
            &["[Iran] rejected [American|country/united-states] pressure."],
            &[("iran", "united-states", Neg)],
        ),
        (
            &["[Israel]'s airstrikes on [Gaza|place/gaza] continued."],
            &[("israel", "gaza", Neg)],
        ),
        (
            &["New [U.S.|country/united-states] sanctions on [Iran] took effect."],
            &[("united-states", "iran", Neg)],
        ),
        (
            &["[Oman] mediated between [Iran] and [the United States|country/united-states]."],
            &[("oman", "iran", Pos), ("oman", "united-states", Pos)],
        ),
        (
            &[
                "[Iranian|country/iran] officials expressed opposition to [American|country/united-states] pressure and threats.",
            ],
            &[("iran", "united-states", Neg)],
        ),
        (
            &[
                "The attacks were met with forceful [Israeli|country/israel] retaliation, including strikes within [Iran].",
            ],
            &[("israel", "iran", Neg)],
        ),
    ]);
}

#[test]
fn relations_carry_cue_category_intensity_and_spans() {
    let finder = StanceFinder::rules_only().unwrap();
    let doc = document(&["[Iran] was condemned by [France] on Monday."]);
    let rels = finder.find(&doc);
    assert_eq!(rels.len(), 1);
    let r = &rels[0];
    assert_eq!(r.cue, "condemned");
    assert_eq!(r.cue_span.slice(&doc.article.text), "condemned");
    assert_eq!(r.category, "criticize");
    assert!(r.intensity < 0.0 && r.intensity >= -10.0);
    assert_eq!(r.source_span.slice(&doc.article.text), "France");
    assert_eq!(r.target_span.slice(&doc.article.text), "Iran");
    assert_eq!((r.article.as_str(), r.sentence), ("t", 0));

    let doc = document(&["[France] did not condemn [Iran]."]);
    let rels = finder.find(&doc);
    assert_eq!(rels[0].cue, "did not condemn");
    assert_eq!(rels[0].intensity, 0.0);
}

#[test]
fn the_shipped_model_keeps_clear_rule_findings() {
    let finder = StanceFinder::builtin().unwrap();
    for (sentence, want) in [
        (
            "[Britain] and [France] condemned [Iran]'s missile test.",
            vec![("britain", "iran", Neg), ("france", "iran", Neg)],
        ),
        (
            "[Iran] was condemned by [France].",
            vec![("france", "iran", Neg)],
        ),
    ] {
        let got = triples(&finder.find(&document(&[sentence])));
        let want: Vec<_> = want
            .into_iter()
            .map(|(s, t, p)| (s.to_string(), t.to_string(), p))
            .collect();
        assert_eq!(got, want, "{sentence}");
    }
}

#[test]
fn odd_documents_do_not_panic() {
    let finder = StanceFinder::builtin().unwrap();
    // no sentences, mentions pointing outside the text, empty text
    let mut doc = document(&["[Iran] condemned [Israel]."]);
    doc.sentences.clear();
    assert!(finder.find(&doc).is_empty());
    let mut doc = document(&["[Iran] condemned [Israel]."]);
    doc.mentions[1].span = Span::new(500, 510);
    doc.mentions[0].sentence = 7;
    let _ = finder.find(&doc);
    assert!(finder.find(&Document::default()).is_empty());
}

#[test]
fn records_carry_names_spans_and_the_sentence() {
    let finder = StanceFinder::rules_only().unwrap();
    let mut doc = document(&["It rained.", "[Iran] was condemned by [France] on Monday."]);
    doc.entities.push(crate::model::Entity::new(
        EntityId("country/france".into()),
        "French Republic",
        EntityType::Country,
    ));
    let rels = finder.find(&doc);
    let rec = super::RelationRecord::new(&doc, &rels[0]);
    let json = serde_json::to_value(&rec).unwrap();
    assert_eq!(json["source"]["id"], "country/france");
    assert_eq!(json["source"]["name"], "French Republic");
    assert_eq!(json["target"]["name"], "Iran");
    assert_eq!(json["polarity"], "negative");
    assert_eq!(json["sentence"], 1);
    assert_eq!(json["text"], "Iran was condemned by France on Monday.");
    let [s, e] = rec.source.span;
    assert_eq!(&doc.article.text[s..e], "France");
}

/// Through the whole pipeline (taggers, parser, coreference, quotes): the relations of
/// an article as (source name, target name, polarity).
fn extracted(text: &str) -> Vec<(String, String, Polarity)> {
    let x = crate::extract::Extractor::builtin().expect("models");
    let doc = x.extract(Article {
        id: "t".into(),
        text: text.into(),
        ..Article::default()
    });
    let name = |id: &EntityId| {
        doc.entities
            .iter()
            .find(|e| &e.id == id)
            .map_or_else(|| id.as_str().to_string(), |e| e.name.clone())
    };
    let mut out: Vec<_> = StanceFinder::builtin()
        .unwrap()
        .find(&doc)
        .iter()
        .map(|r| (name(&r.source), name(&r.target), r.polarity))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn has(got: &[(String, String, Polarity)], s: &str, t: &str, p: Polarity) -> bool {
    got.iter().any(|g| g.0 == s && g.1 == t && g.2 == p)
}

#[test]
fn a_title_before_a_name_is_the_persons_not_a_second_agent() {
    let got = extracted(
        "Philippine president Fidel Ramos thanked Indonesian president Suharto for his support.",
    );
    assert!(!got.iter().any(|g| g.0 == "Philippines"), "{got:?}");
}

#[test]
fn the_backer_of_a_group_supports_it_and_is_not_what_is_attacked() {
    let got =
        extracted("U.S. warplanes struck Iranian-backed Houthi fighters in Yemen on Tuesday.");
    assert!(has(&got, "United States", "Houthis", Neg), "{got:?}");
    assert!(has(&got, "Iran", "Houthis", Pos), "{got:?}");
    assert!(
        !got.iter().any(|g| g.0 == "United States" && g.1 == "Iran"),
        "{got:?}"
    );
}

#[test]
fn a_range_from_one_conflict_to_another_links_no_one_across_it() {
    let got = extracted(
        "Regional conflicts, from Israel's war with Hamas to U.S. strikes on the Houthis, \
         have raised fears.",
    );
    assert!(has(&got, "Israel", "Hamas", Neg), "{got:?}");
    assert!(
        !got.iter()
            .any(|g| g.0 == "Israel" && g.1 == "United States"),
        "{got:?}"
    );
}

#[test]
fn a_state_body_and_its_speakers_do_not_turn_on_their_own_country() {
    let got = extracted(
        "Iranian parliament speaker Mohammad Bagher Qalibaf warned that any attack on \
         Iran's sovereignty would ignite the region.",
    );
    assert!(!got.iter().any(|g| g.1 == "Iran"), "{got:?}");
    let got = extracted(
        "Britain's Defence Ministry said two British soldiers were shot dead in Helmand.",
    );
    assert!(!got.iter().any(|g| g.1 == "United Kingdom"), "{got:?}");
}

#[test]
fn refusing_the_support_one_gives_is_opposition() {
    let got = extracted("Tony Blair said he would not provide support to Robert Mugabe.");
    assert!(has(&got, "Tony Blair", "Robert Mugabe", Neg), "{got:?}");
}

#[test]
fn a_name_in_commas_after_its_title_is_the_agent() {
    let got = extracted(
        "Iran's influential former president, Akbar Hashemi Rafsanjani, has praised the \
         late Pope John Paul II as a man of peace.",
    );
    assert!(
        got.iter()
            .any(|g| g.0 == "Akbar Hashemi Rafsanjani" && g.2 == Pos),
        "{got:?}"
    );
    assert!(!got.iter().any(|g| g.0 == "Iran"), "{got:?}");
}

#[test]
fn an_outlet_known_only_by_its_name_is_a_channel() {
    let got = extracted("According to the Miami Herald, the CIA has warned the White House.");
    assert!(!got.iter().any(|g| g.0.contains("Herald")), "{got:?}");
}
