/*
 * see strength-msg.h
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "strength-msg.h"

/* French, sorted by the English key (strcmp order, capitals first). */
static const struct strength_msg msg_fr[] = {
	{ " centuries", " siècles" },
	{ " century", " siècle" },
	{ " day", " jour" },
	{ " days", " jours" },
	{ " hour", " heure" },
	{ " hours", " heures" },
	{ " minute", " minute" },
	{ " minutes", " minutes" },
	{ " month", " mois" },
	{ " months", " mois" },
	{ " reversed", " à l'envers" },
	{ " second", " seconde" },
	{ " seconds", " secondes" },
	{ " with l33t", " avec l33t" },
	{ " year", " an" },
	{ " years", " ans" },
	{ "English word", "mot anglais" },
	{ "Fair", "Moyen" },
	{ "French word", "mot français" },
	{ "Good", "Bon" },
	{ "ISPConfig needs at least %d characters",
	    "ISPConfig exige au moins %d caractères" },
	{ "ISPConfig rates it \"%s\", below \"%s\": add capitals, digits or "
	    "symbols",
	    "ISPConfig le juge « %s », sous « %s » : ajoutez majuscules, "
	    "chiffres ou symboles" },
	{ "Strong", "Fort" },
	{ "Very Strong", "Très fort" },
	{ "Weak", "Faible" },
	{ "centuries", "des siècles" },
	{ "characters", "caractères" },
	{ "club name", "nom de club" },
	{ "common password", "mot de passe courant" },
	{ "common password (rank %u)", "mot de passe courant (rang %u)" },
	{ "contains U+%04X, outside ISO-8859-1, which ISPConfig cannot store",
	    "contient U+%04X, hors ISO-8859-1, que ISPConfig ne peut pas "
	    "enregistrer" },
	{ "contains a name linked to the account",
	    "contient un nom lié au compte" },
	{ "contains the domain name", "contient le nom de domaine" },
	{ "contains the mailbox name", "contient le nom de la boîte" },
	{ "contains the person's name", "contient le nom de la personne" },
	{ "department number", "numéro de département" },
	{ "digits", "chiffres" },
	{ "digits and symbol", "chiffres et symbole" },
	{ "empty password", "mot de passe vide" },
	{ "first name", "prénom" },
	{ "keyboard walk '", "suite de touches '" },
	{ "less than a second", "moins d'une seconde" },
	{ "letters that read like a French word or name",
	    "lettres qui se lisent comme un mot ou un nom français" },
	{ "longer than %d bytes", "plus long que %d octets" },
	{ "place name", "nom de lieu" },
	{ "repetition '", "répétition '" },
	{ "sequence '", "suite '" },
	{ "surname", "nom de famille" },
	{ "symbol", "symbole" },
	{ "too short (%zu character%s)", "trop court (%zu caractère%s)" },
	{ "year", "année" },
};

static int
msg_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct strength_msg *)elem)->en);
}

/* see strength-msg.h */
const struct strength_msg *
strength_msg_table(enum strength_lang lang, size_t *n)
{
	if (lang == STRENGTH_LANG_FR) {
		*n = sizeof(msg_fr) / sizeof(msg_fr[0]);
		return msg_fr;
	}
	*n = 0;
	return NULL;
}

/* see strength-msg.h */
const char *
strength_msg(enum strength_lang lang, const char *en)
{
	const struct strength_msg *tab, *m;
	size_t n;

	if ((tab = strength_msg_table(lang, &n)) == NULL ||
	    (m = bsearch(en, tab, n, sizeof(*tab), msg_cmp)) == NULL)
		return en;
	return m->text;
}
