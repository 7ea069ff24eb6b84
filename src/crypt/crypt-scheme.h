/*
 * The operations of one crypt(3) scheme, as the lane scheduler
 * (crypt-lanes.c) drives them, and the two schemes the fast engines know.
 * OpenSSH's struct sshkey_impl is the model: adding a scheme is one more
 * instance, not another scheduler.
 */
#ifndef ISPMAIL_CRYPT_SCHEME_H
#define ISPMAIL_CRYPT_SCHEME_H

#include <stddef.h>
#include <stdint.h>

#include "crypt-prim.h"

/* The widest SIMD pass of any scheme. */
#define CRYPT_LANES_MAX	8

struct crypt_scheme {
	size_t	 digestlen;
	/* Candidates per SIMD pass. */
	size_t	 nlanes;
	/*
	 * Below this many candidates of one layout a SIMD pass costs more
	 * than the scalar loop on each; SIZE_MAX for CRYPT_SIMD_NONE.
	 */
	size_t	 simd_min[CRYPT_SIMD_AVX512 + 1];
	/* The blocks of a round message: see crypt-prim.h. */
	size_t	 (*nblocks)(size_t pl, size_t sl, int with_s, int with_p);
	/* Fills l from the password and the salt: A, P and S. */
	void	 (*setup)(struct crypt_lane *l, const uint8_t *pw, size_t pl,
		    const uint8_t *salt, size_t sl);
	/* The round loop on one lane, leaving the digest in l->c. */
	void	 (*rounds)(struct crypt_lane *l, size_t sl,
		    unsigned long rounds);
	/* The same on nlanes lanes at once: see crypt-simd.h. */
	void	 (*rounds_simd)(struct crypt_lane **l, size_t sl,
		    unsigned long rounds, enum crypt_simd simd);
};

extern const struct crypt_scheme sha512crypt_scheme;
extern const struct crypt_scheme md5crypt_scheme;

#endif
