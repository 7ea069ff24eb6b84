/*
 * The one printed form of aliases and forwards, shared by the alias,
 * forward and show commands. JSON keys (stable, documented in
 * ispmail(1)): address, type ("alias", "forward", "catch-all", "other"),
 * destinations (a list of addresses), active (a boolean).
 */
#ifndef ISPMAIL_ALIASOUT_H
#define ISPMAIL_ALIASOUT_H

#include <stdio.h>

#include <json-c/json.h>

#include "alias.h"

/* Returns a new JSON object for a; the caller puts it. */
struct json_object *aliasout_json(const struct alias *a);

/*
 * Prints v: with json a JSON list, else a table with a header line
 * (unless header is 0) naming the destination column dest_title.
 */
void	aliasout_list(FILE *fp, const struct alias *v, size_t n, int json,
	    int header, const char *dest_title);

#endif
