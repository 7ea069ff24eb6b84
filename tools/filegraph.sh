#!/bin/sh
# The file graph of src/: which source file depends on which, and whether
# the dependencies form a cycle or run up the layers.
#
#   tools/filegraph.sh [-s SRCDIR] [-b BUILDDIR]   check the built tree
#   tools/filegraph.sh -e EDGES                    check an edge list
#   tools/filegraph.sh [-s ..] [-b ..] -p          print the edge list
#
# A file depends on another when it uses a symbol the other defines (from
# nm of libispmail.a and src/main.o, so calls and data alike, as the
# linker resolves them), and when it or its header includes the other's
# header (X.h is module X.c's contract).  The command table's rows are
# not dependencies: cmd.c names each cmd_<name>_entry so that a command
# plugs in as one file and one row, as issue 13 asks, and the
# command files call down into cmd.c.  An edge list has one edge a
# line: "FROM TO WHY", FROM and TO file names relative to src/.
#
# Exit status 0 when the graph has no cycle and no edge runs from a lower
# layer to a higher one (the layers are the table below); 1, naming each
# cycle and each such edge, when it has; 2 on a usage or build error.
set -eu

srcdir=. builddir=. edges= print=0
while getopts s:b:e:p opt; do
	case $opt in
	s) srcdir=$OPTARG ;;
	b) builddir=$OPTARG ;;
	e) edges=$OPTARG ;;
	p) print=1 ;;
	*) echo "usage: tools/filegraph.sh [-s SRCDIR] [-b BUILDDIR]" \
	    "[-e EDGES | -p]" >&2
	   exit 2 ;;
	esac
done
AWK=${AWK:-awk}
NM=${NM:-nm}

# The layers, lowest first: a file may depend on files of its own layer
# and of the layers below it, never above.  The first pattern that
# matches a file (shell patterns over its path below src/) gives its
# layer; a file matching none is in no layer and is not checked.  In
# src/strength/: tables, matchers, cover, then the API and the generator
# (issue 13); in src/crypt/: primitives and tables, SIMD round loops,
# schemes and the lane scheduler, then crackhash.c.
LAYERS='
0 err.c xmalloc.c secret.c utf8.c text.c output.c safefile.c argv.c
0 json-util.c csv.c xml.c duration.c
1 strength/strength-data.c strength/strength-curve.c strength/pwgen-words.c
1 strength/strength-msg.c crypt/crypt-prim.c
2 strength/strength-wordlists.c strength/strength-match.c crypt/*-avx2.c
3 strength/strength-cover.c crypt/md5crypt.c crypt/sha512crypt.c
3 crypt/crypt-lanes.c
4 strength/*.c crypt/*.c names.c http.c
5 conf.c api.c mailbox.c alias.c compcache.c
6 audit/*.c import.c sheet.c sheetfile.c autoconfig.c
7 mbxout.c aliasout.c
8 args.c cmd.c
9 pwinput.c aliascmd.c sheetopt.c
10 cmd-*.c complete.c shell.c main.c
'

tmp=$(mktemp -d "${TMPDIR:-/tmp}/filegraph.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ -z "$edges" ]; then
	lib=$builddir/libispmail.a
	main=$builddir/src/main.o
	if [ ! -f "$lib" ] || [ ! -f "$main" ]; then
		echo "filegraph: $lib or $main not built (run make)" >&2
		exit 2
	fi
	# The sources, by base name: an archive member knows no folder.
	(cd "$srcdir/src" && find . -name '*.c' | sed 's|^\./||') \
	    >"$tmp/sources"
	# "FILE SYMBOL D" for a definition, "FILE SYMBOL U" for a use.
	{ "$NM" -A "$lib"; "$NM" -A "$main" | sed 's|^[^:]*/|libispmail.a:|'; } |
	    "$AWK" -v sources="$tmp/sources" '
		BEGIN {
			while ((getline f < sources) > 0) {
				b = f; sub(/.*\//, "", b); sub(/\.c$/, "", b)
				src[b] = f
			}
		}
		{
			split($1, p, ":"); o = p[2]; sub(/\.o$/, "", o)
			sub(/^[a-z_]*_a-/, "", o)
			if (!(o in src)) next
			t = $(NF - 1)
			if (t == "T") print src[o], $NF "()", "D"
			else if (t ~ /^[DBRCGSV]$/) print src[o], $NF, "D"
			else if (t == "U") print src[o], $NF, "U"
		}' >"$tmp/syms"
	"$AWK" '
		$3 == "D" { name = $2; sub(/\(\)$/, "", name); def[name] = $1
			    shown[name] = $2; next }
		$2 ~ /^cmd_.*_entry$/ { next }
		{ use[++n] = $1 " " $2 }
		END {
			for (i = 1; i <= n; i++) {
				split(use[i], u, " ")
				if ((u[2] in def) && def[u[2]] != u[1])
					print u[1], def[u[2]], shown[u[2]]
			}
		}' "$tmp/syms" >"$tmp/edges"
	# Includes: a source or a header including module Y's header (Y.h,
	# Y.c existing) depends on Y.c; a header stands for its module.
	(cd "$srcdir" && find src include -name '*.[ch]') | while read -r f; do
		sed -n 's/^#[ \t]*include[ \t]*"\([^"]*\)\.h".*/\1/p' \
		    "$srcdir/$f" | while read -r h; do
			printf '%s %s\n' "$f" "$h"
		done
	done | "$AWK" -v sources="$tmp/sources" '
		BEGIN {
			while ((getline f < sources) > 0) {
				b = f; sub(/.*\//, "", b); sub(/\.c$/, "", b)
				src[b] = f
			}
		}
		{
			b = $1; sub(/.*\//, "", b); ext = b
			sub(/\.[ch]$/, "", b); sub(/.*\./, "", ext)
			if (!($2 in src)) next
			if (ext == "c") from = $1
			else if (b in src) from = "src/" src[b]
			else next
			sub(/^src\//, "", from)
			if (from != src[$2]) print from, src[$2], $2 ".h"
		}' >>"$tmp/edges"
	edges=$tmp/edges
	if [ $print = 1 ]; then
		sort -u "$edges"
		exit 0
	fi
fi

printf '%s\n' "$LAYERS" | "$AWK" '
	NF { for (i = 2; i <= NF; i++) print $1, $i }' >"$tmp/layers"
# The layer of each file named in the edges, by the first matching pattern.
"$AWK" '{ print $1; print $2 }' "$edges" | sort -u | while read -r f; do
	while read -r l pat; do
		# shellcheck disable=SC2254
		case $f in
		$pat) printf '%s %s\n' "$f" "$l"; break ;;
		esac
	done <"$tmp/layers"
done >"$tmp/layerof"

# Cycles: the strongly connected components of more than one file
# (Tarjan), each named by one shortest cycle through it, edge by edge with
# what makes the edge.  Then the edges that run up the layers.
"$AWK" -v layerof="$tmp/layerof" '
	function connect(v,    i, w) {
		idx[v] = low[v] = ++counter
		stack[++sp] = v; onstack[v] = 1
		for (i = 1; i <= nout[v]; i++) {
			w = out[v, i]
			if (!(w in idx)) {
				connect(w)
				if (low[w] < low[v]) low[v] = low[w]
			} else if (onstack[w] && idx[w] < low[v])
				low[v] = idx[w]
		}
		if (low[v] == idx[v]) {
			ncomp++; size = 0
			do {
				w = stack[sp--]; onstack[w] = 0
				comp[w] = ncomp; size++
			} while (w != v)
			csize[ncomp] = size
		}
	}
	# One shortest cycle through v inside its component, breadth first.
	function cycle(v,    head, tail, q, prev, seen, x, i, w, path, u) {
		head = tail = 0; q[++tail] = v
		while (head < tail) {
			x = q[++head]
			for (i = 1; i <= nout[x]; i++) {
				w = out[x, i]
				if (comp[w] != comp[v]) continue
				if (w == v) {
					path = x " -> " v " (" why[x, v] ")"
					for (u = x; u != v; u = prev[u])
						path = prev[u] " -> " u " (" \
						    why[prev[u], u] "), " path
					return path
				}
				if (!(w in seen)) { seen[w] = 1; prev[w] = x; q[++tail] = w }
			}
		}
	}
	BEGIN {
		while ((getline line < layerof) > 0) {
			split(line, f, " "); layer[f[1]] = f[2] + 0
		}
	}
	{
		if (($1, $2) in why) {
			if (index(why[$1, $2], $3) == 0 && ++nwhy[$1, $2] <= 3)
				why[$1, $2] = why[$1, $2] ", " $3
			next
		}
		why[$1, $2] = $3; nwhy[$1, $2] = 1
		out[$1, ++nout[$1]] = $2
		node[$1] = node[$2] = 1
		if (($1 in layer) && ($2 in layer) && layer[$1] < layer[$2]) {
			upfrom[++nup] = $1; upto[nup] = $2
		}
	}
	END {
		for (v in node) if (!(v in idx)) connect(v)
		bad = 0
		for (v in node) {
			c = comp[v]
			if (csize[c] > 1 && !(c in named)) {
				named[c] = 1; bad++
				print "cycle of " csize[c] " files: " cycle(v)
			}
		}
		for (i = 1; i <= nup; i++) {
			a = upfrom[i]; b = upto[i]
			print "up the layers: " a " (layer " layer[a] ") -> " b \
			    " (layer " layer[b] ") (" why[a, b] ")"
		}
		n = 0; for (v in node) n++
		m = 0; for (k in why) m++
		printf "%d files, %d edges, %d cycles, %d edges up the layers\n",
		    n, m, bad, nup + 0
		exit bad + nup > 0
	}' "$edges"
