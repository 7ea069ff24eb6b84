/*
 * Printing what came from the server or the user: control characters are
 * replaced so that a hostile name cannot drive the terminal (msmtp
 * sanitize_string, OpenSSH mprintf), and JSON results use one stable form.
 */
#ifndef ISPMAIL_OUTPUT_H
#define ISPMAIL_OUTPUT_H

#include <stdio.h>

#include <json-c/json.h>

/*
 * Writes s with every character text.h calls unsafe (C0, DEL, C1 controls,
 * bidirectional controls, bytes that are not UTF-8) shown as '?'.
 */
void	out_safe(FILE *fp, const char *s);

/* The same for len bytes, NULs included (shown as '?'); for secrets. */
void	out_safe_n(FILE *fp, const char *s, size_t len);

/* Returns a sanitised copy of s, owned by the caller. */
char	*out_sanitize(const char *s);

/*
 * Prints obj as one JSON document and a newline; obj is borrowed. C1 and
 * bidirectional controls are written as \u escapes, bytes that are not
 * UTF-8 as \ufffd, so that no string can drive a terminal.
 */
void	out_json(FILE *fp, struct json_object *obj);

/*
 * Wipes the last serialisation of obj and the string member str that held
 * a secret, before the caller puts obj. Copies json-c made while growing its
 * buffers are beyond reach; ispmail(1) says so under SECURITY.
 */
void	out_json_wipe(struct json_object *obj, struct json_object *str);

/* Formats a byte count as "unlimited", "512M", "2G" or bytes; buf >= 32. */
void	out_size(char *buf, size_t len, unsigned long long bytes);

#endif
