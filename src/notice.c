/*
 * notice.c — the "safety notice seen" marker; see notice.h.
 */
#include "notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "paths.h"
#include "xalloc.h"

static char *notice_file(void)
{
	char *d = paths_state_dir();
	char *f = xasprintf("%s/notice-seen", d);
	free(d);
	return f;
}

bool notice_first_run(void)
{
	char *f = notice_file();
	bool first = access(f, F_OK) != 0;
	free(f);
	return first;
}

void notice_mark_seen(void)
{
	char *f = notice_file();
	if (paths_make_parent(f) == 0) {
		FILE *fp = fopen(f, "w");
		if (fp) {
			fputs("The safety notice was shown; delete this file to see it "
			      "again at start.\n", fp);
			fclose(fp);
		}
	}
	free(f);
}
