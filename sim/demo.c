/*
 * The demo panel served when no --state file is given: the starting
 * point of the recorded 3.2.12 transcripts (server 1, client1 with
 * example.com, the remote users apiuser and apilimited) plus a second
 * client and a dozen mailboxes, some with the weak or legacy passwords
 * an audit has to find.  Passwords are hashed at start-up with fresh
 * salts, exactly as the panel would have stored them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypt.h>

#include "sim.h"

#define FN_SERVER "server_get,server_config_set,get_function_list," \
	"client_templates_get_all,server_get_serverid_by_ip,server_ip_get," \
	"server_ip_add,server_ip_update,server_ip_delete,system_config_set," \
	"system_config_get,config_value_get,config_value_add," \
	"config_value_update,config_value_replace,config_value_delete"
#define FN_CLIENT "client_get_all,client_get,client_add,client_update," \
	"client_delete,client_get_sites_by_user,client_get_by_username," \
	"client_get_by_customer_no,client_change_password,client_get_id," \
	"client_delete_everything,client_get_emailcontact"
#define FN_MAIL_DOMAIN "mail_domain_get,mail_domain_add," \
	"mail_domain_update,mail_domain_delete,mail_domain_set_status," \
	"mail_domain_get_by_domain"
#define FN_MAIL_ALIASDOMAIN "mail_aliasdomain_get,mail_aliasdomain_add," \
	"mail_aliasdomain_update,mail_aliasdomain_delete"
#define FN_MAIL_USER "mail_user_get,mail_user_add,mail_user_update," \
	"mail_user_delete,mail_user_get_all_by_client"
#define FN_MAIL_ALIAS "mail_alias_get,mail_alias_add,mail_alias_update," \
	"mail_alias_delete"
#define FN_MAIL_FORWARD "mail_forward_get,mail_forward_add," \
	"mail_forward_update,mail_forward_delete"
#define FN_MAIL_FILTER "mail_user_filter_get,mail_user_filter_add," \
	"mail_user_filter_update,mail_user_filter_delete"
#define FN_QUOTA "quota_get_by_user,trafficquota_get_by_user," \
	"mailquota_get_by_user,databasequota_get_by_user"
#define FN_MONITOR "monitor_jobqueue_count"

static const char server_ini[] =
	"[global]\n"
	"loglevel=2\n"
	"\n"
	"[server]\n"
	"hostname=server1.example.com\n"
	"ip_address=127.0.0.1\n"
	"\n"
	"[mail]\n"
	"module=postfix_mysql\n"
	"maildir_path=/var/vmail/[domain]/[localpart]\n"
	"homedir_path=/var/vmail\n"
	"maildir_format=maildir\n"
	"dkim_path=/var/lib/amavis/dkim\n"
	"dkim_strength=2048\n"
	"content_filter=rspamd\n"
	"rspamd_password=\n"
	"rspamd_redis_servers=127.0.0.1\n"
	"rspamd_redis_passwd=\n"
	"rspamd_redis_bayes_servers=127.0.0.1\n"
	"rspamd_redis_bayes_passwd=\n"
	"pop3_imap_daemon=dovecot\n"
	"mail_filter_syntax=sieve\n"
	"mailuser_uid=5000\n"
	"mailuser_gid=5000\n"
	"mailuser_name=vmail\n"
	"mailuser_group=vmail\n"
	"mailbox_virtual_uidgid_maps=n\n"
	"relayhost=\n"
	"relayhost_user=\n"
	"relayhost_password=\n"
	"mailbox_size_limit=0\n"
	"message_size_limit=0\n"
	"mailbox_soft_delete=0\n"
	"mailbox_quota_stats=y\n"
	"realtime_blackhole_list=\n"
	"overquota_notify_threshold=90\n"
	"overquota_notify_admin=y\n"
	"overquota_notify_reseller=y\n"
	"overquota_notify_client=y\n"
	"overquota_notify_freq=7\n"
	"overquota_notify_onok=n\n"
	"sendmail_path=/usr/sbin/sendmail\n"
	"rspamd_url=\n";

static const char sys_ini[] =
	"[misc]\n"
	"min_password_length=8\n"
	"min_password_strength=3\n"
	"\n"
	"[mail]\n"
	"enable_custom_login=n\n"
	"mailbox_show_autoresponder_tab=y\n"
	"mailbox_show_mail_filter_tab=y\n"
	"mailbox_show_custom_rules_tab=y\n";

/* client 1 as client_get returned it on the recorded 3.2.12 panel. */
static const char client_row[] =
	    "{\"client_id\":\"1\",\"sys_userid\":\"1\",\"sys_groupid\":\"1\","
	    "\"sys_perm_user\":\"riud\",\"sys_perm_group\":\"riud\","
	    "\"sys_perm_other\":\"\",\"company_name\":\"Example Ltd\","
	    "\"company_id\":null,\"gender\":\"\",\"contact_firstname\":\"Jean\","
	    "\"contact_name\":\"Dupont\",\"customer_no\":\"C1\",\"vat_id\":null,"
	    "\"street\":null,\"zip\":null,\"city\":null,\"state\":null,"
	    "\"country\":null,\"telephone\":null,\"mobile\":null,\"fax\":null,"
	    "\"email\":\"jean@example.org\",\"internet\":\"\",\"icq\":null,"
	    "\"notes\":null,\"bank_account_owner\":null,"
	    "\"bank_account_number\":null,\"bank_code\":null,\"bank_name\":null,"
	    "\"bank_account_iban\":null,\"bank_account_swift\":null,"
	    "\"paypal_email\":null,\"default_mailserver\":\"1\","
	    "\"mail_servers\":\"1\",\"limit_maildomain\":\"-1\","
	    "\"limit_mailbox\":\"-1\",\"limit_mailalias\":\"-1\","
	    "\"limit_mailaliasdomain\":\"-1\",\"limit_mailforward\":\"-1\","
	    "\"limit_mailcatchall\":\"-1\",\"limit_mailrouting\":\"0\","
	    "\"limit_mail_wblist\":\"0\",\"limit_mailfilter\":\"-1\","
	    "\"limit_fetchmail\":\"-1\",\"limit_mailquota\":\"-1\","
	    "\"limit_spamfilter_wblist\":\"0\",\"limit_spamfilter_user\":\"0\","
	    "\"limit_spamfilter_policy\":\"0\",\"limit_mail_backup\":\"y\","
	    "\"limit_relayhost\":\"n\",\"default_xmppserver\":\"1\","
	    "\"xmpp_servers\":null,\"limit_xmpp_domain\":\"-1\","
	    "\"limit_xmpp_user\":\"-1\",\"limit_xmpp_muc\":\"n\","
	    "\"limit_xmpp_anon\":\"n\","
	    "\"limit_xmpp_auth_options\":\"plain,hashed,isp\","
	    "\"limit_xmpp_vjud\":\"n\",\"limit_xmpp_proxy\":\"n\","
	    "\"limit_xmpp_status\":\"n\",\"limit_xmpp_pastebin\":\"n\","
	    "\"limit_xmpp_httparchive\":\"n\",\"default_webserver\":\"1\","
	    "\"web_servers\":null,\"limit_web_ip\":null,"
	    "\"limit_web_domain\":\"-1\",\"limit_web_quota\":\"-1\","
	    "\"web_php_options\":\"no,fast-cgi,cgi,mod,suphp,php-fpm,hhvm\","
	    "\"limit_cgi\":\"n\",\"limit_ssi\":\"n\",\"limit_perl\":\"n\","
	    "\"limit_ruby\":\"n\",\"limit_python\":\"n\",\"force_suexec\":\"y\","
	    "\"limit_hterror\":\"n\",\"limit_wildcard\":\"n\",\"limit_ssl\":\"n\","
	    "\"limit_ssl_letsencrypt\":\"n\",\"limit_web_subdomain\":\"-1\","
	    "\"limit_web_aliasdomain\":\"-1\",\"limit_ftp_user\":\"-1\","
	    "\"limit_shell_user\":\"0\",\"ssh_chroot\":\"no,jailkit,ssh-chroot\","
	    "\"limit_webdav_user\":\"0\",\"limit_backup\":\"y\","
	    "\"limit_directive_snippets\":\"n\",\"limit_aps\":\"-1\","
	    "\"default_dnsserver\":\"1\",\"db_servers\":null,"
	    "\"limit_dns_zone\":\"-1\",\"default_slave_dnsserver\":\"1\","
	    "\"limit_dns_slave_zone\":\"-1\",\"limit_dns_record\":\"-1\","
	    "\"default_dbserver\":\"1\",\"dns_servers\":null,"
	    "\"limit_database\":\"-1\",\"limit_database_user\":\"-1\","
	    "\"limit_database_quota\":\"-1\",\"limit_cron\":\"0\","
	    "\"limit_cron_type\":\"url\",\"limit_cron_frequency\":\"5\","
	    "\"limit_traffic_quota\":\"-1\",\"limit_client\":\"0\","
	    "\"limit_domainmodule\":\"0\",\"limit_mailmailinglist\":\"-1\","
	    "\"limit_openvz_vm\":\"0\",\"limit_openvz_vm_template_id\":\"0\","
	    "\"parent_client_id\":\"0\",\"username\":\"client1\","
	    "\"password\":\"@PLAIN:clientpass@\",\"language\":\"en\","
	    "\"usertheme\":\"default\",\"template_master\":\"0\","
	    "\"template_additional\":\"\",\"created_at\":\"1795977065\","
	    "\"locked\":\"n\",\"agb\":\"n\",\"dsgvo\":\"n\",\"canceled\":\"n\","
	    "\"can_use_api\":\"y\",\"tmp_data\":null,\"id_rsa\":null,"
	    "\"ssh_rsa\":\"\","
	    "\"customer_no_template\":\"R[CLIENTID]C[CUSTOMER_NO]\","
	    "\"customer_no_start\":\"1\",\"customer_no_counter\":\"0\","
	    "\"added_date\":\"2026-11-29\",\"added_by\":\"admin\","
	    "\"validation_status\":\"accept\",\"risk_score\":\"0\","
	    "\"activation_code\":\"\"}";

static const char skeleton[] = "{"
    "\"server\":[],\"sys_ini\":[],\"sys_group\":["
    "{\"groupid\":\"1\",\"name\":\"admin\","
    "\"description\":\"Administrators group\",\"client_id\":\"0\"},"
    "{\"groupid\":\"2\",\"name\":\"client1\",\"description\":\"\","
    "\"client_id\":\"1\"},"
    "{\"groupid\":\"3\",\"name\":\"client2\",\"description\":\"\","
    "\"client_id\":\"2\"}],"
    "\"sys_user\":[],\"client\":[],\"mail_domain\":[],"
    "\"mail_forwarding\":[],\"remote_user\":[],\"mail_user\":[]}";

static const char sys_user_tpl[] = "{"
    "\"userid\":\"2\",\"sys_userid\":\"1\",\"sys_groupid\":\"1\","
    "\"sys_perm_user\":\"riud\",\"sys_perm_group\":\"riud\","
    "\"sys_perm_other\":\"\",\"username\":\"client1\","
    "\"passwort\":\"@PLAIN:clientpass@\","
    "\"modules\":\"dashboard,mail,sites,dns,tools\","
    "\"startmodule\":\"dashboard\",\"app_theme\":\"default\","
    "\"typ\":\"user\",\"active\":\"1\",\"language\":\"en\","
    "\"groups\":\"2\",\"default_group\":\"2\",\"client_id\":\"1\","
    "\"id_rsa\":\"\",\"ssh_rsa\":\"\",\"lost_password_function\":\"1\","
    "\"lost_password_hash\":\"\",\"lost_password_reqtime\":null,"
    "\"otp_type\":\"none\",\"otp_data\":null,\"otp_recovery\":null,"
    "\"otp_attempts\":\"0\"}";

static const char domain_tpl[] = "{"
    "\"domain_id\":\"1\",\"sys_userid\":\"1\",\"sys_groupid\":\"2\","
    "\"sys_perm_user\":\"riud\",\"sys_perm_group\":\"ru\","
    "\"sys_perm_other\":\"\",\"server_id\":\"1\","
    "\"domain\":\"example.com\",\"dkim\":\"n\","
    "\"dkim_selector\":\"default\",\"dkim_private\":\"\","
    "\"dkim_public\":\"\",\"relay_host\":\"\",\"relay_user\":\"\","
    "\"relay_pass\":\"\",\"active\":\"y\"}";

/*
 * Mailbox passwords: "P:" a plaintext hashed the CRYPTMAIL way, "M:" a
 * plaintext hashed as MD5-crypt like ISPConfig <= 3.1.14 did, "" an empty
 * password, "R" a random strong password nobody knows.
 */
static const struct demo_box {
	const char	*id;
	const char	*group;
	const char	*email;
	const char	*name;
	const char	*password;
	const char	*quota;
	int		 disabled;
} demo_boxes[] = {
	{ "1", "2", "jean.dupont@example.com", "Jean Dupont", "R",
	    "1073741824", 0 },
	{ "2", "2", "marie.curie@example.com", "Marie Curie",
	    "P:soleil2024", "1073741824", 0 },
	{ "3", "2", "paul@example.com", "Paul Martin", "P:paul2024",
	    "536870912", 0 },
	{ "4", "2", "contact@example.com", "Contact", "P:azerty123",
	    "0", 0 },
	{ "5", "2", "info@example.com", "Info", "R", "0", 0 },
	{ "6", "2", "sales@example.com", "Sales", "M:sales2019",
	    "2147483648", 0 },
	{ "7", "2", "noreply@example.com", "No Reply", "", "104857600", 0 },
	{ "8", "3", "alice@example.org", "Alice Bernard", "R",
	    "1073741824", 0 },
	{ "9", "3", "bob@example.org", "Bob Durand", "P:bob2023",
	    "1073741824", 0 },
	{ "10", "3", "admin@example.org", "Admin", "P:Password1", "0", 0 },
	{ "11", "3", "support@example.org", "Support", "R", "0", 1 },
	{ "12", "3", "old@example.org", "Old Account", "M:123456", "0", 1 },
};

static struct json_object *
parse(const char *text)
{
	struct json_object *o;

	if ((o = json_tokener_parse(text)) == NULL)
		sim_fatal("built-in demo data does not parse");
	return o;
}

static void
add(struct json_object *db, const char *table, struct json_object *row)
{
	json_object_array_add(state_table(db, table), row);
}

static char *
crypt_md5(const char *pw)
{
	static const char alphabet[] =
	    "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	unsigned char rnd[8];
	char setting[16];
	struct crypt_data *cd;
	char *out;
	int i;

	sim_random(rnd, sizeof(rnd));
	memcpy(setting, "$1$", 3);
	for (i = 0; i < 8; i++)
		setting[3 + i] = alphabet[rnd[i] & 0x3f];
	setting[11] = '$';
	setting[12] = '\0';
	cd = sim_xcalloc(1, sizeof(*cd));
	if (crypt_rn(pw, setting, cd, sizeof(*cd)) == NULL)
		sim_fatal("crypt_rn failed for MD5-crypt");
	out = sim_xstrdup(cd->output);
	free(cd);
	return out;
}

/* Replace "@PLAIN:x@" with a panel-style hash of x. */
static void
hash_plain(struct json_object *row, const char *col)
{
	const char *v = row_str(row, col);
	char *pw, *hash;
	size_t len;

	if (v == NULL || strncmp(v, "@PLAIN:", 7) != 0)
		return;
	pw = sim_xstrdup(v + 7);
	if ((len = strlen(pw)) > 0 && pw[len - 1] == '@')
		pw[len - 1] = '\0';
	hash = crypt_sha512(pw);
	row_set(row, col, hash);
	free(hash);
	free(pw);
}

static struct json_object *
demo_remote_user(const char *id, const char *name, const char *pw,
    const char *functions)
{
	struct json_object *r;
	char *hash;

	r = json_object_new_object();
	row_set(r, "remote_userid", id);
	row_set(r, "sys_userid", "1");
	row_set(r, "sys_groupid", "1");
	row_set(r, "sys_perm_user", "riud");
	row_set(r, "sys_perm_group", "riud");
	row_set(r, "sys_perm_other", "");
	row_set(r, "remote_username", name);
	hash = crypt_sha512(pw);
	row_set(r, "remote_password", hash);
	free(hash);
	row_set(r, "remote_access", "y");
	row_set(r, "remote_ips", "");
	row_set(r, "remote_functions", functions);
	return r;
}

static struct json_object *
demo_mailbox(const struct demo_box *b)
{
	static const char strong[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmn"
	    "opqrstuvwxyz23456789!#%+-";
	struct json_object *row;
	unsigned char rnd[20];
	char pw[21], *hash = NULL, *at, *path;
	size_t i;

	row = mail_user_blank_row();
	row_set(row, "mailuser_id", b->id);
	row_set(row, "sys_userid", b->group);
	row_set(row, "sys_groupid", b->group);
	row_set(row, "server_id", "1");
	row_set(row, "email", b->email);
	row_set(row, "login", b->email);
	if (strcmp(b->password, "R") == 0) {
		sim_random(rnd, sizeof(rnd));
		for (i = 0; i < sizeof(rnd); i++)
			pw[i] = strong[rnd[i] % (sizeof(strong) - 1)];
		pw[sizeof(rnd)] = '\0';
		hash = crypt_mail(pw);
		explicit_bzero(pw, sizeof(pw));
	} else if (strncmp(b->password, "P:", 2) == 0)
		hash = crypt_mail(b->password + 2);
	else if (strncmp(b->password, "M:", 2) == 0)
		hash = crypt_md5(b->password + 2);
	row_set(row, "password", hash != NULL ? hash : "");
	free(hash);
	row_set(row, "name", b->name);
	row_set(row, "uid", "5000");
	row_set(row, "gid", "5000");
	at = strchr(b->email, '@');
	if (asprintf(&path, "/var/vmail/%s/%.*s", at + 1,
	    (int)(at - b->email), b->email) < 0)
		sim_fatal("out of memory");
	row_set(row, "maildir", path);
	free(path);
	row_set(row, "quota", b->quota);
	row_set(row, "homedir", "/var/vmail");
	row_set(row, "postfix", "y");
	/*
	 * Disabled in the web UI, which after saving the form copies
	 * disableimap into the two sieve columns and disabledeliver into
	 * the LDA and LMTP ones (mail_user_edit.php onAfterUpdate).
	 */
	if (b->disabled) {
		row_set(row, "disableimap", "y");
		row_set(row, "disablesieve", "y");
		row_set(row, "disablesieve-filter", "y");
		row_set(row, "disablepop3", "y");
		row_set(row, "disabledeliver", "y");
		row_set(row, "disablelda", "y");
		row_set(row, "disablelmtp", "y");
		row_set(row, "disablesmtp", "y");
	}
	return row;
}

struct json_object *
state_demo(void)
{
	struct json_object *db, *row;
	size_t i;

	db = parse(skeleton);

	row = json_object_new_object();
	row_set(row, "server_id", "1");
	row_set(row, "sys_userid", "1");
	row_set(row, "sys_groupid", "1");
	row_set(row, "sys_perm_user", "riud");
	row_set(row, "sys_perm_group", "riud");
	row_set(row, "sys_perm_other", "");
	row_set(row, "server_name", "server1.example.com");
	row_set(row, "mail_server", "1");
	row_set(row, "web_server", "1");
	row_set(row, "dns_server", "1");
	row_set(row, "file_server", "1");
	row_set(row, "db_server", "1");
	row_set(row, "config", server_ini);
	row_set(row, "active", "1");
	add(db, "server", row);

	row = json_object_new_object();
	row_set(row, "sysini_id", "1");
	row_set(row, "config", sys_ini);
	add(db, "sys_ini", row);

	row = parse(sys_user_tpl);
	hash_plain(row, "passwort");
	add(db, "sys_user", row);
	row = parse(sys_user_tpl);
	row_set(row, "userid", "3");
	row_set(row, "username", "client2");
	row_set(row, "passwort", "@PLAIN:client2pass@");
	hash_plain(row, "passwort");
	row_set(row, "groups", "3");
	row_set(row, "default_group", "3");
	row_set(row, "client_id", "2");
	add(db, "sys_user", row);

	row = parse(client_row);
	hash_plain(row, "password");
	add(db, "client", row);
	row = parse(client_row);
	row_set(row, "client_id", "2");
	row_set(row, "company_name", "Exemple SARL");
	row_set(row, "contact_firstname", "Marie");
	row_set(row, "contact_name", "Martin");
	row_set(row, "customer_no", "C2");
	row_set(row, "email", "marie@example.net");
	row_set(row, "username", "client2");
	row_set(row, "password", "@PLAIN:client2pass@");
	hash_plain(row, "password");
	add(db, "client", row);

	add(db, "mail_domain", parse(domain_tpl));
	row = parse(domain_tpl);
	row_set(row, "domain_id", "2");
	row_set(row, "sys_groupid", "3");
	row_set(row, "domain", "example.org");
	add(db, "mail_domain", row);

	add(db, "remote_user", demo_remote_user("1", "apiuser", "apipass123",
	    FN_SERVER ";" FN_CLIENT ";" FN_MAIL_DOMAIN ";"
	    FN_MAIL_ALIASDOMAIN ";" FN_MAIL_USER ";" FN_MAIL_ALIAS ";"
	    FN_MAIL_FORWARD ";" FN_MAIL_FILTER ";" FN_QUOTA ";" FN_MONITOR));
	add(db, "remote_user", demo_remote_user("2", "apilimited",
	    "limitedpass123", FN_MAIL_DOMAIN));

	for (i = 0; i < sizeof(demo_boxes) / sizeof(demo_boxes[0]); i++)
		add(db, "mail_user", demo_mailbox(&demo_boxes[i]));
	return db;
}
