#!/usr/bin/env python3
"""The benchmark's French pattern, mailbox-name and strong sets, loaded by
tools/gen-strength-data.py (which passes the lists and the seeded RNG).

What is held out: the patterns, digits, years and symbols are chosen here,
never seen by the dictionaries. The towns, clubs, pet names and phrases
are the held-out halves of the pools tools/gen-strength-data.py splits
(HOLDOUT there): none of them is in the dictionaries' places, clubs, first
names or phrases, though a town or a pet may still be a common password, a
word or a name of the other lists, as it is for an attacker. First names,
surnames and French words come from the same lists the dictionaries were
built from (an attacker has them too), so that part is not held out.
"""
import string

MONTHS = ["janvier", "fevrier", "février", "mars", "avril", "mai", "juin",
    "juillet", "aout", "août", "septembre", "octobre", "novembre", "decembre",
    "décembre"]
# Things people add to a town.
DEPTS = ["01", "06", "13", "31", "33", "38", "44", "59", "62", "67", "69",
    "75", "76", "77", "78", "83", "91", "92", "93", "94", "95", "974", "971"]
WALKS = ["azerty", "azertyuiop", "qsdfghjklm", "wxcvbn", "azertyuiop^$",
    "aqwzsx", "aqwzsxedc", "azeqsd", "azerqsdf", "&é\"'(-è_çà", "poiuytreza",
    "mlkjhgfdsq", "nbvcxw", "789456123", "147258369", "159753", "azerty123",
    "qwertz", "qwerty", "1qaz2wsx", "zsedrf", "a1z2e3r4", "aze123"]
SYMS = ["!", ".", "*", "@", "#", "$", "?", "!!", "&", "-", "+", "_"]
DOMAINS = ["cergy-immo.fr", "boulangerie-martin.fr", "garage-dupuis.com",
    "cabinet-leroy.fr", "mairie-osny.fr", "ecole-jaures.org",
    "pharmacie-centrale.fr", "plomberie-moreau.fr", "fleurs-de-lys.fr",
    "transports-girard.com", "asso-rando95.org", "avocats-bernard.fr"]


def cap(rng, w):
    r = rng.random()
    if r < 0.45:
        return w
    if r < 0.9:
        return w[:1].upper() + w[1:]
    return w.upper()


def leet(rng, w):
    t = {"a": "@4", "e": "3", "i": "1!", "o": "0", "s": "$5", "t": "7"}
    out = []
    for ch in w:
        if ch in t and rng.random() < 0.7:
            out.append(rng.choice(t[ch]))
        else:
            out.append(ch)
    return "".join(out)


def year(rng):
    return str(rng.randint(1950, 2026))


def date(rng):
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1950, 2024)
    f = rng.choice(["%02d%02d%04d", "%02d%02d%02d", "%02d/%02d/%04d",
        "%d%d%04d", "%02d%02d", "%02d-%02d-%04d", "%02d.%02d.%02d"])
    n = f.count("%")
    args = (d, m, y % 100 if "%02d" == f[-4:] else y)[:n]
    return f % args


def digits(rng):
    return rng.choice([str(rng.randint(0, 99)), "%02d" % rng.randint(0, 99),
        "123", "1234", "007", "69", "13", "75", "12345", year(rng)])


def suffix(rng):
    s = rng.choice([year(rng), digits(rng), date(rng), ""])
    if rng.random() < 0.5:
        s += rng.choice(SYMS)
    return s or rng.choice(SYMS) + digits(rng)


def generate(rng, put, first, last, frwords, diceware, towns_pop, clubs,
        pets, phrases):
    """towns_pop: (town, population) pairs; clubs, pets, phrases: lists.
    All four are held out from the dictionaries."""
    towns = [t for t, _ in towns_pop]
    tweights = [p for _, p in towns_pop]
    town = lambda: rng.choices(towns, tweights)[0]
    first = [w.strip() for w in first if len(w.strip()) >= 3]
    last = [w.strip() for w in last if len(w.strip()) >= 3]
    common = [w.strip() for w in frwords[:5000] if len(w.strip()) >= 4]
    pats = []
    names = ["first name + suffix", "first name + date",
        "word + year + symbol", "word + suffix", "keyboard walk", "date",
        "l33t word or phrase", "month + year", "town + department or year",
        "club", "pet + suffix", "phrase + suffix", "first name x 2",
        "couple (name & name)"]
    kinds = [
        lambda: cap(rng, rng.choice(first)) + suffix(rng),
        lambda: cap(rng, rng.choice(first)) + date(rng),
        lambda: cap(rng, rng.choice(common)) + year(rng) + rng.choice(SYMS),
        lambda: cap(rng, rng.choice(common)) + suffix(rng),
        lambda: rng.choice(WALKS) + rng.choice(["", digits(rng),
            rng.choice(SYMS)]),
        lambda: date(rng) + rng.choice(["", rng.choice(SYMS)]),
        lambda: leet(rng, cap(rng, rng.choice(common + phrases))) +
            rng.choice(["", digits(rng), rng.choice(SYMS)]),
        lambda: cap(rng, rng.choice(MONTHS)) + year(rng) +
            rng.choice(["", rng.choice(SYMS)]),
        lambda: cap(rng, town()) + rng.choice(DEPTS + [year(rng)])
            + rng.choice(["", rng.choice(SYMS)]),
        lambda: cap(rng, rng.choice(clubs)) + rng.choice(["", year(rng),
            digits(rng)]) + rng.choice(["", rng.choice(SYMS)]),
        lambda: cap(rng, rng.choice(pets)) + suffix(rng),
        lambda: cap(rng, rng.choice(phrases)) + suffix(rng),
        lambda: cap(rng, rng.choice(first)) + cap(rng, rng.choice(first)) +
            rng.choice(["", digits(rng)]),
        lambda: cap(rng, rng.choice(first)) + rng.choice(["&", "+", "et"]) +
            cap(rng, rng.choice(first)) + rng.choice(["", year(rng)]),
    ]
    tags = []
    while len(pats) < 10000:
        k = rng.randrange(len(kinds))	# as rng.choice(kinds) would
        p = kinds[k]()
        if len(p) >= 8:
            pats.append(p)
            tags.append(names[k])
    put("french-patterns.txt", pats)
    put("french-patterns.kinds", tags)

    mbox = []
    while len(mbox) < 5000:
        f, l = rng.choice(first), rng.choice(last)
        dom = rng.choice(DOMAINS)
        local = rng.choice([f + "." + l, f[0] + l, l, f, f + "-" + l,
            f + "_" + l + str(rng.randint(1, 99))])
        label = dom.split(".")[0]
        piece = rng.choice([l, f, f + l, f[0] + l, l + f, f + "." + l,
            label, label.split("-")[-1], label.split("-")[0] + l,
            local, dom])
        p = cap(rng, piece) + rng.choice(["", digits(rng), year(rng),
            date(rng)]) + rng.choice(["", rng.choice(SYMS)])
        if rng.random() < 0.15:
            p = leet(rng, p)
        if len(p) >= 8:
            mbox.append("%s\t%s@%s\t%s %s" % (p, local, dom,
                f.capitalize(), l.capitalize()))
    put("mailbox-names.tsv", mbox)

    alpha = string.ascii_letters + string.digits + string.punctuation
    put("random-12-16.txt", ["".join(rng.choice(alpha) for _ in
        range(rng.randint(12, 16))) for _ in range(5000)])

    # Passphrases from the English diceware list and from French words of
    # the same commonness as the generator's list.
    frw = [w for w in frwords[:12000] if w.isascii() and w.isalpha() and
        4 <= len(w) <= 8]
    pp = []
    for i in range(5000):
        src = diceware if i % 2 else frw
        n = rng.choice([4, 5])
        sep = rng.choice([" ", "-", ".", "_", ""])
        pp.append(sep.join(rng.choice(src).strip() for _ in range(n)))
    put("passphrases.txt", pp)
