/*
 * see xml.h
 */
#include "config.h"

#include <stdio.h>

#include "text.h"
#include "xml.h"

/* see xml.h */
int
xml_text(FILE *fp, const char *s)
{
	if (text_plain(s, NULL) != 0)
		return -1;
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&apos;", fp);
			break;
		default:
			fputc(*s, fp);
			break;
		}
	}
	return 0;
}

/* see xml.h */
int
xml_element(FILE *fp, int depth, const char *name, const char *s)
{
	if (text_plain(s, NULL) != 0)
		return -1;
	fprintf(fp, "%.*s<%s>", depth, "\t\t\t\t\t\t\t\t", name);
	xml_text(fp, s);
	fprintf(fp, "</%s>\n", name);
	return 0;
}

/* see xml.h */
void
xml_element_long(FILE *fp, int depth, const char *name, long v)
{
	fprintf(fp, "%.*s<%s>%ld</%s>\n", depth, "\t\t\t\t\t\t\t\t", name, v,
	    name);
}
