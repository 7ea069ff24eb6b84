/*
 * The estimator's cover (strength-cover.c): the cheapest sequence of
 * matches and brute force that writes a password, over the matchers'
 * output, and the character classes its prices and the feedback share.
 * Inside the strength module only, like strength-int.h.
 */
#ifndef ISPMAIL_STRENGTH_COVER_H
#define ISPMAIL_STRENGTH_COVER_H

#include <stddef.h>

#include "strength-int.h"

/* What strength_cover() prices. */
enum strength_cover_mode {
	SCOVER_RAW,	/* the parts alone */
	SCOVER_PRIOR,	/* and the template's prior (smodel_list_prior()) */
	SCOVER_STREAM	/* the same, of the covers the audit's stream makes */
};

/* Cheapest cover of the password by its matches and brute force, as log10
 * guesses, as mode says (HUGE_VAL and no part when there is none); copies
 * the parts, in order, into cover[128] when given. */
double	strength_cover(const struct strength_pw *pw,
	    struct strength_match *cover, size_t *ncover,
	    enum strength_cover_mode mode);

/* Counts the digits and the letters of raw[i..j). */
void	strength_count_classes(const struct strength_pw *pw, size_t i,
	    size_t j, size_t *digits, size_t *letters);

/* Whether raw[i..j) is digits, or a few digits and symbols, as people
 * append them ("75!"), which the cover prices as decoration. */
int	strength_is_decoration(const struct strength_pw *pw, size_t i,
	    size_t j);

/* Brute force over raw[i..j) at the flat prices, without letter models. */
double	strength_flat_cost(const struct strength_pw *pw, size_t i, size_t j);

#endif
