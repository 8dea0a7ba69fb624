#!/usr/bin/env python3
"""Build data/stance/lexicon.tsv: stance cue words with CAMEO category, polarity, intensity.

Sources:
  1. The verb section of PETRARCH2's CAMEO.2.0.txt (MIT, Open Event Data Alliance):
     every verb line with a CAMEO code (its own or its block's) becomes a lemma whose
     CAMEO root picks category and intensity (table ROOTS below, see data/stance/README.md).
     Only the verb words and codes are used, never the patterns' example text.
  2. CURATED below: our own verbs, predicate nouns and adjectives; they override CAMEO.

Usage: scripts/build_stance_lexicon.py /work/shared/reference/petrarch/CAMEO.2.0.txt \
           > data/stance/lexicon.tsv
Output columns: form lemma pos category polarity intensity cameo origin (sorted by form,
one row per form). Deterministic: same inputs, same bytes.
"""
import re
import sys

# CAMEO root (or a more specific code) -> (category, intensity on -10..+10).
# Intensities follow the Goldstein scale's values for the root's typical events.
ROOTS = {
    "01": ("statement", 0.0),
    "012": ("criticize", -1.0),  # make pessimistic comment
    "013": ("praise", 0.4),  # make optimistic comment
    "016": ("reject", -2.0),  # deny responsibility
    "017": ("cooperate", 1.0),
    "018": ("praise", 3.4),  # express accord / sympathy
    "02": ("appeal", 3.0),
    "03": ("cooperate", 4.0),
    "04": ("consult", 1.0),
    "045": ("mediate", 5.0),
    "046": ("consult", 3.0),
    "05": ("cooperate", 3.5),
    "051": ("praise", 3.5),
    "057": ("agree", 6.5),
    "06": ("cooperate", 6.0),
    "07": ("aid", 7.0),
    "08": ("yield", 5.0),
    "09": ("investigate", -2.0),
    "10": ("demand", -5.0),
    "11": ("criticize", -2.0),
    "112": ("accuse", -2.0),
    "12": ("reject", -4.0),
    "13": ("threaten", -6.0),
    "14": ("protest", -6.5),
    "15": ("force", -7.2),
    "16": ("reduce", -4.0),
    "163": ("sanction", -8.0),
    "17": ("coerce", -7.0),
    "173": ("coerce", -5.0),  # arrest, detain, charge with legal action
    "18": ("attack", -9.0),
    "19": ("attack", -10.0),
    "20": ("attack", -10.0),
}


# CAMEO verbs that are too generic to signal a stance toward another actor in news prose.
DROP = {
    "aim", "apply", "decide", "determine", "is determined", "want", "signal", "fail",
    "evacuate", "respond", "reply", "answer", "consider", "hope", "intend", "prepare",
    "plan", "arrive", "go", "come", "hear", "continue", "collect", "cover", "deliver",
    "return", "send", "carry", "bring", "move", "leave", "open", "close", "hold", "keep",
    "make", "take", "give", "get", "put", "set", "turn", "run", "use", "see", "show",
    "look", "find", "call", "ask", "seek", "try", "work", "face", "follow", "receive",
    "expect", "allow", "remain", "stay", "lead", "release", "host", "visit", "travel",
}


def classify(code):
    for n in (4, 3, 2):
        if code[:n] in ROOTS:
            return ROOTS[code[:n]]
    return None


# Our own entries: lemma, pos, category, intensity, [irregular forms]. Verbs get regular
# inflections unless forms are given; nouns list their plural explicitly when needed.
CURATED = """
accuse verb accuse -3
accusation noun accuse -3 accusations
acknowledge verb statement 0
admire verb praise 3
aggression noun attack -8
agree verb agree 4
agreement noun agree 5 agreements
aid noun aid 6
aid verb aid 6
airstrike noun attack -9.5 airstrikes air-strikes
ally noun cooperate 5 allies
ally verb cooperate 5 allies allied allying
alliance noun cooperate 5 alliances
annexation noun attack -8
annex verb attack -8
antagonize verb criticize -3
applaud verb praise 4
appeal verb appeal 3
appease verb yield 3
arrest verb coerce -5
assassinate verb attack -10
assassination noun attack -10
assault verb attack -9
assist verb aid 5
assistance noun aid 6
attack noun attack -9 attacks
attack verb attack -9
back verb cooperate 4
backing noun cooperate 4
ban verb sanction -6 bans banned banning
bash verb criticize -3 bashes bashed bashing
beat verb attack -3 beats beat beaten beating
berate verb criticize -3
betray verb reject -5
betrayal noun reject -5
blame verb accuse -3
blast verb criticize -4
block verb reject -4
obstruct verb reject -4
blockade noun coerce -8 blockades
bomb verb attack -10
bombard verb attack -10
bombardment noun attack -10
bombing noun attack -10 bombings
boycott verb sanction -5
boycott noun sanction -5 boycotts
campaign verb statement 0
castigate verb criticize -4
censure verb criticize -4
challenge verb criticize -2
champion verb praise 4
chastise verb criticize -3
clash verb attack -6 clashes
clash noun attack -6 clashes
coerce verb coerce -7
coercion noun coerce -7
collaborate verb cooperate 5
collaboration noun cooperate 5
commend verb praise 4
compliment verb praise 3
concede verb yield 2
condemn verb criticize -4
condemnation noun criticize -4 condemnations
condone verb praise 1
confront verb protest -5
confrontation noun protest -5 confrontations
congratulate verb praise 4
consult verb consult 2
consultation noun consult 2 consultations
contradict verb reject -2
cooperate verb cooperate 5
cooperation noun cooperate 5
counter verb reject -2
criticise verb criticize -3
criticism noun criticize -3 criticisms
criticize verb criticize -3
critique verb criticize -3
cut verb reduce -4 cuts cut cutting
decry verb criticize -4 decries decried decrying
defeat verb attack -3
defend verb praise 3
defy verb reject -4 defies defied defying
demand verb demand -4
demand noun demand -4 demands
demonize verb criticize -5
denigrate verb criticize -4
denounce verb criticize -5
denunciation noun criticize -5 denunciations
deplore verb criticize -4
deride verb criticize -4
destroy verb attack -9
disagree verb criticize -2
disagreement noun criticize -2 disagreements
discredit verb criticize -4
disparage verb criticize -4
dispute noun criticize -3 disputes
dispute verb criticize -3
dismiss verb reject -3
distrust verb criticize -3
echo verb agree 2
embargo noun sanction -8 embargoes
embrace verb praise 4
endorse verb praise 5
endorsement noun praise 5 endorsements
engagement noun consult 2
excoriate verb criticize -5
fight verb attack -8 fights fought fighting
fire verb coerce -4
fault verb accuse -3
feud noun criticize -4 feuds
feud verb criticize -4
friendship noun cooperate 4
help verb aid 5
hit verb attack -6 hits hit hitting
hostility noun criticize -6 hostilities
humiliate verb criticize -4
ignore verb reject -2
impeach verb coerce -5
indict verb coerce -5
insult verb criticize -4
insult noun criticize -4 insults
invade verb attack -10
invasion noun attack -10 invasions
investigate verb investigate -2
invite verb consult 3
kill verb attack -10
lambaste verb criticize -5
laud verb praise 4
lash verb criticize -4
mediate verb mediate 5
mediation noun mediate 5
mediator noun mediate 5 mediators
meet verb consult 2 meets met meeting
mock verb criticize -4
negotiate verb consult 3
negotiation noun consult 3 negotiations
occupation noun attack -7
occupy verb attack -7 occupies occupied occupying
oppose verb reject -4
opposition noun reject -4
partner verb cooperate 4
partnership noun cooperate 5 partnerships
persecute verb coerce -7
praise verb praise 4
praise noun praise 4
pressure noun coerce -5 pressures
pressure verb coerce -5
probe verb investigate -2
prosecute verb coerce -5
protest verb protest -5
protest noun protest -5 protests
provoke verb threaten -4
punish verb coerce -6
raid noun attack -8 raids
rebuff verb reject -4
rebuke verb criticize -4
reconcile verb agree 5
reconciliation noun agree 5
refuse verb reject -4
refusal noun reject -4
reject verb reject -4
rejection noun reject -4
repudiate verb reject -5
resist verb reject -4
resistance noun reject -4
retaliate verb attack -7
retaliation noun attack -7
ridicule verb criticize -4
rival noun criticize -2 rivals
rivalry noun criticize -3
salute verb praise 3
sanction noun sanction -7 sanctions
sanction verb sanction -7
scold verb criticize -3
scorn verb criticize -4
shell verb attack -9
shun verb reject -4
skewer verb criticize -4
slam verb criticize -4 slams slammed slamming
slap verb sanction -4 slaps slapped slapping
smear verb criticize -5
snub verb reject -4 snubs snubbed snubbing
spar verb criticize -3 spars sparred sparring
strike noun attack -9 strikes
strike verb attack -9 strikes struck striking stricken
sue verb coerce -4
summit noun consult 3 summits
support verb cooperate 4
support noun cooperate 4
sympathize verb praise 3
talk noun consult 2 talks
target verb attack -6
tariff noun sanction -5 tariffs
thank verb praise 4
threat noun threaten -6 threats
threaten verb threaten -6
tout verb praise 3
trust verb praise 3
undermine verb criticize -5
urge verb appeal 2
veto verb reject -5 vetoes vetoed vetoing
violate verb reject -5
violation noun reject -5 violations
vow verb cooperate 3
war noun attack -10 wars
warn verb threaten -4
warning noun threaten -4 warnings
welcome verb praise 4
woo verb cooperate 3
hostile adj criticize -5
friendly adj cooperate 3
critical adj criticize -3
supportive adj praise 4
skeptical adj criticize -2
wary adj criticize -2
opposed adj reject -4
allied adj cooperate 5
sympathetic adj praise 3
broken adj criticize -2
catastrophic adj criticize -3
coercive adj criticize -3
crime noun accuse -4 crimes
dishonorable adj criticize -4
irresponsible adj criticize -3
reckless adj criticize -3
unwise adj criticize -2
aggressive adj criticize -3
hypocrisy noun criticize -3
lie noun accuse -4 lies
damage verb attack -3 damages damaged damaging
grateful adj praise 3
constructive adj praise 2
respect verb praise 3
respect noun praise 3
partner noun cooperate 4 partners
friend noun cooperate 4 friends
enemy noun criticize -6 enemies
adversary noun criticize -5 adversaries
foe noun criticize -5 foes
say verb statement 0 says said saying
tell verb statement 0 tells told telling
add verb statement 0
state verb statement 0
note verb statement 0
declare verb statement 0
announce verb statement 0
insist verb statement 0
argue verb statement 0
write verb statement 0 writes wrote written writing
tweet verb statement 0
claim verb statement 0
stress verb statement 0
close verb coerce -4 closes closed closing
pardon verb yield 5 pardons pardoned pardoning
pardon noun yield 5 pardons
amnesty noun yield 5
hail verb praise 4 hails hailed hailing
gratitude noun praise 4
complaint noun criticize -3 complaints
storm verb attack -8 storms stormed storming
seize verb coerce -6 seizes seized seizing
raid verb attack -7 raids raided raiding
extradition noun coerce -4
question verb investigate -2 questions questioned questioning
sentence verb coerce -5 sentences sentenced sentencing
hang verb coerce -6 hangs hanged hanging
execute verb coerce -8 executes executed executing
kidnap verb attack -8 kidnaps kidnapped kidnapping
release verb yield 5 releases released releasing
free verb yield 5 frees freed freeing
expel verb coerce -5 expels expelled expelling
visit verb consult 2 visits visited visiting
visit noun consult 2 visits
host verb consult 2 hosts hosted hosting
deal noun agree 5 deals
accord noun agree 5 accords
treaty noun agree 6 treaties
pact noun agree 5 pacts
ceasefire noun agree 5 ceasefires cease-fire
truce noun agree 5 truces
allegation noun accuse -3 allegations
deny verb reject -3 denies denied denying
sign verb agree 6 signs signed signing
detention noun coerce -5
crackdown noun coerce -6 crackdowns
oust verb coerce -6 ousts ousted ousting
rule_out verb reject -4 rules_out ruled_out ruling_out
repatriate verb cooperate 3 repatriates repatriated repatriating
""".strip()


def regular(lemma):
    """Third person, past, gerund of a regular English verb."""
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    elif (
        len(lemma) <= 4
        and re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", lemma)
        and not lemma.endswith(("w", "x", "y"))
    ):
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return [third, past, ing]


def polarity(intensity):
    if intensity >= 1.0:
        return "positive"
    if intensity <= -1.0:
        return "negative"
    return "neutral"


def cameo_entries(path):
    """(form, lemma, code) for every coded verb line of the CAMEO verb section."""
    out = []
    in_verbs = False
    block = None
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not in_verbs or not line.strip() or line.startswith("-"):
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if m:
            block = m.group(2)
            continue
        m = re.match(r"^\s*(\+?[A-Z_]+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line)
        if not m:
            continue
        word, forms, code = m.group(1), m.group(2), m.group(3)
        code = code[1:-1] if code else block
        code = next((c for c in (code or "").split(":") if c.strip()), "")
        if not re.fullmatch(r"\d{3,4}", code.strip()):
            continue
        code = code.strip()
        lemma = word.lstrip("+").rstrip("_").lower().replace("_", " ")
        if not re.fullmatch(r"[a-z]+( [a-z]+){0,2}", lemma):
            continue
        irregular = []
        if forms:
            irregular = [
                f.lstrip("+").rstrip("_").lower().replace("_", " ")
                for f in forms[1:-1].split()
            ]
        head, _, rest = lemma.partition(" ")
        if irregular:
            inflected = irregular
        else:
            inflected = [(f + " " + rest).strip() for f in regular(head)]
        for form in [lemma] + inflected:
            if re.fullmatch(r"[a-z]+( [a-z]+){0,2}", form):
                out.append((form, lemma, code))
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rows = {}
    for form, lemma, code in cameo_entries(sys.argv[1]):
        cls = classify(code)
        if cls is None or form in rows or lemma in DROP or form in DROP:
            continue  # first coded occurrence wins: file order is deterministic
        cat, val = cls
        rows[form] = (lemma, "verb", cat, val, code, "cameo")
    curated = {}
    for line in CURATED.splitlines():
        parts = line.split()
        lemma, pos, cat, val = parts[0].replace("_", " "), parts[1], parts[2], float(parts[3])
        forms = [f.replace("_", " ") for f in parts[4:]]
        if pos == "verb":
            forms = forms if forms else regular(lemma)
            # irregular lists given without the third person keep regular -s
            if parts[4:] and not any(f.endswith("s") for f in forms):
                forms = [regular(lemma)[0]] + forms
        for form in [lemma] + forms:
            # a noun and a verb sharing a form (attack, protest) collapse to one row
            if form in curated and curated[form][1] == "verb":
                continue
            curated[form] = (lemma, pos, cat, val, "-", "curated")
    rows.update(curated)
    out = sys.stdout
    out.write("#form\tlemma\tpos\tcategory\tpolarity\tintensity\tcameo\torigin\n")
    for form in sorted(rows):
        lemma, pos, cat, val, code, origin = rows[form]
        out.write(
            f"{form}\t{lemma}\t{pos}\t{cat}\t{polarity(val)}\t{val:.1f}\t{code}\t{origin}\n"
        )


if __name__ == "__main__":
    main()
