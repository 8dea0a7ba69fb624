//! The gazetteer: countries, organizations, people and places with their aliases, dated
//! offices, titles and given names, embedded from `data/gazetteer/` and indexed once.
//! An alias may name several entities ("Georgia", "Congolese"): lookups return every hit
//! and the resolver decides. Matching is case-sensitive, except that all-capital text
//! (datelines, headlines) may match an alias case-insensitively.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use crate::error::{Error, Result};
use crate::model::{EntityId, EntityType, ExternalIds, Span};

const COUNTRIES: &str = include_str!("../../data/gazetteer/countries.tsv");
const ORGANIZATIONS: &str = include_str!("../../data/gazetteer/organizations.tsv");
const PEOPLE: &str = include_str!("../../data/gazetteer/people.tsv");
const PLACES: &str = include_str!("../../data/gazetteer/places.tsv");
const OFFICES: &str = include_str!("../../data/gazetteer/offices.tsv");
const TITLES: &str = include_str!("../../data/gazetteer/titles.txt");
const FIRST_NAMES: &str = include_str!("../../data/gazetteer/first_names.txt");

/// One entity the gazetteer knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazEntity {
    pub id: EntityId,
    pub name: String,
    pub etype: EntityType,
    pub ids: ExternalIds,
    /// The country it belongs to (for a country: none).
    pub country: Option<EntityId>,
    /// Organization kind (`igo`, `armed_group`, `media`...), place kind (`capital`,
    /// `contested`...), country status (`member`, `observer`, `territory`...); empty for people.
    pub kind: String,
    /// Other names, acronyms and spellings (not the canonical name, not demonyms).
    pub aliases: Vec<String>,
    /// Adjectives and demonyms standing for the entity ("Iranian", "Houthi").
    pub demonyms: Vec<String>,
    /// Countries only: the capital's place id.
    pub capital: Option<EntityId>,
}

/// How a surface form names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AliasKind {
    /// The canonical name.
    Name,
    /// Another full name or spelling.
    Alias,
    /// An all-capital short form: "IAEA", "U.S.", "DPRK".
    Acronym,
    /// An adjective or inhabitant noun: "Iranian", "Emiratis", "Houthi".
    Demonym,
    /// A person's surname alone: "Pezeshkian".
    Surname,
}

/// One entity a surface form may stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AliasHit {
    /// Index into [`Gazetteer::entities`].
    pub entity: usize,
    pub kind: AliasKind,
}

/// An alias occurrence in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazMatch {
    /// Byte span in the text searched.
    pub span: Span,
    /// Every entity the matched text may stand for.
    pub hits: Vec<AliasHit>,
    /// True when the text is in capitals and matched an alias that is not ("ERBIL").
    pub folded: bool,
}

/// A dated office: `person` was `office` of `country` (a country or organization id)
/// from `start` (inclusive) to `end` (exclusive; `None` while in office).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Office {
    pub person: EntityId,
    pub office: String,
    pub country: EntityId,
    pub start: String,
    pub end: Option<String>,
}

impl Office {
    /// Whether the office was held on `date` (`YYYY-MM-DD`).
    pub fn held_on(&self, date: &str) -> bool {
        self.start.as_str() <= date && self.end.as_deref().is_none_or(|end| date < end)
    }
}

/// The entity tables and the alias index over them.
pub struct Gazetteer {
    entities: Vec<GazEntity>,
    by_id: HashMap<EntityId, usize>,
    /// Normalised alias -> hits, for [`Gazetteer::lookup`].
    exact: HashMap<String, Vec<AliasHit>>,
    /// Upper-cased alias -> hits, for all-capital text.
    upper: HashMap<String, Vec<AliasHit>>,
    /// Pattern i of the automaton -> (hits, folded).
    patterns: Vec<(Vec<AliasHit>, bool)>,
    automaton: AhoCorasick,
    capitals: HashMap<EntityId, EntityId>,
    offices: Vec<Office>,
    /// Lower-cased.
    titles: HashSet<String>,
    first_names: HashSet<String>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entities", &self.entities.len())
            .field("aliases", &self.exact.len())
            .field("offices", &self.offices.len())
            .finish()
    }
}

impl Gazetteer {
    /// The gazetteer built from the embedded `data/gazetteer/` files, parsed on first use.
    pub fn builtin() -> &'static Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The embedded files are guarded by the invariant tests below; failing here
            // means the crate was built from corrupt data, not that a user erred.
            match Tables::builtin().and_then(Tables::into_gazetteer) {
                Ok(g) => g,
                Err(e) => panic!("embedded gazetteer data is corrupt: {e}"),
            }
        })
    }

    /// The built-in gazetteer extended by a user file (format in `data/gazetteer/README.md`):
    /// rows add entities and aliases, or override built-in entities by id.
    pub fn with_user_file(path: &Path) -> Result<Gazetteer> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(Some(path), e))?;
        let mut tables = Tables::builtin()?;
        tables.add_user_rows(&path.display().to_string(), &text)?;
        tables.into_gazetteer()
    }

    /// Every entity, in id order; [`AliasHit::entity`] indexes this slice.
    pub fn entities(&self) -> &[GazEntity] {
        &self.entities
    }

    pub fn get(&self, id: &EntityId) -> Option<&GazEntity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The entities `surface` may stand for. The surface is normalised first (curly
    /// apostrophes, runs of whitespace, a leading "the"); matching is case-sensitive unless
    /// the surface is all capitals. A possessive ("Iran's") is dropped when the whole
    /// surface is not an alias itself ("St. John's" is).
    pub fn lookup(&self, surface: &str) -> &[AliasHit] {
        let key = normalize(surface);
        let hits = self.lookup_key(&key);
        if !hits.is_empty() {
            return hits;
        }
        match key.strip_suffix("'s").or_else(|| key.strip_suffix("'S")) {
            Some(stem) => self.lookup_key(stem),
            None => hits,
        }
    }

    fn lookup_key(&self, key: &str) -> &[AliasHit] {
        if let Some(hits) = self.exact.get(key) {
            return hits;
        }
        if is_all_caps(key) {
            if let Some(hits) = self.upper.get(key) {
                return hits;
            }
        }
        &[]
    }

    /// Every leftmost-longest alias occurrence in `text` that starts and ends on a word
    /// boundary, in text order. A possessive ('s, ’s) after a match is fine.
    pub fn find(&self, text: &str) -> Vec<GazMatch> {
        let spaced = SpacedText::new(text);
        let mut found = self.find_in(&spaced.text);
        if !spaced.shifts.is_empty() {
            for m in &mut found {
                // A match starts and ends on a copied character, never inside a collapsed
                // run of whitespace.
                m.span = Span::new(
                    spaced.original(m.span.start),
                    spaced.original(m.span.end - 1) + 1,
                );
            }
        }
        found
    }

    fn find_in(&self, haystack: &str) -> Vec<GazMatch> {
        let hay = haystack.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = self.automaton.find(Input::new(hay).range(pos..)) else {
                break;
            };
            let (start, end) = (m.start(), m.end());
            if starts_word(haystack, start) {
                if ends_word(haystack, end) {
                    let (hits, folded) = &self.patterns[m.pattern().as_usize()];
                    out.push(GazMatch {
                        span: Span::new(start, end),
                        hits: hits.clone(),
                        folded: *folded,
                    });
                    pos = end;
                    continue;
                }
                // "Gaza Strips": try the shorter aliases that end on a word boundary inside
                // the match ("Gaza").
                if let Some(found) = self.shorter_match(haystack, start, end) {
                    pos = found.span.end;
                    out.push(found);
                    continue;
                }
            }
            pos = next_char(haystack, start);
        }
        out
    }

    fn shorter_match(&self, text: &str, start: usize, end: usize) -> Option<GazMatch> {
        let candidate = &text[start..end];
        let mut cut = candidate.len();
        while let Some((i, _)) = candidate[..cut]
            .char_indices()
            .rev()
            .find(|&(i, c)| i > 0 && !c.is_alphanumeric() && ends_word(text, start + i))
        {
            let sub = candidate[..i].trim_end();
            let sub_end = start + sub.len();
            if !sub.is_empty() && ends_word(text, sub_end) {
                if let Some(hits) = self.exact.get(&normalize(sub)) {
                    return Some(GazMatch {
                        span: Span::new(start, sub_end),
                        hits: hits.clone(),
                        folded: false,
                    });
                }
                if let Some(hits) = self.upper.get(sub).filter(|_| is_all_caps(sub)) {
                    return Some(GazMatch {
                        span: Span::new(start, sub_end),
                        hits: hits.clone(),
                        folded: true,
                    });
                }
            }
            cut = i;
        }
        None
    }

    /// The country whose capital or seat of government `place` is ("Tehran" -> Iran).
    /// The ISO 3166 alpha-3 code an entity stands for in event data: a country's own, or
    /// that of the country a person, organization or place belongs to.
    pub fn country_code(&self, id: &EntityId) -> Option<String> {
        let e = self.get(id)?;
        let country = match e.etype {
            EntityType::Country => e,
            _ => self.get(e.country.as_ref()?)?,
        };
        country.ids.iso3.clone()
    }

    pub fn capital_country(&self, place: &EntityId) -> Option<&EntityId> {
        self.capitals.get(place)
    }

    /// Holders of `office` for `country` (a country or organization id) on `date`
    /// (`YYYY-MM-DD`), or the current holders when `date` is `None`; latest start first.
    pub fn office_holders(
        &self,
        country: &EntityId,
        office: &str,
        date: Option<&str>,
    ) -> Vec<&GazEntity> {
        let mut held: Vec<&Office> = self
            .offices
            .iter()
            .filter(|o| &o.country == country && o.office == office)
            .filter(|o| match date {
                Some(d) => o.held_on(d),
                None => o.end.is_none(),
            })
            .collect();
        held.sort_by(|a, b| b.start.cmp(&a.start).then(a.person.cmp(&b.person)));
        held.dedup_by(|a, b| a.person == b.person);
        held.iter().filter_map(|o| self.get(&o.person)).collect()
    }

    /// Every office `person` held, earliest first.
    pub fn offices_of(&self, person: &EntityId) -> Vec<&Office> {
        self.offices
            .iter()
            .filter(|o| &o.person == person)
            .collect()
    }

    /// Every office in the table (sorted by person, start).
    pub fn offices(&self) -> &[Office] {
        &self.offices
    }

    /// "President", "Gen.", "Ayatollah"... as listed, in lower case ("foreign minister")
    /// or in capitals.
    pub fn is_title(&self, word: &str) -> bool {
        self.titles.contains(&normalize(word).to_lowercase())
    }

    /// A common given name ("Masoud", "Donald"; "MASOUD" in headlines, never "said").
    pub fn is_first_name(&self, word: &str) -> bool {
        self.first_names.contains(word)
            || (is_all_caps(word) && self.first_names.contains(&title_case(word)))
    }
}

/// Text prepared for matching: every whitespace run ("Donald\nTrump", "Donald  Trump",
/// a no-break space) reads as the one space the aliases have.
struct SpacedText<'t> {
    text: std::borrow::Cow<'t, str>,
    /// `(offset in text, bytes removed before it)` after each run that changed length.
    shifts: Vec<(usize, usize)>,
}

impl<'t> SpacedText<'t> {
    fn new(original: &'t str) -> SpacedText<'t> {
        let mut out: Option<String> = None;
        let mut shifts = Vec::new();
        let mut removed = 0;
        let mut copied = 0;
        let mut chars = original.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !c.is_whitespace() {
                continue;
            }
            let mut j = i + c.len_utf8();
            while let Some(&(k, d)) = chars.peek() {
                if !d.is_whitespace() {
                    break;
                }
                j = k + d.len_utf8();
                chars.next();
            }
            if c == ' ' && j == i + 1 {
                continue;
            }
            let text = out.get_or_insert_with(|| String::with_capacity(original.len()));
            text.push_str(&original[copied..i]);
            text.push(' ');
            copied = j;
            if j - i != 1 {
                removed += j - i - 1;
                shifts.push((text.len(), removed));
            }
        }
        let text = match out {
            Some(mut text) => {
                text.push_str(&original[copied..]);
                std::borrow::Cow::Owned(text)
            }
            None => std::borrow::Cow::Borrowed(original),
        };
        SpacedText { text, shifts }
    }

    /// The offset in the original text of byte `pos` of the prepared text.
    fn original(&self, pos: usize) -> usize {
        match self.shifts.partition_point(|&(at, _)| at <= pos) {
            0 => pos,
            i => pos + self.shifts[i - 1].1,
        }
    }
}

/// The parsed files before the alias index is built; user rows are merged here.
struct Tables {
    entities: Vec<GazEntity>,
    seats: Vec<(EntityId, EntityId)>,
    offices: Vec<Office>,
    titles: HashSet<String>,
    first_names: HashSet<String>,
}

impl Tables {
    fn builtin() -> Result<Tables> {
        let mut entities = Vec::new();
        let mut seats = Vec::new();
        for row in rows("countries.tsv", COUNTRIES)? {
            let [
                id,
                name,
                official,
                iso2,
                iso3,
                qid,
                capital,
                aliases,
                demonyms,
                seat,
                status,
            ] = row.fields::<11>()?;
            let mut aliases = list(aliases);
            if !official.is_empty() && official != name && !aliases.iter().any(|a| a == official) {
                aliases.push(official.to_string());
            }
            let country = EntityId(id.to_string());
            if !seat.is_empty() {
                seats.push((EntityId(seat.to_string()), country.clone()));
            }
            entities.push(GazEntity {
                id: country,
                name: name.to_string(),
                etype: EntityType::Country,
                ids: ExternalIds {
                    qid: opt(qid),
                    iso2: opt(iso2),
                    iso3: opt(iso3),
                },
                country: None,
                kind: status.to_string(),
                aliases,
                demonyms: list(demonyms),
                capital: opt(capital).map(EntityId),
            });
        }
        for row in rows("organizations.tsv", ORGANIZATIONS)? {
            let [id, name, qid, country, kind, aliases, demonyms] = row.fields::<7>()?;
            entities.push(entity(
                id,
                name,
                EntityType::Organization,
                qid,
                country,
                kind,
                aliases,
                demonyms,
            ));
        }
        for row in rows("people.tsv", PEOPLE)? {
            let [id, name, qid, country, aliases] = row.fields::<5>()?;
            entities.push(entity(
                id,
                name,
                EntityType::Person,
                qid,
                country,
                "",
                aliases,
                "",
            ));
        }
        for row in rows("places.tsv", PLACES)? {
            let [id, name, qid, country, kind, aliases] = row.fields::<6>()?;
            entities.push(entity(
                id,
                name,
                EntityType::Place,
                qid,
                country,
                kind,
                aliases,
                "",
            ));
        }
        let mut offices = Vec::new();
        for row in rows("offices.tsv", OFFICES)? {
            let [person, office, country, start, end] = row.fields::<5>()?;
            offices.push(Office {
                person: EntityId(person.to_string()),
                office: office.to_string(),
                country: EntityId(country.to_string()),
                start: start.to_string(),
                end: opt(end),
            });
        }
        Ok(Tables {
            entities,
            seats,
            offices,
            titles: word_list(TITLES)
                .into_iter()
                .map(|t| t.to_lowercase())
                .collect(),
            first_names: word_list(FIRST_NAMES),
        })
    }

    /// Merges a user file: `type id name qid country kind aliases demonyms`, header first.
    fn add_user_rows(&mut self, file: &str, text: &str) -> Result<()> {
        let mut index: HashMap<EntityId, usize> = self
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let iso2: HashMap<String, EntityId> = self
            .entities
            .iter()
            .filter_map(|e| Some((e.ids.iso2.clone()?, e.id.clone())))
            .collect();
        let mut header_seen = false;
        for (n, line) in text.lines().enumerate() {
            let place = format!("{file}:{}", n + 1);
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if !header_seen {
                header_seen = true;
                if fields
                    .first()
                    .is_some_and(|f| f.eq_ignore_ascii_case("type"))
                {
                    continue;
                }
                return Err(Error::input(
                    place,
                    "expected the header row `type id name qid country kind aliases demonyms`",
                ));
            }
            if fields.len() > USER_COLUMNS.len() {
                return Err(Error::input(
                    place,
                    format!(
                        "{} fields, at most {} expected ({})",
                        fields.len(),
                        USER_COLUMNS.len(),
                        USER_COLUMNS.join(" ")
                    ),
                ));
            }
            let get = |i: usize| fields.get(i).copied().unwrap_or("");
            let etype = EntityType::parse(get(0)).ok_or_else(|| {
                Error::input(
                    place.clone(),
                    format!("unknown type {:?} (person, country, org, place)", get(0)),
                )
            })?;
            let (id, name) = (get(1), get(2));
            if id.is_empty() && name.is_empty() {
                return Err(Error::input(place, "a row needs an id or a name"));
            }
            let id = if id.is_empty() {
                EntityId::from_name(etype, name)
            } else {
                let want = format!("{}/", etype.id_prefix());
                if !id.starts_with(&want) || id.len() == want.len() {
                    return Err(Error::input(
                        place,
                        format!("id {id:?} must start with {want:?} for type {etype}"),
                    ));
                }
                EntityId(id.to_string())
            };
            let qid = get(3);
            if !qid.is_empty() && !is_qid(qid) {
                return Err(Error::input(place, format!("malformed QID {qid:?}")));
            }
            let country = match get(4) {
                "" => None,
                c if c.contains('/') => {
                    let c = EntityId(c.to_string());
                    if !index.contains_key(&c) {
                        return Err(Error::input(place, format!("unknown country id {c}")));
                    }
                    Some(c)
                }
                c => Some(iso2.get(&c.to_ascii_uppercase()).cloned().ok_or_else(|| {
                    Error::input(place.clone(), format!("unknown country code {c:?}"))
                })?),
            };
            let (kind, aliases, demonyms) = (get(5), list(get(6)), list(get(7)));
            if let Some(&i) = index.get(&id) {
                let e = &mut self.entities[i];
                if e.etype != etype {
                    return Err(Error::input(
                        place,
                        format!("{id} is a {} in the built-in data", e.etype),
                    ));
                }
                if !name.is_empty() && name != e.name {
                    let old = std::mem::replace(&mut e.name, name.to_string());
                    e.aliases.push(old);
                }
                if !qid.is_empty() {
                    e.ids.qid = Some(qid.to_string());
                }
                if country.is_some() {
                    e.country = country;
                }
                if !kind.is_empty() {
                    e.kind = kind.to_string();
                }
                for a in aliases {
                    if a != e.name && !e.aliases.contains(&a) {
                        e.aliases.push(a);
                    }
                }
                for d in demonyms {
                    if !e.demonyms.contains(&d) {
                        e.demonyms.push(d);
                    }
                }
            } else {
                if name.is_empty() {
                    return Err(Error::input(place, format!("new entity {id} needs a name")));
                }
                index.insert(id.clone(), self.entities.len());
                self.entities.push(GazEntity {
                    id,
                    name: name.to_string(),
                    etype,
                    ids: ExternalIds {
                        qid: opt(qid),
                        ..ExternalIds::default()
                    },
                    country,
                    kind: kind.to_string(),
                    aliases,
                    demonyms,
                    capital: None,
                });
            }
        }
        Ok(())
    }

    fn into_gazetteer(mut self) -> Result<Gazetteer> {
        self.entities.sort_by(|a, b| a.id.cmp(&b.id));
        let by_id: HashMap<EntityId, usize> = self
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        if by_id.len() != self.entities.len() {
            return Err(Error::model("gazetteer: duplicate entity ids"));
        }

        let mut exact: HashMap<String, Vec<AliasHit>> = HashMap::new();
        for (i, e) in self.entities.iter().enumerate() {
            for (surface, kind) in surfaces(e) {
                let key = normalize(&surface);
                if !indexable(&key) {
                    continue;
                }
                add_hit(exact.entry(key).or_default(), AliasHit { entity: i, kind });
            }
        }
        let mut upper: HashMap<String, Vec<AliasHit>> = HashMap::new();
        for (key, hits) in &exact {
            let up = key.to_uppercase();
            // Only same-length upper-casing keeps the automaton's byte spans honest.
            if up.len() == key.len() {
                let slot = upper.entry(up).or_default();
                for &h in hits {
                    add_hit(slot, h);
                }
            }
        }
        for hits in exact.values_mut().chain(upper.values_mut()) {
            hits.sort_by_key(|h| (h.kind, h.entity));
        }

        // Patterns: each key as written, with a capitalised first letter ("al-Qaeda" at the
        // start of a sentence), with a typographic apostrophe, and each upper-cased key.
        let mut pattern_index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<(Vec<AliasHit>, bool)> = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let mut keys: Vec<&String> = exact.keys().collect();
        keys.sort();
        let mut add = |text: String, hits: &[AliasHit], folded: bool| {
            let i = *pattern_index.entry(text.clone()).or_insert_with(|| {
                texts.push(text);
                patterns.push((Vec::new(), folded));
                patterns.len() - 1
            });
            let slot = &mut patterns[i];
            slot.1 &= folded;
            for &h in hits {
                add_hit(&mut slot.0, h);
            }
        };
        for key in keys {
            let hits = &exact[key];
            for variant in variants(key) {
                add(variant, hits, false);
            }
        }
        let mut ups: Vec<&String> = upper.keys().collect();
        ups.sort();
        for up in ups {
            for variant in variants(up) {
                add(variant, &upper[up], true);
            }
        }
        for (hits, _) in &mut patterns {
            hits.sort_by_key(|h| (h.kind, h.entity));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&texts)
            .map_err(|e| Error::model(format!("gazetteer automaton: {e}")))?;

        let mut capitals = HashMap::new();
        for e in &self.entities {
            if let Some(cap) = &e.capital {
                capitals.insert(cap.clone(), e.id.clone());
            }
        }
        for (seat, country) in self.seats {
            capitals.entry(seat).or_insert(country);
        }
        self.offices.sort_by(|a, b| {
            (&a.person, &a.start, &a.office).cmp(&(&b.person, &b.start, &b.office))
        });
        Ok(Gazetteer {
            entities: self.entities,
            by_id,
            exact,
            upper,
            patterns,
            automaton,
            capitals,
            offices: self.offices,
            titles: self.titles,
            first_names: self.first_names,
        })
    }
}

const USER_COLUMNS: [&str; 8] = [
    "type", "id", "name", "qid", "country", "kind", "aliases", "demonyms",
];

/// One data row of an embedded TSV file, with its place for error messages.
struct Row<'a> {
    place: String,
    fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    fn fields<const N: usize>(&self) -> Result<[&'a str; N]> {
        <[&str; N]>::try_from(self.fields.as_slice()).map_err(|_| {
            Error::input(
                self.place.clone(),
                format!("{} fields, expected {N}", self.fields.len()),
            )
        })
    }
}

/// Data rows of a TSV text (header skipped).
fn rows<'a>(file: &str, text: &'a str) -> Result<Vec<Row<'a>>> {
    let mut lines = text.lines().enumerate();
    if lines.next().is_none() {
        return Err(Error::input(file, "empty file"));
    }
    Ok(lines
        .filter(|(_, l)| !l.is_empty())
        .map(|(n, l)| Row {
            place: format!("data/gazetteer/{file}:{}", n + 1),
            fields: l.split('\t').collect(),
        })
        .collect())
}

#[allow(clippy::too_many_arguments)]
fn entity(
    id: &str,
    name: &str,
    etype: EntityType,
    qid: &str,
    country: &str,
    kind: &str,
    aliases: &str,
    demonyms: &str,
) -> GazEntity {
    GazEntity {
        id: EntityId(id.to_string()),
        name: name.to_string(),
        etype,
        ids: ExternalIds {
            qid: opt(qid),
            ..ExternalIds::default()
        },
        country: opt(country).map(EntityId),
        kind: kind.to_string(),
        aliases: list(aliases),
        demonyms: list(demonyms),
        capital: None,
    }
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn word_list(text: &str) -> HashSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn is_qid(s: &str) -> bool {
    s.strip_prefix('Q').is_some_and(|n| {
        !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Keeps one hit per entity, the strongest kind.
fn add_hit(hits: &mut Vec<AliasHit>, hit: AliasHit) {
    match hits.iter_mut().find(|h| h.entity == hit.entity) {
        Some(h) => h.kind = h.kind.min(hit.kind),
        None => hits.push(hit),
    }
}

/// Every surface form of an entity with how it names it.
fn surfaces(e: &GazEntity) -> Vec<(String, AliasKind)> {
    let mut out = vec![(e.name.clone(), AliasKind::Name)];
    for a in &e.aliases {
        let kind = if is_acronym(a) {
            AliasKind::Acronym
        } else if e.etype == EntityType::Person && is_surname_of(a, &e.name) {
            AliasKind::Surname
        } else {
            AliasKind::Alias
        };
        out.push((a.clone(), kind));
    }
    for d in &e.demonyms {
        out.push((d.clone(), AliasKind::Demonym));
    }
    out
}

/// "IAEA", "U.S.", "G7", "OPEC+": one token without lower-case letters and at least two
/// capitals.
fn is_acronym(s: &str) -> bool {
    !s.contains(' ')
        && !s.chars().any(char::is_lowercase)
        && s.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// A single word that is (up to diacritics) one of the words of `name`: "Pezeshkian",
/// "Erdogan" for "Recep Tayyip Erdoğan", "Sisi" for "Abdel Fattah el-Sisi".
fn is_surname_of(alias: &str, name: &str) -> bool {
    if alias.contains(' ') {
        return false;
    }
    let a = fold(alias);
    name.split([' ', '-'])
        .chain(name.split(' '))
        .any(|w| fold(w) == a)
}

/// Lower-cases and strips the diacritics common in names.
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
            'ç' | 'č' | 'ć' => 'c',
            'ğ' => 'g',
            'ş' | 'š' | 'ș' => 's',
            'ñ' => 'n',
            'ž' => 'z',
            other => other,
        })
        .collect()
}

/// Aliases must carry a capital letter (or be in an uncased script): an all-lower-case
/// alias would match common words ("us", "who").
fn indexable(key: &str) -> bool {
    key.chars().count() >= 2
        && (key.chars().any(char::is_uppercase) || !key.chars().any(char::is_lowercase))
}

/// Curly apostrophes to ', whitespace runs to one space, a leading "the " dropped.
pub fn normalize(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    for word in surface.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| match c {
            '’' | '‘' | 'ʼ' => '\'',
            c => c,
        }));
    }
    for the in ["the ", "The ", "THE "] {
        if let Some(rest) = out.strip_prefix(the) {
            if !rest.is_empty() {
                return rest.to_string();
            }
        }
    }
    out
}

/// The strings the automaton looks for to find `key` in running text.
fn variants(key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    let mut chars = key.chars();
    if let Some(first) = chars.next() {
        if first.is_lowercase() && key.chars().any(char::is_uppercase) {
            let capitalised: String = first.to_uppercase().chain(chars).collect();
            if capitalised.len() == key.len() {
                out.push(capitalised);
            }
        }
    }
    let curly: Vec<String> = out
        .iter()
        .filter(|v| v.contains('\''))
        .map(|v| v.replace('\'', "’"))
        .collect();
    out.extend(curly);
    out
}

fn is_all_caps(s: &str) -> bool {
    !s.chars().any(char::is_lowercase) && s.chars().filter(|c| c.is_uppercase()).count() >= 2
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// A match may start at `i` unless it would begin inside a word.
fn starts_word(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    let first = text[i..].chars().next();
    !(before.is_some_and(is_word_char) && first.is_some_and(is_word_char))
}

/// A match may end at `i` unless a word goes on.
fn ends_word(text: &str, i: usize) -> bool {
    let last = text[..i].chars().next_back();
    let after = text[i..].chars().next();
    !(last.is_some_and(is_word_char) && after.is_some_and(is_word_char))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn next_char(text: &str, i: usize) -> usize {
    text[i..]
        .chars()
        .next()
        .map_or(text.len(), |c| i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    const AMBIGUOUS: &str = include_str!("../../data/gazetteer/ambiguous.txt");

    /// (file, text, expected leading columns)
    const TABLES: [(&str, &str, &[&str]); 5] = [
        (
            "countries.tsv",
            COUNTRIES,
            &[
                "id", "name", "official", "iso2", "iso3", "qid", "capital", "aliases", "demonyms",
            ],
        ),
        (
            "organizations.tsv",
            ORGANIZATIONS,
            &[
                "id", "name", "qid", "country", "kind", "aliases", "demonyms",
            ],
        ),
        (
            "people.tsv",
            PEOPLE,
            &["id", "name", "qid", "country", "aliases"],
        ),
        (
            "places.tsv",
            PLACES,
            &["id", "name", "qid", "country", "kind", "aliases"],
        ),
        (
            "offices.tsv",
            OFFICES,
            &["person", "office", "country", "start", "end"],
        ),
    ];

    fn table(text: &str) -> (Vec<&str>, Vec<Vec<&str>>) {
        let mut lines = text.lines();
        let header = lines.next().unwrap_or("").split('\t').collect();
        let rows = lines.map(|l| l.split('\t').collect()).collect();
        (header, rows)
    }

    fn column<'a>(header: &[&str], rows: &[Vec<&'a str>], name: &str) -> Vec<&'a str> {
        let i = header.iter().position(|h| *h == name).unwrap();
        rows.iter().map(|r| r[i]).collect()
    }

    fn ids(text: &str) -> HashSet<&str> {
        let (h, rows) = table(text);
        column(&h, &rows, "id").into_iter().collect()
    }

    #[test]
    fn every_table_has_its_columns_and_well_formed_rows() {
        for (file, text, want) in TABLES {
            let (header, rows) = table(text);
            assert_eq!(&header[..want.len()], want, "{file}: header");
            assert!(!rows.is_empty(), "{file}: no rows");
            for (n, row) in rows.iter().enumerate() {
                assert_eq!(row.len(), header.len(), "{file}:{}: field count", n + 2);
                for f in row {
                    assert_eq!(f.trim(), *f, "{file}:{}: stray whitespace", n + 2);
                    for item in f.split('|') {
                        assert!(
                            !(f.contains('|') && item.trim().is_empty()),
                            "{file}:{}: empty list item",
                            n + 2
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn entity_tables_are_sorted_by_id_without_duplicates() {
        for (file, text, _) in &TABLES[..4] {
            let (h, rows) = table(text);
            let ids = column(&h, &rows, "id");
            for pair in ids.windows(2) {
                assert!(pair[0] < pair[1], "{file}: {} before {}", pair[0], pair[1]);
            }
        }
    }

    #[test]
    fn ids_carry_the_type_prefix_and_the_slug_of_the_name() {
        use crate::model::slug;
        for (file, text, prefix) in [
            ("countries.tsv", COUNTRIES, "country/"),
            ("organizations.tsv", ORGANIZATIONS, "org/"),
            ("people.tsv", PEOPLE, "person/"),
            ("places.tsv", PLACES, "place/"),
        ] {
            let (h, rows) = table(text);
            let ids = column(&h, &rows, "id");
            let names = column(&h, &rows, "name");
            for (id, name) in ids.iter().zip(names) {
                assert_eq!(*id, format!("{prefix}{}", slug(name)), "{file}");
            }
        }
    }

    #[test]
    fn qids_and_iso_codes_are_well_formed_and_unique() {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (file, text, _) in &TABLES[..4] {
            let (h, rows) = table(text);
            for (id, qid) in column(&h, &rows, "id")
                .into_iter()
                .zip(column(&h, &rows, "qid"))
            {
                if qid.is_empty() {
                    continue;
                }
                assert!(is_qid(qid), "{file}: {id}: bad QID {qid:?}");
                if let Some(other) = seen.insert(qid, id) {
                    panic!("{qid} names both {other} and {id}");
                }
            }
        }
        let (h, rows) = table(COUNTRIES);
        let mut codes = HashSet::new();
        for (col, len) in [("iso2", 2), ("iso3", 3)] {
            for code in column(&h, &rows, col) {
                assert!(
                    code.len() == len && code.bytes().all(|b| b.is_ascii_uppercase()),
                    "{col} {code:?}"
                );
                assert!(codes.insert(code), "duplicate {col} {code}");
            }
        }
        assert!(is_qid("Q794") && !is_qid("Q0794") && !is_qid("Q") && !is_qid("794"));
    }

    #[test]
    fn references_point_at_existing_entities() {
        let countries = ids(COUNTRIES);
        let places = ids(PLACES);
        let orgs = ids(ORGANIZATIONS);
        let people = ids(PEOPLE);
        for (file, text) in [
            ("organizations.tsv", ORGANIZATIONS),
            ("people.tsv", PEOPLE),
            ("places.tsv", PLACES),
        ] {
            let (h, rows) = table(text);
            for c in column(&h, &rows, "country") {
                assert!(c.is_empty() || countries.contains(c), "{file}: {c}");
            }
        }
        let (h, rows) = table(COUNTRIES);
        for col in ["capital", "seat"] {
            for p in column(&h, &rows, col) {
                assert!(
                    p.is_empty() || places.contains(p),
                    "countries.tsv {col}: {p}"
                );
            }
        }
        let (h, rows) = table(OFFICES);
        for row in &rows {
            let (person, office, holder, start, end) = (row[0], row[1], row[2], row[3], row[4]);
            assert!(people.contains(person), "offices.tsv: {person}");
            assert!(
                countries.contains(holder) || orgs.contains(holder),
                "offices.tsv: {holder}"
            );
            assert!(
                !office.is_empty() && office.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "offices.tsv: office {office:?}"
            );
            for d in [start, end] {
                assert!(
                    d.is_empty() || is_date(d),
                    "offices.tsv: {person}: bad date {d:?}"
                );
            }
            assert!(is_date(start), "offices.tsv: {person} has no start");
            assert!(
                end.is_empty() || start <= end,
                "offices.tsv: {person} {start}..{end}"
            );
        }
        let _ = h;
    }

    fn is_date(d: &str) -> bool {
        let b = d.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    }

    #[test]
    fn no_alias_names_two_entities_of_one_type_unless_allowed() {
        let g = Gazetteer::builtin();
        let allowed: HashSet<&str> = AMBIGUOUS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let mut clashes = Vec::new();
        for (key, hits) in &g.exact {
            for t in EntityType::ALL {
                let same: Vec<&str> = hits
                    .iter()
                    .map(|h| &g.entities[h.entity])
                    .filter(|e| e.etype == t)
                    .map(|e| e.id.as_str())
                    .collect();
                if same.len() > 1 && !allowed.contains(key.as_str()) {
                    clashes.push(format!("{key:?} -> {}", same.join(", ")));
                }
            }
        }
        clashes.sort();
        assert!(
            clashes.is_empty(),
            "ambiguous aliases:\n{}",
            clashes.join("\n")
        );
    }

    #[test]
    fn word_lists_are_sorted_and_unique() {
        for (file, text) in [("titles.txt", TITLES), ("first_names.txt", FIRST_NAMES)] {
            let words: Vec<&str> = text.lines().collect();
            assert!(!words.is_empty(), "{file}");
            for pair in words.windows(2) {
                assert!(pair[0] < pair[1], "{file}: {} before {}", pair[0], pair[1]);
            }
        }
    }

    /// The ids found in `text`, each as "surface=id,id".
    fn found(text: &str) -> Vec<String> {
        let g = Gazetteer::builtin();
        g.find(text)
            .iter()
            .map(|m| {
                let ids: Vec<&str> = m
                    .hits
                    .iter()
                    .map(|h| g.entities()[h.entity].id.as_str())
                    .collect();
                format!("{}={}", m.span.slice(text), ids.join(","))
            })
            .collect()
    }

    #[test]
    fn find_reports_aliases_on_word_boundaries() {
        let cases: &[(&str, &[&str])] = &[
            (
                "U.S. President Donald Trump",
                &[
                    "U.S.=country/united-states",
                    "Donald Trump=person/donald-trump",
                ],
            ),
            ("Iranian officials", &["Iranian=country/iran"]),
            (
                "the United Arab Emirates",
                &["United Arab Emirates=country/united-arab-emirates"],
            ),
            (
                "ERBIL (Kurdistan24) —",
                &["ERBIL=place/erbil", "Kurdistan24=org/kurdistan24"],
            ),
            ("Pezeshkian", &["Pezeshkian=person/masoud-pezeshkian"]),
            ("let us go, who knows, chad", &[]),
            ("Irania Iranx xIran", &[]),
            ("Iran’s envoy", &["Iran=country/iran"]),
            ("Iran's envoy", &["Iran=country/iran"]),
            (
                "Iran-backed Houthi forces",
                &["Iran=country/iran", "Houthi=org/houthis"],
            ),
            (
                "the U.N. Security Council met",
                &["U.N. Security Council=org/united-nations-security-council"],
            ),
            (
                "IRGC and the Revolutionary Guard",
                &[
                    "IRGC=org/islamic-revolutionary-guard-corps",
                    "Revolutionary Guard=org/islamic-revolutionary-guard-corps",
                ],
            ),
            ("Donald\nTrump", &["Donald\nTrump=person/donald-trump"]),
            (
                "Iran\r\n\r\nDonald  Trump and Donald\u{a0}Trump’s Iran",
                &[
                    "Iran=country/iran",
                    "Donald  Trump=person/donald-trump",
                    "Donald\u{a0}Trump=person/donald-trump",
                    "Iran=country/iran",
                ],
            ),
            ("Bahía\u{2003}Iran", &["Iran=country/iran"]),
            (
                "al-Qaeda and Al-Qaeda",
                &["al-Qaeda=org/al-qaeda", "Al-Qaeda=org/al-qaeda"],
            ),
            ("Côte d’Ivoire", &["Côte d’Ivoire=country/ivory-coast"]),
            ("the Gaza Strips", &["Gaza=place/gaza-strip"]),
            ("Tehran said", &["Tehran=place/tehran"]),
            ("IRAN REJECTS TALKS", &["IRAN=country/iran"]),
            (
                "Israel Katz visited Israel",
                &["Israel Katz=person/israel-katz", "Israel=country/israel"],
            ),
            ("the Gulf of Oman", &["Gulf of Oman=place/gulf-of-oman"]),
            (
                "Saudi Arabia and Saudi officials",
                &[
                    "Saudi Arabia=country/saudi-arabia",
                    "Saudi=country/saudi-arabia",
                ],
            ),
            ("Trumpet NATOs SENATOR", &[]),
            (
                "Latin American leaders",
                &["Latin American=place/latin-america"],
            ),
            (
                "Côte d’Ivoires Côte d’Ivoire",
                &["Côte d’Ivoire=country/ivory-coast"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), *want, "{text:?}");
        }
    }

    /// Random mixes of alias fragments, multi-byte letters and odd whitespace: `find`
    /// never panics and returns ordered, non-overlapping spans on character boundaries.
    #[test]
    fn find_returns_valid_spans_on_any_text() {
        let g = Gazetteer::builtin();
        let pieces = [
            "Iran",
            "ian",
            "U.S.",
            "Donald",
            "Trump",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\u{a0}",
            "\u{2003}",
            "’s",
            "'",
            "-",
            "é",
            "ğ",
            "ERBIL",
            "Côte d’Ivoire",
            "al-Qaeda",
            "x",
            "Gaza Strip",
            "s",
            ".",
            "Москва",
            "日本",
        ];
        let mut state: u64 = 7;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(state % 12) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            let mut last_end = 0;
            for m in g.find(&text) {
                let (start, end) = (m.span.start, m.span.end);
                assert!(
                    last_end <= start && start < end && end <= text.len(),
                    "{text:?}"
                );
                assert!(
                    text.is_char_boundary(start) && text.is_char_boundary(end),
                    "{text:?}"
                );
                assert!(!m.hits.is_empty(), "{text:?}");
                last_end = end;
            }
        }
    }

    #[test]
    fn matches_in_capitals_are_marked_folded() {
        let g = Gazetteer::builtin();
        let folded: Vec<(&str, bool)> = ["ERBIL (Kurdistan24) — NATO", "UNITED STATES"]
            .iter()
            .flat_map(|text| {
                g.find(text)
                    .into_iter()
                    .map(move |m| (m.span.slice(text), m.folded))
            })
            .collect();
        assert_eq!(
            folded,
            [
                ("ERBIL", true),
                ("Kurdistan24", false),
                ("NATO", false),
                ("UNITED STATES", true)
            ]
        );
    }

    #[test]
    fn ambiguous_aliases_return_every_entity() {
        let g = Gazetteer::builtin();
        let ids: Vec<&str> = g
            .lookup("Georgia")
            .iter()
            .map(|h| g.entities()[h.entity].id.as_str())
            .collect();
        assert_eq!(ids, ["country/georgia", "place/georgia-us-state"]);
    }

    #[test]
    fn lookup_normalises_and_classifies_the_alias() {
        let g = Gazetteer::builtin();
        let cases: &[(&str, &str, AliasKind)] = &[
            ("Iran", "country/iran", AliasKind::Name),
            (
                "the  United   States",
                "country/united-states",
                AliasKind::Name,
            ),
            ("U.S.", "country/united-states", AliasKind::Acronym),
            ("America", "country/united-states", AliasKind::Alias),
            ("Americans", "country/united-states", AliasKind::Demonym),
            (
                "Emirati",
                "country/united-arab-emirates",
                AliasKind::Demonym,
            ),
            ("Houthi", "org/houthis", AliasKind::Demonym),
            ("Ansar Allah", "org/houthis", AliasKind::Alias),
            ("Erdoğan", "person/recep-tayyip-erdoğan", AliasKind::Surname),
            ("Erdogan", "person/recep-tayyip-erdoğan", AliasKind::Surname),
            ("Khamenei", "person/ali-khamenei", AliasKind::Surname),
            ("Côte d’Ivoire", "country/ivory-coast", AliasKind::Alias),
            ("TEHRAN", "place/tehran", AliasKind::Name),
            (
                "UNSC",
                "org/united-nations-security-council",
                AliasKind::Acronym,
            ),
        ];
        for &(surface, id, kind) in cases {
            let hits = g.lookup(surface);
            let hit = hits
                .iter()
                .find(|h| g.entities()[h.entity].id.as_str() == id)
                .unwrap_or_else(|| panic!("{surface:?} does not name {id}: {hits:?}"));
            assert_eq!(hit.kind, kind, "{surface:?}");
        }
        for surface in ["us", "who", "chad", "iran", ""] {
            assert!(g.lookup(surface).is_empty(), "{surface:?}");
        }
    }

    #[test]
    fn lookup_drops_a_possessive_unless_it_is_part_of_the_name() {
        let g = Gazetteer::builtin();
        for (surface, id) in [
            ("Iran’s", "country/iran"),
            ("IRAN'S", "country/iran"),
            ("Pezeshkian's", "person/masoud-pezeshkian"),
            ("St. John's", "place/st-johns"),
        ] {
            let ids: Vec<&str> = g
                .lookup(surface)
                .iter()
                .map(|h| g.entities()[h.entity].id.as_str())
                .collect();
            assert_eq!(ids, [id], "{surface:?}");
        }
    }

    #[test]
    fn capitals_and_seats_stand_for_their_country() {
        let g = Gazetteer::builtin();
        for (place, country) in [
            ("place/tehran", Some("country/iran")),
            ("place/washington-dc", Some("country/united-states")),
            ("place/the-hague", Some("country/netherlands")),
            ("place/amsterdam", Some("country/netherlands")),
            ("place/erbil", None),
        ] {
            assert_eq!(
                g.capital_country(&EntityId(place.into()))
                    .map(EntityId::as_str),
                country,
                "{place}"
            );
        }
    }

    #[test]
    fn office_holders_depend_on_the_date() {
        let g = Gazetteer::builtin();
        let cases: &[(&str, &str, Option<&str>, &[&str])] = &[
            (
                "country/iran",
                "president",
                Some("2025-03-30"),
                &["person/masoud-pezeshkian"],
            ),
            (
                "country/iran",
                "president",
                Some("2019-01-01"),
                &["person/hassan-rouhani"],
            ),
            (
                "country/united-states",
                "president",
                Some("2020-06-01"),
                &["person/donald-trump"],
            ),
            (
                "country/united-states",
                "president",
                Some("2025-01-20"),
                &["person/donald-trump"],
            ),
            (
                "country/iran",
                "supreme_leader",
                None,
                &["person/ali-khamenei"],
            ),
            (
                "org/united-nations",
                "secretary_general",
                Some("2010-05-05"),
                &["person/ban-ki-moon"],
            ),
            ("country/iran", "president", Some("1900-01-01"), &[]),
        ];
        for &(country, office, date, want) in cases {
            let got: Vec<&str> = g
                .office_holders(&EntityId(country.into()), office, date)
                .iter()
                .map(|e| e.id.as_str())
                .collect();
            assert_eq!(got, want, "{country} {office} {date:?}");
        }
        let trump = g.offices_of(&EntityId("person/donald-trump".into()));
        assert_eq!(trump.len(), 2);
        assert!(trump[0].start < trump[1].start);
    }

    #[test]
    fn titles_and_first_names_are_recognised() {
        let g = Gazetteer::builtin();
        for w in [
            "President",
            "president",
            "Ayatollah",
            "Gen.",
            "Mr.",
            "Sheikh",
            "PRESIDENT",
        ] {
            assert!(g.is_title(w), "{w}");
        }
        for w in ["Masoud", "Donald", "MASOUD"] {
            assert!(g.is_first_name(w), "{w}");
        }
        for w in ["Tehran", "Pezeshkian", "said"] {
            assert!(!g.is_title(w) && !g.is_first_name(w), "{w}");
        }
    }

    fn user_file(text: &str) -> Result<Gazetteer> {
        let dir = tempfile::tempdir().map_err(|e| Error::io(None, e))?;
        let path = dir.path().join("extra.tsv");
        std::fs::write(&path, text).map_err(|e| Error::io(Some(&path), e))?;
        Gazetteer::with_user_file(&path)
    }

    #[test]
    fn user_files_add_and_override_entities() {
        let g = user_file(concat!(
            "type\tid\tname\tqid\tcountry\tkind\taliases\tdemonyms\n",
            "# a comment\n",
            "person\t\tKamaran Aziz\t\tIQ\t\tAziz\n",
            "org\torg/houthis\t\tQ9999\t\t\tYemeni Houthis\n",
            "place\t\tNew Town\t\tcountry/iraq\tcity\n",
        ))
        .unwrap();
        let aziz = g.get(&EntityId("person/kamaran-aziz".into())).unwrap();
        assert_eq!(
            aziz.country.as_ref().map(EntityId::as_str),
            Some("country/iraq")
        );
        assert_eq!(found_in(&g, "Aziz said"), ["person/kamaran-aziz"]);
        let houthis = g.get(&EntityId("org/houthis".into())).unwrap();
        assert_eq!(houthis.ids.qid.as_deref(), Some("Q9999"));
        assert_eq!(found_in(&g, "Yemeni Houthis"), ["org/houthis"]);
        assert_eq!(found_in(&g, "Houthi fighters"), ["org/houthis"]);
        assert!(g.entities().len() > Gazetteer::builtin().entities().len());
    }

    fn found_in(g: &Gazetteer, text: &str) -> Vec<String> {
        g.find(text)
            .iter()
            .flat_map(|m| m.hits.iter().map(|h| g.entities()[h.entity].id.0.clone()))
            .collect()
    }

    #[test]
    fn bad_user_rows_name_the_file_and_line() {
        let header = "type\tid\tname\tqid\tcountry\tkind\taliases\tdemonyms\n";
        let cases = [
            ("person\t\tX Y\n", "", "expected the header row"),
            ("thing\t\tX\n", header, ":2: unknown type"),
            ("person\t\tX\tQ12x\n", header, ":2: malformed QID"),
            ("person\t\tX\t\tZZ\n", header, ":2: unknown country code"),
            (
                "person\t\tX\t\tcountry/atlantis\n",
                header,
                ":2: unknown country id",
            ),
            (
                "person\torg/x\tX\n",
                header,
                ":2: id \"org/x\" must start with",
            ),
            ("person\t\t\n", header, ":2: a row needs an id or a name"),
            (
                "country\tcountry/iran\t\t\t\t\t\t\t\textra\n",
                header,
                ":2: 10 fields",
            ),
            (
                "org\tcountry/iran\t\n",
                header,
                ":2: id \"country/iran\" must start",
            ),
            ("country\tcountry/atlantis\n", header, ":2: new entity"),
        ];
        for (body, head, want) in cases {
            let err = user_file(&format!("{head}{body}")).unwrap_err().to_string();
            assert!(err.contains("extra.tsv"), "{err}");
            assert!(err.contains(want), "{body:?}: {err}");
        }
        let missing = Gazetteer::with_user_file(Path::new("/nonexistent/gaz.tsv"));
        assert!(
            missing
                .unwrap_err()
                .to_string()
                .contains("/nonexistent/gaz.tsv")
        );
    }

    /// `cargo test --release --lib gazetteer_find_speed -- --ignored --nocapture`
    #[test]
    #[ignore = "benchmark; run in release mode"]
    fn gazetteer_find_speed() {
        let start = std::time::Instant::now();
        let g = Gazetteer::builtin();
        eprintln!(
            "builtin: {} entities, {} aliases, {} patterns, loaded in {:.3} s",
            g.entities().len(),
            g.exact.len(),
            g.patterns.len(),
            start.elapsed().as_secs_f64()
        );
        let words = "The talks in Muscat between Iranian and U.S. envoys ended without a deal, \
            officials said on Tuesday. President Masoud Pezeshkian told reporters that \
            Washington must lift sanctions first, while the Security Council met in New York. \
            Analysts expect prices to rise sharply as shipping through the Strait of Hormuz \
            slows."
            .split_whitespace()
            .collect::<Vec<_>>();
        for (label, paragraphs) in [("spaces only", false), ("with paragraph breaks", true)] {
            let mut text = String::new();
            let mut state: u64 = 42;
            while text.len() < 8 << 20 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(words[(state >> 33) as usize % words.len()]);
                // Paragraph breaks, as in real articles, take the whitespace-folding path.
                text.push_str(if paragraphs && state % 61 == 0 {
                    "\n\n"
                } else {
                    " "
                });
            }
            let start = std::time::Instant::now();
            let n = g.find(&text).len();
            let secs = start.elapsed().as_secs_f64();
            eprintln!(
                "find ({label}): {} MB in {secs:.3} s = {:.1} MB/s, {n} matches",
                text.len() >> 20,
                (text.len() as f64 / (1 << 20) as f64) / secs
            );
            assert!(n > 0);
        }
    }
}
