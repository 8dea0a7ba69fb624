//! Tag schemes: how span annotations become per-token labels and back, and which label
//! transitions are legal. NER uses BILOU, chunks BIO, POS plain tags.
//!
//! Constraints are enforced in Viterbi, so a model can never emit `I-PER` after `O`.

use serde::{Deserialize, Serialize};

use super::conll::spans;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scheme {
    /// One label per token, any sequence allowed (POS).
    Plain,
    /// B-X, I-X, O.
    Bio,
    /// B-X, I-X, L-X, U-X, O.
    Bilou,
}

impl Scheme {
    /// Re-encodes tags (IOB1, IOB2 or BILOU) in this scheme.
    pub fn encode<S: AsRef<str>>(self, tags: &[S]) -> Vec<String> {
        if self == Scheme::Plain {
            return tags.iter().map(|t| t.as_ref().to_owned()).collect();
        }
        let mut out = vec!["O".to_owned(); tags.len()];
        for s in spans(tags) {
            let n = s.end - s.start;
            for (k, slot) in out[s.start..s.end].iter_mut().enumerate() {
                let prefix = match (self, k, n) {
                    (Scheme::Bilou, _, 1) => "U",
                    (_, 0, _) => "B",
                    (Scheme::Bilou, k, n) if k + 1 == n => "L",
                    _ => "I",
                };
                *slot = format!("{prefix}-{}", s.label);
            }
        }
        out
    }

    /// Turns this scheme's labels into IOB2 (B-/I-/O) tags for output.
    pub fn to_iob2<S: AsRef<str>>(self, tags: &[S]) -> Vec<String> {
        if self == Scheme::Plain {
            return tags.iter().map(|t| t.as_ref().to_owned()).collect();
        }
        Scheme::Bio.encode(tags)
    }

    /// Full label list for span types `types`, "O" first.
    pub fn labels(self, types: &[String]) -> Vec<String> {
        let prefixes: &[&str] = match self {
            Scheme::Plain => return types.to_vec(),
            Scheme::Bio => &["B", "I"],
            Scheme::Bilou => &["B", "I", "L", "U"],
        };
        let mut out = vec!["O".to_owned()];
        for t in types {
            for p in prefixes {
                out.push(format!("{p}-{t}"));
            }
        }
        out
    }

    /// Legal transitions: `allowed[prev * n + cur]`, with `prev == n` meaning sentence start,
    /// and `end_ok[label]` whether a sentence may end on it.
    pub fn constraints(self, labels: &[String]) -> (Vec<bool>, Vec<bool>) {
        let n = labels.len();
        let parts: Vec<(&str, &str)> = labels
            .iter()
            .map(|l| match l.split_once('-') {
                Some((p, t)) if p.len() == 1 && self != Scheme::Plain => (p, t),
                _ => ("O", ""),
            })
            .collect();
        let inside = |p: &str| matches!(p, "I" | "L");
        let open = |p: &str| match self {
            Scheme::Plain => false,
            Scheme::Bio => false,
            Scheme::Bilou => matches!(p, "B" | "I"),
        };
        let mut allowed = vec![true; (n + 1) * n];
        let mut end_ok = vec![true; n];
        for (c, &(cp, ct)) in parts.iter().enumerate() {
            if self == Scheme::Plain {
                break;
            }
            // From sentence start.
            allowed[n * n + c] = !inside(cp);
            end_ok[c] = !open(cp);
            for (p, &(pp, pt)) in parts.iter().enumerate() {
                let ok = match self {
                    Scheme::Plain => true,
                    Scheme::Bio => !inside(cp) || (matches!(pp, "B" | "I") && pt == ct),
                    Scheme::Bilou => {
                        if open(pp) {
                            inside(cp) && pt == ct
                        } else {
                            !inside(cp)
                        }
                    }
                };
                allowed[p * n + c] = ok;
            }
        }
        (allowed, end_ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_iob1_into_each_scheme() {
        let iob1 = ["I-PER", "I-PER", "B-PER", "O", "I-LOC"];
        assert_eq!(
            Scheme::Bio.encode(&iob1),
            ["B-PER", "I-PER", "B-PER", "O", "B-LOC"]
        );
        assert_eq!(
            Scheme::Bilou.encode(&iob1),
            ["B-PER", "L-PER", "U-PER", "O", "U-LOC"]
        );
        assert_eq!(
            Scheme::Bilou.to_iob2(&["B-PER", "L-PER", "U-PER", "O", "U-LOC"]),
            Scheme::Bio.encode(&iob1)
        );
    }

    #[test]
    fn bilou_constraints_forbid_broken_spans() {
        let labels = Scheme::Bilou.labels(&["PER".to_owned(), "LOC".to_owned()]);
        let (allowed, end_ok) = Scheme::Bilou.constraints(&labels);
        let n = labels.len();
        let ix = |l: &str| labels.iter().position(|x| x == l).unwrap();
        let cases = [
            ("O", "B-PER", true),
            ("O", "I-PER", false),
            ("B-PER", "I-PER", true),
            ("B-PER", "L-LOC", false),
            ("B-PER", "O", false),
            ("L-PER", "U-LOC", true),
            ("I-PER", "L-PER", true),
        ];
        for (p, c, want) in cases {
            assert_eq!(allowed[ix(p) * n + ix(c)], want, "{p} -> {c}");
        }
        assert!(!allowed[n * n + ix("L-PER")]);
        assert!(!end_ok[ix("B-PER")] && end_ok[ix("U-PER")]);
    }
}
