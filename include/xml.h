/*
 * Writing XML text safely: every string that goes into a document passes
 * through xml_text(), which escapes the five markup characters and refuses
 * what XML 1.0 cannot carry (control characters, invalid UTF-8), so that
 * a value from the configuration can never change a document's structure.
 * Knows no terminal and no file format.
 */
#ifndef ISPMAIL_XML_H
#define ISPMAIL_XML_H

#include <stdio.h>

/*
 * Writes s to fp with &, <, >, " and ' as entities. Returns 0, or -1 when
 * s holds a character XML 1.0 forbids or that a reader could not tell
 * from markup (C0 and C1 controls, tabs and newlines included, DEL,
 * invalid UTF-8), in which case nothing of s is written.
 */
int	xml_text(FILE *fp, const char *s);

/*
 * Writes "<name>s</name>\n" after depth tabs, s through xml_text().
 * name is a literal of the caller's. Returns 0 or -1 as xml_text().
 */
int	xml_element(FILE *fp, int depth, const char *name, const char *s);

/* xml_element() of a decimal number. */
void	xml_element_long(FILE *fp, int depth, const char *name, long v);

#endif
