//! Sports-team metonymy: in sports reporting a country or city name usually stands for a
//! team ("England beat Pakistan", "CHICAGO 3 Boston 2"), and a match result is no relation
//! between countries. A report is recognised by the density of sports vocabulary and
//! scores (one linear pass over its tokens); inside one, a country or city name is a team
//! unless its context makes it a nationality, a venue or a dateline.

use std::sync::OnceLock;

use crate::model::{Document, Span, TokenKind};

/// Words (lower case) that mark sports reporting. Each is weak alone; a report has many.
const CUES: &[&str] = &[
    "aces",
    "athlete",
    "athletes",
    "athletics",
    "baseball",
    "basketball",
    "batsman",
    "batsmen",
    "batting",
    "beat",
    "birdie",
    "birdies",
    "bogey",
    "bogeys",
    "bout",
    "bowled",
    "bowler",
    "bowlers",
    "bowling",
    "boxer",
    "boxers",
    "boxing",
    "captain",
    "championship",
    "championships",
    "club",
    "coach",
    "cricket",
    "cup",
    "cycling",
    "cyclist",
    "cyclists",
    "defeated",
    "defender",
    "draw",
    "drew",
    "equaliser",
    "equalizer",
    "fifa",
    "final",
    "finals",
    "fixture",
    "fixtures",
    "football",
    "game",
    "games",
    "goal",
    "goalkeeper",
    "goalless",
    "goals",
    "golf",
    "golfer",
    "golfers",
    "half-time",
    "halftime",
    "heavyweight",
    "hockey",
    "homer",
    "homered",
    "hurdles",
    "inning",
    "innings",
    "jockey",
    "knocked-out",
    "knockout",
    "lap",
    "laps",
    "league",
    "lightweight",
    "marathon",
    "match",
    "matches",
    "medal",
    "metres",
    "middleweight",
    "midfielder",
    "mlb",
    "nba",
    "nfl",
    "nhl",
    "not-out",
    "olympic",
    "olympics",
    "over-par",
    "overs",
    "penalty",
    "pitcher",
    "played",
    "player",
    "players",
    "podium",
    "putt",
    "putts",
    "qualifier",
    "quarter-final",
    "quarterback",
    "quarterfinal",
    "quarterfinals",
    "racing",
    "rebounds",
    "relay",
    "rugby",
    "runs",
    "scored",
    "scoreline",
    "scorer",
    "scorers",
    "season",
    "seeded",
    "semi-final",
    "semifinal",
    "semifinals",
    "soccer",
    "sprint",
    "sprinter",
    "sprinters",
    "squad",
    "stadium",
    "standings",
    "striker",
    "tennis",
    "test-match",
    "touchdown",
    "touchdowns",
    "tournament",
    "uefa",
    "under-par",
    "victory",
    "welterweight",
    "wicket",
    "wickets",
    "win",
    "won",
];

/// Words before a name that make it a venue or origin, not a team ("in Chicago").
const VENUE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "born",
    "native",
    "visit",
    "visited",
    "arrive",
    "arrived",
    "arriving",
    "leave",
    "left",
    "flew",
];

/// Where a document talks sport: the whole report, or single result sentences in other
/// news ("Iran beat Japan 2-1 in the final").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SportsContext {
    pub report: bool,
    /// Per sentence: a score right after a name, plus sports vocabulary.
    pub results: Vec<bool>,
}

impl SportsContext {
    /// One pass over the tokens of `doc`.
    pub fn of(doc: &Document) -> SportsContext {
        let text = &doc.article.text;
        let results = doc
            .sentences
            .iter()
            .map(|s| {
                let toks = doc.tokens.get(s.tokens.clone()).unwrap_or(&[]);
                let scored = toks.windows(2).any(|w| {
                    w[0].kind == TokenKind::Word
                        && w[0].span.slice(text).starts_with(char::is_uppercase)
                        && w[1].kind == TokenKind::Number
                        && is_score(w[1].span.slice(text))
                });
                scored
                    && toks
                        .iter()
                        .any(|t| t.kind == TokenKind::Word && is_cue(t.span.slice(text)))
            })
            .collect();
        SportsContext {
            report: is_sports_report(doc),
            results,
        }
    }

    /// Is sentence `i` about sport?
    pub fn covers(&self, sentence: usize) -> bool {
        self.report || self.results.get(sentence).copied().unwrap_or(false)
    }
}

/// Is `word` sports vocabulary ("BASEBALL", "League")? Such a word is never a team's place.
pub fn is_cue(word: &str) -> bool {
    if word.len() > 16 {
        return false;
    }
    // Called for every word of every article: ASCII words are lowercased on the stack,
    // packed into two integers and looked up among the packed cues.
    if word.is_ascii() {
        static PACKED: OnceLock<Vec<[u64; 2]>> = OnceLock::new();
        let packed = PACKED.get_or_init(|| {
            let mut p: Vec<[u64; 2]> = CUES.iter().filter_map(|c| pack_lower(c)).collect();
            p.sort_unstable();
            p
        });
        return pack_lower(word).is_some_and(|w| packed.binary_search(&w).is_ok());
    }
    CUES.binary_search(&word.to_lowercase().as_str()).is_ok()
}

/// An ASCII word of at most 15 bytes, lowercased and zero-padded, with its length in
/// the last byte, as two integers.
fn pack_lower(word: &str) -> Option<[u64; 2]> {
    if word.len() > 15 || !word.is_ascii() {
        return None;
    }
    let mut b = [0u8; 16];
    b[..word.len()].copy_from_slice(word.as_bytes());
    b.make_ascii_lowercase();
    b[15] = word.len() as u8;
    let (lo, hi) = b.split_at(8);
    Some([
        u64::from_le_bytes(lo.try_into().ok()?),
        u64::from_le_bytes(hi.try_into().ok()?),
    ])
}

/// Is `doc` a sports report? At least three cues (words, scores, results lines), and at
/// least one per 30 words: a political story with "won the vote" and "a game of chicken" stays below.
pub fn is_sports_report(doc: &Document) -> bool {
    let text = &doc.article.text;
    let mut words = 0usize;
    let mut cues = 0usize;
    let capitalised = |i: usize| {
        doc.tokens.get(i).is_some_and(|t| {
            t.kind == TokenKind::Word && t.span.slice(text).starts_with(char::is_uppercase)
        })
    };
    for (i, t) in doc.tokens.iter().enumerate() {
        let w = t.span.slice(text);
        match t.kind {
            TokenKind::Word => {
                words += 1;
                if is_cue(w) {
                    cues += 1;
                }
            }
            TokenKind::Number => {
                words += 1;
                // "6-4", or a results line "Denver 5 Seattle 3".
                // Standings: "BOSTON 69 65 .515".
                let before = if i > 0 {
                    doc.tokens[i - 1].span.slice(text)
                } else {
                    ""
                };
                let shouted = before.len() >= 3 && before.chars().all(|c| c.is_uppercase());
                let number_next = doc
                    .tokens
                    .get(i + 1)
                    .is_some_and(|t| t.kind == TokenKind::Number);
                let table = w.len() <= 3
                    && w.bytes().all(|c| c.is_ascii_digit())
                    && i > 0
                    && capitalised(i - 1)
                    && (capitalised(i + 1) || number_next || shouted)
                    && !MONTHS.contains(&before);
                if is_score(w) || table {
                    cues += 1;
                }
            }
            _ => {}
        }
    }
    cues >= 3 && cues * 30 >= words
}

/// "6-4", "2-1", "108-3": a score, not a date ("1996-08-30") or a range of years.
fn is_score(w: &str) -> bool {
    let mut parts = w.split('-');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let small = |p: &str| (1..=3).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit());
    small(a) && small(b)
}

/// A date or year right after a name marks a dateline ("LONDON 1996-08-30"); a score
/// ("228-9") does not.
fn is_date(w: &str) -> bool {
    let mut parts = w.split(['-', '/']);
    parts.clone().any(|p| p.len() == 4)
        && parts.all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|c| c.is_ascii_digit()))
}

/// Nouns after a name that make it a nationality ("U.S. citizen", "Scotland players").
const NATIONALITY_NOUNS: &[&str] = &[
    "born",
    "citizen",
    "citizens",
    "collegiate",
    "national",
    "nationals",
    "passport",
];

/// Words before "to"/"towards" that make the name a destination ("the trip to Sarajevo").
const TRAVEL: &[&str] = &[
    "trip",
    "travel",
    "travels",
    "travelled",
    "traveled",
    "heads",
    "head",
    "return",
    "returned",
    "returns",
    "flew",
    "moved",
    "went",
    "go",
    "gesture",
    "visit",
];

/// Months (and their abbreviations) before a number: "Aug 28" is a date, not a score line.
const MONTHS: &[&str] = &[
    "Jan",
    "January",
    "Feb",
    "February",
    "Mar",
    "March",
    "Apr",
    "April",
    "May",
    "Jun",
    "June",
    "Jul",
    "July",
    "Aug",
    "August",
    "Sep",
    "Sept",
    "September",
    "Oct",
    "October",
    "Nov",
    "November",
    "Dec",
    "December",
];

/// In a sports report, does the country or city name at `span` stand for a team?
/// Not when it gives a nationality or origin ("Tim Henman ( Britain )", "Jamaica's Michael
/// Green", "Benetton of Italy", "U.S. citizen"), a venue or destination ("in Chicago",
/// "the trip to Sarajevo") or a dateline ("LONDON 1996-08-30", "MILWAUKEE, Wisconsin").
///
/// `country`: the name is a country's. A possessive before a person ("Jamaica's Michael
/// Green") gives a country's athlete his nationality, but a city's ("Atlanta's Tom
/// Glavine") his club.
pub fn names_team(doc: &Document, span: Span, country: bool) -> bool {
    let text = &doc.article.text;
    let first = doc.tokens.partition_point(|t| t.span.start < span.start);
    let after = doc.tokens.partition_point(|t| t.span.start < span.end);
    let word = |i: usize| doc.tokens.get(i).map(|t| t.span.slice(text)).unwrap_or("");
    let lower = |i: usize| word(i).to_lowercase();
    let prev = if first > 0 {
        lower(first - 1)
    } else {
        String::new()
    };
    let prev2 = if first > 1 {
        lower(first - 2)
    } else {
        String::new()
    };
    let next = word(after);
    if prev == "(" && next == ")" {
        return false;
    }
    let prev2_name = first > 1 && word(first - 2).starts_with(char::is_uppercase);
    // "Milwaukee at CHICAGO", "Spain at Belgium": a fixture, not a venue.
    if VENUE.contains(&prev.as_str()) && !(prev == "at" && prev2_name) {
        return false;
    }
    // "Benetton of Italy", "Jesper Parnevik of Sweden" — but "three of Chicago's errors".
    if prev == "of" && prev2_name {
        return false;
    }
    // "at the Oval", "in the U.S." — one determiner between.
    if prev == "the" && VENUE.contains(&prev2.as_str()) {
        return false;
    }
    if matches!(prev.as_str(), "to" | "towards" | "toward") && TRAVEL.contains(&prev2.as_str()) {
        return false;
    }
    // A dateline: the name, maybe ", Region", then a date.
    let mut i = after;
    if word(i) == "," {
        i += 1;
        while i < after + 4 && word(i).starts_with(char::is_uppercase) {
            i += 1;
        }
    }
    if is_date(word(i)) {
        return false;
    }
    // A possessive before a person's name: "Jamaica's Michael Green" ("Jamaica 's" in
    // pre-tokenised text is "'" "s").
    let owner = match next {
        "'s" | "’s" => Some(after + 1),
        "'" | "’" if word(after + 1) == "s" => Some(after + 2),
        _ => None,
    };
    if country && owner.is_some_and(|o| word(o).starts_with(char::is_uppercase)) {
        return false;
    }
    !NATIONALITY_NOUNS.contains(&next.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;
    use crate::nlp::{sentence, tokenize};

    fn doc(text: &str) -> Document {
        let tokens = tokenize::tokenize(text);
        let sentences = sentence::split_sentences(text, &tokens);
        Document {
            article: Article {
                text: text.to_string(),
                ..Article::default()
            },
            tokens,
            sentences,
            ..Document::default()
        }
    }

    #[test]
    fn cues_are_sorted_lowercase_and_found_in_any_case() {
        // `is_cue` binary-searches the list.
        assert!(CUES.windows(2).all(|w| w[0] < w[1]));
        // Packed lookups take words of at most 15 bytes.
        assert!(CUES.iter().all(|c| *c == c.to_lowercase() && c.len() <= 15));
        for (word, want) in [
            ("League", true),
            ("BASEBALL", true),
            ("league", true),
            ("Leagues", false),
            ("Ministry", false),
            ("", false),
            ("a-very-long-word-indeed", false),
            ("LÉAGUE", false),
            ("league\0", false),
        ] {
            assert_eq!(is_cue(word), want, "{word}");
        }
        assert!(CUES.iter().all(|c| is_cue(c) && is_cue(&c.to_uppercase())));
    }

    #[test]
    fn sports_reports_are_told_from_other_news() {
        for (text, want) in [
            (
                "Brazil beat Norway 2-1 in a friendly match on Sunday. The striker scored \
                 twice before halftime and the coach praised the defence.",
                true,
            ),
            (
                "Results of the second round: Anna Berg (Sweden) beat Marta Ruiz (Spain) \
                 6-4 6-3, Lena Vogt (Austria) beat Kim Lee (Canada) 7-5 6-2.",
                true,
            ),
            (
                "Denver 5 Seattle 3. Toronto 2 Boston 1. Kansas City 4 Detroit 0.",
                true,
            ),
            (
                "AMERICAN LEAGUE W L PCT NEW YORK 74 59 .556 BOSTON 69 65 .515 \
                 TORONTO 63 71 .470",
                true,
            ),
            (
                "Iran has formally responded to the proposal, officials said. The United \
                 States warned that talks could collapse, and Israel struck targets in \
                 Gaza. The opposition won the vote in parliament after a long debate.",
                false,
            ),
        ] {
            assert_eq!(is_sports_report(&doc(text)), want, "{text}");
        }
    }

    #[test]
    fn names_in_sports_reports_are_teams_unless_nationality_venue_or_dateline() {
        let cases = [
            ("England beat Pakistan by five wickets.", "England", true),
            ("England beat Pakistan by five wickets.", "Pakistan", true),
            ("The game in Chicago was rained off.", "Chicago", false),
            ("Mark Lane (Australia) won the final.", "Australia", false),
            ("Jamaica's Dean Cole was second.", "Jamaica", false),
            (
                "Hill was surplus to England's requirements.",
                "England",
                true,
            ),
            ("LONDON 1998-05-02 Kent won the toss.", "LONDON", false),
            (
                "OLDTOWN, Israel 1998-05-02 Result of the qualifier.",
                "Israel",
                false,
            ),
            ("Results played at the Oval on Friday.", "Oval", false),
            ("DENVER 5 Seattle 3", "Seattle", true),
            ("Scores: Australia 228-9 in 50 overs.", "Australia", true),
            ("SOUTH AFRICA BEAT ALL BLACKS 32-22", "SOUTH AFRICA", true),
            ("FRANCE OPEN 1998 CAMPAIGN WITH A WIN", "FRANCE", true),
            (
                "MILLTOWN, Wisconsin 1998-05-02 Nolan Hale shot 62.",
                "MILLTOWN",
                false,
            ),
            ("Jamaica 's Dean Cole was second.", "Jamaica", false),
            ("Rapid of Austria beat Dinamo.", "Austria", false),
            ("He became a U.S. citizen in 1994.", "U.S.", false),
            (
                "He refused to make the trip to Sarajevo.",
                "Sarajevo",
                false,
            ),
            ("Brazil lost to Italy in the final.", "Italy", true),
            ("Atlanta's Tom Glass pitched well.", "Atlanta", true),
            ("It was one of Chicago's four errors.", "Chicago", true),
            ("Draw: Spain at Belgium, Italy at Japan.", "Belgium", true),
            ("He was named the new England captain.", "England", true),
        ];
        for (text, name, want) in cases {
            let d = doc(text);
            let start = text.find(name).unwrap_or_default();
            let span = Span::new(start, start + name.len());
            let country = !matches!(name, "Chicago" | "LONDON" | "MILLTOWN" | "Atlanta");
            assert_eq!(names_team(&d, span, country), want, "{name} in {text}");
        }
    }

    #[test]
    fn a_result_in_other_news_is_sport_only_in_its_sentence() {
        let politics = "The foreign ministers met in Geneva on Monday to discuss the sanctions \
                        regime and the talks would continue next week, officials said. ";
        let text = format!(
            "{}In football, Iran beat Japan 2-1 in the Asian Cup final. \
             Parliament voted 21-18 for the budget, a narrow victory for the government.",
            politics.repeat(10)
        );
        let ctx = SportsContext::of(&doc(&text));
        assert!(!ctx.report);
        let sport: Vec<usize> = (0..ctx.results.len()).filter(|&i| ctx.covers(i)).collect();
        assert_eq!(sport, [10]);
    }

    #[test]
    fn dates_are_not_scores() {
        for (w, want) in [
            ("1996-08-30", true),
            ("1996", true),
            ("30/08/1996", true),
            ("228-9", false),
            ("32-22", false),
            ("1/2", false),
        ] {
            assert_eq!(is_date(w), want, "{w}");
        }
    }

    #[test]
    fn scores_are_not_dates() {
        for (w, want) in [
            ("6-4", true),
            ("108-3", true),
            ("1996-08-30", false),
            ("1950-53", false),
            ("228-9", true),
            ("4", false),
        ] {
            assert_eq!(is_score(w), want, "{w}");
        }
    }
}
