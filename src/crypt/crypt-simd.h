/*
 * The SIMD round loops of the crypt stack, one candidate per register
 * lane: 4 for SHA-512-crypt, 8 for MD5-crypt.  They sit on crypt-prim.h
 * only; the lanes must share a block layout (see crypt-lanes.c), and
 * callers check the CPU first.
 */
#ifndef ISPMAIL_CRYPT_SIMD_H
#define ISPMAIL_CRYPT_SIMD_H

#include <stddef.h>

#include "crypt-prim.h"

/* Runs the round loop on l[0..3] with simd, AVX2 or AVX-512VL. */
void	sha512crypt_rounds_x4(struct crypt_lane *l[4], size_t sl,
	    unsigned long rounds, enum crypt_simd simd);
/* The same on l[0..7] for MD5-crypt. */
void	md5crypt_rounds_x8(struct crypt_lane *l[8], size_t sl,
	    unsigned long rounds, enum crypt_simd simd);

#endif
