/*
 * see sheet.h. The wording lives in one message table per language; the
 * three renderers (text, JSON, PDF) say the same facts from it.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <sodium.h>

#include "conf.h"
#include "names.h"
#include "output.h"
#include "sheet.h"
#include "text.h"
#include "xmalloc.h"

/* The rules quote these numbers; names.c enforces them. */
_Static_assert(NAMES_LOCAL_MAX == 64 && NAMES_ADDRESS_MAX == 64,
    "the name rules on the sheet quote 64 characters");

struct sheet_msgs {
	const char	*lang;
	const char	*colon;		/* after a label */
	const char	*title;
	const char	*issued;	/* before the date */
	const char	*months[12];
	const char	*rotated;
	const char	*codes;
	const char	*address;
	const char	*login;
	const char	*login_note;
	const char	*password;
	const char	*password_blank;
	const char	*password_case;
	const char	*settings;
	const char	*manual;
	const char	*col_server;
	const char	*col_port;
	const char	*col_security;
	const char	*imap;
	const char	*pop3;
	const char	*smtp;
	const char	*port;		/* "port 993" */
	const char	*ssl;
	const char	*starttls;
	const char	*login_value;	/* the login row of the settings */
	const char	*auth;
	const char	*auth_value;
	const char	*display_name;
	const char	*your_name;
	const char	*webmails;
	const char	*webmails_note;
	const char	*rules_title;
	const char	*rules;
	const char	*notice_title;
	const char	*notice;
	const char	*support;
	const char	*keep;
};

/* French typography: a no-break space before ':' and inside « ». */
#define NBSP "\u00a0"

static const struct sheet_msgs sheet_fr = {
	.lang = "fr",
	.colon = NBSP ": ",
	.title = "Fiche de connexion à votre messagerie",
	.issued = "Délivrée le",
	.months = { "janvier", "février", "mars", "avril", "mai", "juin",
	    "juillet", "août", "septembre", "octobre", "novembre",
	    "décembre" },
	.rotated = "Votre mot de passe a été changé : il était trop faible "
	    "au regard de notre règle sur les mots de passe (voir plus "
	    "bas). Voici le nouveau ; l’ancien ne fonctionne plus.",
	.codes = "Vos codes",
	.address = "Adresse",
	.login = "Identifiant",
	.login_note = "l’identifiant est l’adresse complète, dans Outlook "
	    "comme dans les webmails",
	.password = "Mot de passe",
	.password_blank = "(à remplir)",
	.password_case = "Respectez les majuscules et les minuscules.",
	.settings = "Réglages de votre logiciel de messagerie",
	.manual = "Dans Outlook, Thunderbird ou sur votre téléphone, "
	    "choisissez la «" NBSP "configuration manuelle" NBSP "» et "
	    "saisissez" NBSP ":",
	.col_server = "Serveur",
	.col_port = "Port",
	.col_security = "Sécurité",
	.imap = "Réception (IMAP)",
	.pop3 = "Réception (POP3)",
	.smtp = "Envoi (SMTP)",
	.port = "port",
	.ssl = "SSL/TLS",
	.starttls = "STARTTLS",
	.login_value = "votre adresse complète",
	.auth = "Authentification",
	.auth_value = "obligatoire pour l’envoi, avec les mêmes codes",
	.display_name = "Nom affiché",
	.your_name = "votre nom",
	.webmails = "Webmails",
	.webmails_note = "avec les mêmes codes",
	.rules_title = "Noms des boîtes aux lettres",
	.rules = "Avant le @, de 1 à 64" NBSP "caractères" NBSP ": lettres "
	    "de A à Z et de a à z sans accents, chiffres, tiret (-), tiret "
	    "bas (_) et points isolés" NBSP "; ni point au début ou à la "
	    "fin, ni tiret au début. L’adresse entière ne dépasse pas "
	    "64" NBSP "caractères.",
	.notice_title = "Mots de passe faibles",
	.notice = "Nous nous réservons le droit de changer sans préavis tout "
	    "mot de passe d’une complexité insuffisante" NBSP ": une boîte "
	    "aux lettres protégée par un mot de passe faible peut être prise "
	    "par un spammeur, et c’est alors toute la plate-forme qui se "
	    "retrouve sur liste noire.",
	.support = "Assistance",
	.keep = "Gardez cette fiche en lieu sûr."
};

static const struct sheet_msgs sheet_en = {
	.lang = "en",
	.colon = ": ",
	.title = "Your mailbox: how to connect",
	.issued = "Issued on",
	.months = { "January", "February", "March", "April", "May", "June",
	    "July", "August", "September", "October", "November",
	    "December" },
	.rotated = "Your password has been changed: it was too weak under "
	    "our policy on passwords (see below). Here is the new one; the "
	    "old one no longer works.",
	.codes = "Your codes",
	.address = "Address",
	.login = "Login",
	.login_note = "the login is the whole address, in Outlook and in "
	    "the webmails",
	.password = "Password",
	.password_blank = "(to fill in)",
	.password_case = "Capitals and small letters matter.",
	.settings = "Settings for your mail program",
	.manual = "In Outlook, Thunderbird or on your phone, choose "
	    "“manual configuration” and enter:",
	.col_server = "Server",
	.col_port = "Port",
	.col_security = "Security",
	.imap = "Incoming (IMAP)",
	.pop3 = "Incoming (POP3)",
	.smtp = "Outgoing (SMTP)",
	.port = "port",
	.ssl = "SSL/TLS",
	.starttls = "STARTTLS",
	.login_value = "your whole address",
	.auth = "Authentication",
	.auth_value = "required for sending, with the same codes",
	.display_name = "Display name",
	.your_name = "your name",
	.webmails = "Webmails",
	.webmails_note = "with the same codes",
	.rules_title = "Mailbox names",
	.rules = "Before the @, 1 to 64 characters: letters A to Z and a to "
	    "z without accents, digits, hyphen (-), underscore (_) and "
	    "single dots; no dot first or last, no hyphen first. The whole "
	    "address is at most 64 characters.",
	.notice_title = "Weak passwords",
	.notice = "We reserve the right to change without notice any "
	    "password of insufficient complexity: a mailbox with a weak "
	    "password can be taken over by a spammer and the whole platform "
	    "blacklisted.",
	.support = "Support",
	.keep = "Keep this sheet in a safe place."
};

static const struct sheet_msgs *const sheet_langs[] = {
	&sheet_fr, &sheet_en, NULL
};

/* One row of the client settings: IMAP, POP3 or SMTP. */
struct sheet_server {
	const char	*label;
	const char	*host;
	long		 port;
	const char	*security;
};

#define SHEET_NSERVERS 3

/* The facts every renderer needs, checked once. */
struct sheet_ctx {
	const struct sheet *s;
	const struct mailclient *c;
	const struct sheet_msgs *m;
	char	 date[64];		/* "4 décembre 2026" */
	char	 isodate[16];		/* "2026-12-04" */
	struct sheet_server servers[SHEET_NSERVERS];
};

/* see sheet.h */
int
sheet_format_parse(const char *s, enum sheet_format *out,
    struct errbuf *eb)
{
	if (strcmp(s, "text") == 0)
		*out = SHEET_TEXT;
	else if (strcmp(s, "json") == 0)
		*out = SHEET_JSON;
	else if (strcmp(s, "pdf") == 0)
		*out = SHEET_PDF;
	else
		return err_set(eb, ISPM_EUSAGE, "unknown sheet format '%s': "
		    "text, json or pdf", s);
	return 0;
}

static int
sheet_prepare(const struct sheet *s, struct sheet_ctx *x, struct errbuf *eb)
{
	const char *lang;
	struct tm tm;
	size_t i;

	memset(x, 0, sizeof(*x));
	x->s = s;
	x->c = s->client;
	if (s->address == NULL || s->address[0] == '\0')
		return err_set(eb, ISPM_EDATA, "sheet: no address");
	if (x->c == NULL || x->c->imap_host == NULL ||
	    x->c->smtp_host == NULL)
		return err_set(eb, ISPM_EDATA, "sheet: no incoming or "
		    "outgoing server: set mail_host in the profile");
	lang = x->c->lang != NULL ? x->c->lang : "fr";
	for (i = 0; sheet_langs[i] != NULL; i++)
		if (strcmp(sheet_langs[i]->lang, lang) == 0)
			x->m = sheet_langs[i];
	if (x->m == NULL)
		return err_set(eb, ISPM_EDATA, "sheet: unknown language '%s': "
		    "fr or en", lang);
	localtime_r(&s->issued, &tm);
	snprintf(x->date, sizeof(x->date), "%d %s %d", tm.tm_mday,
	    x->m->months[tm.tm_mon], tm.tm_year + 1900);
	strftime(x->isodate, sizeof(x->isodate), "%Y-%m-%d", &tm);
	x->servers[0] = (struct sheet_server){ x->m->imap, x->c->imap_host,
	    x->c->imap_port, x->m->ssl };
	x->servers[1] = (struct sheet_server){ x->m->pop3, x->c->imap_host,
	    x->c->pop3_port, x->m->ssl };
	x->servers[2] = (struct sheet_server){ x->m->smtp, x->c->smtp_host,
	    x->c->smtp_port, x->c->smtp_starttls ? x->m->starttls :
	    x->m->ssl };
	return 0;
}

/* --- text ------------------------------------------------------------ */

#define SHEET_COLS 76

/* Columns taken by the n bytes at s, one per character. */
static size_t
text_width(const char *s, size_t n)
{
	unsigned long cp;
	size_t i, w = 0;
	int safe;

	for (i = 0; i < n; w++)
		i += text_unit(s + i, n - i, &cp, &safe);
	return w;
}

static void
text_pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		fputc(' ', fp);
}

/*
 * Writes s (sanitised) from column col, wrapping at SHEET_COLS and going
 * on at column indent, then a newline.
 */
static void
text_wrap(FILE *fp, const char *s, size_t col, size_t indent)
{
	char *clean = out_sanitize(s);
	const char *p = clean, *w;
	size_t wn;
	int fresh = 1;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (w = p; *p != '\0' && *p != ' '; p++)
			;
		wn = text_width(w, (size_t)(p - w));
		if (!fresh && col + 1 + wn > SHEET_COLS) {
			fputc('\n', fp);
			text_pad(fp, indent);
			col = indent;
		} else if (!fresh) {
			fputc(' ', fp);
			col++;
		}
		fwrite(w, 1, (size_t)(p - w), fp);
		col += wn;
		fresh = 0;
	}
	fputc('\n', fp);
	free(clean);
}

static void
text_heading(FILE *fp, const char *title)
{
	size_t w = text_width(title, strlen(title));

	fputc('\n', fp);
	fprintf(fp, "%s\n", title);
	while (w-- > 0)
		fputc('-', fp);
	fputc('\n', fp);
}

/* Where a sheet without the password leaves room to write it. */
#define SHEET_BLANK "________________________"

/* One "label : value" row of a section. */
struct text_row {
	const char	*label;
	const char	*value;		/* NULL: the password */
	const char	*note;		/* a second line, or NULL */
};

static void
text_rows(FILE *fp, const struct sheet_ctx *x, const struct text_row *rows,
    size_t n)
{
	const struct secret *pw = x->s->password;
	size_t i, w, lw = 0, indent;

	/* "Label: " then the values aligned after the longest label. */
	for (i = 0; i < n; i++)
		if ((w = text_width(rows[i].label,
		    strlen(rows[i].label))) > lw)
			lw = w;
	indent = 2 + lw + text_width(x->m->colon, strlen(x->m->colon));
	for (i = 0; i < n; i++) {
		text_pad(fp, 2);
		out_safe(fp, rows[i].label);
		fputs(x->m->colon, fp);
		text_pad(fp, lw - text_width(rows[i].label,
		    strlen(rows[i].label)));
		if (rows[i].value != NULL)
			text_wrap(fp, rows[i].value, indent, indent);
		else if (pw != NULL) {
			out_safe_n(fp, pw->buf, pw->len);
			fputc('\n', fp);
		} else
			fprintf(fp, "%s  %s\n", SHEET_BLANK,
			    x->m->password_blank);
		if (rows[i].note != NULL) {
			text_pad(fp, indent);
			text_wrap(fp, rows[i].note, indent, indent);
		}
	}
}

static void
sheet_text(FILE *fp, const struct sheet_ctx *x)
{
	const struct sheet_msgs *m = x->m;
	const struct mailclient *c = x->c;
	const struct sheet *s = x->s;
	const struct sheet_server *sv;
	struct text_row rows[SHEET_NSERVERS + 3];
	struct text_row *wm;
	char *srv[SHEET_NSERVERS], *note;
	size_t i;

	if (s->organisation != NULL)
		text_wrap(fp, s->organisation, 0, 0);
	fprintf(fp, "%s\n%s %s\n", m->title, m->issued, x->date);
	if (s->rotated) {
		fputc('\n', fp);
		text_wrap(fp, m->rotated, 0, 0);
	}

	text_heading(fp, m->codes);
	note = xasprintf("(%s)", m->login_note);
	rows[0] = (struct text_row){ m->address, s->address, NULL };
	rows[1] = (struct text_row){ m->login, s->address, note };
	rows[2] = (struct text_row){ m->password, NULL, m->password_case };
	text_rows(fp, x, rows, 3);
	free(note);

	text_heading(fp, m->settings);
	text_wrap(fp, m->manual, 0, 0);
	fputc('\n', fp);
	for (i = 0; i < SHEET_NSERVERS; i++) {
		sv = &x->servers[i];
		srv[i] = xasprintf("%s, %s %ld, %s", sv->host, m->port,
		    sv->port, sv->security);
		rows[i] = (struct text_row){ sv->label, srv[i], NULL };
	}
	rows[i++] = (struct text_row){ m->login, m->login_value, NULL };
	rows[i++] = (struct text_row){ m->auth, m->auth_value, NULL };
	rows[i++] = (struct text_row){ m->display_name,
	    s->name != NULL && s->name[0] != '\0' ? s->name : m->your_name,
	    NULL };
	text_rows(fp, x, rows, i);
	for (i = 0; i < SHEET_NSERVERS; i++)
		free(srv[i]);

	if (c->nwebmail > 0) {
		note = xasprintf("%s (%s)", m->webmails, m->webmails_note);
		text_heading(fp, note);
		free(note);
		wm = xcalloc(c->nwebmail, sizeof(*wm));
		for (i = 0; i < c->nwebmail; i++)
			wm[i] = (struct text_row){ c->webmail[i].name,
			    c->webmail[i].url, NULL };
		text_rows(fp, x, wm, c->nwebmail);
		free(wm);
	}

	text_heading(fp, m->rules_title);
	text_wrap(fp, m->rules, 0, 0);
	text_heading(fp, m->notice_title);
	text_wrap(fp, m->notice, 0, 0);
	if (c->support != NULL) {
		text_heading(fp, m->support);
		text_wrap(fp, c->support, 0, 0);
	}
	fputc('\n', fp);
	fprintf(fp, "%s\n", m->keep);
}

/* --- JSON ------------------------------------------------------------ */

static struct json_object *
json_str_or_null(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

static void
sheet_json(FILE *fp, const struct sheet_ctx *x)
{
	const struct mailclient *c = x->c;
	const struct sheet *s = x->s;
	struct json_object *o, *in, *outg, *wms, *w, *pwj = NULL;
	size_t i;

	o = json_object_new_object();
	json_object_object_add(o, "lang", json_object_new_string(x->m->lang));
	json_object_object_add(o, "issued",
	    json_object_new_string(x->isodate));
	json_object_object_add(o, "organisation",
	    json_str_or_null(s->organisation));
	json_object_object_add(o, "address",
	    json_object_new_string(s->address));
	json_object_object_add(o, "login", json_object_new_string(s->address));
	json_object_object_add(o, "name", json_str_or_null(s->name));
	if (s->password != NULL)
		pwj = json_object_new_string_len(s->password->buf,
		    (int)s->password->len);
	json_object_object_add(o, "password", pwj);
	json_object_object_add(o, "reason",
	    s->rotated ? json_object_new_string(x->m->rotated) : NULL);
	in = json_object_new_object();
	json_object_object_add(in, "host",
	    json_object_new_string(c->imap_host));
	json_object_object_add(in, "imap_port",
	    json_object_new_int64(c->imap_port));
	json_object_object_add(in, "pop3_port",
	    json_object_new_int64(c->pop3_port));
	json_object_object_add(in, "security", json_object_new_string("ssl"));
	json_object_object_add(o, "incoming", in);
	outg = json_object_new_object();
	json_object_object_add(outg, "host",
	    json_object_new_string(c->smtp_host));
	json_object_object_add(outg, "port",
	    json_object_new_int64(c->smtp_port));
	json_object_object_add(outg, "security",
	    json_object_new_string(c->smtp_starttls ? "starttls" : "ssl"));
	json_object_object_add(outg, "authentication",
	    json_object_new_boolean(1));
	json_object_object_add(o, "outgoing", outg);
	wms = json_object_new_array();
	for (i = 0; i < c->nwebmail; i++) {
		w = json_object_new_object();
		json_object_object_add(w, "name",
		    json_object_new_string(c->webmail[i].name));
		json_object_object_add(w, "url",
		    json_object_new_string(c->webmail[i].url));
		json_object_array_add(wms, w);
	}
	json_object_object_add(o, "webmails", wms);
	json_object_object_add(o, "support", json_str_or_null(c->support));
	json_object_object_add(o, "rules", json_object_new_string(x->m->rules));
	json_object_object_add(o, "notice",
	    json_object_new_string(x->m->notice));
	out_json(fp, o);
	out_json_wipe(o, pwj);
	json_object_put(o);
}

/* --- PDF ------------------------------------------------------------- */

/* A4 in points, and the page's margins. */
#define PDF_W		595.276
#define PDF_H		841.890
#define PDF_MARGIN	56.0
#define PDF_FOOT	36.0		/* the least room under the last block */
#define PDF_BODY	(PDF_W - 2 * PDF_MARGIN)

#define PDF_SANS	"DejaVu Sans"
#define PDF_MONO	"DejaVu Sans Mono"

struct pdf {
	cairo_t		*cr;
	PangoContext	*pc;
	double		 y;		/* top of the next block */
};

static void
pdf_rgb(cairo_t *cr, unsigned int rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0,
	    ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

#define PDF_ACCENT	0x1f4a7cu	/* dark blue */
#define PDF_INK		0x1a1a1au
#define PDF_GREY	0x5f6368u
#define PDF_TINT	0xeef3f9u	/* the codes' box */
#define PDF_RULE	0xc8d1dcu
#define PDF_WARN	0xb45309u	/* the notice's border */
#define PDF_WARN_TINT	0xfdf6ecu

/*
 * Lays out text (pango markup when markup, else plain) in width points
 * at (x, y) in colour rgb; returns its height. Draws only when draw.
 */
static double
pdf_text_at(const struct pdf *p, double x, double y, double width, const char *font,
    unsigned int rgb, const char *text, int markup, int align, int draw)
{
	PangoFontDescription *fd;
	PangoLayout *l;
	int w, h;

	l = pango_layout_new(p->pc);
	fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align < 0 ? PANGO_ALIGN_LEFT :
	    align > 0 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER);
	if (markup)
		pango_layout_set_markup(l, text, -1);
	else
		pango_layout_set_text(l, text, -1);
	pango_layout_get_size(l, &w, &h);
	if (draw) {
		pdf_rgb(p->cr, rgb);
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, l);
	}
	g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

/* A block of text across the body, advancing p->y by its height + after. */
static void
pdf_par(struct pdf *p, const char *font, unsigned int rgb, const char *text,
    int markup, double after)
{
	p->y += pdf_text_at(p, PDF_MARGIN, p->y, PDF_BODY, font, rgb,
	    text, markup, -1, 1) + after;
}

/* Plain text from outside, sanitised (a control character would make
 * pango refuse the text). The result is owned by the caller. */
static char *
pdf_clean(const char *s)
{
	return out_sanitize(s);
}

static void
pdf_heading(struct pdf *p, const char *title)
{
	p->y += 11;
	pdf_par(p, PDF_SANS " Bold 11", PDF_ACCENT, title, 0, 2);
	pdf_rgb(p->cr, PDF_RULE);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, PDF_MARGIN, p->y);
	cairo_line_to(p->cr, PDF_MARGIN + PDF_BODY, p->y);
	cairo_stroke(p->cr);
	p->y += 5;
}

static void
pdf_box(cairo_t *cr, double x, double y, double w, double h,
    unsigned int fill, unsigned int border, double lw)
{
	cairo_rectangle(cr, x, y, w, h);
	pdf_rgb(cr, fill);
	cairo_fill_preserve(cr);
	pdf_rgb(cr, border);
	cairo_set_line_width(cr, lw);
	cairo_stroke(cr);
}

/* The codes, in a tinted box: the address (the login) and the password. */
static void
pdf_codes(struct pdf *p, const struct sheet_ctx *x, int draw)
{
	const struct sheet_msgs *m = x->m;
	const struct sheet *s = x->s;
	double in = PDF_MARGIN + 16, w = PDF_BODY - 32, y;
	char *addr, *lbl;

	y = p->y + 9;
	lbl = g_markup_printf_escaped("%s / %s", m->address, m->login);
	y += pdf_text_at(p, in, y, w, PDF_SANS " 9", PDF_GREY, lbl, 1,
	    -1, draw) + 1;
	g_free(lbl);
	addr = pdf_clean(s->address);
	y += pdf_text_at(p, in, y, w, PDF_SANS " Bold 15", PDF_INK, addr,
	    0, -1, draw) + 1;
	free(addr);
	lbl = g_markup_printf_escaped("%s.", m->login_note);
	lbl[0] = (char)g_ascii_toupper(lbl[0]);
	y += pdf_text_at(p, in, y, w, PDF_SANS " Oblique 8.5", PDF_GREY,
	    lbl, 1, -1, draw) + 7;
	g_free(lbl);
	y += pdf_text_at(p, in, y, w, PDF_SANS " 9", PDF_GREY,
	    m->password, 0, -1, draw) + 2;
	if (s->password != NULL) {
		/* Monospaced, so that l, 1, I, O and 0 differ. */
		y += pdf_text_at(p, in, y, w, PDF_MONO " Bold 17",
		    PDF_INK, s->password->buf, 0, -1, draw) + 2;
	} else {
		y += 22;
		if (draw) {
			pdf_rgb(p->cr, PDF_INK);
			cairo_set_line_width(p->cr, 0.8);
			cairo_move_to(p->cr, in, y);
			cairo_line_to(p->cr, in + 260, y);
			cairo_stroke(p->cr);
			pdf_text_at(p, in + 268, y - 11, 120,
			    PDF_SANS " Oblique 8.5", PDF_GREY,
			    m->password_blank, 0, -1, 1);
		}
		y += 4;
	}
	lbl = g_strdup_printf("%s %s", m->password_case, m->keep);
	y += pdf_text_at(p, in, y, w, PDF_SANS " Oblique 8.5", PDF_GREY,
	    lbl, 0, -1, draw) + 9;
	g_free(lbl);
	p->y = y;
}

/* The client settings as a table: one row per protocol. */
static void
pdf_settings(struct pdf *p, const struct sheet_ctx *x)
{
	const struct sheet_msgs *m = x->m;
	const struct sheet_server *sv;
	const double col[4] = { 0, 132, 350, 405 };
	const double rowh = 17;
	const char *hdr[4] = { "", m->col_server, m->col_port,
	    m->col_security };
	const char *cells[SHEET_NSERVERS][4];
	char ports[SHEET_NSERVERS][24], *host[SHEET_NSERVERS];
	char *mk;
	size_t i, j;
	double y, h;
	int draw;

	pdf_heading(p, m->settings);
	mk = g_markup_printf_escaped("%s", m->manual);
	pdf_par(p, PDF_SANS " 9.5", PDF_INK, mk, 1, 5);
	g_free(mk);

	for (i = 0; i < SHEET_NSERVERS; i++) {
		sv = &x->servers[i];
		host[i] = pdf_clean(sv->host);
		snprintf(ports[i], sizeof(ports[i]), "%ld", sv->port);
		cells[i][0] = sv->label;
		cells[i][1] = host[i];
		cells[i][2] = ports[i];
		cells[i][3] = sv->security;
	}

	y = p->y;
	pdf_rgb(p->cr, PDF_TINT);
	cairo_rectangle(p->cr, PDF_MARGIN, y, PDF_BODY, rowh);
	cairo_fill(p->cr);
	for (j = 0; j < 4; j++)
		pdf_text_at(p, PDF_MARGIN + 6 + col[j], y + 3,
		    (j < 3 ? col[j + 1] - col[j] : PDF_BODY - col[j]) - 8,
		    PDF_SANS " Bold 9", PDF_ACCENT, hdr[j], 0, -1, 1);
	y += rowh;
	/* Each row as high as its tallest cell: a long host name wraps. */
	for (i = 0; i < SHEET_NSERVERS; i++) {
		h = rowh;
		for (draw = 0; draw < 2; draw++)
			for (j = 0; j < 4; j++)
				h = MAX(h, pdf_text_at(p, PDF_MARGIN + 6 +
				    col[j], y + 3, (j < 3 ? col[j + 1] -
				    col[j] : PDF_BODY - col[j]) - 8, j == 0 ?
				    PDF_SANS " Bold 9" : j == 1 ?
				    PDF_MONO " 9.5" : PDF_SANS " 9.5",
				    PDF_INK, cells[i][j], 0, -1, draw) + 5);
		y += h;
		pdf_rgb(p->cr, PDF_RULE);
		cairo_set_line_width(p->cr, 0.5);
		cairo_move_to(p->cr, PDF_MARGIN, y);
		cairo_line_to(p->cr, PDF_MARGIN + PDF_BODY, y);
		cairo_stroke(p->cr);
	}
	for (i = 0; i < SHEET_NSERVERS; i++)
		free(host[i]);
	p->y = y + 6;
}

/* "label: value" lines under the table. */
static void
pdf_kv(struct pdf *p, const struct sheet_msgs *m, const char *label,
    const char *value)
{
	char *clean = pdf_clean(value), *mk;

	mk = g_markup_printf_escaped("<b>%s</b>%s%s", label, m->colon, clean);
	pdf_par(p, PDF_SANS " 9.5", PDF_INK, mk, 1, 2);
	g_free(mk);
	free(clean);
}

/* Draws the page; returns the bottom of its last block. */
static double
sheet_pdf_page(cairo_t *cr, PangoContext *pc, const struct sheet_ctx *x)
{
	const struct sheet_msgs *m = x->m;
	const struct mailclient *c = x->c;
	const struct sheet *s = x->s;
	struct pdf p = { cr, pc, 40 };
	char *t, *u, *mk;
	double h, hu, top, colw;
	size_t i;

	/* The organisation, the date at the top right, and the title. */
	t = g_strdup_printf("%s %s", m->issued, x->date);
	pdf_text_at(&p, PDF_MARGIN, p.y + 8, PDF_BODY, PDF_SANS " 8.5",
	    PDF_GREY, t, 0, 1, 1);
	g_free(t);
	if (s->organisation != NULL) {
		t = pdf_clean(s->organisation);
		p.y += pdf_text_at(&p, PDF_MARGIN, p.y, PDF_BODY * 0.7,
		    PDF_SANS " Bold 18", PDF_ACCENT, t, 0, -1, 1);
		free(t);
	}
	pdf_par(&p, PDF_SANS " 13", PDF_INK, m->title, 0, 5);
	pdf_rgb(cr, PDF_ACCENT);
	cairo_set_line_width(cr, 1.6);
	cairo_move_to(cr, PDF_MARGIN, p.y);
	cairo_line_to(cr, PDF_MARGIN + PDF_BODY, p.y);
	cairo_stroke(cr);
	p.y += 12;

	if (s->rotated) {
		top = p.y;
		h = pdf_text_at(&p, PDF_MARGIN + 14, top + 7, PDF_BODY - 24,
		    PDF_SANS " Bold 9.5", PDF_INK, m->rotated, 0, -1, 0);
		pdf_box(cr, PDF_MARGIN, top, PDF_BODY, h + 14, PDF_WARN_TINT,
		    PDF_WARN, 0.8);
		pdf_rgb(cr, PDF_WARN);
		cairo_rectangle(cr, PDF_MARGIN, top, 4, h + 14);
		cairo_fill(cr);
		pdf_text_at(&p, PDF_MARGIN + 14, top + 7, PDF_BODY - 24,
		    PDF_SANS " Bold 9.5", PDF_INK, m->rotated, 0, -1, 1);
		p.y = top + h + 14 + 10;
	}

	/* The box goes under its contents: measure them, draw it, then
	 * draw them. */
	pdf_par(&p, PDF_SANS " Bold 11", PDF_ACCENT, m->codes, 0, 4);
	top = p.y;
	pdf_codes(&p, x, 0);
	pdf_box(cr, PDF_MARGIN, top, PDF_BODY, p.y - top, PDF_TINT,
	    PDF_ACCENT, 1.2);
	p.y = top;
	pdf_codes(&p, x, 1);

	pdf_settings(&p, x);
	pdf_kv(&p, m, m->login, m->login_value);
	pdf_kv(&p, m, m->auth, m->auth_value);
	pdf_kv(&p, m, m->display_name, s->name != NULL && s->name[0] != '\0' ?
	    s->name : m->your_name);

	if (c->nwebmail > 0) {
		t = g_strdup_printf("%s (%s)", m->webmails, m->webmails_note);
		pdf_heading(&p, t);
		g_free(t);
		for (i = 0; i < c->nwebmail; i++) {
			t = pdf_clean(c->webmail[i].name);
			u = pdf_clean(c->webmail[i].url);
			mk = g_markup_printf_escaped("<b>%s</b>", t);
			h = pdf_text_at(&p, PDF_MARGIN, p.y, 200,
			    PDF_SANS " 9.5", PDF_INK, mk, 1, -1, 1);
			hu = pdf_text_at(&p, PDF_MARGIN + 205, p.y,
			    PDF_BODY - 205, PDF_MONO " 9.5", PDF_INK, u, 0,
			    -1, 1);
			p.y += MAX(h, hu) + 3;
			g_free(mk);
			free(t);
			free(u);
		}
	}

	/* The rules and the notice side by side. */
	p.y += 12;
	top = p.y;
	colw = (PDF_BODY - 18) / 2;
	h = pdf_text_at(&p, PDF_MARGIN, top, colw, PDF_SANS " Bold 11",
	    PDF_ACCENT, m->rules_title, 0, -1, 1) + 2;
	pdf_rgb(cr, PDF_RULE);
	cairo_set_line_width(cr, 0.6);
	cairo_move_to(cr, PDF_MARGIN, top + h);
	cairo_line_to(cr, PDF_MARGIN + colw, top + h);
	cairo_stroke(cr);
	h += 5;
	h += pdf_text_at(&p, PDF_MARGIN, top + h, colw, PDF_SANS " 9",
	    PDF_INK, m->rules, 0, -1, 1);
	hu = pdf_text_at(&p, 0, 0, colw - 24, PDF_SANS " 9", PDF_INK,
	    m->notice, 0, -1, 0) + 30;
	pdf_box(cr, PDF_MARGIN + colw + 18, top, colw, hu, PDF_WARN_TINT,
	    PDF_WARN, 1.0);
	pdf_text_at(&p, PDF_MARGIN + colw + 30, top + 7, colw - 24,
	    PDF_SANS " Bold 10", PDF_WARN, m->notice_title, 0, -1, 1);
	pdf_text_at(&p, PDF_MARGIN + colw + 30, top + 22, colw - 24,
	    PDF_SANS " 9", PDF_INK, m->notice, 0, -1, 1);
	p.y = top + MAX(h, hu);

	if (c->support != NULL) {
		pdf_heading(&p, m->support);
		t = pdf_clean(c->support);
		pdf_par(&p, PDF_SANS " 9.5", PDF_INK, t, 0, 0);
		free(t);
	}
	return p.y;
}

static cairo_status_t
pdf_write_cb(void *arg, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, arg) == len ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

static int
sheet_pdf(FILE *fp, const struct sheet_ctx *x, struct errbuf *eb)
{
	cairo_surface_t *sf, *rec;
	cairo_status_t st;
	PangoFontMap *fm;
	/* Room enough for any sheet, bounded: the PDF backend wants so. */
	const cairo_rectangle_t room = { 0, 0, PDF_W, 4 * PDF_H };
	double bottom, k;
	PangoContext *pc;
	cairo_t *cr;

	if (x->s->password != NULL &&
	    !g_utf8_validate(x->s->password->buf,
	    (gssize)x->s->password->len, NULL))
		return err_set(eb, ISPM_EDATA,
		    "sheet: the password is not valid UTF-8");
	sf = cairo_pdf_surface_create_for_stream(pdf_write_cb, fp, PDF_W,
	    PDF_H);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
	    x->m->title);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
	    PACKAGE_NAME " " PACKAGE_VERSION);
	/*
	 * A font map of our own rather than pango's process-wide one, so
	 * that what pango and cairo hold for the page is released when it
	 * is done. The page is drawn once on a recording surface, then
	 * played onto the PDF page, shrunk when long settings or a long
	 * support text would run past its foot.
	 */
	fm = pango_cairo_font_map_new();
	pc = pango_font_map_create_context(fm);
	pango_context_set_language(pc, pango_language_from_string(x->m->lang));
	rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
	    &room);
	cr = cairo_create(rec);
	pango_cairo_update_context(cr, pc);
	bottom = sheet_pdf_page(cr, pc, x);
	cairo_destroy(cr);
	k = bottom > PDF_H - PDF_FOOT ? (PDF_H - PDF_FOOT) / bottom : 1;
	cr = cairo_create(sf);
	cairo_translate(cr, (PDF_W - PDF_W * k) / 2, 0);
	cairo_scale(cr, k, k);
	cairo_set_source_surface(cr, rec, 0, 0);
	cairo_paint(cr);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(rec);
	g_object_unref(pc);
	g_object_unref(fm);
	cairo_surface_finish(sf);
	st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st == CAIRO_STATUS_WRITE_ERROR)
		return err_set(eb, ISPM_EIO, "sheet: cannot write the PDF");
	if (st != CAIRO_STATUS_SUCCESS)
		return err_set(eb, ISPM_EINTERNAL, "sheet: cairo: %s",
		    cairo_status_to_string(st));
	return 0;
}

#ifdef __SANITIZE_ADDRESS__
/*
 * fontconfig 2.14 loses a block while it parses its own configuration
 * (once per process, in pango's start-up thread); LeakSanitizer would
 * fail every PDF for it. tests/valgrind.supp says the same to valgrind.
 * The table of suppressions used, which LeakSanitizer prints at exit,
 * would follow the command's one line on stderr: not printed.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

/* see sheet.h */
int
sheet_write(const struct sheet *s, enum sheet_format f, FILE *fp,
    struct errbuf *eb)
{
	struct sheet_ctx x;
	int r;

	if ((r = sheet_prepare(s, &x, eb)) != 0)
		return r;
	switch (f) {
	case SHEET_TEXT:
		sheet_text(fp, &x);
		break;
	case SHEET_JSON:
		sheet_json(fp, &x);
		break;
	case SHEET_PDF:
		if ((r = sheet_pdf(fp, &x, eb)) != 0)
			return r;
		break;
	}
	if (fflush(fp) != 0 || ferror(fp))
		return err_set(eb, ISPM_EIO, "sheet: cannot write: %s",
		    strerror(errno));
	return 0;
}

/* --- reading a password back ------------------------------------------ */

/*
 * The password on a text sheet in the language of m: the row "  LABEL"
 * m->colon, padded to the widest label of the codes (as sheet_text()
 * lays them out), then the password up to the end of the line. Returns 1
 * with *pw and *pwlen set, or 0 when there is none (or only the blank).
 */
static int
sheet_text_password(const struct sheet_msgs *m, const char *buf,
    size_t len, const char **pw, size_t *pwlen)
{
	const char *labels[] = { m->address, m->login, m->password };
	const char *p = buf, *end = buf + len, *nl, *q;
	char *blank;
	int isblank;
	size_t i, w, lw = 0, pad, ll = strlen(m->password),
	    cl = strlen(m->colon);

	for (i = 0; i < 3; i++)
		if ((w = text_width(labels[i], strlen(labels[i]))) > lw)
			lw = w;
	pad = lw - text_width(m->password, ll);
	for (; p < end; p = nl < end ? nl + 1 : end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		q = p;
		if ((size_t)(nl - q) < 2 + ll + cl + pad ||
		    memcmp(q, "  ", 2) != 0 ||
		    memcmp(q + 2, m->password, ll) != 0 ||
		    memcmp(q + 2 + ll, m->colon, cl) != 0)
			continue;
		q += 2 + ll + cl;
		for (i = 0; i < pad && *q == ' '; i++)
			q++;
		if (i < pad || q == nl)
			continue;
		/* A sheet without the password: its blank to fill in. */
		blank = xasprintf("%s  %s", SHEET_BLANK, m->password_blank);
		w = strlen(blank);
		isblank = (size_t)(nl - q) == w && memcmp(q, blank, w) == 0;
		free(blank);
		if (isblank)
			return 0;
		*pw = q;
		*pwlen = (size_t)(nl - q);
		return 1;
	}
	return 0;
}

/* see sheet.h */
int
sheet_read_password(const char *buf, size_t len, enum sheet_format f,
    struct secret *out, struct errbuf *eb)
{
	struct json_tokener *tok;
	struct json_object *o = NULL, *p;
	const char *pw = NULL;
	size_t i, pwlen = 0;
	int r;

	secret_clear(out);
	switch (f) {
	case SHEET_TEXT:
		for (i = 0; sheet_langs[i] != NULL; i++)
			if (sheet_text_password(sheet_langs[i], buf, len, &pw,
			    &pwlen))
				break;
		break;
	case SHEET_JSON:
		if (len > INT_MAX || (tok = json_tokener_new()) == NULL)
			break;
		o = json_tokener_parse_ex(tok, buf, (int)len);
		json_tokener_free(tok);
		if (json_object_object_get_ex(o, "password", &p) &&
		    json_object_is_type(p, json_type_string)) {
			pw = json_object_get_string(p);
			pwlen = (size_t)json_object_get_string_len(p);
		}
		break;
	case SHEET_PDF:
		return err_set(eb, ISPM_EDATA, "a password cannot be read "
		    "back from a PDF sheet");
	}
	if (pw == NULL || pwlen == 0)
		r = err_set(eb, ISPM_EDATA, "no password on it");
	else
		r = secret_set(out, pw, pwlen, eb);
	/* json-c's copy of it, at least. */
	if (pw != NULL && o != NULL)
		sodium_memzero((char *)(uintptr_t)pw, pwlen);
	json_object_put(o);
	return r;
}
