/*
 * The one lane scheduler of the crypt stack (see crypt-lanes.h), for
 * every scheme through its struct crypt_scheme.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "crypt-lanes.h"

/* Candidates sorted per pass: batches are small. */
#define CRYPT_LANES_CHUNK	64

/*
 * Lanes can share a SIMD pass when every round needs the same number of
 * blocks for all of them; that depends only on whether S and the second P
 * are present, so four block counts describe a candidate.
 */
static uint32_t
lane_layout(const struct crypt_scheme *cs, size_t pl, size_t sl)
{
	return (uint32_t)(cs->nblocks(pl, sl, 0, 0) |
	    cs->nblocks(pl, sl, 1, 0) << 8 |
	    cs->nblocks(pl, sl, 0, 1) << 16 |
	    cs->nblocks(pl, sl, 1, 1) << 24);
}

/* Orders idx[0..m-1] by layout[], by insertion: m is small. */
static void
sort_by_layout(const struct crypt_scheme *cs, const size_t *lens, size_t m,
    size_t sl, uint32_t *layout, size_t *idx)
{
	size_t j, k;

	for (j = 0; j < m; j++) {
		layout[j] = lane_layout(cs, lens[j], sl);
		for (k = j; k > 0 && layout[idx[k - 1]] > layout[j]; k--)
			idx[k] = idx[k - 1];
		idx[k] = j;
	}
}

/* see crypt-lanes.h */
void
crypt_lanes_batch(const struct crypt_scheme *cs, enum crypt_simd simd,
    const uint8_t *salt, size_t sl, unsigned long rounds,
    const char *const *cands, const size_t *lens, size_t n,
    uint8_t *digests)
{
	struct crypt_lane lane[CRYPT_LANES_MAX], *lp[CRYPT_LANES_MAX];
	uint32_t layout[CRYPT_LANES_CHUNK];
	size_t idx[CRYPT_LANES_CHUNK], i, j, k, g, m, c;

	for (i = 0; i < n; i += m) {
		m = n - i < CRYPT_LANES_CHUNK ? n - i : CRYPT_LANES_CHUNK;
		sort_by_layout(cs, lens + i, m, sl, layout, idx);
		for (j = 0; j < m; j += g) {
			for (g = 1; g < cs->nlanes && j + g < m &&
			    layout[idx[j + g]] == layout[idx[j]]; g++)
				;
			for (k = 0; k < g; k++) {
				c = i + idx[j + k];
				cs->setup(&lane[k], (const uint8_t *)cands[c],
				    lens[c], salt, sl);
			}
			if (g >= cs->simd_min[simd]) {
				/* Short groups repeat their first lane. */
				for (k = 0; k < cs->nlanes; k++)
					lp[k] = &lane[k < g ? k : 0];
				cs->rounds_simd(lp, sl, rounds, simd);
			} else {
				for (k = 0; k < g; k++)
					cs->rounds(&lane[k], sl, rounds);
			}
			for (k = 0; k < g; k++)
				memcpy(digests + (i + idx[j + k]) *
				    CRYPT_DIGEST_MAX, lane[k].c,
				    cs->digestlen);
		}
	}
	sodium_memzero(lane, sizeof(lane));
}
