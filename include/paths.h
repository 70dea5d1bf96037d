/*
 * paths.h — where things live on a user's machine (XDG base directories).
 *
 * Routines, lowest priority first: the installed $(DATADIR)/routines, or
 * ./routines when run from the source tree; then
 * $XDG_CONFIG_HOME/limber/routines; then each --library DIR. A later layer's
 * file with the same id overrides an earlier one.
 * Journal: --journal PATH > $LIMBER_JOURNAL > the folder
 * $XDG_STATE_HOME/limber/journal/ (default ~/.local/state/limber/journal/),
 * one file per machine in it (jfolder.h). An explicit PATH is a file, or a
 * folder when it is a directory or ends in '/'.
 */
#ifndef LIMBER_PATHS_H
#define LIMBER_PATHS_H

#include <stddef.h>

/* Fill out[] with existing routine folders, lowest priority first, ending
 * with the extra folders given. Returns how many (at most max); the strings
 * are malloc'd. */
int paths_routine_layers(char **out, int max, const char *const *extra, int n_extra);
/* The journal path (malloc'd), given an explicit one or NULL: the default
 * is the folder, with a trailing '/', and a journal.tsv left by an older
 * limber is moved into it first as this machine's file. NULL when
 * there is none to give: no explicit path, no $LIMBER_JOURNAL, and HOME
 * and XDG_STATE_HOME both unset (see PATHS_NO_JOURNAL). */
char *paths_journal(const char *explicit_path);
/* How many folders, from journal folder `dir` up, the move of a
 * journal.tsv into it could not fsync (said on stderr then): 0, 1 or 2,
 * handed over once, for the journal opened there to retry. */
int paths_move_unsynced(const char *dir);
/* $XDG_CONFIG_HOME, or ~/.config (malloc'd): the base of limber's own
 * config folder and of systemd's user units. */
char *paths_config_home(void);
/* What to tell the user when paths_journal gives NULL. */
#define PATHS_NO_JOURNAL "no place for the journal: HOME and XDG_STATE_HOME are both " \
	"unset; set one of them, or give --journal FILE or $LIMBER_JOURNAL"
/* This machine's id for its journal file (malloc'd), or NULL with *err:
 * $LIMBER_MACHINE_ID, else the state folder's machine-id file, made once
 * from the host name and random hex. Kept outside the journal folder, so
 * a sync tool does not carry it to the other machines. */
char *paths_machine_id(char **err);
/* The state folder (malloc'd) for small files such as "notice shown". */
char *paths_state_dir(void);
/* `name` in the state folder (malloc'd), or NULL when this user has none
 * of their own (neither an absolute $XDG_STATE_HOME nor a $HOME): a file
 * there would land under whatever folder limber was started in. */
char *paths_state_file(const char *name);
/* The folder part of `file` (malloc'd): "." when it has none, "/" for a
 * file at the root. */
char *paths_parent(const char *file);
/* mkdir -p for the folder part of `file`. Returns 0 or -1 (errno set). */
int paths_make_parent(const char *file);

#endif
