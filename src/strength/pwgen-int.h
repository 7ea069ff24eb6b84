/*
 * Inside the generator: the passphrase list of pwgen-words.c, generated
 * by tools/gen-strength-data.py. 8,192 words make each word exactly 13 bits.
 */
#ifndef ISPMAIL_PWGEN_INT_H
#define ISPMAIL_PWGEN_INT_H

#define PWGEN_NWORDS 8192

extern const char *const pwgen_words[PWGEN_NWORDS];

/* The alphabet of PWGEN_CHARS, by class: no 0/O, 1/l/I look-alikes, and
 * symbols that need no quoting in a shell's double quotes or a URL form. */
#define PWGEN_LOWER	"abcdefghijkmnopqrstuvwxyz"
#define PWGEN_UPPER	"ABCDEFGHJKLMNPQRSTUVWXYZ"
#define PWGEN_DIGITS	"23456789"
#define PWGEN_SYMBOLS	"#%*+,-.:=?@_"

/* Passphrase separators, one chosen per passphrase. */
#define PWGEN_SEPARATORS "-._+"

#endif
