/*
 * Printed form of aliases and forwards.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "aliasout.h"
#include "output.h"

/* see aliasout.h */
struct json_object *
aliasout_json(const struct alias *a)
{
	struct json_object *o, *d;
	size_t i;

	o = json_object_new_object();
	json_object_object_add(o, "address", json_object_new_string(a->source));
	json_object_object_add(o, "type",
	    json_object_new_string(alias_kind_name(a->kind)));
	d = json_object_new_array();
	for (i = 0; i < a->ndest; i++)
		json_object_array_add(d, json_object_new_string(a->dest[i]));
	json_object_object_add(o, "destinations", d);
	json_object_object_add(o, "active", json_object_new_boolean(a->active));
	return o;
}

/* see aliasout.h */
void
aliasout_list(FILE *fp, const struct alias *v, size_t n, int json,
    int header, const char *dest_title)
{
	struct json_object *arr;
	size_t i;
	char *s;

	if (json) {
		arr = json_object_new_array();
		for (i = 0; i < n; i++)
			json_object_array_add(arr, aliasout_json(&v[i]));
		out_json(fp, arr);
		json_object_put(arr);
		return;
	}
	if (header)
		fprintf(fp, "%-40s %-8s %s\n", "ADDRESS", "STATE", dest_title);
	for (i = 0; i < n; i++) {
		s = out_sanitize(v[i].source);
		fprintf(fp, "%-40s %-8s ", s,
		    v[i].active ? "active" : "inactive");
		free(s);
		s = alias_join((const char *const *)v[i].dest, v[i].ndest);
		out_safe(fp, s);
		free(s);
		fputc('\n', fp);
	}
}
