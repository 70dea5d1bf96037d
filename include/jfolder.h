/*
 * jfolder.h — the journal as a folder a file-sync tool can carry.
 *
 * Each machine appends to a file of its own in the folder
 * (<machine-id>.tsv), so two machines never write the same file and a sync
 * tool never has to merge one; the reader takes every *.tsv in the folder,
 * conflict copies included ("x.sync-conflict-....tsv", "x (1).tsv"), as one
 * more source, counts a record that several files share once, and orders
 * everything by time (journal_read.c).
 *
 */
#ifndef LIMBER_JFOLDER_H
#define LIMBER_JFOLDER_H

#include <stdbool.h>

/* Bounds on what a folder may hold; past them the rest is not read (said). */
#define JFOLDER_MAX_FILES 256

/* Whether `path` names a journal folder: it ends in '/' or is a directory. */
bool jfolder_is(const char *path);
/* This machine's file in folder `dir` (malloc'd), or NULL with *err (see
 * paths_machine_id). */
char *jfolder_machine_file(const char *dir, char **err);
/* The journal files in `dir`: regular files named *.tsv, not hidden, in
 * name order (malloc'd array of malloc'd paths). Returns how many, or -1
 * with *err. *more is set when JFOLDER_MAX_FILES cut the list. */
int jfolder_list(const char *dir, char ***files, bool *more, char **err);
void jfolder_list_free(char **files, int n);

#endif
