/*
 * see autoconfig.h. The formats, as published:
 * - Mozilla: the ISPDB config file format (wiki.mozilla.org,
 *   Thunderbird:Autoconfiguration:ConfigFileFormat, version 1.1);
 * - Microsoft: the Autodiscover POX response schemas of [MS-OXDSCLI],
 *   responseschema/2006 wrapping outlook/responseschema/2006a;
 * - Apple: a Configuration profile holding one com.apple.mail.managed
 *   payload (Device Management, "Mail").
 * Every value goes through xml.h; a value it refuses fails the whole
 * document, which the caller has buffered.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "autoconfig.h"
#include "xml.h"

static const char *const autoconfig_names[] = {
	"mozilla", "autodiscover", "mobileconfig", NULL
};

/* see autoconfig.h */
const char autoconfig_formats[] = "mozilla, autodiscover or mobileconfig";

/* see autoconfig.h */
int
autoconfig_format(const char *name, enum autoconfig_format *out)
{
	int i;

	for (i = 0; autoconfig_names[i] != NULL; i++)
		if (strcmp(autoconfig_names[i], name) == 0) {
			*out = (enum autoconfig_format)i;
			return 0;
		}
	return -1;
}

/* Counts the values xml.h refused while a document was written. */
struct autoconfig_out {
	FILE	*fp;
	int	 bad;
	const char *what;	/* the first refused value's name */
};

static void
autoconfig_elem(struct autoconfig_out *o, int depth, const char *name,
    const char *v)
{
	if (xml_element(o->fp, depth, name, v) != 0 && o->bad++ == 0)
		o->what = name;
}

/* One incomingServer or outgoingServer of config-v1.1.xml. */
static void
autoconfig_mozilla_server(struct autoconfig_out *o, const char *tag,
    const char *type, const char *host, long port, const char *socket)
{
	fprintf(o->fp, "\t\t<%s type=\"%s\">\n", tag, type);
	autoconfig_elem(o, 3, "hostname", host);
	xml_element_long(o->fp, 3, "port", port);
	autoconfig_elem(o, 3, "socketType", socket);
	/* Users log in with their whole address. */
	autoconfig_elem(o, 3, "username", "%EMAILADDRESS%");
	autoconfig_elem(o, 3, "authentication", "password-cleartext");
	fprintf(o->fp, "\t\t</%s>\n", tag);
}

/* 1 when the support text is a web address, which Mozilla can link. */
static int
autoconfig_is_url(const char *s)
{
	return s != NULL && conf_web_url_check(s) == NULL;
}

static void
autoconfig_mozilla(struct autoconfig_out *o, const struct autoconfig_input *in)
{
	const struct mailclient *c = in->client;
	FILE *fp = o->fp;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<clientConfig version=\"1.1\">\n\t<emailProvider id=\"", fp);
	/* A checked domain: letters, digits, '-' and '.' only. */
	fprintf(fp, "%s\">\n", in->domain);
	autoconfig_elem(o, 2, "domain", in->domain);
	autoconfig_elem(o, 2, "displayName", in->organisation != NULL ?
	    in->organisation : in->domain);
	autoconfig_elem(o, 2, "displayShortName", in->organisation != NULL ?
	    in->organisation : in->domain);
	autoconfig_mozilla_server(o, "incomingServer", "imap", c->imap_host,
	    c->imap_port, "SSL");
	autoconfig_mozilla_server(o, "incomingServer", "pop3", c->imap_host,
	    c->pop3_port, "SSL");
	autoconfig_mozilla_server(o, "outgoingServer", "smtp", c->smtp_host,
	    c->smtp_port, c->smtp_starttls ? "STARTTLS" : "SSL");
	if (autoconfig_is_url(c->support)) {
		fputs("\t\t<documentation url=\"", fp);
		xml_text(fp, c->support);
		fputs("\">\n", fp);
		fprintf(fp, "\t\t\t<descr lang=\"%s\">", c->lang);
		fputs(strcmp(c->lang, "en") == 0 ? "Mail settings" :
		    "Param\xc3\xa8tres de messagerie", fp);
		fputs("</descr>\n\t\t</documentation>\n", fp);
	}
	fputs("\t</emailProvider>\n</clientConfig>\n", fp);
}

/* One Protocol of the Autodiscover response. */
static void
autoconfig_ad_protocol(struct autoconfig_out *o,
    const struct autoconfig_input *in, const char *type, const char *host,
    long port, const char *encryption)
{
	fputs("\t\t\t<Protocol>\n", o->fp);
	autoconfig_elem(o, 4, "Type", type);
	autoconfig_elem(o, 4, "Server", host);
	xml_element_long(o->fp, 4, "Port", port);
	autoconfig_elem(o, 4, "DomainRequired", "off");
	if (in->address != NULL)
		autoconfig_elem(o, 4, "LoginName", in->address);
	autoconfig_elem(o, 4, "SPA", "off");
	autoconfig_elem(o, 4, "SSL", "on");
	autoconfig_elem(o, 4, "Encryption", encryption);
	autoconfig_elem(o, 4, "AuthRequired", "on");
	fputs("\t\t\t</Protocol>\n", o->fp);
}

static void
autoconfig_autodiscover(struct autoconfig_out *o,
    const struct autoconfig_input *in)
{
	const struct mailclient *c = in->client;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/"
	    "autodiscover/responseschema/2006\">\n"
	    "\t<Response xmlns=\"http://schemas.microsoft.com/exchange/"
	    "autodiscover/outlook/responseschema/2006a\">\n"
	    "\t\t<Account>\n", o->fp);
	autoconfig_elem(o, 3, "AccountType", "email");
	autoconfig_elem(o, 3, "Action", "settings");
	autoconfig_ad_protocol(o, in, "IMAP", c->imap_host, c->imap_port,
	    "SSL");
	autoconfig_ad_protocol(o, in, "POP3", c->imap_host, c->pop3_port,
	    "SSL");
	/* Encryption TLS is Outlook's name for STARTTLS. */
	autoconfig_ad_protocol(o, in, "SMTP", c->smtp_host, c->smtp_port,
	    c->smtp_starttls ? "TLS" : "SSL");
	fputs("\t\t</Account>\n\t</Response>\n</Autodiscover>\n", o->fp);
}

/* A random (version 4) UUID in upper case, as Apple's tools write them. */
static void
autoconfig_uuid(char out[37])
{
	unsigned char b[16];

	randombytes_buf(b, sizeof(b));
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	snprintf(out, 37, "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-"
	    "%02X%02X%02X%02X%02X%02X", b[0], b[1], b[2], b[3], b[4], b[5],
	    b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static void
autoconfig_plist_str(struct autoconfig_out *o, int depth, const char *key,
    const char *v)
{
	fprintf(o->fp, "%.*s<key>%s</key>\n", depth, "\t\t\t\t", key);
	autoconfig_elem(o, depth, "string", v);
}

static void
autoconfig_plist_int(struct autoconfig_out *o, int depth, const char *key,
    long v)
{
	fprintf(o->fp, "%.*s<key>%s</key>\n", depth, "\t\t\t\t", key);
	xml_element_long(o->fp, depth, "integer", v);
}

static void
autoconfig_plist_bool(struct autoconfig_out *o, int depth, const char *key,
    int v)
{
	fprintf(o->fp, "%.*s<key>%s</key>\n%.*s<%s/>\n", depth, "\t\t\t\t",
	    key, depth, "\t\t\t\t", v ? "true" : "false");
}

/*
 * The keys of the incoming or outgoing server (side "Incoming" or
 * "Outgoing"), in the dictionary's sorted order: Authentication,
 * HostName, PortNumber, UseSSL, Username.
 */
static void
autoconfig_plist_server(struct autoconfig_out *o, const char *side,
    const char *host, long port, const char *address)
{
	char key[64];

	snprintf(key, sizeof(key), "%sMailServerAuthentication", side);
	autoconfig_plist_str(o, 3, key, "EmailAuthPassword");
	snprintf(key, sizeof(key), "%sMailServerHostName", side);
	autoconfig_plist_str(o, 3, key, host);
	snprintf(key, sizeof(key), "%sMailServerPortNumber", side);
	autoconfig_plist_int(o, 3, key, port);
	snprintf(key, sizeof(key), "%sMailServerUseSSL", side);
	autoconfig_plist_bool(o, 3, key, 1);
	snprintf(key, sizeof(key), "%sMailServerUsername", side);
	autoconfig_plist_str(o, 3, key, address);
}

/*
 * The reverse-DNS identifier of the profile for address: the domain's
 * labels reversed, then "mail" and the local part (both made of letters,
 * digits, '.', '_' and '-' by the name rules).
 */
static void
autoconfig_identifier(char *buf, size_t bufsz, const char *address)
{
	const char *at = strchr(address, '@'), *end, *dot;
	size_t used = 0;
	int n;

	buf[0] = '\0';
	for (end = address + strlen(address); end > at + 1; end = dot) {
		for (dot = end; dot > at + 1 && dot[-1] != '.'; dot--)
			;
		n = snprintf(buf + used, bufsz - used, "%.*s.",
		    (int)(end - dot), dot);
		if (n < 0 || (size_t)n >= bufsz - used)
			return;
		used += (size_t)n;
		if (dot > at + 1)
			dot--;
	}
	snprintf(buf + used, bufsz - used, "mail.%.*s", (int)(at - address),
	    address);
}

static void
autoconfig_mobileconfig(struct autoconfig_out *o,
    const struct autoconfig_input *in)
{
	const struct mailclient *c = in->client;
	const char *descr = in->organisation != NULL ? in->organisation :
	    in->domain;
	char id[512], account_id[600], uuid[37];

	autoconfig_identifier(id, sizeof(id), in->address);
	snprintf(account_id, sizeof(account_id), "%s.account", id);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
	    "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
	    "<plist version=\"1.0\">\n<dict>\n"
	    "\t<key>PayloadContent</key>\n\t<array>\n\t\t<dict>\n", o->fp);
	autoconfig_plist_str(o, 3, "EmailAccountDescription", descr);
	autoconfig_plist_str(o, 3, "EmailAccountType", "EmailTypeIMAP");
	autoconfig_plist_str(o, 3, "EmailAddress", in->address);
	autoconfig_plist_server(o, "Incoming", c->imap_host, c->imap_port,
	    in->address);
	/* Apple Mail upgrades with STARTTLS when the port asks for it. */
	autoconfig_plist_server(o, "Outgoing", c->smtp_host, c->smtp_port,
	    in->address);
	autoconfig_plist_bool(o, 3, "OutgoingPasswordSameAsIncomingPassword",
	    1);
	autoconfig_plist_str(o, 3, "PayloadDisplayName", in->address);
	autoconfig_plist_str(o, 3, "PayloadIdentifier", account_id);
	autoconfig_plist_str(o, 3, "PayloadType", "com.apple.mail.managed");
	autoconfig_uuid(uuid);
	autoconfig_plist_str(o, 3, "PayloadUUID", uuid);
	autoconfig_plist_int(o, 3, "PayloadVersion", 1);
	fputs("\t\t</dict>\n\t</array>\n", o->fp);
	autoconfig_plist_str(o, 1, "PayloadDisplayName", descr);
	autoconfig_plist_str(o, 1, "PayloadIdentifier", id);
	if (in->organisation != NULL)
		autoconfig_plist_str(o, 1, "PayloadOrganization",
		    in->organisation);
	autoconfig_plist_bool(o, 1, "PayloadRemovalDisallowed", 0);
	autoconfig_plist_str(o, 1, "PayloadType", "Configuration");
	autoconfig_uuid(uuid);
	autoconfig_plist_str(o, 1, "PayloadUUID", uuid);
	autoconfig_plist_int(o, 1, "PayloadVersion", 1);
	fputs("</dict>\n</plist>\n", o->fp);
}

/* see autoconfig.h */
int
autoconfig_write(FILE *fp, enum autoconfig_format f,
    const struct autoconfig_input *in, struct errbuf *eb)
{
	struct autoconfig_out o = { fp, 0, NULL };

	switch (f) {
	case AUTOCONFIG_MOZILLA:
		autoconfig_mozilla(&o, in);
		break;
	case AUTOCONFIG_AUTODISCOVER:
		autoconfig_autodiscover(&o, in);
		break;
	case AUTOCONFIG_MOBILECONFIG:
		if (in->address == NULL)
			return err_set(eb, ISPM_EUSAGE, "a mobileconfig is "
			    "for one mailbox: give its ADDRESS, not the "
			    "domain '%s'", in->domain);
		autoconfig_mobileconfig(&o, in);
		break;
	}
	if (o.bad > 0)
		return err_set(eb, ISPM_EDATA, "cannot write <%s>: its value "
		    "has a character XML cannot carry", o.what);
	return 0;
}
