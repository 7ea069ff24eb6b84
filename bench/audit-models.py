"""The weak-password models of bench-audit-recall.sh, as distributions.

Each model is an exact distribution over passwords (a dict: password ->
probability), so the same code both draws the seeded passwords and says
what the best possible guessing order would find: an attacker who knew
the models exactly tries each account's passwords by decreasing
probability of the mixture, and no order finds more in G guesses.  That
ceiling, set against the audit's own stream, separates what its order
loses from what the models put out of any order's reach.

    audit-models.py generate DIR N WEAK SEED SRCDIR
        writes DIR/db.json (from DIR/demo.json), truth.tsv, weak.tsv,
        john.passwd, reading DIR/common.txt and DIR/french.txt
    audit-models.py ceiling DIR ORDER_TOOL G...
        for up to 20 weak accounts of DIR/weak.tsv: the recall each
        generated model would have with the best order and with the
        audit's stream (ORDER_TOOL --dump), at each G guesses per account
    audit-models.py consistency DATADIR ORDER_TOOL SIZE [MISSES]
        for each held-out set of DATADIR (bench/data): the share of the
        passwords check-password rates at 10^6 guesses or fewer that stand
        at most 10^(estimate + 0.5) in their account's stream; SIZE
        passwords a set (0: all), MISSES a file for the ones that do not

The models are described in bench-audit-recall.sh.
"""
import bisect
import collections
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)
import crypt  # noqa: E402 (Debian 12's Python 3.11 has it)
import heapq
import itertools
import json
import math
import re
import subprocess
import sys
import time

WALKS = ["azerty", "azertyuiop", "azertyu", "qsdfgh", "qsdfghjklm",
         "wxcvbn", "azer", "azert", "aqwzsx", "azqswx", "1a2z3e4r",
         "a1z2e3r4", "azeqsd", "azerty123", "poiuytreza", "mlkjhgfdsq",
         "qsdf", "wxcv", "azertyuiop123", "ytreza"]
WALK_SFX = {"": 0.4, "1": 0.2, "123": 0.2, "!": 0.2}
ALPHABET = ("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
            "23456789!#%+-=?@")
# Each weak mailbox gets a class by these shares, then a model at even odds.
SHARE = {"name": 0.3, "common": 0.28, "frword": 0.24, "walk": 0.18}
NAME_BASES = {"first": .30, "last": .20, "firstlast": .12, "local": .12,
              "localjoined": .08, "initlast": .08, "lastfirst": .05,
              "piece": .05}
NAME_CASES = {"lower": .55, "cap": .37, "upper": .08}
NAME_SFX = {"": .14, "birth": .22, "birth2": .08, "recent": .08,
            "123": .10, "1": .10, "!": .05, "dd": .05, "01": .03,
            "12": .03, "1234": .03, "d": .03, "year!": .04, "123!": .02,
            "*": .01, ".": .01}


def product(*parts):
    """The distribution of the concatenation of independent parts."""
    out = {"": 1.0}
    for part in parts:
        nxt = collections.defaultdict(float)
        for a, pa in out.items():
            for b, pb in part.items():
                nxt[a + b] += pa * pb
        out = nxt
    return dict(out)


def uniform(items):
    d = collections.defaultdict(float)
    for x in items:
        d[x] += 1 / len(items)
    return dict(d)


def zipf(items, s=1.0):
    w = [1 / (r + 1) ** s for r in range(len(items))]
    t = sum(w)
    d = collections.defaultdict(float)
    for x, wi in zip(items, w):
        d[x] += wi / t
    return dict(d)


def mix(*weighted):
    """One of the distributions, picked by weight (the weights need not
    add up to 1: the name suffixes' add up to 1.02, as random.choices
    takes them)."""
    total = sum(w for w, _ in weighted)
    d = collections.defaultdict(float)
    for w, dist in weighted:
        for x, p in dist.items():
            d[x] += w / total * p
    return dict(d)


def cased(dist, p_cap):
    """Each word as it is, or capitalised with probability p_cap."""
    return mix((1 - p_cap, dist),
               (p_cap, {w.capitalize(): p for w, p in dist.items()}))


def birth_years():
    """round(N(1985, 11)) clamped to 1950..2012."""
    def cdf(x):
        return 0.5 * (1 + math.erf((x - 1985) / (11 * math.sqrt(2))))
    return {str(y): (1 if y == 2012 else cdf(y + 0.5)) -
            (0 if y == 1950 else cdf(y - 0.5)) for y in range(1950, 2013)}


def recent_years(now):
    """now minus a geometric number of years (p = 0.35), from 2000 on."""
    d = collections.defaultdict(float)
    for k in range(now - 1999):
        d[str(max(2000, now - k))] += 0.35 * 0.65 ** k
    d["2000"] += 0.65 ** (now - 1999)
    return dict(d)


class Models:
    def __init__(self, common, french, now):
        birth = birth_years()
        recent = recent_years(now)
        weighted_year = mix((0.6, birth), (0.4, recent))
        self.birth, self.recent = birth, recent
        self.weighted_year = weighted_year
        self.shared = {
            ("common", "uniform"): uniform(common),
            ("common", "weighted"): zipf(common),
            ("frword", "uniform"): product(
                cased(uniform(french), 0.5),
                uniform([str(y) for y in range(1960, 2025)])),
            ("frword", "weighted"): product(cased(zipf(french), 0.4),
                                            weighted_year),
            ("walk", "uniform"): product(uniform(WALKS), WALK_SFX),
            ("walk", "weighted"): product(zipf(WALKS), WALK_SFX),
        }

    def name(self, local, name):
        """The generated name model of one account."""
        parts = [p for p in re.split(r"\s+", name.lower()) if p]
        first, last = parts[0], "".join(parts[1:]) or parts[0]
        pieces = [p for p in re.split(r"[^a-z]+", local) if len(p) >= 2]
        base = {"first": {first: 1}, "last": {last: 1},
                "firstlast": {first + last: 1}, "local": {local: 1},
                "localjoined": {re.sub(r"[^a-z0-9]", "", local): 1},
                "initlast": {first[0] + last: 1},
                "lastfirst": {last + first: 1},
                "piece": uniform(pieces) if pieces else {first: 1}}
        bases = mix(*((NAME_BASES[k], base[k]) for k in NAME_BASES))
        bases = mix((0.97, bases), (0.03, {b[::-1]: p
                                           for b, p in bases.items()}))
        cases = collections.defaultdict(float)
        for b, p in bases.items():
            cases[b] += p * NAME_CASES["lower"]
            cases[b.capitalize()] += p * NAME_CASES["cap"]
            cases[b.upper()] += p * NAME_CASES["upper"]
        sub = {"birth": self.birth,
               "birth2": {y[2:]: p for y, p in self.birth.items()},
               "recent": self.recent,
               "dd": uniform(["%02d" % i for i in range(100)]),
               "d": uniform([str(i) for i in range(2, 10)]),
               "year!": {y + "!": p for y, p in self.weighted_year.items()}}
        sfx = mix(*((p, sub.get(k, {k: 1})) for k, p in NAME_SFX.items()))
        return product(cases, sfx)


class Sampler:
    """Draws from a distribution, with the cumulative weights kept."""
    def __init__(self, dist):
        self.keys = list(dist)
        self.cum = list(itertools.accumulate(dist[k] for k in self.keys))

    def draw(self, rnd):
        i = bisect.bisect_left(self.cum, rnd.random() * self.cum[-1])
        return self.keys[min(i, len(self.keys) - 1)]


def read_lists(w):
    common = [l.strip() for l in open(f"{w}/common.txt")][:1000]
    french = [x for x in (l.strip() for l in open(f"{w}/french.txt"))
              if len(x) >= 4 and x.isalpha() and x.isascii()][:1000]
    return common, french


def generate(w, n, nweak, seed, src):
    rnd = __import__("random").Random(seed)
    year_now = time.gmtime().tm_year
    models = Models(*read_lists(w), year_now)
    samplers = {k: Sampler(d) for k, d in models.shared.items()}
    db = json.load(open(f"{w}/demo.json"))
    tmpl_u = dict(db["mail_user"][0])
    tmpl_d = dict(db["mail_domain"][0])
    # ASCII only: Python's crypt hashes UTF-8, ISPConfig hashes Latin-1.
    rows = [r for r in (l.rstrip("\n").split("\t") for l in
            open(f"{src}/bench/data/mailbox-names.tsv", encoding="utf-8"))
            if len(r) >= 3 and r[0].isascii() and r[1].isascii() and
            r[2].isascii() and
            re.fullmatch(r"[a-z0-9._-]+@[a-z0-9.-]+", r[1])]
    rnd.shuffle(rows)
    klass = list(SHARE)
    weak = [(rnd.choices(klass, [SHARE[k] for k in klass])[0],
             "uniform" if rnd.random() < 0.5 else "weighted")
            for i in range(nweak)]
    weak += [("strong", "-")] * (n - nweak)
    rnd.shuffle(weak)
    users = []
    domains = {}
    truth = open(f"{w}/truth.tsv", "w")
    plain = open(f"{w}/weak.tsv", "w")
    passwd = open(f"{w}/john.passwd", "w")
    for i in range(n):
        pw0, email, name = rows[i % len(rows)][:3]
        local, dom = email.split("@")
        email = f"{local}{'' if i < len(rows) else i}@{dom}"
        k, model = weak[i]
        if k == "name" and model == "uniform":
            pw = pw0
        elif k == "name":
            pw = Sampler(models.name(local, name)).draw(rnd)
        elif k == "strong":
            pw = "".join(rnd.choice(ALPHABET) for _ in range(16))
        else:
            pw = samplers[k, model].draw(rnd)
        salt = "".join(rnd.choice("0123456789abcdef") for _ in range(16))
        h = crypt.crypt(pw, f"$6$rounds=5000${salt}$")
        u = dict(tmpl_u)
        u.update({"mailuser_id": str(i + 1), "email": email,
                  "login": email, "name": name, "password": h,
                  "maildir": f"/var/vmail/{dom}/{local}"})
        users.append(u)
        if dom not in domains:
            d = dict(tmpl_d)
            d.update({"domain_id": str(len(domains) + 1), "domain": dom})
            domains[dom] = d
        truth.write(f"{email}\t{k}\t{model}\n")
        if k != "strong":
            # The local part the name model used, before any number
            # that made the address unique.
            plain.write(f"{email}\t{name}\t{pw}\t{k}/{model}\t{local}\n")
        # john sees what an attacker with the database would, where its
        # single crack mode looks: the address as login, the display name
        # and the local part in GECOS, the local part as the home.
        passwd.write(f"{email}:{h}:{i + 1}:1000:{name},{local}:"
                     f"/home/{local}:/bin/sh\n")
    db["mail_user"] = users
    db["mail_domain"] = list(domains.values())
    json.dump(db, open(f"{w}/db.json", "w"))


def ceiling(w, tool, gs):
    """Best-order and stream recall per generated model, mean over accounts."""
    models = Models(*read_lists(w), time.gmtime().tm_year)
    labels = [("name", "weighted")] + [k for k in models.shared]
    # The mixture weight of each model among the weak passwords; the file
    # column has no distribution and stays out (which only raises the
    # ceiling of the others).
    prior = {(k, m): SHARE[k] * 0.5 for k, m in labels}
    shared = sorted(((sum(prior[k] * d.get(pw, 0)
                          for k, d in models.shared.items()), pw)
                     for pw in set().union(*models.shared.values())),
                    reverse=True)
    accounts = [l.rstrip("\n").split("\t") for l in open(f"{w}/weak.tsv")]
    accounts = [(f[0], f[1], f[4] if len(f) > 4 else f[0].split("@")[0])
                for f in accounts[:20]]
    lim = max(gs)
    best = collections.defaultdict(float)
    ours = collections.defaultdict(float)
    for email, name, local in accounts:
        namedist = models.name(local, name)
        dists = dict(models.shared)
        dists["name", "weighted"] = namedist
        own = sorted(((prior["name", "weighted"] * p +
                       sum(prior[k] * d.get(pw, 0)
                           for k, d in models.shared.items()), pw)
                      for pw, p in namedist.items()), reverse=True)
        seen = set(namedist)
        merged = heapq.merge(own, (x for x in shared if x[1] not in seen),
                             reverse=True)
        for i, (_, pw) in enumerate(itertools.islice(merged, lim)):
            for lab in labels:
                p = dists[lab].get(pw)
                if p:
                    for g in gs:
                        if i < g:
                            best[lab, g] += p
        out = subprocess.run([tool, "--dump", str(lim), email, name],
                             check=True, capture_output=True).stdout
        done = set()
        for line in out.decode("latin-1").splitlines():
            pos, pw = line.split("\t", 1)
            if pw in done:
                continue
            done.add(pw)
            for lab in labels:
                p = dists[lab].get(pw)
                if p:
                    for g in gs:
                        if int(pos) < g:
                            ours[lab, g] += p
    na = len(accounts)
    print(f"\nthe generated models, expected recall per account "
          f"(mean of {na} accounts): the best order any attacker who knew "
          "the models could follow, then the audit's stream")
    print("%-17s" % "" + "".join(" %15s" % f"G={g}" for g in gs))
    print("%-17s" % "class/model" + " %7s %7s" % ("best", "stream") *
          len(gs))
    for k, m in labels:
        lab = f"{k}/{'generated' if k == 'name' else m}"
        print("%-17s" % lab + "".join(
            " %6.1f%% %6.1f%%" % (100 * best[(k, m), g] / na,
                                  100 * ours[(k, m), g] / na) for g in gs))
    for title, sel in (("weighted models", [l for l in labels
                                            if l[1] == "weighted"]),
                       ("all generated", labels)):
        wsum = sum(prior[l] for l in sel)
        print("%-17s" % title + "".join(
            " %6.1f%% %6.1f%%" % (
                100 * sum(prior[l] * best[l, g] for l in sel) / na / wsum,
                100 * sum(prior[l] * ours[l, g] for l in sel) / na / wsum)
            for g in gs))


# The held-out sets tools/gen-strength-data.py writes (see its HOLDOUT and
# tools/gen-bench-sets.py): none was drawn from what the stream or the
# estimator are built from, except the first names, surnames and French
# words the generated sets combine (an attacker has those lists too).
# Name, file, and whether its lines carry an account (password TAB
# address TAB display name).
CONS_SETS = [("weak-heldout", "weak-heldout.txt", False),
             ("weak-tail", "weak-tail.txt", False),
             ("french-patterns", "french-patterns.txt", False),
             ("mailbox-names", "mailbox-names.tsv", True),
             ("passphrases", "passphrases.txt", False),
             ("random-12-16", "random-12-16.txt", False)]
CONS_WEAK = 6.0


def consistency(data, tool, size, misses=None):
    """Estimate against stream position on the held-out sets."""
    lines, kinds = [], []
    for name, fname, acc in CONS_SETS:
        rows = open(f"{data}/{fname}", encoding="utf-8").read().splitlines()
        kk = None
        if name == "french-patterns":
            kk = open(f"{data}/french-patterns.kinds",
                      encoding="utf-8").read().splitlines()
        # A fixed, evenly spaced sample: nothing is chosen by its result.
        step = max(1, len(rows) // size) if size > 0 else 1
        for i in range(0, len(rows), step):
            if size > 0 and i // step >= size:
                break
            f = rows[i].split("\t")
            pw, email, dname = (f[0], f[1], f[2]) if acc else (rows[i],
                                                               "", "")
            if not pw or "\t" in pw:
                continue
            lines.append((name, email, dname, pw))
            kinds.append(kk[i] if kk else "")
    t0 = time.time()
    out = subprocess.run([tool, "--consistency"], check=True,
                         capture_output=True,
                         input="".join(f"{e}\t{d}\t{p}\t{s}\n"
                                       for s, e, d, p in lines).encode())
    secs = time.time() - t0
    res = out.stdout.decode().splitlines()
    if len(res) != len(lines):
        sys.exit("audit-models.py: the order tool lost lines")
    tot = collections.Counter()
    weak = collections.Counter()
    ok = collections.Counter()
    miss = open(misses, "w", encoding="utf-8") if misses else None
    for (s, e, d, pw), k, r in zip(lines, kinds, res):
        _, est, pos = r.split("\t")
        keys = [s, "all"] + ([f"  {k}"] if k else [])
        for key in keys:
            tot[key] += 1
        if pos == "-":
            continue
        for key in keys:
            weak[key] += 1
        if int(pos) >= 0:
            for key in keys:
                ok[key] += 1
        elif miss:
            miss.write(f"{s}\t{est}\t{pw}\t{e}\t{d}\n")
    if miss:
        miss.close()
    print(f"\nconsistency: of the passwords check-password rates at "
          f"10^{CONS_WEAK:.0f} guesses or fewer, the share at most "
          "10^(estimate + 0.5) in their account's stream (target 95%)")
    print("%-34s %6s %6s %10s" % ("held-out set", "tested", "weak",
                                  "consistent"))
    order = []
    for name, _, _ in CONS_SETS:
        order.append(name)
        if name == "french-patterns":
            order += sorted(k for k in tot if k.startswith("  "))
    for key in order + ["all"]:
        pct = ("%9.1f%%" % (100 * ok[key] / weak[key]) if weak[key]
               else "%10s" % "-")
        print("%-34s %6d %6d %s" % (key, tot[key], weak[key], pct))
    print(f"({len(lines)} estimates and their accounts' streams in "
          f"{secs:.1f} s)")


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]),
                 int(sys.argv[5]), sys.argv[6])
    elif sys.argv[1] == "ceiling":
        ceiling(sys.argv[2], sys.argv[3], [int(g) for g in sys.argv[4:]])
    elif sys.argv[1] == "consistency":
        consistency(sys.argv[2], sys.argv[3], int(sys.argv[4]),
                    sys.argv[5] if len(sys.argv) > 5 else None)
    else:
        sys.exit("audit-models.py: generate, ceiling or consistency")
