/*
 * The lane scheduler of the crypt stack: hashes a batch of candidates with
 * one scheme, grouping those that share a block layout into SIMD passes.
 */
#ifndef ISPMAIL_CRYPT_LANES_H
#define ISPMAIL_CRYPT_LANES_H

#include <stddef.h>
#include <stdint.h>

#include "crypt-prim.h"
#include "crypt-scheme.h"

/*
 * Writes the digests of cands[0..n-1] (lens[i] <= CRYPT_PW_MAX bytes, salt
 * of sl <= CRYPT_SALT_MAX bytes) to digests[i * CRYPT_DIGEST_MAX], with
 * the SIMD loop of cs for simd (the caller checked the CPU), or with its
 * scalar loop only for CRYPT_SIMD_NONE.
 */
void	crypt_lanes_batch(const struct crypt_scheme *cs, enum crypt_simd simd,
	    const uint8_t *salt, size_t sl, unsigned long rounds,
	    const char *const *cands, const size_t *lens, size_t n,
	    uint8_t *digests);

#endif
