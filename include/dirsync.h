/*
 * dirsync.h — fsync the folders whose entries a new or moved file changed,
 * from the file's own folder up, resuming where a failed attempt stopped
 * (STYLE.md 10: a name not fsync'd into its folder can vanish in a crash,
 * with the records under it).
 */
#ifndef LIMBER_DIRSYNC_H
#define LIMBER_DIRSYNC_H

/* fsync `total` folders: the one holding `file`, then each one above. The
 * top *left of them are still to do (the ones below were done by an
 * earlier call); each done one lowers *left. Returns 0 when *left is 0,
 * else -1 with errno set and *failed the folder that failed (malloc'd),
 * where the next call starts. */
int dirsync_up(const char *file, int total, int *left, char **failed);

#endif
