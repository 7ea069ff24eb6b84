/*
 * ispconfig-sim: a stand-alone simulator of the ISPConfig 3.2.12 remote
 * JSON API (remote/json.php), written from the observed behaviour of a
 * real panel.  It shares no code with ispmail on purpose: the tests use
 * it as an independent oracle, which they could not do if both sides
 * validated and hashed with the same functions.
 */
#ifndef SIM_H
#define SIM_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <json-c/json.h>

/* Growable byte buffer; the simulator aborts on allocation failure. */
struct sbuf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

void	 sbuf_add(struct sbuf *, const void *, size_t);
void	 sbuf_adds(struct sbuf *, const char *);
void	 sbuf_addf(struct sbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 sbuf_free(struct sbuf *);

void	*sim_xmalloc(size_t);
void	*sim_xcalloc(size_t, size_t);
char	*sim_xstrdup(const char *);
void	 sim_fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	 sim_random(void *, size_t);

/* phpjson.c: PHP json_encode() output (slashes and non-ASCII escaped). */
void	 phpjson_encode(struct sbuf *, struct json_object *);
void	 phpjson_string(struct sbuf *, const char *, size_t);

/*
 * state.c: the "database".  Tables are JSON arrays of row objects under
 * their ISPConfig table names, every value a string or null, exactly as
 * mysqli hands them to PHP.
 */
struct json_object	*state_demo(void);
int			 state_load(const char *, struct json_object **,
			    char *, size_t);
int			 state_save(const char *, struct json_object *,
			    char *, size_t);
struct json_object	*state_table(struct json_object *, const char *);
const char		*row_str(struct json_object *, const char *);
void			 row_set(struct json_object *, const char *,
			    const char *);
void			 row_set_null(struct json_object *, const char *);
struct json_object	*state_find(struct json_object *, const char *,
			    const char *, const char *);
long long		 state_next_id(struct json_object *, const char *,
			    const char *);
char			*ini_get(const char *, const char *, const char *);
struct json_object	*ini_section(const char *, const char *);
struct json_object	*ini_all(const char *);
struct json_object	*mail_user_blank_row(void);

/* check.c: ISPConfig's validators, strength rule and CRYPTMAIL. */
int	 check_isemail(const char *);
int	 check_login(const char *);
int	 check_quota_regex(const char *);
int	 check_isint(const char *);
int	 check_cc(const char *);
int	 check_datetime(const char *);
int	 pw_strength(const char *);
char	*pw_policy_error(const char *, struct json_object *);
char	*crypt_mail(const char *);
char	*crypt_sha512(const char *);
int	 crypt_verify(const char *, const char *);
void	 str_lower(char *);

/* api.c: the remote API proper. */
struct api_result {
	int		 status;	/* HTTP status */
	const char	*ctype;		/* Content-Type */
	struct sbuf	 body;
	int		 changed;	/* state must be saved */
};

struct sim {
	struct json_object	*db;
	const char		*state_file;
	int			 session_ttl;
	int			 failure_window;
	long			 clock_offset;
};

void	 api_init(struct sim *);
void	 api_handle(struct sim *, const char *, const char *,
	    const char *, size_t, struct api_result *);
void	 api_expire_sessions(const char *);
void	 api_clear_failures(void);
void	 api_stats(struct json_object *);
void	 api_stats_reset(void);
void	 api_free(void);
time_t	 sim_now(struct sim *);

#endif /* SIM_H */
